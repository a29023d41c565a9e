from collections import defaultdict

from odoo import _, fields, models
from odoo.osv import expression

#: Roles a partner plays in a customs declaration.
DECLARATION_ROLE_FIELDS = (
    "customs_office_id",
    "declarant_id",
    "representative_id",
    "partner_id",
    "counterparty_id",
)
#: How many of the latest declarations the partner's Customs tab lists.
LATEST_DECLARATIONS = 10


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_customs_declaration_count = fields.Integer(
        "Customs Declarations",
        compute="_compute_crm_customs_declarations",
        help="Declarations of the company and its contacts in any role: "
        "customs office, declarant, representative, importer or exporter, "
        "supplier or customer.",
    )
    latest_crm_customs_declaration_ids = fields.Many2many(
        "crm.customs.declaration",
        compute="_compute_crm_customs_declarations",
        string="Latest Customs Declarations",
    )

    def _crm_customs_declaration_ids_by_partner(self):
        """Ids of the declarations of each commercial partner of ``self``: one
        grouped query per role for the whole recordset, merged in Python so
        that a declaration where a partner plays two roles counts once."""
        Declaration = self.env["crm.customs.declaration"]
        commercial_ids = [pid for pid in self.commercial_partner_id._origin.ids if pid]
        ids_by_partner = defaultdict(set)
        if not commercial_ids or not Declaration.has_access("read"):
            return ids_by_partner
        for fname in DECLARATION_ROLE_FIELDS:
            groups = Declaration._read_group(
                [(f"{fname}.commercial_partner_id", "in", commercial_ids)],
                [fname],
                ["id:array_agg"],
            )
            for partner, ids in groups:
                ids_by_partner[partner.commercial_partner_id.id].update(ids)
        return ids_by_partner

    def _compute_crm_customs_declarations(self):
        ids_by_partner = self._crm_customs_declaration_ids_by_partner()
        for partner in self:
            ids = ids_by_partner.get(partner.commercial_partner_id._origin.id, set())
            partner.crm_customs_declaration_count = len(ids)
            partner.latest_crm_customs_declaration_ids = [
                fields.Command.set(sorted(ids, reverse=True)[:LATEST_DECLARATIONS])
            ]

    def _get_crm_customs_declaration_domain(self):
        self.ensure_one()
        commercial = self.commercial_partner_id
        return expression.OR(
            [
                [(f"{fname}.commercial_partner_id", "=", commercial.id)]
                for fname in DECLARATION_ROLE_FIELDS
            ]
        )

    def action_open_crm_customs_declarations(self):
        self.ensure_one()
        commercial = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_customs.crm_customs_declaration_action"
        )
        action["domain"] = self._get_crm_customs_declaration_domain()
        context = {}
        if commercial.agency_type == "customs_office":
            context["default_customs_office_id"] = commercial.id
        elif commercial.is_supplier_counterparty or commercial.is_customer_counterparty:
            context["default_counterparty_id"] = commercial.id
            if not commercial.is_supplier_counterparty:
                context["default_direction"] = "export"
        action["context"] = context
        action["display_name"] = _(
            "Customs Declarations of %(partner)s", partner=commercial.display_name
        )
        return action
