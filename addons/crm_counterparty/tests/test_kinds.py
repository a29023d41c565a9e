from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.tests import Form, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import CounterpartyCase


@tagged("post_install", "-at_install")
class TestCounterpartyKinds(CounterpartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Widget", "list_price": 100.0, "standard_price": 60.0}
        )

    def test_seeded_kinds(self):
        """The five kinds are seeded and found by code."""
        codes = self.env["crm.counterparty.kind"].search([]).mapped("code")
        for code in (
            "customer",
            "supplier",
            "bank",
            "government_agency",
            "holding_member",
        ):
            self.assertIn(code, codes)

    def test_administrator_adds_kind(self):
        """A manager adds a kind; its code must be unique."""
        kind = (
            self.env["crm.counterparty.kind"]
            .with_user(self.cp_manager)
            .create({"name": "Distributor", "code": "distributor", "color": 3})
        )
        self.company_partner.counterparty_kind_ids = [Command.link(kind.id)]
        self.assertEqual(kind.partner_count, 1)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["crm.counterparty.kind"].create(
                {"name": "Again", "code": "distributor"}
            )

    def test_kinds_belong_to_commercial_entity(self):
        """Kinds set on the company show on its contacts."""
        contact = self.Partner.create(
            {"name": "Maria Ivanova", "parent_id": self.company_partner.id}
        )
        self.company_partner.counterparty_kind_ids = [
            Command.set([self.kind_supplier.id, self.kind_bank.id])
        ]
        self.assertEqual(
            contact.counterparty_kind_ids, self.kind_supplier | self.kind_bank
        )
        late = self.Partner.create(
            {"name": "Georgi Dimitrov", "parent_id": self.company_partner.id}
        )
        self.assertEqual(
            late.counterparty_kind_ids, self.kind_supplier | self.kind_bank
        )

    def test_kind_flags_and_search(self):
        """Kind flags are computed and searchable, and group-by kind works."""
        self.company_partner.counterparty_kind_ids = [Command.set([self.kind_bank.id])]
        self.assertTrue(self.company_partner.is_bank_counterparty)
        self.assertFalse(self.company_partner.is_customer_counterparty)
        banks = self.Partner.search([("is_bank_counterparty", "=", True)])
        self.assertIn(self.company_partner, banks)
        not_banks = self.Partner.search([("is_bank_counterparty", "=", False)])
        self.assertNotIn(self.company_partner, not_banks)
        groups = self.Partner._read_group(
            [("id", "=", self.company_partner.id)],
            ["counterparty_kind_ids"],
            ["__count"],
        )
        self.assertEqual(groups, [(self.kind_bank, 1)])

    def test_kind_by_hand_sets_rank(self):
        """Setting customer or supplier by hand sets the rank; removing clears it."""
        partner = self.company_partner
        self.assertEqual(partner.customer_rank, 0)
        partner.counterparty_kind_ids = [Command.link(self.kind_customer.id)]
        self.assertEqual(partner.customer_rank, 1)
        partner.counterparty_kind_ids = [Command.unlink(self.kind_customer.id)]
        self.assertEqual(partner.customer_rank, 0)
        created = self.Partner.create(
            {
                "name": "New Supplier",
                "counterparty_kind_ids": [Command.set(self.kind_supplier.ids)],
            }
        )
        self.assertEqual(created.supplier_rank, 1)

    def test_rank_sets_kind(self):
        """A partner created with a rank (as Odoo does for vendors) gets the kind."""
        partner = self.Partner.create({"name": "Vendor Ltd", "supplier_rank": 1})
        self.assertIn(self.kind_supplier, partner.counterparty_kind_ids)

    def test_confirmed_sale_makes_customer(self):
        """A confirmed sale makes the company a customer; a quotation does not."""
        contact = self.Partner.create(
            {"name": "Buyer", "parent_id": self.company_partner.id}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": contact.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        self.assertNotIn(self.kind_customer, self.company_partner.counterparty_kind_ids)
        order.action_confirm()
        self.assertIn(self.kind_customer, self.company_partner.counterparty_kind_ids)
        self.assertGreaterEqual(self.company_partner.customer_rank, 1)
        self.assertIn(self.kind_customer, contact.counterparty_kind_ids)

    def test_posted_invoice_makes_customer(self):
        """Posting a customer invoice makes the partner a customer."""
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.company_partner.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create({"product_id": self.product.id, "price_unit": 100.0})
                ],
            }
        )
        self.assertNotIn(self.kind_customer, self.company_partner.counterparty_kind_ids)
        invoice.action_post()
        self.assertIn(self.kind_customer, self.company_partner.counterparty_kind_ids)

    def test_confirmed_purchase_makes_supplier(self):
        """Confirming a purchase order makes the partner a supplier."""
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.company_partner.id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "product_qty": 2})
                ],
            }
        )
        self.assertNotIn(self.kind_supplier, self.company_partner.counterparty_kind_ids)
        order.button_confirm()
        self.assertEqual(order.state, "purchase")
        self.assertIn(self.kind_supplier, self.company_partner.counterparty_kind_ids)

    def test_vendor_bill_makes_supplier(self):
        """Posting a vendor bill makes the partner a supplier."""
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.company_partner.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create({"product_id": self.product.id, "price_unit": 60.0})
                ],
            }
        )
        bill.action_post()
        self.assertIn(self.kind_supplier, self.company_partner.counterparty_kind_ids)
        self.assertNotIn(self.kind_customer, self.company_partner.counterparty_kind_ids)

    def test_bills_and_payments_keep_banks_and_agencies_what_they_are(self):
        """A bill of a government agency or a payment of a bank makes neither
        a supplier or customer; a user may still give them such a kind."""
        agency = self.Partner.create(
            {
                "name": "National Revenue Agency",
                "is_company": True,
                "counterparty_kind_ids": [Command.set(self.kind_agency.ids)],
            }
        )
        bank = self.Partner.create(
            {
                "name": "Sofia Savings Bank",
                "is_company": True,
                "counterparty_kind_ids": [Command.set(self.kind_bank.ids)],
            }
        )
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": agency.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create({"product_id": self.product.id, "price_unit": 60.0})
                ],
            }
        )
        bill.action_post()
        fee = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": bank.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create({"product_id": self.product.id, "price_unit": 5.0})
                ],
            }
        )
        fee.action_post()
        self.assertGreaterEqual(agency.supplier_rank, 1, "Odoo's rank still counts")
        self.assertEqual(agency.counterparty_kind_ids, self.kind_agency)
        self.assertEqual(bank.counterparty_kind_ids, self.kind_bank)
        suppliers = self.Partner.search([("is_supplier_counterparty", "=", True)])
        self.assertNotIn(agency, suppliers)
        customers = self.Partner.search([("is_customer_counterparty", "=", True)])
        self.assertNotIn(bank, customers)
        created = self.Partner.create(
            {
                "name": "Customs Office",
                "supplier_rank": 1,
                "counterparty_kind_ids": [Command.set(self.kind_agency.ids)],
            }
        )
        self.assertEqual(created.counterparty_kind_ids, self.kind_agency)
        # Existing databases: the installation's sync leaves them as they are.
        self.Partner._sync_kinds_from_ranks_all()
        self.assertEqual(agency.counterparty_kind_ids, self.kind_agency)
        self.assertEqual(bank.counterparty_kind_ids, self.kind_bank)
        # By hand, the agency may be a supplier too.
        agency.counterparty_kind_ids = [Command.link(self.kind_supplier.id)]
        self.assertTrue(agency.is_supplier_counterparty)

    def test_bank_and_agency_fields(self):
        """A bank links to its res.bank and lists the accounts held there;
        an agency has a type and an official code."""
        bank = self.env["res.bank"].create(
            {"name": "Obedinena Banka", "bic": "UBBSBGSF"}
        )
        self.company_partner.write(
            {
                "counterparty_kind_ids": [Command.set(self.kind_bank.ids)],
                "bank_id": bank.id,
            }
        )
        holder = self.Partner.create({"name": "Account Holder"})
        account = self.env["res.partner.bank"].create(
            {
                "acc_number": "BG80BNBG96611020345678",
                "partner_id": holder.id,
                "bank_id": bank.id,
            }
        )
        self.assertEqual(self.company_partner.bank_bic, "UBBSBGSF")
        self.assertEqual(self.company_partner.held_bank_account_ids, account)
        agency = self.Partner.create(
            {
                "name": "Customs Sofia",
                "is_company": True,
                "counterparty_kind_ids": [Command.set(self.kind_agency.ids)],
                "agency_type": "customs_office",
                "agency_code": "BG001000",
            }
        )
        self.assertTrue(agency.is_agency_counterparty)
        self.assertEqual(
            self.Partner.search(
                [("agency_type", "=", "customs_office"), ("id", "=", agency.id)]
            ),
            agency,
        )

    def test_form_default_kind_from_action(self):
        """The Suppliers menu creates suppliers."""
        action = self.env.ref("crm_counterparty.res_partner_action_supplier")
        context = safe_eval(action.context)
        with Form(self.Partner.with_context(**context)) as form:
            form.name = "Menu Supplier"
        self.assertEqual(form.record.counterparty_kind_ids, self.kind_supplier)
        self.assertTrue(form.record.is_company)
        self.assertEqual(form.record.supplier_rank, 1)

    def test_post_init_hook_gives_kinds(self):
        """On installation, Odoo's existing customers get the customer kind."""
        partner = self.Partner.create({"name": "Old Customer"})
        self.env.cr.execute(
            "UPDATE res_partner SET customer_rank = 3 WHERE id = %s", [partner.id]
        )
        self.env.cr.execute(
            "DELETE FROM res_partner_counterparty_kind_rel WHERE partner_id = %s",
            [partner.id],
        )
        self.Partner.invalidate_model()
        self.Partner._sync_kinds_from_ranks_all()
        self.assertIn(self.kind_customer, partner.counterparty_kind_ids)
        self.Partner.invalidate_model()
        self.env.cr.execute(
            "SELECT is_customer_counterparty FROM res_partner WHERE id = %s",
            [partner.id],
        )
        self.assertTrue(self.env.cr.fetchone()[0], "the stored flag follows")
        self.assertIn(
            partner, self.Partner.search([("is_customer_counterparty", "=", True)])
        )
        self.assertFalse(partner.counterparty_profile_ids, "no template, no profile")

    def test_kind_menu_lists_counterparties_not_contacts(self):
        """The Banks menu lists the bank, not each of its contact persons."""
        self.company_partner.counterparty_kind_ids = [Command.set(self.kind_bank.ids)]
        contact = self.Partner.create(
            {"name": "Teller", "parent_id": self.company_partner.id}
        )
        action = self.env.ref("crm_counterparty.res_partner_action_bank")
        found = self.Partner.search(safe_eval(action.domain))
        self.assertIn(self.company_partner, found)
        self.assertNotIn(contact, found)
