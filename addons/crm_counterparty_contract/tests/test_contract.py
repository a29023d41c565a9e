import re
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.crm_counterparty.tests.common import CounterpartyCase


@tagged("post_install", "-at_install")
class TestContract(CounterpartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Contract = cls.env["crm.contract"]
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")
        cls.company_partner.counterparty_kind_ids = [
            Command.set((cls.kind_customer | cls.kind_supplier).ids)
        ]
        cls.supplier = cls.Partner.create(
            {
                "name": "Rila Packaging EOOD",
                "is_company": True,
                "counterparty_kind_ids": [Command.set(cls.kind_supplier.ids)],
            }
        )
        cls.other_partner = cls.Partner.create(
            {"name": "Danube Metals AD", "is_company": True}
        )

    def _contract(self, **vals):
        return self.Contract.create(
            dict(
                {
                    "title": "Framework supply 2027",
                    "partner_id": self.company_partner.id,
                    "side": "customer",
                    "date_start": date(2027, 1, 1),
                    "date_end": date(2027, 12, 31),
                    "amount": 24000.0,
                    "user_id": self.cp_user.id,
                },
                **vals,
            )
        )

    def _todos(self, contract):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "crm.contract"),
                ("res_id", "=", contract.id),
                ("activity_type_id", "=", self.todo.id),
            ]
        )

    # ------------------------------------------------------------------
    # Numbering and defaults
    # ------------------------------------------------------------------

    @freeze_time("2026-03-10")
    def test_number_from_sequence(self):
        """Each new contract takes the next CTR/<year>/ number, readonly in the form."""
        with Form(self.Contract.with_user(self.cp_user)) as form:
            form.title = "Packaging supply"
            form.partner_id = self.supplier
            with self.assertRaises(AssertionError):
                form.name = "CTR/OWN/1"
        first = form.record
        second = self._contract()
        match_first = re.fullmatch(r"CTR/2026/(\d{5})", first.name)
        match_second = re.fullmatch(r"CTR/2026/(\d{5})", second.name)
        self.assertTrue(match_first and match_second, (first.name, second.name))
        self.assertEqual(int(match_second.group(1)), int(match_first.group(1)) + 1)
        self.assertEqual(first.copy().name[:9], "CTR/2026/")
        self.assertNotEqual(first.copy().name, first.name)

    def test_defaults(self):
        """Side follows the partner's kind unless the context gives it."""
        with Form(self.Contract.with_user(self.cp_user)) as form:
            form.title = "Packaging supply"
            form.partner_id = self.supplier
            self.assertEqual(form.side, "supplier")
            self.assertEqual(form.state, "draft")
            self.assertEqual(form.user_id, self.cp_user)
            self.assertEqual(form.currency_id, self.env.company.currency_id)
            self.assertEqual(form.renewal_notice_days, 30)
        contract = form.record
        self.assertEqual(contract.commercial_partner_id, self.supplier)
        ctx = {"default_side": "supplier"}
        with Form(self.Contract.with_user(self.cp_user).with_context(**ctx)) as form:
            form.title = "Offcuts bought back"
            form.partner_id = self.company_partner
            self.assertEqual(form.side, "supplier", "both kinds: the context decides")
        with Form(self.Contract.with_user(self.cp_user)) as form:
            form.title = "Offcuts bought back"
            form.side = "supplier"
            form.partner_id = self.company_partner
            self.assertEqual(
                form.side, "supplier", "both kinds: the user's choice stays"
            )
            form.partner_id = self.supplier
            form.partner_id = self.other_partner
            self.assertEqual(form.side, "supplier")

    def test_partner_action(self):
        """From a contact the action lists the company's contracts with defaults."""
        contract = self._contract()
        self._contract(partner_id=self.other_partner.id)
        contact = self.Partner.create(
            {"name": "Petar Ivanov", "parent_id": self.supplier.id}
        )
        supplier_contract = self._contract(partner_id=self.supplier.id)
        action = contact.action_open_documents("contract")
        self.assertEqual(self.Contract.search(action["domain"]), supplier_contract)
        self.assertEqual(action["context"]["default_partner_id"], self.supplier.id)
        self.assertEqual(action["context"]["default_side"], "supplier")
        action = self.company_partner.action_open_documents("contract")
        self.assertEqual(self.Contract.search(action["domain"]), contract)
        self.assertNotIn(
            "default_side", action["context"], "both customer and supplier"
        )

    # ------------------------------------------------------------------
    # States
    # ------------------------------------------------------------------

    @freeze_time("2027-02-01")
    def test_state_transitions(self):
        """Draft, active, terminated; wrong moves are refused."""
        contract = self._contract()
        self.assertEqual(contract.state, "draft")
        with self.assertRaises(UserError):
            contract.action_terminate()
        contract.with_user(self.cp_user).action_activate()
        self.assertEqual(contract.state, "active")
        with self.assertRaises(UserError):
            contract.action_activate()
        contract.with_user(self.cp_user).action_terminate()
        self.assertEqual(contract.state, "terminated")

    def _assert_state_refused(self, contract, call, *words):
        """``call`` raises a UserError naming the contract and the ``words``,
        and the contract keeps its state."""
        state = contract.state
        with self.assertRaises(UserError) as caught:
            call()
        for word in (contract.display_name, *words):
            self.assertIn(word, str(caught.exception))
        self.assertEqual(contract.state, state)

    @freeze_time("2027-02-01")
    def test_reset_to_draft_only_before_any_order(self):
        """An active contract without orders goes back to draft; one with
        orders, an expired or a terminated one does not, even by a write."""
        contract = self._contract().with_user(self.cp_user)
        contract.action_activate()
        contract.action_set_draft()
        self.assertEqual(contract.state, "draft")

        contract.action_activate()
        self.env["sale.order"].create(
            {"partner_id": self.company_partner.id, "crm_contract_id": contract.id}
        )
        self._assert_state_refused(contract, contract.action_set_draft, "orders")
        self._assert_state_refused(
            contract, lambda: contract.write({"state": "draft"}), "orders"
        )

        supplier_contract = self._contract(side="supplier").with_user(self.cp_user)
        supplier_contract.action_activate()
        self.env["purchase.order"].create(
            {
                "partner_id": self.company_partner.id,
                "crm_contract_id": supplier_contract.id,
            }
        )
        self._assert_state_refused(
            supplier_contract, supplier_contract.action_set_draft, "orders"
        )

        terminated = self._contract().with_user(self.cp_manager)
        terminated.action_activate()
        terminated.action_terminate()
        expired = self._contract(date_end=date(2027, 3, 31)).with_user(self.cp_user)
        expired.action_activate()
        with freeze_time("2027-04-01"):
            self.Contract._cron_update_states()
        self.assertEqual(expired.state, "expired")
        for closed in (terminated, expired, terminated.sudo()):
            label = closed._state_label()
            self._assert_state_refused(closed, closed.action_set_draft, label)
            self._assert_state_refused(
                closed, lambda c=closed: c.write({"state": "draft"}), label
            )
            self._assert_state_refused(
                closed, lambda c=closed: c.write({"state": "active"}), label
            )

    @freeze_time("2027-02-01")
    def test_delete_only_drafts_without_orders(self):
        """A manager deletes a draft without orders; a draft with orders and
        contracts in any other state stay."""
        manager = self.cp_manager
        draft = self._contract().with_user(manager)
        with_order = self._contract().with_user(manager)
        self.env["sale.order"].create(
            {"partner_id": self.company_partner.id, "crm_contract_id": with_order.id}
        )
        self._assert_state_refused(with_order, with_order.unlink, "orders")
        self.assertTrue(with_order.exists())
        for state, prepare in (
            ("Active", lambda c: c.action_activate()),
            ("Terminated", lambda c: c.action_activate() and c.action_terminate()),
        ):
            contract = self._contract().with_user(manager)
            prepare(contract)
            self._assert_state_refused(contract, contract.unlink, state)
            self.assertTrue(contract.exists())
        reset = self._contract().with_user(manager)
        reset.action_activate()
        reset.action_set_draft()
        (draft | reset).unlink()
        self.assertFalse((draft | reset).exists())

    @freeze_time("2027-02-01")
    def test_ended_contract_not_activated(self):
        """A draft contract whose end date is past cannot be activated."""
        contract = self._contract(
            date_start=date(2026, 1, 1), date_end=date(2027, 1, 31)
        )
        with self.assertRaises(UserError) as caught:
            contract.action_activate()
        self.assertIn("2027-01-31", str(caught.exception))
        self.assertEqual(contract.state, "draft")

    def test_cron_expires_ended_contracts(self):
        """The daily job expires active contracts the day after their end date."""
        contract = self._contract(date_end=date(2027, 3, 31))
        draft = self._contract(date_end=date(2027, 3, 31))
        open_ended = self._contract(date_end=False)
        with freeze_time("2027-01-15"):
            (contract | open_ended).action_activate()
        with freeze_time("2027-03-31"):
            self.Contract._cron_update_states()
            self.assertEqual(contract.state, "active")
        with freeze_time("2027-04-01"):
            self.Contract._cron_update_states()
            self.assertEqual(contract.state, "expired")
            self.assertEqual(draft.state, "draft", "only active contracts expire")
            self.assertEqual(open_ended.state, "active")
            with self.assertRaises(UserError):
                contract.action_terminate()

    def test_renewal_todo_created_once(self):
        """Within the renewal notice the responsible user gets one to-do, once."""
        contract = self._contract(date_end=date(2027, 6, 30))
        with freeze_time("2027-01-15"):
            contract.action_activate()
        with freeze_time("2027-05-30"):
            self.Contract._cron_update_states()
            self.assertFalse(self._todos(contract), "too early: 31 days before")
            self.assertFalse(contract.expiring_soon)
        with freeze_time("2027-05-31"):
            contract.invalidate_recordset(["expiring_soon"])
            self.assertTrue(contract.expiring_soon)
            self.assertIn(
                contract, self.Contract.search([("expiring_soon", "=", True)])
            )
            self.Contract._cron_update_states()
            self.Contract._cron_update_states()
            todo = self._todos(contract)
            self.assertEqual(len(todo), 1)
            self.assertEqual(todo.user_id, self.cp_user)
            self.assertEqual(todo.date_deadline, date(2027, 6, 29))
            self.assertTrue(contract.renewal_reminder_done)
        with freeze_time("2027-06-10"):
            self.Contract._cron_update_states()
            self.assertEqual(len(self._todos(contract)), 1)

    def test_renewal_todo_rearmed_by_new_end_date(self):
        """A new end date clears the flag and gets its own to-do."""
        contract = self._contract(date_end=date(2027, 6, 30))
        with freeze_time("2027-06-15"):
            contract.action_activate()
            self.Contract._cron_update_states()
            self._todos(contract).action_done()
            self.assertFalse(self._todos(contract))
            contract.date_end = date(2027, 7, 10)
            self.assertFalse(contract.renewal_reminder_done)
            self.Contract._cron_update_states()
            self.assertEqual(len(self._todos(contract)), 1)
            self.assertTrue(contract.renewal_reminder_done)
            contract.title = "Framework supply 2027, amended"
            self.assertTrue(contract.renewal_reminder_done, "kept without a new date")

    def test_draft_contract_gets_no_todo(self):
        """Only active contracts get a renewal to-do."""
        contract = self._contract(date_end=date(2027, 6, 30))
        with freeze_time("2027-06-15"):
            self.Contract._cron_update_states()
        self.assertFalse(self._todos(contract))
        self.assertFalse(contract.renewal_reminder_done)

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------

    def test_end_before_start_refused(self):
        """An end date before the start date is refused and nothing is written."""
        with self.assertRaises(ValidationError) as caught:
            self._contract(
                title="Backwards",
                date_start=date(2026, 2, 1),
                date_end=date(2026, 1, 1),
            )
        self.assertIn("2026-01-01", str(caught.exception))
        self.assertIn("2026-02-01", str(caught.exception))
        self.assertIn("Backwards", str(caught.exception))
        self.assertFalse(self.Contract.search([("title", "=", "Backwards")]))
        contract = self._contract()
        with self.assertRaises(ValidationError) as caught:
            contract.write({"date_end": date(2026, 12, 31)})
        self.assertIn(contract.name, str(caught.exception))
        contract.invalidate_recordset()
        self.assertEqual(contract.date_end, date(2027, 12, 31))

    def test_negative_value_refused(self):
        """A negative value is refused and nothing is written."""
        with self.assertRaises(ValidationError) as caught:
            self._contract(title="Negative", amount=-10.0)
        self.assertIn("-10", str(caught.exception))
        self.assertFalse(self.Contract.search([("title", "=", "Negative")]))
        contract = self._contract()
        with self.assertRaises(ValidationError):
            contract.write({"amount": -0.5})
        contract.invalidate_recordset()
        self.assertEqual(contract.amount, 24000.0)

    def test_database_refuses_bad_values(self):
        """The database itself refuses a negative value or reversed dates."""
        contract = self._contract()
        for query in (
            "UPDATE crm_contract SET amount = -1 WHERE id = %s",
            "UPDATE crm_contract SET date_end = date_start - 1 WHERE id = %s",
        ):
            with (
                self.assertRaises(IntegrityError),
                mute_logger("odoo.sql_db"),
                self.cr.savepoint(),
            ):
                self.cr.execute(query, [contract.id])

    # ------------------------------------------------------------------
    # Orders
    # ------------------------------------------------------------------

    def test_orders_listed_on_contract(self):
        """Sale and purchase orders made under a contract are listed on it."""
        sale_contract = self._contract()
        purchase_contract = self._contract(side="supplier")
        contact = self.Partner.create(
            {"name": "Ivan Petrov", "parent_id": self.company_partner.id}
        )
        with Form(self.env["sale.order"]) as form:
            form.partner_id = contact
            form.crm_contract_id = sale_contract
        sale = form.record
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": self.company_partner.id,
                "crm_contract_id": purchase_contract.id,
            }
        )
        self.assertEqual(sale_contract.sale_order_ids, sale)
        self.assertEqual(sale_contract.sale_order_count, 1)
        self.assertEqual(purchase_contract.purchase_order_ids, purchase)
        self.assertEqual(purchase_contract.purchase_order_count, 1)
        self.assertEqual(purchase_contract.sale_order_count, 0)
        action = sale_contract.action_open_sale_orders()
        self.assertEqual(self.env["sale.order"].search(action["domain"]), sale)
        self.assertEqual(action["context"]["default_crm_contract_id"], sale_contract.id)
        action = purchase_contract.action_open_purchase_orders()
        self.assertEqual(self.env["purchase.order"].search(action["domain"]), purchase)

    def test_order_of_other_partner_refused(self):
        """An order cannot be made under the contract of another partner."""
        contract = self._contract()
        orders = self.env["sale.order"].search([])
        with self.assertRaises(ValidationError) as caught:
            self.env["sale.order"].create(
                {"partner_id": self.other_partner.id, "crm_contract_id": contract.id}
            )
        self.assertIn(self.other_partner.name, str(caught.exception))
        self.assertEqual(self.env["sale.order"].search([]), orders)
        order = self.env["sale.order"].create({"partner_id": self.other_partner.id})
        with self.assertRaises(ValidationError):
            order.crm_contract_id = contract
        with self.assertRaises(ValidationError):
            self.env["purchase.order"].create(
                {"partner_id": self.other_partner.id, "crm_contract_id": contract.id}
            )

    def test_order_side_and_partner_change(self):
        """A sale needs a customer contract; the contract keeps its orders' partner."""
        supplier_contract = self._contract(side="supplier")
        with self.assertRaises(ValidationError):
            self.env["sale.order"].create(
                {
                    "partner_id": self.company_partner.id,
                    "crm_contract_id": supplier_contract.id,
                }
            )
        contract = self._contract()
        order = self.env["sale.order"].create(
            {"partner_id": self.company_partner.id, "crm_contract_id": contract.id}
        )
        with self.assertRaises(ValidationError):
            contract.partner_id = self.other_partner
        self.assertEqual(contract.partner_id, self.company_partner)
        with Form(order) as form:
            form.partner_id = self.other_partner
            self.assertFalse(form.crm_contract_id, "cleared for another partner")

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------

    def test_plain_user_cannot_read_contracts(self):
        """An employee without the counterparty group sees no contracts."""
        contract = self._contract()
        with self.assertRaises(AccessError):
            contract.with_user(self.plain_user).read(["title"])
        with self.assertRaises(AccessError):
            self.Contract.with_user(self.plain_user).create(
                {"title": "X", "partner_id": self.company_partner.id}
            )

    def test_counterparty_user_creates_but_cannot_delete(self):
        """A counterparty user records contracts; only a manager deletes drafts."""
        contract = self.Contract.with_user(self.cp_user).create(
            {"title": "Consulting", "partner_id": self.company_partner.id}
        )
        contract.amount = 1500.0
        with self.assertRaises(AccessError):
            contract.unlink()
        active = self._contract()
        active.action_activate()
        with self.assertRaises(UserError):
            active.with_user(self.cp_manager).unlink()
        contract.with_user(self.cp_manager).unlink()
        self.assertFalse(contract.exists())

    def test_other_company_cannot_see_contracts(self):
        """Contracts stay in their company."""
        contract = self._contract()
        other_company = self.env["res.company"].create({"name": "Other Co"})
        other_user = new_test_user(
            self.env,
            login="other_contract_user",
            groups="base.group_user,crm_counterparty.group_counterparty_manager",
            company_id=other_company.id,
            company_ids=[other_company.id],
        )
        contracts = self.Contract.with_user(other_user)
        self.assertFalse(contracts.search([("id", "=", contract.id)]))
        with self.assertRaises(AccessError):
            contract.with_user(other_user).read(["title"])
        own = contracts.create(
            {"title": "Local", "partner_id": self.company_partner.id}
        )
        self.assertEqual(own.company_id, other_company)
        self.assertEqual(own.currency_id, other_company.currency_id)
