from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.dossier_shape import DossierShapeCase


@tagged("post_install", "-at_install")
class TestPipelineDossierShapeTour(DossierShapeCase):
    """The relationship stage for customers and suppliers, the Pipeline tab
    for customers and partners with deals, Odoo's Opportunities counter only
    for partners without kind."""

    def test_customer(self):
        """A customer: stage, Pipeline tab, no Opportunities counter."""
        partner = self._shape_partner(
            "Shape Customer", ["customer"], relationship_stage="growing"
        )
        self._open(partner, "crm_pipeline_shape_customer")

    def test_supplier(self):
        """A supplier: stage (with the commercial terms), no Pipeline tab."""
        partner = self._shape_partner(
            "Shape Supplier", ["supplier"], relationship_stage="mature"
        )
        self._open(partner, "crm_pipeline_shape_supplier")

    def test_bank_and_customs_office(self):
        """A bank and a customs office: no stage (even one stored before),
        no Pipeline tab, no Opportunities counter."""
        for partner in (self._shape_bank(), self._shape_customs_office()):
            partner.relationship_stage = "growing"
            with self.subTest(partner=partner.name):
                self._open(partner, "crm_pipeline_shape_no_relationship")

    def test_bank_with_deal(self):
        """A bank with a deal has the Pipeline tab that lists it."""
        partner = self._shape_bank()
        self.env["crm.lead"].create(
            {"name": "Shape Deal", "type": "opportunity", "partner_id": partner.id}
        )
        self._open(partner, "crm_pipeline_shape_with_deal")

    def test_partner_without_kind(self):
        """A partner without kind keeps Odoo's Opportunities counter."""
        self._open(
            self._shape_partner("Shape Plain Partner"), "crm_pipeline_shape_plain"
        )
