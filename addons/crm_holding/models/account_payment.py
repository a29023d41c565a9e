from odoo import fields, models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    holding_id = fields.Many2one(
        related="partner_id.commercial_partner_id.holding_id",
        store=True,
        index="btree_not_null",
        help="The holding the partner belongs to today.",
    )
