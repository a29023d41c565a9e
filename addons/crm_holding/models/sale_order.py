from odoo import _, api, fields, models
from odoo.tools import SQL


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "crm.holding.document.mixin"]
    _holding_partner_field = "partner_id.commercial_partner_id"
    _holding_date_fields = ("date_order",)

    holding_id = fields.Many2one(
        help="The holding the customer belonged to on the order date (the day "
        "of confirmation once confirmed, in UTC like Odoo's currency rate): "
        "the order stays with it when the customer moves to another holding.",
    )

    @api.model
    def _holding_document_query(self):
        return SQL(
            """
            SELECT so.id, partner.commercial_partner_id AS partner_id,
                   so.date_order::date AS day
              FROM sale_order so
              JOIN res_partner partner ON partner.id = so.partner_id
            """
        )

    @api.depends(
        "company_id",
        "partner_id",
        "amount_total",
        "state",
        "partner_id.commercial_partner_id.holding_id",
    )
    def _compute_partner_credit_warning(self):
        """Odoo's credit warning banner, extended to the credit limit of the
        customer's holding: the receivable of all the companies of the
        holding plus this order."""
        res = super()._compute_partner_credit_warning()
        for order in self:
            warning = order._holding_credit_warning()
            if warning:
                order.partner_credit_warning = "\n".join(
                    filter(None, [order.partner_credit_warning, warning])
                )
        return res

    def _holding_credit_warning(self):
        self.ensure_one()
        if self.state not in ("draft", "sent") or not self.partner_id:
            return ""
        company = self.company_id or self.env.company
        amount = self.amount_total / (self.currency_rate or 1.0)
        return self.partner_id.sudo()._holding_credit_warning(company, amount)

    def action_confirm(self):
        """Confirm, and say so when an order goes over its holding's credit
        limit: a note in the order's chatter and a warning to the user. The
        limit warns, it does not block, like Odoo's own partner limit."""
        warnings = {order: order._holding_credit_warning() for order in self}
        res = super().action_confirm()
        over = {order: warning for order, warning in warnings.items() if warning}
        for order, warning in over.items():
            order.message_post(
                body=_("Confirmed over the holding credit limit. %s", warning),
                subtype_xmlid="mail.mt_note",
            )
        if over and res is True:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "warning",
                    "sticky": True,
                    "title": _("Holding credit limit exceeded"),
                    "message": "\n".join(over.values()),
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        return res
