from odoo import api, fields, models
from odoo.tools import SQL


class PurchaseOrder(models.Model):
    _name = "purchase.order"
    _inherit = ["purchase.order", "crm.holding.document.mixin"]
    _holding_partner_field = "partner_id.commercial_partner_id"
    # The confirmation date, as a sale order's date becomes its confirmation
    # date: the order date of a request for quotation is a deadline.
    _holding_date_fields = ("date_approve", "date_order")

    holding_id = fields.Many2one(
        help="The holding the vendor belonged to on the confirmation date of "
        "the order, or on its order date until it is confirmed (in UTC, like "
        "Odoo's currency rate): the order stays with it when the vendor moves "
        "to another holding.",
    )

    @api.model
    def _holding_document_query(self):
        return SQL(
            """
            SELECT po.id, partner.commercial_partner_id AS partner_id,
                   COALESCE(po.date_approve, po.date_order)::date AS day
              FROM purchase_order po
              JOIN res_partner partner ON partner.id = po.partner_id
            """
        )
