from odoo import fields, models
from odoo.tools import SQL


class PurchaseReport(models.Model):
    _inherit = "purchase.report"

    holding_id = fields.Many2one("res.partner", string="Holding", readonly=True)

    def _select(self) -> SQL:
        return SQL("%s, po.holding_id AS holding_id", super()._select())

    def _group_by(self) -> SQL:
        return SQL("%s, po.holding_id", super()._group_by())
