from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.dossier_shape import DossierShapeCase


@tagged("post_install", "-at_install")
class TestHoldingDossierShapeTour(DossierShapeCase):
    """The Holding tab only on holding members and the companies of a
    holding tree."""

    def test_holding_member(self):
        """A customer that is a holding member has the Holding tab, and its
        tabs still fit at 1,600 px."""
        partner = self._shape_partner(
            "Shape Member", ["customer", "supplier", "holding_member"]
        )
        self._open(partner, "crm_holding_shape_tab_shown")

    def test_companies_of_a_tree(self):
        """The parent and the member of a holding tree have the Holding tab,
        without the Holding Member kind."""
        parent = self._shape_partner("Shape Parent", ["customer"])
        member = self._shape_partner("Shape Subsidiary", ["customer"])
        self.env["crm.holding.membership"].create(
            {"parent_id": parent.id, "partner_id": member.id}
        )
        self.assertEqual(member.holding_id, parent)
        for partner in (parent, member):
            with self.subTest(partner=partner.name):
                self._open(partner, "crm_holding_shape_tab_shown")

    def test_no_holding(self):
        """A customer, a bank and a customs office outside any holding have
        no Holding tab."""
        for partner in (
            self._shape_partner("Shape Customer", ["customer"]),
            self._shape_bank(),
            self._shape_customs_office(),
        ):
            with self.subTest(partner=partner.name):
                self._open(partner, "crm_holding_shape_tab_hidden")
