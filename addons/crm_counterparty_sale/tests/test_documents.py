from odoo import Command
from odoo.tests import tagged

from .common import SaleDocumentCase


@tagged("post_install", "-at_install")
class TestSaleDocuments(SaleDocumentCase):
    """Offers and sales in the customer's dossier, as the registry gives them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_foreign_currency()
        cls.customer = cls._company("Varna Retail AD", cls.kind_customer)
        cls.customer_contact = cls.Partner.create(
            {"name": "Elena Dimitrova", "parent_id": cls.customer.id}
        )
        cls.supplier = cls._company("Rhodope Crates OOD", cls.kind_supplier)
        cls.bank = cls._company("Sofia Commercial Bank AD", cls.kind_bank)
        cls.agency = cls._company("National Revenue Agency", cls.kind_agency)

    def test_customer_orders(self):
        """Offers and sales are counted and summed in the company currency."""
        offer = self._sale(self.customer, 100.0)
        sent = self._sale(self.customer_contact, 50.0)
        sent.action_quotation_sent()
        sale = self._sale(self.customer, 200.0, confirm=True)
        foreign_sale = self._sale(
            self.customer_contact, 100.0, foreign=True, confirm=True
        )
        cancelled = self._sale(self.customer, 999.0)
        cancelled.action_cancel()
        self.assertEqual(foreign_sale.currency_id, self.foreign)

        self.assertEqual(self._count(self.customer, "offer"), 2)
        self.assertAlmostEqual(self._amount(self.customer, "offer"), 150.0)
        self.assertEqual(self._count(self.customer, "sale"), 2)
        self.assertAlmostEqual(
            self._amount(self.customer, "sale"), 250.0, msg="100 foreign = 50 at rate 2"
        )
        self.assertEqual(
            self._count(self.customer_contact, "sale"), 2, "shown on contacts too"
        )
        self.assertEqual(self._open(self.customer, "offer"), offer | sent)
        self.assertEqual(self._open(self.customer, "sale"), sale | foreign_sale)
        self.assertEqual(
            (
                self._latest(self.customer, "offer")
                | self._latest(self.customer, "sale")
            ),
            offer | sent | sale | foreign_sale,
        )
        action = self.customer_contact.action_open_documents("offer")
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)
        self.assertNotIn("search_default_my_quotation", action["context"])

    def test_visibility(self):
        """Offers and sales show in customers' dossiers only."""
        for partner, shown in (
            (self.customer, True),
            (self.customer_contact, True),
            (self.supplier, False),
            (self.bank, False),
            (self.agency, False),
        ):
            codes = {s["code"] for s in partner.get_dossier_documents()}
            self.assertEqual({"offer", "sale"} <= codes, shown, partner.name)
            self.assertEqual(bool({"offer", "sale"} & codes), shown, partner.name)

    def test_user_without_sales_rights(self):
        """A counterparty user without sales rights sees no offer or sale."""
        self._sale(self.customer, 100.0)
        self._sale(self.customer, 200.0, confirm=True)
        customer = self.customer.with_user(self.cp_user)
        self.assertEqual(self._count(customer, "offer"), 0)
        self.assertEqual(self._count(customer, "sale"), 0)
        self.assertFalse(self._latest(customer, "sale"))
        shown = {s["code"] for s in customer.get_dossier_documents(latest=True)}
        self.assertFalse(shown & {"offer", "sale"})
        salesman = self.customer.with_user(
            self.env["res.users"].create(
                {
                    "name": "Salesman",
                    "login": "sale_bridge_salesman",
                    "groups_id": [
                        Command.set(
                            [
                                self.env.ref(
                                    "sales_team.group_sale_salesman_all_leads"
                                ).id,
                                self.env.ref(
                                    "crm_counterparty.group_counterparty_user"
                                ).id,
                            ]
                        )
                    ],
                }
            )
        )
        self.assertEqual(self._count(salesman, "offer"), 1)
        self.assertEqual(self._count(salesman, "sale"), 1)

    def test_counters_batched(self):
        """The offers and sales of 5 or 50 customers take the same number of
        queries, and each customer gets its own."""
        partners = self.Partner.create(
            [
                {
                    "name": f"Batch {i}",
                    "is_company": True,
                    "counterparty_kind_ids": [Command.set(self.kind_customer.ids)],
                }
                for i in range(50)
            ]
        )
        for index, partner in enumerate(partners):
            self._sale(partner, 10.0 + index)
            self._sale(partner, 20.0, foreign=True, confirm=True)
        kinds = self._document_kind("offer") | self._document_kind("sale")

        self._totals_queries(partners[45:], kinds)  # warm the caches of access rights
        queries_5, _totals = self._totals_queries(partners[:5], kinds)
        queries_50, totals = self._totals_queries(partners, kinds)
        self.assertEqual(queries_50, queries_5)
        for index, partner in enumerate(partners):
            self.assertAlmostEqual(totals[partner.id]["offer"]["amount"], 10.0 + index)
            self.assertEqual(totals[partner.id]["sale"]["count"], 1)
            self.assertAlmostEqual(totals[partner.id]["sale"]["amount"], 10.0)
