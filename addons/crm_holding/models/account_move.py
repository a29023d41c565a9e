from odoo import api, fields, models
from odoo.tools import SQL


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "crm.holding.document.mixin"]
    _holding_partner_field = "commercial_partner_id"
    _holding_date_fields = ("invoice_date", "date")

    holding_id = fields.Many2one(
        help="The holding the partner belonged to on the invoice date (on the "
        "accounting date while there is none, and for other entries): the "
        "entry stays with it when the partner moves to another holding.",
    )

    @api.model
    def _holding_document_query(self):
        return SQL(
            """
            SELECT id, commercial_partner_id AS partner_id,
                   COALESCE(invoice_date, date) AS day
              FROM account_move
            """
        )
