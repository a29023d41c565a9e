"""Money is posted only by those Odoo lets post: each way a Counterparties
user without Billing rights could get a posted rent invoice, tried as an RPC
caller would (plain ``with_user``, context values as JSON sends them), and the
way a billing user does it."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.crm_counterparty.tests.common import DocumentCase
from odoo.addons.crm_counterparty_lease.models.crm_lease import (
    TERMS_FIELDS,
    TRUSTED_WRITE_KEY,
)


@tagged("post_install", "-at_install")
class TestLeaseRights(DocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Lease = cls.env["crm.lease"]
        # The weakest role that could try: a Counterparties user, who may
        # create and edit leases, without Billing rights.
        cls.attacker = new_test_user(
            cls.env,
            login="lease_attacker",
            groups="base.group_user,crm_counterparty.group_counterparty_user",
        )
        cls.billing_user = new_test_user(
            cls.env,
            login="lease_billing",
            groups="base.group_user,crm_counterparty.group_counterparty_user,"
            "account.group_account_invoice",
        )
        cls.other_customer = cls.Partner.create(
            {"name": "Pirin Logistics AD", "is_company": True}
        )

    def _vals(self, **vals):
        return dict(
            {
                "partner_id": self.company_partner.id,
                "partner_role": "lessee",
                "asset_description": "Hall 1, 8 Tsarigradsko Shose, Sofia",
                "date_start": date(2027, 1, 1),
                "rent": 250000.0,
            },
            **vals,
        )

    def _db(self, lease, *columns):
        """The lease's columns as stored: what a refused call left behind."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM crm_lease WHERE id = %s",
                SQL(", ").join(SQL.identifier(column) for column in columns),
                lease.id,
            )
        )
        return self.env.cr.fetchone()

    def _invoices(self, lease):
        return self.env["account.move"].search([("crm_lease_id", "=", lease.id)])

    def _run(self, day):
        with freeze_time(day):
            self.Lease._cron_create_rent_invoices()

    def _running(self, **vals):
        lease = self.Lease.with_user(self.billing_user).create(self._vals(**vals))
        lease.action_start()
        return lease.with_user(self.attacker)

    def test_counterparty_user_cannot_start(self):
        """Issue 20's case: a Counterparties user creates a lease of 250,000
        from the first of the month and starts it: refused, naming the lease;
        it stays a draft and the job bills nothing."""
        lease = self.Lease.with_user(self.attacker).create(self._vals())
        with self.assertRaises(AccessError) as caught:
            lease.action_start()
        self.assertIn(lease.name, str(caught.exception))
        self.assertEqual(self._db(lease, "state", "terms_approver_id"), ("draft", None))
        self._run("2027-01-02")
        self.assertFalse(self._invoices(lease))

    def test_state_not_written_directly(self):
        """Writing the state, even with the context key of the actions sent as
        a JSON value, is refused; nothing is written."""
        lease = self.Lease.with_user(self.attacker).create(self._vals())
        for context in ({}, {TRUSTED_WRITE_KEY: True}, {TRUSTED_WRITE_KEY: "1"}):
            with self.subTest(context=context):
                with self.assertRaises(AccessError) as caught:
                    lease.with_context(**context).write({"state": "running"})
                self.assertIn(lease.name, str(caught.exception))
                self.assertEqual(self._db(lease, "state"), ("draft",))
        running = self._running()
        with self.assertRaises(AccessError):
            running.write({"state": "draft"})
        self.assertEqual(self._db(running, "state"), ("running",))

    def test_billing_user_does_not_write_state_either(self):
        """The state changes through the buttons only, even for a billing
        user: a direct write skips their checks."""
        lease = self.Lease.with_user(self.billing_user).create(self._vals())
        with self.assertRaises(AccessError):
            lease.write({"state": "running"})
        self.assertEqual(self._db(lease, "state"), ("draft",))

    def test_create_running_refused(self):
        """A lease created running (in the values or by a default_state sent
        in the context) is refused; none is written."""
        count = self.Lease.search_count([])
        Lease = self.Lease.with_user(self.attacker)
        for vals, context in (
            (self._vals(state="running"), {}),
            (self._vals(), {"default_state": "running"}),
            (self._vals(state="ended"), {TRUSTED_WRITE_KEY: True}),
        ):
            with self.subTest(vals=vals, context=context):
                with self.assertRaises(AccessError) as caught:
                    Lease.with_context(**context).create(vals)
                self.assertIn(self.company_partner.name, str(caught.exception))
                self.assertEqual(self.Lease.search_count([]), count)

    def test_terms_of_running_lease_need_billing(self):
        """Each term of a running lease written by a Counterparties user is
        refused, naming the lease; the lease is unchanged and its invoices
        still posted. What does not make the invoice stays his to edit."""
        lease = self._running()
        other_company = self.env["res.company"].create({"name": "Lease Shell Co"})
        self.attacker.company_ids |= other_company
        eur = self.env.ref("base.EUR")
        if eur == self.company.currency_id:
            eur = self.env.ref("base.USD")
        eur.active = True
        columns = (*TERMS_FIELDS, "terms_approver_id")
        before = self._db(lease, *columns)
        other_journal = self.env["account.journal"].create(
            {"name": "Other Sales", "code": "OSJ", "type": "sale"}
        )
        for vals in (
            {"rent": 1.0},
            {"partner_id": self.other_customer.id},
            {"partner_role": "lessor"},
            {"date_start": "2026-01-01"},
            {"date_end": "2027-01-31"},
            {"billing_frequency": "yearly"},
            {"currency_id": eur.id},
            {"product_id": self.product.id},
            {"company_id": other_company.id},
            {"journal_id": other_journal.id},
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(AccessError) as caught:
                    lease.write(vals)
                self.assertIn(lease.name, str(caught.exception))
                self.assertEqual(self._db(lease, *columns), before)
        lease.write(
            {"note": "<p>Keys handed over</p>", "deposit": 10.0, "rent": 250000.0}
        )
        self.assertEqual(self._db(lease, *columns), before, "same rent: no change")
        self._run("2027-01-02")
        self.assertEqual(self._invoices(lease).state, "posted")

    def test_bill_now_needs_billing(self):
        """The Bill Due Periods button of a running lease, called by a
        Counterparties user, is refused by Odoo's own rights on invoices;
        no invoice is made."""
        lease = self._running()
        with freeze_time("2027-02-02"), self.assertRaises(AccessError):
            lease.action_create_invoices()
        self.assertFalse(self._invoices(lease))

    def test_approver_not_written(self):
        """The approver of the terms, which decides whether the job posts, is
        refused on create and write, to a Counterparties user and a billing
        user alike, forged context key or not."""
        lease = self.Lease.with_user(self.attacker).create(self._vals())
        for user in (self.attacker, self.billing_user):
            for context in ({}, {TRUSTED_WRITE_KEY: True}):
                with self.subTest(user=user.login, context=context):
                    with self.assertRaises(AccessError):
                        lease.with_user(user).with_context(**context).write(
                            {"terms_approver_id": self.billing_user.id}
                        )
                    self.assertEqual(self._db(lease, "terms_approver_id"), (None,))
                    with self.assertRaises(AccessError):
                        self.Lease.with_user(user).with_context(**context).create(
                            self._vals(terms_approver_id=self.billing_user.id)
                        )
        running = self._running()
        with self.assertRaises(AccessError):
            running.write({"terms_approver_id": self.attacker.id})
        self.assertEqual(
            self._db(running, "terms_approver_id"), (self.billing_user.id,)
        )

    def test_billing_user_starts_and_job_posts(self):
        """The legit path: a billing user starts the lease, approving its
        terms; the job posts its invoice; a Counterparties user may still
        cancel it, and a billing user who changes the rent approves anew."""
        lease = self.Lease.with_user(self.billing_user).create(self._vals())
        lease.action_start()
        self.assertEqual(lease.terms_approver_id, self.billing_user)
        self.assertFalse(lease.terms_approval_needed)
        self._run("2027-01-02")
        invoice = self._invoices(lease)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.amount_untaxed, 250000.0)
        colleague = new_test_user(
            self.env,
            login="lease_billing_2",
            groups="base.group_user,crm_counterparty.group_counterparty_user,"
            "account.group_account_invoice",
        )
        lease.with_user(colleague).write({"rent": 260000.0})
        self.assertEqual(lease.terms_approver_id, colleague)
        self._run("2027-02-02")
        self.assertEqual(set(self._invoices(lease).mapped("state")), {"posted"})
        lease.with_user(self.attacker).action_cancel()
        self.assertEqual(self._db(lease, "state"), ("cancelled",))
        lease.with_user(self.attacker).action_set_draft()
        with self.assertRaises(AccessError):
            lease.with_user(self.attacker).action_start()
        self.assertEqual(self._db(lease, "state"), ("draft",))

    def test_job_drafts_when_approver_cannot_post(self):
        """Terms approved by a user who has since lost Billing rights: the job
        leaves drafts and tells the responsible once; a billing user approves
        the terms, which closes the to-do, and the next period is posted."""
        lease = self._running(user_id=self.attacker.id)
        self.billing_user.groups_id = [
            Command.unlink(self.env.ref("account.group_account_invoice").id)
        ]
        self.assertTrue(lease.terms_approval_needed)
        for day in ("2027-01-02", "2027-01-03"):
            self._run(day)
            invoice = self._invoices(lease)
            self.assertEqual(invoice.state, "draft", day)
            activity = self.env["mail.activity"].search(
                [("res_model", "=", "crm.lease"), ("res_id", "=", lease.id)]
            )
            self.assertEqual(len(activity), 1, "one to-do, not one per run")
            self.assertEqual(activity.user_id, self.attacker)
            self.assertIn(self.billing_user.name, activity.note)
            self.assertIn(lease.name, activity.note)
        with self.assertRaises(AccessError):
            lease.action_approve_terms()
        approver = new_test_user(
            self.env,
            login="lease_billing_3",
            groups="base.group_user,crm_counterparty.group_counterparty_user,"
            "account.group_account_invoice",
        )
        lease.with_user(approver).action_approve_terms()
        self.assertEqual(lease.terms_approver_id, approver)
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", "crm.lease"), ("res_id", "=", lease.id)]
            ),
            "closed by the approval",
        )
        self._run("2027-02-02")
        self.assertEqual(
            self._invoices(lease).sorted("crm_lease_period_start").mapped("state"),
            ["draft", "posted"],
            "the draft stays for accounting; the next period is posted",
        )

    def test_sudo_start_keeps_the_real_user(self):
        """Server code that starts a lease as superuser for a user without
        Billing rights records him as approver: the job leaves drafts."""
        lease = self.Lease.with_user(self.attacker).create(self._vals())
        lease.sudo().action_start()
        self.assertEqual(lease.terms_approver_id, self.attacker)
        self._run("2027-01-02")
        self.assertEqual(self._invoices(lease).state, "draft")
