from odoo import fields, models
from odoo.tools import SQL

DOCUMENT_TYPES = [
    ("offer", "Offer"),
    ("sale", "Sale"),
    ("purchase", "Purchase"),
    ("customer_invoice", "Customer Invoice"),
    ("vendor_bill", "Vendor Bill"),
]


class CrmHoldingReport(models.Model):
    """One row per document of every company, with the holding tree of its
    company: the per-member breakdown of the consolidated dossier in a pivot.

    Amounts are in the currency of the document's company (company
    currency); credit notes and refunds count negative. The query is read on
    every search, so overdue amounts follow the current date.
    """

    _name = "crm.holding.report"
    _description = "Consolidated Holding Analysis"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "document_name"

    document_type = fields.Selection(DOCUMENT_TYPES, readonly=True)
    document_name = fields.Char("Document", readonly=True)
    date = fields.Date(readonly=True)
    member_id = fields.Many2one("res.partner", string="Member", readonly=True)
    holding_id = fields.Many2one("res.partner", string="Holding", readonly=True)
    holding_parent_id = fields.Many2one(
        "res.partner", string="Parent in Holding", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount = fields.Monetary("Total", readonly=True)
    open_amount = fields.Monetary(
        "Open", readonly=True, help="What is still due on invoices and bills."
    )
    overdue_amount = fields.Monetary(
        "Overdue", readonly=True, help="What is still due past the due date."
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT so.id * 8 + 1 AS id,
                   CASE WHEN so.state = 'sale' THEN 'sale' ELSE 'offer' END
                       AS document_type,
                   so.name AS document_name,
                   so.date_order::date AS date,
                   member.id AS member_id,
                   member.holding_id,
                   member.holding_parent_id,
                   so.company_id,
                   company.currency_id,
                   so.amount_total / COALESCE(NULLIF(so.currency_rate, 0), 1.0)
                       AS amount,
                   0.0 AS open_amount,
                   0.0 AS overdue_amount
              FROM sale_order so
              JOIN res_partner partner ON partner.id = so.partner_id
              JOIN res_partner member ON member.id = partner.commercial_partner_id
              JOIN res_company company ON company.id = so.company_id
             WHERE so.state IN ('draft', 'sent', 'sale')
            UNION ALL
            SELECT po.id * 8 + 2,
                   'purchase',
                   po.name,
                   po.date_order::date,
                   member.id,
                   member.holding_id,
                   member.holding_parent_id,
                   po.company_id,
                   company.currency_id,
                   po.amount_total_cc,
                   0.0,
                   0.0
              FROM purchase_order po
              JOIN res_partner partner ON partner.id = po.partner_id
              JOIN res_partner member ON member.id = partner.commercial_partner_id
              JOIN res_company company ON company.id = po.company_id
             WHERE po.state IN ('purchase', 'done')
            UNION ALL
            SELECT move.id * 8 + 3,
                   CASE WHEN move.move_type IN ('out_invoice', 'out_refund')
                        THEN 'customer_invoice' ELSE 'vendor_bill' END,
                   move.name,
                   move.invoice_date,
                   member.id,
                   member.holding_id,
                   member.holding_parent_id,
                   move.company_id,
                   company.currency_id,
                   sign.factor * move.amount_total_signed,
                   sign.factor * move.amount_residual_signed,
                   CASE WHEN move.invoice_date_due < CURRENT_DATE
                        THEN sign.factor * move.amount_residual_signed
                        ELSE 0.0 END
              FROM account_move move
              JOIN res_partner member ON member.id = move.commercial_partner_id
              JOIN res_company company ON company.id = move.company_id
              CROSS JOIN LATERAL (
                  SELECT CASE WHEN move.move_type IN ('in_invoice', 'in_refund')
                              THEN -1 ELSE 1 END AS factor
              ) sign
             WHERE move.state = 'posted'
               AND move.move_type IN
                   ('out_invoice', 'out_refund', 'in_invoice', 'in_refund')
            """
        )
