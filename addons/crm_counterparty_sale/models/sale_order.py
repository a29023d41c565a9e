from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        """A confirmed sale makes the partner a customer, as a posted invoice does."""
        res = super()._action_confirm()
        self.partner_id.commercial_partner_id._increase_rank("customer_rank")
        return res
