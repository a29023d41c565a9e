from odoo import api, fields, models, tools


class CrmCounterpartyKind(models.Model):
    """What a partner is to the company: customer, supplier, bank, ...

    The five seeded kinds carry behaviour (rank sync, bank and agency fields)
    and are matched by ``code``; administrators may add more kinds, each with
    its own field template.
    """

    _name = "crm.counterparty.kind"
    _description = "Counterparty Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical key used by the suite and by integrations, e.g. 'customer'.",
    )
    color = fields.Integer()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    properties_definition = fields.PropertiesDefinition(
        "Field Template",
        help="Extra fields shown on every partner of this kind.",
    )
    partner_count = fields.Integer(compute="_compute_partner_count")

    _sql_constraints = [
        (
            "code_uniq",
            "unique(code)",
            "The code of a counterparty kind must be unique.",
        ),
    ]

    @api.model
    @tools.ormcache("code")
    def _get_id_by_code(self, code):
        """Id of the kind of ``code`` (archived ones included), or None."""
        kind = (
            self.sudo()
            .with_context(active_test=False)
            .search([("code", "=", code)], limit=1)
        )
        return kind.id or None

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if "code" in vals:
            self.env.registry.clear_cache()
        res = super().write(vals)
        if vals.get("properties_definition"):
            # A new template: its kind's counterparties get a profile to fill.
            partners = self.env["res.partner"].search(
                [("counterparty_kind_ids", "in", self.ids), ("parent_id", "=", False)]
            )
            partners._sync_counterparty_profiles()
        return res

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("counterparty_kind_ids", "in", self.ids), ("parent_id", "=", False)],
                ["counterparty_kind_ids"],
                ["__count"],
            )
        )
        for kind in self:
            kind.partner_count = counts.get(kind, 0)

    def action_open_partners(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_counterparty.res_partner_action_counterparty_all"
        )
        action["domain"] = [("counterparty_kind_ids", "in", self.ids)]
        action["display_name"] = self.name
        return action
