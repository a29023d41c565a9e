from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    holding_id = fields.Many2one(
        related="commercial_partner_id.holding_id",
        store=True,
        index="btree_not_null",
        help="The holding the partner belongs to today.",
    )
