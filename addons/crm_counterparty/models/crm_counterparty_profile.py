from odoo import api, fields, models


class CrmCounterpartyProfile(models.Model):
    """The values of one kind's field template for one commercial partner.

    A Properties field needs a single parent holding its definition, while a
    partner may have several kinds: one profile per (partner, kind) carries
    that kind's properties. Profiles are kept in step with the partner's kinds
    by ``res.partner._sync_counterparty_profiles``.
    """

    _name = "crm.counterparty.profile"
    _inherit = ["crm.company.guard.mixin"]
    _description = "Counterparty Profile"
    _order = "kind_sequence, id"
    _rec_name = "kind_id"

    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True
    )
    kind_id = fields.Many2one(
        "crm.counterparty.kind", required=True, ondelete="cascade", index=True
    )
    kind_sequence = fields.Integer(related="kind_id.sequence", store=True)
    company_id = fields.Many2one(related="partner_id.company_id", store=True)
    properties = fields.Properties(
        "Fields",
        definition="kind_id.properties_definition",
        copy=True,
    )
    has_properties = fields.Boolean(compute="_compute_has_properties")

    _sql_constraints = [
        (
            "partner_kind_uniq",
            "unique(partner_id, kind_id)",
            "A partner has one profile per counterparty kind.",
        ),
    ]

    @api.depends("kind_id.properties_definition")
    def _compute_has_properties(self):
        for profile in self:
            profile.has_properties = bool(profile.kind_id.properties_definition)
