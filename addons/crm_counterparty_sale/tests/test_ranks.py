from odoo import Command
from odoo.tests import tagged

from .common import SaleDocumentCase


@tagged("post_install", "-at_install")
class TestSaleRanks(SaleDocumentCase):
    """A confirmed sale gives its partner the customer rank and kind."""

    def _partner(self, name):
        return self.Partner.create({"name": name, "is_company": True})

    def _contact(self, company, name="Contact Person"):
        return self.Partner.create({"name": name, "parent_id": company.id})

    def test_confirmed_sale(self):
        """Confirming a sale to a contact makes its company a customer; a
        quotation does not."""
        company = self._partner("Buyer Co")
        contact = self._contact(company)
        order = self._sale(contact, 100.0)
        self.assertRanks(company, customer=False, supplier=False)
        order.action_confirm()
        self.assertRanks(company, customer=True, supplier=False)
        self.assertRanks(contact, customer=True, supplier=False)

    def test_confirmed_sale_to_bank(self):
        """A bank (a kind exempt from ranks) stays no customer when it buys."""
        bank = self._partner("Buying Bank AD")
        bank.counterparty_kind_ids = [Command.set(self.kind_bank.ids)]
        self._sale(bank, 100.0, confirm=True)
        self.assertRanks(bank, customer=False, supplier=False)
