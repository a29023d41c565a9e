from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.dossier_shape import DossierShapeCase


@tagged("post_install", "-at_install")
class TestSaleDossierShapeTour(DossierShapeCase):
    """Odoo's Sales counter: replaced by the Linked Documents tab for
    counterparties, kept for partners without kind."""

    def test_counterparties_without_sales_counter(self):
        """A customer, a bank and a customs office show no Sales counter."""
        for partner in (
            self._shape_partner("Shape Customer", ["customer"]),
            self._shape_bank(),
            self._shape_customs_office(),
        ):
            with self.subTest(partner=partner.name):
                self._open(partner, "crm_counterparty_sale_shape_counterparty")

    def test_partner_without_kind(self):
        """A partner without kind keeps Odoo's Sales counter."""
        partner = self._shape_partner("Shape Plain Partner")
        self._open(partner, "crm_counterparty_sale_shape_plain")
