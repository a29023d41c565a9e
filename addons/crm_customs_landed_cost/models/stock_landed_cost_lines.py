from odoo import fields, models


class StockLandedCostLines(models.Model):
    _inherit = "stock.landed.cost.lines"

    crm_customs_line_id = fields.Many2one(
        "crm.customs.declaration.line",
        string="Customs Declaration Line",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The goods whose duty and excise this cost is: it lands on their "
        "received moves only.",
    )
