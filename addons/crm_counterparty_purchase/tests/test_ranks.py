from odoo.tests import tagged

from .common import PurchaseDocumentCase


@tagged("post_install", "-at_install")
class TestPurchaseRanks(PurchaseDocumentCase):
    """A confirmed purchase gives its partner the supplier rank and kind."""

    def _partner(self, name):
        return self.Partner.create({"name": name, "is_company": True})

    def test_confirmed_purchase(self):
        """Confirming a purchase order makes the partner a supplier; an RFQ
        does not."""
        company = self._partner("Vendor Co")
        order = self._purchase(company, 60.0, confirm=False)
        self.assertRanks(company, customer=False, supplier=False)
        order.button_confirm()
        self.assertRanks(company, customer=False, supplier=True)
