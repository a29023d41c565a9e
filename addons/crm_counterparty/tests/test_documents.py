from lxml import etree

from odoo import Command
from odoo.tests import tagged

from .common import DocumentCase


@tagged("post_install", "-at_install")
class TestLinkedDocuments(DocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_foreign_currency()
        cls.customer = cls._company("Varna Retail AD", cls.kind_customer)
        cls.customer_contact = cls.Partner.create(
            {"name": "Elena Dimitrova", "parent_id": cls.customer.id}
        )
        cls.supplier = cls._company("Rhodope Crates OOD", cls.kind_supplier)
        cls.supplier_contact = cls.Partner.create(
            {"name": "Georgi Nikolov", "parent_id": cls.supplier.id}
        )
        cls.bank = cls._company("Sofia Commercial Bank AD", cls.kind_bank)
        cls.agency = cls._company("National Revenue Agency", cls.kind_agency)

    # ------------------------------------------------------------------
    # Document factories (and those of DocumentCase)
    # ------------------------------------------------------------------

    def _pay(self, invoice, amount):
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": amount, "payment_date": self.today})
            ._create_payments()
        )

    # ------------------------------------------------------------------
    # Customer
    # ------------------------------------------------------------------

    def test_customer_invoices_and_payments(self):
        """The open amount is what is due on posted invoices less credit notes."""
        invoice = self._move("out_invoice", self.customer, 1000.0)
        refund = self._move("out_refund", self.customer_contact, 100.0)
        draft = self._move("out_invoice", self.customer, 70.0, post=False)
        cancelled = self._move("out_invoice", self.customer, 80.0)
        cancelled.button_draft()
        cancelled.button_cancel()
        payment = self._pay(invoice, 400.0)
        draft_payment = self._payment(
            "inbound", self.customer_contact, 150.0, post=False
        )

        self.assertEqual(invoice.amount_residual, 600.0)
        self.assertEqual(self._count(self.customer, "customer_move"), 3, "drafts count")
        self.assertAlmostEqual(self._amount(self.customer, "customer_move"), 500.0)
        self.assertEqual(self._count(self.customer, "inbound_payment"), 2)
        self.assertAlmostEqual(
            self._amount(self.customer, "inbound_payment"),
            400.0,
            msg="drafts are not summed",
        )
        self.assertEqual(self._count(self.customer, "vendor_move"), 0)
        self.assertEqual(
            self._open(self.customer, "customer_move"),
            invoice | refund | draft,
        )
        self.assertEqual(
            self._open(self.customer, "inbound_payment"),
            payment | draft_payment,
        )
        self.assertEqual(
            self._latest(self.customer, "customer_move"), invoice | refund | draft
        )
        self.assertEqual(
            self._latest(self.customer, "inbound_payment"), payment | draft_payment
        )

    # ------------------------------------------------------------------
    # Supplier
    # ------------------------------------------------------------------

    def test_supplier_bills_and_payments(self):
        """A supplier's bills less refunds are payable; its payments are summed."""
        bill = self._move("in_invoice", self.supplier, 500.0)
        refund = self._move("in_refund", self.supplier_contact, 50.0)
        payment = self._payment("outbound", self.supplier, 200.0)
        supplier = self.supplier
        self.assertEqual(self._count(supplier, "vendor_move"), 2)
        self.assertAlmostEqual(self._amount(supplier, "vendor_move"), 450.0)
        self.assertEqual(self._count(supplier, "outbound_payment"), 1)
        self.assertAlmostEqual(self._amount(supplier, "outbound_payment"), 200.0)
        self.assertEqual(self._count(supplier, "customer_move"), 0)
        self.assertEqual(self._open(supplier, "vendor_move"), bill | refund)
        self.assertEqual(self._open(supplier, "outbound_payment"), payment)
        self.assertEqual(self._latest(supplier, "vendor_move"), bill | refund)
        self.assertEqual(self._latest(supplier, "outbound_payment"), payment)
        action = self.supplier_contact.action_open_documents("vendor_move")
        self.assertEqual(action["context"]["default_partner_id"], supplier.id)
        self.assertEqual(action["context"]["default_move_type"], "in_invoice")

    # ------------------------------------------------------------------
    # Bank and government agency
    # ------------------------------------------------------------------

    def test_bank_documents(self):
        """A bank's fees and payments; payments are not counted as documents."""
        fee = self._move("in_invoice", self.bank, 25.0)
        fee_payment = self._payment("outbound", self.bank, 25.0)
        loan = self._payment("inbound", self.bank, 1000.0)
        bank = self.bank
        self.assertEqual(self._count(bank, "financial_move"), 1)
        self.assertAlmostEqual(self._amount(bank, "financial_move"), 25.0)
        self.assertEqual(self._count(bank, "payment"), 2)
        self.assertAlmostEqual(
            self._amount(bank, "payment"), -975.0, msg="paid less received"
        )
        self.assertEqual(self._open(bank, "financial_move"), fee)
        self.assertEqual(self._open(bank, "payment"), fee_payment | loan)
        self.assertEqual(self._latest(bank, "financial_move"), fee)
        self.assertEqual(self._latest(bank, "payment"), fee_payment | loan)

    def test_bank_held_accounts(self):
        """A bank's dossier counts the accounts held at it."""
        res_bank = self.env["res.bank"].create({"name": "SCB", "bic": "SCBKBGSF"})
        self.bank.bank_id = res_bank
        account = self.env["res.partner.bank"].create(
            {
                "acc_number": "BG80BNBG96611020345678",
                "bank_id": res_bank.id,
                "partner_id": self.customer.id,
            }
        )
        self.assertEqual(self.bank.held_bank_account_count, 1)
        self.assertEqual(
            self._action_records(self.bank.action_open_held_bank_accounts()), account
        )

    def test_agency_documents(self):
        """A tax authority's bills and payments."""
        tax_bill = self._move("in_invoice", self.agency, 1200.0)
        self._pay(tax_bill, 1000.0)
        agency = self.agency
        self.assertEqual(self._count(agency, "financial_move"), 1)
        self.assertAlmostEqual(self._amount(agency, "financial_move"), 200.0)
        self.assertEqual(self._count(agency, "payment"), 1)
        self.assertAlmostEqual(self._amount(agency, "payment"), 1000.0)
        self.assertEqual(self._open(agency, "financial_move"), tax_bill)

    # ------------------------------------------------------------------
    # Visibility, access and speed
    # ------------------------------------------------------------------

    def test_visibility(self):
        """Each kind's documents show in the dossier of that kind only."""
        expected = {
            self.customer: {"customer_move", "inbound_payment"},
            self.supplier: {"vendor_move", "outbound_payment"},
            self.bank: {"financial_move", "payment"},
            self.agency: {"financial_move", "payment"},
        }
        not_expected = {
            self.customer: {"vendor_move", "financial_move"},
            self.supplier: {"customer_move", "financial_move"},
            self.bank: {"customer_move", "vendor_move"},
            self.agency: {"inbound_payment", "vendor_move"},
        }
        for partner, codes in expected.items():
            shown = {s["code"] for s in partner.get_dossier_documents()}
            self.assertLessEqual(codes, shown, partner.name)
            self.assertFalse(not_expected[partner] & shown, partner.name)
        contact_codes = {
            s["code"] for s in self.customer_contact.get_dossier_documents()
        }
        self.assertIn("customer_move", contact_codes, "a contact shows its company's")
        arch = self.env["res.partner"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        form = etree.fromstring(arch)
        page = form.xpath("//page[@name='dossier_documents']")
        self.assertTrue(page)
        self.assertTrue(page[0].xpath(".//widget[@name='crm_dossier_documents']"))
        self.assertIn("parent_id and not is_company", page[0].get("invisible"))

    def test_user_without_document_rights(self):
        """A counterparty user without accounting rights sees zeros and no
        section of Invoicing's documents."""
        self._move("out_invoice", self.customer, 100.0)
        self._payment("inbound", self.customer, 100.0)
        customer = self.customer.with_user(self.cp_user)
        self.assertEqual(self._count(customer, "customer_move"), 0)
        self.assertEqual(self._count(customer, "inbound_payment"), 0)
        self.assertFalse(self._latest(customer, "customer_move"))
        shown = {s["code"] for s in customer.get_dossier_documents(latest=True)}
        self.assertFalse(
            shown & {"customer_move", "overdue_customer_move", "inbound_payment"}
        )
        self.assertIn(
            "customer_move",
            {s["code"] for s in self.customer.get_dossier_documents(latest=True)},
            "an accountant's view of the same dossier has them",
        )

    def test_counters_batched(self):
        """All counters of 5 or 50 partners take the same number of queries.

        The kinds of every installed addon are counted: their bridges test
        their own documents' counts."""
        partners = self.Partner.create(
            [
                {
                    "name": f"Batch {i}",
                    "is_company": True,
                    "counterparty_kind_ids": [
                        Command.set((self.kind_customer | self.kind_supplier).ids)
                    ],
                }
                for i in range(60)
            ]
        )
        moves = self.env["account.move"].create(
            [
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "invoice_date": self.today,
                    "invoice_line_ids": [
                        Command.create({"name": "x", "price_unit": 40.0, "tax_ids": []})
                    ],
                }
                for partner in partners
                for move_type in ("out_invoice", "in_invoice")
            ]
        )
        moves.action_post()
        self.env["account.payment"].create(
            [
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": partner.id,
                    "amount": 5.0,
                }
                for partner in partners
            ]
        ).action_post()
        admin = self.env.ref("base.user_admin")
        partners = partners.with_user(admin)
        kinds = self.env["crm.counterparty.document.kind"].with_user(admin)._readable()
        self.assertGreaterEqual(len(kinds), 8)

        self._totals_queries(partners[50:55], kinds)  # warm the caches of access rights
        queries_5, totals = self._totals_queries(partners[:5], kinds)
        # One or two grouped queries per kind and one per figure, plus reads
        # of the partners, companies and currency rates: never one per partner.
        self.assertLessEqual(queries_5, 2 * len(kinds) + len(kinds.figure_ids) + 10)
        first = totals[partners[0].id]
        self.assertAlmostEqual(first["customer_move"]["amount"], 40.0)
        self.assertAlmostEqual(first["vendor_move"]["amount"], 40.0)
        self.assertEqual(first["inbound_payment"]["count"], 1)
        queries_50, totals = self._totals_queries(partners[:50], kinds)
        self.assertEqual(queries_50, queries_5)
        self.assertTrue(
            all(totals[p.id]["customer_move"]["count"] == 1 for p in partners[:50])
        )
