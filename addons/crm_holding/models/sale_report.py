from odoo import fields, models


class SaleReport(models.Model):
    _inherit = "sale.report"

    holding_id = fields.Many2one("res.partner", string="Holding", readonly=True)

    def _select_additional_fields(self):
        res = super()._select_additional_fields()
        res["holding_id"] = "s.holding_id"
        return res

    def _group_by_sale(self):
        return f"""{super()._group_by_sale()},
            s.holding_id"""
