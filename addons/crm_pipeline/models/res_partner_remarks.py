from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    """Free remarks on a partner, whose key=value pairs are kept as
    ``crm.partner.attribute`` rows to be searched."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # Remarks: internal notes, never shown to portal or public users
    remarks = fields.Text(
        groups="base.group_user",
        help="Free notes; key=value pairs (one per line or separated by ;) are "
        "searchable, e.g. segment=retail.",
    )
    remark_attribute_ids = fields.One2many(
        "crm.partner.attribute",
        "partner_id",
        string="Remark Attributes",
        readonly=True,
        groups="base.group_user",
    )
    remark_attribute = fields.Char(
        "Remark key=value",
        compute="_compute_remark_attribute",
        search="_search_remark_attribute",
        groups="base.group_user",
        help="Search remarks as key=value; stage=<stage> also finds the "
        "relationship stage.",
    )

    def _compute_remark_attribute(self):
        for partner in self:
            partner.remark_attribute = "; ".join(
                f"{a.key}={a.value}" for a in partner.remark_attribute_ids
            )

    def _search_remark_attribute(self, operator, value):
        if operator not in ("=", "ilike") or not isinstance(value, str):
            raise UserError(_("Search remarks with a key=value text."))
        if "=" not in value:
            return [("remarks", "ilike", value)]
        key, __, wanted = value.partition("=")
        key, wanted = key.strip().lower(), wanted.strip()
        comparator = "=ilike" if operator == "=" else "ilike"
        domain = [
            (
                "remark_attribute_ids",
                "any",
                [("key", "=", key), ("value", comparator, wanted)],
            )
        ]
        if key == "stage":
            domain = ["|", ("relationship_stage", "=", wanted.lower()), *domain]
        return domain

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners.filtered("remarks")._sync_remark_attributes()
        return partners

    def write(self, vals):
        res = super().write(vals)
        if "remarks" in vals:
            self._sync_remark_attributes()
        return res

    def _sync_remark_attributes(self):
        Attribute = self.env["crm.partner.attribute"].sudo()
        Attribute.search([("partner_id", "in", self.ids)]).unlink()
        Attribute.create(
            [
                {"partner_id": partner.id, "key": key, "value": value}
                for partner in self
                for key, value in Attribute._parse(partner.remarks)
            ]
        )
