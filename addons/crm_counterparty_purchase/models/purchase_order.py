from odoo import models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    def button_approve(self, force=False):
        """A confirmed purchase makes the partner a supplier, as a vendor bill does."""
        res = super().button_approve(force=force)
        confirmed = self.filtered(lambda o: o.state in ("purchase", "done"))
        confirmed.partner_id.commercial_partner_id._increase_rank("supplier_rank")
        return res
