from psycopg2 import IntegrityError

from odoo import Command
from odoo.tests import Form, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import CounterpartyCase


@tagged("post_install", "-at_install")
class TestCounterpartyKinds(CounterpartyCase):
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
