from odoo import Command
from odoo.tests import tagged

from .common import PurchaseDocumentCase


@tagged("post_install", "-at_install")
class TestPurchaseDocuments(PurchaseDocumentCase):
    """Purchases, supplier articles and supply discounts in the supplier's
    dossier, as the registry gives them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_foreign_currency()
        cls.customer = cls._company("Varna Retail AD", cls.kind_customer)
        cls.supplier = cls._company("Rhodope Crates OOD", cls.kind_supplier)
        cls.supplier_contact = cls.Partner.create(
            {"name": "Georgi Nikolov", "parent_id": cls.supplier.id}
        )
        cls.bank = cls._company("Sofia Commercial Bank AD", cls.kind_bank)

    def test_supplier_documents(self):
        """Requests, purchases, articles and discounts of a supplier."""
        # Known articles: confirming the orders adds no price line.
        articles = self.env["product.supplierinfo"].create(
            [
                {
                    "partner_id": self.supplier.id,
                    "product_tmpl_id": self.product.product_tmpl_id.id,
                    "product_code": "RC-01",
                    "price": 55.0,
                    "delay": 4,
                },
                {
                    "partner_id": self.supplier_contact.id,
                    "product_tmpl_id": self.product.product_tmpl_id.id,
                    "product_code": "RC-02",
                    "price": 52.0,
                },
            ]
        )
        purchase = self._purchase(self.supplier, 300.0)
        foreign_purchase = self._purchase(self.supplier_contact, 100.0, foreign=True)
        request = self._purchase(self.supplier, 700.0, confirm=False)
        sent = self._purchase(self.supplier_contact, 40.0, confirm=False)
        sent.write({"state": "sent"})
        cancelled = self._purchase(self.supplier, 999.0, confirm=False)
        cancelled.button_cancel()
        discount = self.env["crm.supply.discount"].create(
            {"partner_id": self.supplier.id, "discount": 3.0}
        )

        supplier = self.supplier
        self.assertEqual(self._count(supplier, "purchase"), 2, "RFQs are not purchases")
        self.assertAlmostEqual(self._amount(supplier, "purchase"), 350.0)
        self.assertEqual(self._count(supplier, "purchase_request"), 2)
        self.assertAlmostEqual(self._amount(supplier, "purchase_request"), 740.0)
        self.assertEqual(self._open(supplier, "purchase_request"), request | sent)
        self.assertEqual(self._latest(supplier, "purchase_request"), request | sent)
        self.assertEqual(self._count(supplier, "supplier_article"), 2)
        self.assertEqual(self._count(supplier, "supply_discount"), 1)
        self.assertEqual(supplier.supply_discount_ids, discount)
        self.assertEqual(self._open(supplier, "purchase"), purchase | foreign_purchase)
        self.assertEqual(self._open(supplier, "supplier_article"), articles)
        self.assertEqual(self._open(supplier, "supply_discount"), discount)
        self.assertEqual(
            self._latest(supplier, "purchase"), purchase | foreign_purchase
        )
        self.assertEqual(self._latest(supplier, "supplier_article"), articles)

    def test_visibility(self):
        """The purchase kinds show in suppliers' dossiers only."""
        codes = {"purchase_request", "purchase", "supplier_article", "supply_discount"}
        for partner, shown in (
            (self.supplier, True),
            (self.supplier_contact, True),
            (self.customer, False),
            (self.bank, False),
        ):
            got = {s["code"] for s in partner.get_dossier_documents()}
            self.assertEqual(codes <= got, shown, partner.name)
            self.assertEqual(bool(codes & got), shown, partner.name)

    def test_user_without_purchase_rights(self):
        """A counterparty user without purchase rights sees no purchase; the
        supply discounts are his own."""
        self._purchase(self.supplier, 100.0)
        self.env["crm.supply.discount"].create(
            {"partner_id": self.supplier.id, "discount": 2.0}
        )
        supplier = self.supplier.with_user(self.cp_user)
        self.assertEqual(self._count(supplier, "purchase"), 0)
        self.assertEqual(self._count(supplier, "supply_discount"), 1)
        shown = {s["code"] for s in supplier.get_dossier_documents(latest=True)}
        self.assertNotIn("purchase", shown)
        self.assertIn("supply_discount", shown)

    def test_counters_batched(self):
        """The purchase kinds of 5 or 50 suppliers take the same number of
        queries, and each supplier gets its own."""
        partners = self.Partner.create(
            [
                {
                    "name": f"Batch {i}",
                    "is_company": True,
                    "counterparty_kind_ids": [Command.set(self.kind_supplier.ids)],
                }
                for i in range(50)
            ]
        )
        # Known articles first: confirming the orders adds no price line.
        self.env["product.supplierinfo"].create(
            [
                {
                    "partner_id": partner.id,
                    "product_tmpl_id": self.product.product_tmpl_id.id,
                    "price": 1.0,
                }
                for partner in partners
            ]
        )
        for index, partner in enumerate(partners):
            self._purchase(partner, 30.0 + index)
            self._purchase(partner, 5.0, confirm=False)
        self.env["crm.supply.discount"].create(
            [{"partner_id": partner.id, "discount": 1.0} for partner in partners]
        )
        kinds = (
            self._document_kind("purchase_request")
            | self._document_kind("purchase")
            | self._document_kind("supplier_article")
            | self._document_kind("supply_discount")
        )

        self._totals_queries(partners[45:], kinds)  # warm the caches of access rights
        queries_5, _totals = self._totals_queries(partners[:5], kinds)
        queries_50, totals = self._totals_queries(partners, kinds)
        self.assertEqual(queries_50, queries_5)
        for index, partner in enumerate(partners):
            self.assertAlmostEqual(
                totals[partner.id]["purchase"]["amount"], 30.0 + index
            )
            self.assertAlmostEqual(
                totals[partner.id]["purchase_request"]["amount"], 5.0
            )
            self.assertEqual(totals[partner.id]["supplier_article"]["count"], 1)
            self.assertEqual(totals[partner.id]["supply_discount"]["count"], 1)
