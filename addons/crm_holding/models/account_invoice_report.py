from odoo import fields, models
from odoo.tools import SQL


class AccountInvoiceReport(models.Model):
    _inherit = "account.invoice.report"

    holding_id = fields.Many2one("res.partner", string="Holding", readonly=True)

    def _select(self) -> SQL:
        return SQL("%s, move.holding_id AS holding_id", super()._select())
