from datetime import timedelta

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import DocumentCase

#: Counters and amounts a list of partners may show.
TOTAL_FIELDS = [
    "offer_count",
    "offer_amount",
    "sale_count",
    "sale_amount",
    "customer_move_count",
    "customer_open_amount",
    "inbound_payment_count",
    "inbound_payment_amount",
    "client_card_count",
    "purchase_count",
    "purchase_amount",
    "vendor_move_count",
    "vendor_open_amount",
    "outbound_payment_count",
    "outbound_payment_amount",
    "supplier_article_count",
    "supply_discount_count",
    "financial_move_count",
    "financial_open_amount",
    "payment_count",
    "payment_amount",
    "contract_count",
    "lease_count",
]


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
        cls.card_program = cls.env["loyalty.program"].create(
            {"name": "Client Club", "program_type": "loyalty"}
        )
        cls.coupon_program = cls.env["loyalty.program"].create(
            {"name": "One-off coupons", "program_type": "coupons"}
        )
        cls.ewallet_program = cls.env["loyalty.program"].create(
            {"name": "Prepaid wallet", "program_type": "ewallet"}
        )
        cls.card_salesman = new_test_user(
            cls.env,
            login="card_salesman",
            groups="crm_counterparty.group_counterparty_user,"
            "sales_team.group_sale_salesman",
        )
        cls.card_manager = new_test_user(
            cls.env,
            login="card_manager",
            groups="crm_counterparty.group_counterparty_user,"
            "sales_team.group_sale_manager",
        )

    # ------------------------------------------------------------------
    # Document factories (and those of DocumentCase)
    # ------------------------------------------------------------------

    @classmethod
    def _card(cls, partner, points=0.0, program=None):
        return cls.env["loyalty.card"].create(
            {
                "program_id": (program or cls.card_program).id,
                "partner_id": partner.id,
                "points": points,
            }
        )

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

        self.assertEqual(self.customer.offer_count, 2)
        self.assertAlmostEqual(self.customer.offer_amount, 150.0)
        self.assertEqual(self.customer.sale_count, 2)
        self.assertAlmostEqual(
            self.customer.sale_amount, 250.0, msg="100 foreign = 50 at rate 2"
        )
        self.assertEqual(self.customer_contact.sale_count, 2, "shown on contacts too")
        self.assertEqual(
            self._action_records(self.customer.action_open_offers()), offer | sent
        )
        self.assertEqual(
            self._action_records(self.customer.action_open_sales()), sale | foreign_sale
        )
        self.assertEqual(
            self.customer.latest_sale_order_ids, offer | sent | sale | foreign_sale
        )
        action = self.customer_contact.action_open_offers()
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
        self.assertEqual(self.customer.customer_move_count, 3, "drafts count")
        self.assertAlmostEqual(self.customer.customer_open_amount, 500.0)
        self.assertEqual(self.customer.inbound_payment_count, 2)
        self.assertAlmostEqual(
            self.customer.inbound_payment_amount, 400.0, msg="drafts are not summed"
        )
        self.assertEqual(self.customer.vendor_move_count, 0)
        self.assertEqual(
            self._action_records(self.customer.action_open_customer_moves()),
            invoice | refund | draft,
        )
        self.assertEqual(
            self._action_records(self.customer.action_open_inbound_payments()),
            payment | draft_payment,
        )
        self.assertEqual(
            self.customer.latest_customer_move_ids, invoice | refund | draft
        )
        self.assertEqual(
            self.customer.latest_inbound_payment_ids, payment | draft_payment
        )

    def test_client_cards(self):
        """Client cards of the company and its contacts; coupons are not cards."""
        card = self._card(self.customer, 10.0)
        contact_card = self._card(self.customer_contact)
        self._card(self.customer, 5.0, program=self.coupon_program)
        self.assertEqual(self.customer.client_card_count, 2)
        self.assertEqual(
            self._action_records(self.customer.action_open_client_cards()),
            card | contact_card,
        )
        self.assertEqual(self.customer.latest_client_card_ids, card | contact_card)

    def test_issue_client_card(self):
        """A sales manager issues a client card from the dossier on a chosen
        programme; the balance issued is in the card's history."""
        Card = self.env["loyalty.card"]
        action = self.customer_contact.action_issue_client_card()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.card_manager)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard.partner_id, self.customer)
        wizard.program_id = self.card_program
        wizard.points = 100
        wizard.save().action_issue()
        card = Card.search([("partner_id", "=", self.customer.id)])
        self.assertEqual(card.program_id, self.card_program)
        self.assertEqual(card.points, 100)
        self.assertFalse(card.expiration_date)
        self.assertEqual(card.history_ids.mapped("issued"), [100.0])
        self.assertEqual(card.history_ids.mapped("used"), [0.0])
        self.assertIn(self.customer.name, card.history_ids.description)

        expires = self.today + timedelta(days=365)
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.card_manager)
            .with_context(**action["context"])
        )
        wizard.program_id = self.ewallet_program
        wizard.expiration_date = expires
        wizard.save().action_issue()
        ewallet = Card.search([("program_id", "=", self.ewallet_program.id)])
        self.assertEqual(ewallet.partner_id, self.customer)
        self.assertEqual(ewallet.expiration_date, expires)
        self.assertFalse(ewallet.history_ids, "no balance, no history line")
        self.assertEqual(self.customer.client_card_count, 2)
        self.assertEqual(
            self.customer.with_user(self.card_manager).latest_client_card_ids.mapped(
                "points"
            ),
            [0.0, 100.0],
        )

    def test_counterparty_user_cannot_issue_client_card(self):
        """A counterparty user without sales rights issues no card, even an
        eWallet with a balance through the wizard's model over RPC."""
        Wizard = self.env["crm.client.card.issue"]
        for user in (self.cp_user, self.card_salesman):
            with self.assertRaises(AccessError):
                Wizard.with_user(user).create(
                    {
                        "partner_id": self.customer.id,
                        "program_id": self.ewallet_program.id,
                        "points": 10000,
                    }
                )
        # Past the wizard's access rights, the card is still made with the
        # user's own rights.
        wizard = (
            Wizard.with_user(self.card_salesman)
            .sudo()
            .create(
                {
                    "partner_id": self.customer.id,
                    "program_id": self.ewallet_program.id,
                    "points": 10000,
                }
            )
            .sudo(False)
        )
        with self.assertRaises(AccessError):
            wizard.action_issue()
        self.assertFalse(
            self.env["loyalty.card"].search([("partner_id", "=", self.customer.id)])
        )

    def test_card_codes_only_for_loyalty_readers(self):
        """Card codes, counters and lists show only to the roles Odoo lets
        read loyalty cards: salespeople and sales managers."""
        card = self._card(self.customer, 50.0, program=self.ewallet_program)
        with self.assertRaises(AccessError):
            card.with_user(self.cp_user).read(["code"])
        with self.assertRaises(AccessError):
            self.env["loyalty.card"].with_user(self.cp_user).search_read([], ["code"])
        customer = self.customer.with_user(self.cp_user)
        self.assertEqual(customer.client_card_count, 0)
        self.assertFalse(customer.latest_client_card_ids)
        salesman_customer = self.customer.with_user(self.card_salesman)
        self.assertEqual(salesman_customer.client_card_count, 1)
        self.assertEqual(
            salesman_customer.latest_client_card_ids.mapped("code"), [card.code]
        )

        def form_names(user):
            arch = (
                self.env["res.partner"]
                .with_user(user)
                .get_views([(False, "form")])["views"]["form"]["arch"]
            )
            return set(etree.fromstring(arch).xpath("//@name"))

        names = form_names(self.cp_user)
        for name in (
            "latest_client_card_ids",
            "client_card_count",
            "action_open_client_cards",
            "action_issue_client_card",
        ):
            self.assertNotIn(name, names, "hidden from a counterparty user")
        names = form_names(self.card_salesman)
        self.assertIn("latest_client_card_ids", names)
        self.assertIn("action_open_client_cards", names)
        self.assertNotIn("action_issue_client_card", names, "issued by managers")
        self.assertIn("action_issue_client_card", form_names(self.card_manager))

    def test_issue_client_card_bad_input(self):
        """Negative points, a past date or a coupon programme are refused."""
        Wizard = self.env["crm.client.card.issue"]
        base = {"partner_id": self.customer.id, "program_id": self.ewallet_program.id}
        yesterday = self.today - timedelta(days=1)
        next_year = self.today + timedelta(days=365)
        for vals, bad in (
            ({"points": -5}, "-5"),
            ({"expiration_date": yesterday}, str(yesterday)),
            ({"program_id": self.coupon_program.id}, "One-off coupons"),
            (
                {"program_id": self.card_program.id, "expiration_date": next_year},
                str(next_year),
            ),
        ):
            with self.assertRaises(ValidationError) as caught:
                Wizard.create(dict(base, **vals))
            self.assertIn(bad, str(caught.exception))
        self.assertFalse(
            self.env["loyalty.card"].search([("partner_id", "=", self.customer.id)])
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
        self.assertEqual(supplier.purchase_count, 2, "RFQs are not purchases")
        self.assertAlmostEqual(supplier.purchase_amount, 350.0)
        self.assertEqual(supplier.vendor_move_count, 2)
        self.assertAlmostEqual(supplier.vendor_open_amount, 450.0)
        self.assertEqual(supplier.outbound_payment_count, 1)
        self.assertAlmostEqual(supplier.outbound_payment_amount, 200.0)
        self.assertEqual(supplier.supplier_article_count, 2)
        self.assertEqual(supplier.supply_discount_count, 1)
        self.assertEqual(supplier.supply_discount_ids, discount)
        self.assertEqual(
            self._action_records(supplier.action_open_purchases()),
            purchase | foreign_purchase,
        )
        self.assertEqual(
            self._action_records(supplier.action_open_vendor_moves()), bill | refund
        )
        self.assertEqual(
            self._action_records(supplier.action_open_outbound_payments()), payment
        )
        self.assertEqual(
            self._action_records(supplier.action_open_supplier_articles()), articles
        )
        self.assertEqual(
            self._action_records(supplier.action_open_supply_discounts()), discount
        )
        self.assertEqual(
            supplier.latest_purchase_order_ids, purchase | foreign_purchase
        )
        self.assertEqual(supplier.latest_vendor_move_ids, bill | refund)
        self.assertEqual(supplier.latest_outbound_payment_ids, payment)
        self.assertEqual(supplier.latest_supplier_article_ids, articles)

    # ------------------------------------------------------------------
    # Bank and government agency
    # ------------------------------------------------------------------

    def test_bank_documents(self):
        """A bank's fees and payments; payments are not counted as documents."""
        fee = self._move("in_invoice", self.bank, 25.0)
        fee_payment = self._payment("outbound", self.bank, 25.0)
        loan = self._payment("inbound", self.bank, 1000.0)
        bank = self.bank
        self.assertEqual(bank.financial_move_count, 1)
        self.assertAlmostEqual(bank.financial_open_amount, 25.0)
        self.assertEqual(bank.payment_count, 2)
        self.assertAlmostEqual(bank.payment_amount, -975.0, msg="paid less received")
        self.assertEqual(self._action_records(bank.action_open_financial_moves()), fee)
        self.assertEqual(
            self._action_records(bank.action_open_payments()), fee_payment | loan
        )
        self.assertEqual(bank.latest_financial_move_ids, fee)
        self.assertEqual(bank.latest_payment_ids, fee_payment | loan)

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
        self.assertEqual(agency.financial_move_count, 1)
        self.assertAlmostEqual(agency.financial_open_amount, 200.0)
        self.assertEqual(agency.payment_count, 1)
        self.assertAlmostEqual(agency.payment_amount, 1000.0)
        self.assertEqual(
            self._action_records(agency.action_open_financial_moves()), tax_bill
        )

    # ------------------------------------------------------------------
    # Visibility, access and speed
    # ------------------------------------------------------------------

    def test_visibility(self):
        """Each kind's buttons show only for that kind and on companies."""
        self.assertTrue(self.customer.is_customer_counterparty)
        self.assertFalse(self.customer.is_supplier_counterparty)
        self.assertTrue(self.supplier.is_supplier_counterparty)
        self.assertTrue(self.bank.is_bank_counterparty)
        self.assertTrue(self.agency.is_agency_counterparty)
        arch = self.env["res.partner"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        form = etree.fromstring(arch)
        flags = {
            "action_open_offers": "is_customer_counterparty",
            "action_open_customer_moves": "is_customer_counterparty",
            "action_open_client_cards": "is_customer_counterparty",
            "action_open_purchases": "is_supplier_counterparty",
            "action_open_supply_discounts": "is_supplier_counterparty",
            "action_open_supplier_articles": "is_supplier_counterparty",
            "action_open_financial_moves": "is_agency_counterparty",
        }
        for method, flag in flags.items():
            button = form.xpath(f"//button[@name='{method}']")
            self.assertTrue(button, method)
            invisible = button[0].get("invisible")
            self.assertIn(flag, invisible, method)
            self.assertIn("parent_id and not is_company", invisible, method)
        self.assertTrue(form.xpath("//page[@name='dossier_documents']"))

    def test_user_without_document_rights(self):
        """A counterparty user without sales or accounting rights sees zeros."""
        self._sale(self.customer, 100.0)
        self._move("out_invoice", self.customer, 100.0)
        customer = self.customer.with_user(self.cp_user)
        self.assertEqual(customer.offer_count, 0)
        self.assertEqual(customer.customer_move_count, 0)
        self.assertFalse(customer.latest_sale_order_ids)

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
        self.env["loyalty.card"].create(
            [
                {"program_id": self.card_program.id, "partner_id": partner.id}
                for partner in partners
            ]
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

        def count_queries(records):
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            values = records.read(TOTAL_FIELDS)
            return self.cr.sql_log_count - start, values

        count_queries(partners[50:55])  # warm the caches of access rights
        queries_5, values = count_queries(partners[:5])
        # Nine document models: one grouped query each, plus a few reads of
        # partners, companies and currency rates.
        self.assertLessEqual(queries_5, 22)
        self.assertEqual(values[0]["sale_count"], 1)
        self.assertAlmostEqual(values[0]["sale_amount"], 10.0)
        self.assertAlmostEqual(values[0]["customer_open_amount"], 40.0)
        self.assertEqual(values[0]["client_card_count"], 1)
        self.assertEqual(values[0]["contract_count"], 1)
        self.assertEqual(values[0]["lease_count"], 1)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(queries_5):
            values = partners[:50].read(TOTAL_FIELDS)
        queries_50, values = count_queries(partners[:50])
        self.assertEqual(queries_50, queries_5)
        self.assertTrue(all(v["purchase_count"] == 1 for v in values))

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
            self.assertEqual(record.contract_count, 2)
            self.assertEqual(record.lease_count, 1)
        self.assertEqual(partner.latest_contract_ids, contracts)
        self.assertEqual(partner.latest_lease_ids, lease)
        action = contact.action_open_contracts()
        self.assertEqual(self.env["crm.contract"].search(action["domain"]), contracts)
        action = contact.action_open_leases()
        self.assertIn(lease, self.env["crm.lease"].search(action["domain"]))
