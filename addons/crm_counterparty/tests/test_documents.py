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

    def test_supplier_documents(self):
        """Purchases, bills, payments, articles and discounts of a supplier."""
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
        self._purchase(self.supplier, 700.0, confirm=False)
        bill = self._move("in_invoice", self.supplier, 500.0)
        refund = self._move("in_refund", self.supplier_contact, 50.0)
        payment = self._payment("outbound", self.supplier, 200.0)
        discount = self.env["crm.supply.discount"].create(
            {"partner_id": self.supplier.id, "discount": 3.0}
        )

        supplier = self.supplier
        self.assertEqual(self._count(supplier, "purchase"), 2, "RFQs are not purchases")
        self.assertAlmostEqual(self._amount(supplier, "purchase"), 350.0)
        self.assertEqual(self._count(supplier, "vendor_move"), 2)
        self.assertAlmostEqual(self._amount(supplier, "vendor_move"), 450.0)
        self.assertEqual(self._count(supplier, "outbound_payment"), 1)
        self.assertAlmostEqual(self._amount(supplier, "outbound_payment"), 200.0)
        self.assertEqual(self._count(supplier, "supplier_article"), 2)
        self.assertEqual(self._count(supplier, "supply_discount"), 1)
        self.assertEqual(supplier.supply_discount_ids, discount)
        self.assertEqual(
            self._open(supplier, "purchase"),
            purchase | foreign_purchase,
        )
        self.assertEqual(self._open(supplier, "vendor_move"), bill | refund)
        self.assertEqual(self._open(supplier, "outbound_payment"), payment)
        self.assertEqual(self._open(supplier, "supplier_article"), articles)
        self.assertEqual(self._open(supplier, "supply_discount"), discount)
        self.assertEqual(
            self._latest(supplier, "purchase"), purchase | foreign_purchase
        )
        self.assertEqual(self._latest(supplier, "vendor_move"), bill | refund)
        self.assertEqual(self._latest(supplier, "outbound_payment"), payment)
        self.assertEqual(self._latest(supplier, "supplier_article"), articles)

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
            self.customer: {"offer", "sale", "customer_move", "inbound_payment"},
            self.supplier: {"purchase", "vendor_move", "supplier_article"},
            self.bank: {"financial_move", "payment"},
            self.agency: {"financial_move", "payment"},
        }
        not_expected = {
            self.customer: {"purchase", "financial_move"},
            self.supplier: {"offer", "customer_move", "financial_move"},
            self.bank: {"offer", "purchase", "contract"},
            self.agency: {"sale", "vendor_move"},
        }
        for partner, codes in expected.items():
            shown = {s["code"] for s in partner.get_dossier_documents()}
            self.assertLessEqual(codes, shown, partner.name)
            self.assertFalse(not_expected[partner] & shown, partner.name)
        contact_codes = {
            s["code"] for s in self.customer_contact.get_dossier_documents()
        }
        self.assertIn("sale", contact_codes, "a contact shows its company's")
        arch = self.env["res.partner"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        form = etree.fromstring(arch)
        page = form.xpath("//page[@name='dossier_documents']")
        self.assertTrue(page)
        self.assertTrue(page[0].xpath(".//widget[@name='crm_dossier_documents']"))
        self.assertIn("parent_id and not is_company", page[0].get("invisible"))

    def test_user_without_document_rights(self):
        """A counterparty user without sales or accounting rights sees zeros."""
        self._sale(self.customer, 100.0)
        self._move("out_invoice", self.customer, 100.0)
        customer = self.customer.with_user(self.cp_user)
        self.assertEqual(self._count(customer, "offer"), 0)
        self.assertEqual(self._count(customer, "customer_move"), 0)
        self.assertFalse(self._latest(customer, "sale"))
        shown = {s["code"] for s in customer.get_dossier_documents(latest=True)}
        self.assertEqual(shown, {"contract", "lease"}, "his own kinds only")

    def test_counters_batched(self):
        """All counters of 5 or 50 partners take the same number of queries."""
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
        for partner in partners:
            self._sale(partner, 10.0)
            self._sale(partner, 20.0, foreign=True, confirm=True)
            self._purchase(partner, 30.0)
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
        self.env["crm.supply.discount"].create(
            [{"partner_id": partner.id, "discount": 1.0} for partner in partners]
        )
        self.env["crm.contract"].create(
            [
                {
                    "title": "Framework",
                    "partner_id": partner.id,
                    "side": "customer",
                    "date_start": self.today,
                }
                for partner in partners
            ]
        )
        self.env["crm.lease"].create(
            [
                {
                    "partner_id": partner.id,
                    "partner_role": "lessee",
                    "asset_description": "Desk",
                    "date_start": self.today,
                    "rent": 10.0,
                }
                for partner in partners
            ]
        )
        admin = self.env.ref("base.user_admin")
        partners = partners.with_user(admin)
        kinds = self.env["crm.counterparty.document.kind"].with_user(admin)._readable()
        self.assertGreaterEqual(len(kinds), 14)

        def count_queries(records):
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            totals = records._dossier_document_totals(kinds)
            return self.cr.sql_log_count - start, totals

        count_queries(partners[50:55])  # warm the caches of access rights
        queries_5, totals = count_queries(partners[:5])
        # One or two grouped queries per kind, plus reads of the partners,
        # companies and currency rates: never one per partner.
        self.assertLessEqual(queries_5, 2 * len(kinds) + 10)
        first = totals[partners[0].id]
        self.assertEqual(first["sale"]["count"], 1)
        self.assertAlmostEqual(first["offer"]["amount"], 10.0)
        self.assertAlmostEqual(first["customer_move"]["amount"], 40.0)
        self.assertEqual(first["contract"]["count"], 1)
        self.assertEqual(first["lease"]["count"], 1)
        queries_50, totals = count_queries(partners[:50])
        self.assertEqual(queries_50, queries_5)
        self.assertTrue(
            all(totals[p.id]["purchase"]["count"] == 1 for p in partners[:50])
        )

    def test_contracts_and_leases_in_dossier(self):
        """A customer's contracts and leases are counted, listed and opened."""
        partner = self.Partner.create(
            {
                "name": "Contract Customer",
                "is_company": True,
                "counterparty_kind_ids": [Command.set(self.kind_customer.ids)],
            }
        )
        contact = self.Partner.create({"name": "Signer", "parent_id": partner.id})
        contracts = self.env["crm.contract"].create(
            [
                {
                    "title": title,
                    "partner_id": partner.id,
                    "side": "customer",
                    "date_start": self.today,
                }
                for title in ("Supply", "Service")
            ]
        )
        lease = self.env["crm.lease"].create(
            {
                "partner_id": partner.id,
                "partner_role": "lessee",
                "asset_description": "Showroom",
                "date_start": self.today,
                "rent": 900.0,
            }
        )
        self.env["crm.lease"].create(
            {
                "partner_id": partner.id,
                "partner_role": "lessee",
                "asset_description": "Cancelled kiosk",
                "date_start": self.today,
                "rent": 10.0,
                "state": "cancelled",
            }
        )
        (partner | contact).invalidate_recordset()
        for record in (partner, contact):
            self.assertEqual(self._count(record, "contract"), 2)
            self.assertEqual(self._count(record, "lease"), 1)
        self.assertEqual(self._latest(partner, "contract"), contracts)
        self.assertEqual(self._latest(partner, "lease"), lease)
        action = contact.action_open_documents("contract")
        self.assertEqual(self.env["crm.contract"].search(action["domain"]), contracts)
        action = contact.action_open_documents("lease")
        self.assertIn(lease, self.env["crm.lease"].search(action["domain"]))
