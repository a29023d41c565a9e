from odoo import fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    holding_id = fields.Many2one(
        related="partner_id.commercial_partner_id.holding_id",
        store=True,
        index="btree_not_null",
        help="The holding the vendor belongs to today.",
    )
