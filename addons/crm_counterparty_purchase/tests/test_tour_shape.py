from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.dossier_shape import DossierShapeCase


@tagged("post_install", "-at_install")
class TestPurchaseDossierShapeTour(DossierShapeCase):
    """Odoo's Purchases counter: replaced by the Linked Documents tab for
    counterparties, kept for partners without kind."""

    def test_counterparties_without_purchases_counter(self):
        """A supplier, a bank and a customs office show no Purchases counter."""
        for partner in (
            self._shape_partner("Shape Supplier", ["supplier"]),
            self._shape_bank(),
            self._shape_customs_office(),
        ):
            with self.subTest(partner=partner.name):
                self._open(partner, "crm_counterparty_purchase_shape_counterparty")

    def test_partner_without_kind(self):
        """A partner without kind keeps Odoo's Purchases counter."""
        partner = self._shape_partner("Shape Plain Partner")
        self._open(partner, "crm_counterparty_purchase_shape_plain")
