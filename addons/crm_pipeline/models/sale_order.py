from odoo import models
from odoo.tools.sql import create_index

#: Confirmed orders of a customer by date: each contact's sales of the
#: relationship-stage window, and its last older sale in one index step.
SALE_ORDER_PARTNER_DATE_INDEX = "sale_order_partner_id_date_order_sale_index"
#: The orders of a deal (sale_crm does not index ``opportunity_id``): won
#: deals without a confirmed order.
SALE_ORDER_OPPORTUNITY_INDEX = "sale_order_opportunity_id_index"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def init(self):
        res = super().init()
        create_index(
            self.env.cr,
            SALE_ORDER_PARTNER_DATE_INDEX,
            self._table,
            ["partner_id", "date_order"],
            where="state = 'sale'",
        )
        create_index(
            self.env.cr,
            SALE_ORDER_OPPORTUNITY_INDEX,
            self._table,
            ["opportunity_id"],
            where="opportunity_id IS NOT NULL",
        )
        return res
