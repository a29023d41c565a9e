from odoo import api, fields, models
from odoo.tools import SQL


class AccountPayment(models.Model):
    _name = "account.payment"
    _inherit = ["account.payment", "crm.holding.document.mixin"]
    _holding_partner_field = "partner_id.commercial_partner_id"
    _holding_date_fields = ("date",)

    holding_id = fields.Many2one(
        help="The holding the partner belonged to on the payment date: the "
        "payment stays with it when the partner moves to another holding.",
    )

    @api.model
    def _holding_document_query(self):
        return SQL(
            """
            SELECT payment.id, partner.commercial_partner_id AS partner_id,
                   payment.date AS day
              FROM account_payment payment
              JOIN res_partner partner ON partner.id = payment.partner_id
            """
        )
