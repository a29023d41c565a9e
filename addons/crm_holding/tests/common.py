from datetime import timedelta

from odoo.addons.crm_counterparty_purchase.tests.common import PurchaseDocumentCase
from odoo.addons.crm_counterparty_sale.tests.common import SaleDocumentCase

#: Figures of the consolidated dossier: (document kind code, count or amount).
CONSOLIDATED = {
    "offer_count": ("offer", "count"),
    "offer_amount": ("offer", "amount"),
    "sale_count": ("sale", "count"),
    "sale_amount": ("sale", "amount"),
    "customer_move_count": ("customer_move", "count"),
    "receivable_amount": ("customer_move", "amount"),
    "overdue_count": ("overdue_customer_move", "count"),
    "overdue_amount": ("overdue_customer_move", "amount"),
    "payable_amount": ("vendor_move", "amount"),
    "overdue_payable_amount": ("overdue_vendor_move", "amount"),
    "purchase_count": ("purchase", "count"),
    "purchase_amount": ("purchase", "amount"),
    "inbound_payment_amount": ("inbound_payment", "amount"),
    "outbound_payment_amount": ("outbound_payment", "amount"),
    "client_card_count": ("client_card", "count"),
    "supplier_article_count": ("supplier_article", "count"),
    "contract_count": ("contract", "count"),
    "lease_count": ("lease", "count"),
}


class HoldingCase(SaleDocumentCase, PurchaseDocumentCase):
    """Companies to put in holdings and factories of memberships; the
    documents' factories are those of the register and its sale and
    purchase bridges."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Membership = cls.env["crm.holding.membership"]

    @classmethod
    def _member(cls, partner, parent, **vals):
        return cls.Membership.create(
            {
                "partner_id": partner.id,
                "parent_id": parent.id,
                "date_start": cls.today - timedelta(days=365),
                **vals,
            }
        )

    @classmethod
    def _rila_chain(cls):
        """Rila Holding AD above Rila Trade EOOD (a) above Rila Foods OOD (b)."""
        cls.top = cls._company("Rila Holding AD")
        cls.a = cls._company("Rila Trade EOOD")
        cls.b = cls._company("Rila Foods OOD")
        cls.m_a = cls._member(cls.a, cls.top)
        cls.m_b = cls._member(cls.b, cls.a)

    def _consolidated(self, partner, *names):
        """The consolidated figures ``names`` (all by default, see
        ``CONSOLIDATED``) of ``partner``, as its user reads them."""
        kinds = self.env["crm.counterparty.document.kind"].with_env(partner.env)
        totals = partner._holding_document_totals(kinds._readable())
        totals = totals[partner.commercial_partner_id.id]
        return {
            name: totals.get(code, {}).get(figure, 0)
            for name, (code, figure) in CONSOLIDATED.items()
            if name in names or not names
        }
