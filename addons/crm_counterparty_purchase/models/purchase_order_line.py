from odoo import api, fields, models
from odoo.tools import float_is_zero


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    def _compute_price_unit_and_date_planned_and_name(self):
        """Odoo gives a line the discount of the supplier's price line, or none;
        a line left without a discount gets the supplier's supply discount."""
        res = super()._compute_price_unit_and_date_planned_and_name()
        self._apply_supply_discount()
        return res

    def _prepare_add_missing_fields(self, values):
        """A line created without a price gets it from the supplier, but Odoo
        leaves its discount out: deduce the discount the same way."""
        res = super()._prepare_add_missing_fields(values)
        if "price_unit" in res and "discount" not in values:
            res["discount"] = self.new(values).discount
        return res

    @api.model
    def _prepare_purchase_order_line(
        self, product_id, product_qty, product_uom, company_id, supplier, po
    ):
        """Lines of replenishment orders get the supply discount too."""
        res = super()._prepare_purchase_order_line(
            product_id, product_qty, product_uom, company_id, supplier, po
        )
        if not res.get("discount"):
            date = po.date_order.date() if po.date_order else fields.Date.today()
            discount = (
                self.env["crm.supply.discount"]
                .sudo()
                .search(
                    self.env["crm.supply.discount"]._applicable_domain(
                        po.partner_id.commercial_partner_id, company_id
                    )
                )
                ._select_for(
                    po.partner_id.commercial_partner_id, product_id, company_id, date
                )
            )
            if discount:
                res["discount"] = discount.discount
        return res

    def _apply_supply_discount(self):
        """Set the most specific valid supply discount on the lines that have no
        discount of their own, with one search for all of them.

        The discounts are read as superuser (a buyer need not have access to the
        counterparty register) but only those of the line's company or of all
        companies are used.
        """
        precision = self.env["decimal.precision"].precision_get("Discount")
        lines = self.filtered(
            lambda line: line.product_id
            and line.company_id
            and not line.invoice_lines
            and line.order_id.partner_id
            and float_is_zero(line.discount, precision_digits=precision)
        )
        if not lines:
            return
        suppliers = lines.order_id.partner_id.commercial_partner_id
        discounts = (
            self.env["crm.supply.discount"]
            .sudo()
            .search(
                self.env["crm.supply.discount"]._applicable_domain(
                    suppliers, lines.company_id
                )
            )
        )
        if not discounts:
            return
        for line in lines:
            date = (
                line.order_id.date_order.date()
                if line.order_id.date_order
                else fields.Date.context_today(line)
            )
            discount = discounts._select_for(
                line.order_id.partner_id.commercial_partner_id,
                line.product_id,
                line.company_id,
                date,
            )
            if discount:
                line.discount = discount.discount
