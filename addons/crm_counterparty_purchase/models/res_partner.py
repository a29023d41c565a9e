from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    supply_discount_ids = fields.One2many(
        "crm.supply.discount", "partner_id", string="Supply Discounts"
    )

    def _records_deleted_with_partners(self):
        """A supplier's discounts die with it, through the ORM."""
        return [
            *super()._records_deleted_with_partners(),
            self._records_referring_to("crm.supply.discount", "partner_id"),
        ]
