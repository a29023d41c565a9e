from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.crm_counterparty.tests.common import DocumentCase

LEASE_LOGGER = "odoo.addons.crm_counterparty_lease.models.crm_lease_billing_job"


@tagged("post_install", "-at_install")
class TestLease(DocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Lease = cls.env["crm.lease"]
        cls.Move = cls.env["account.move"]
        cls.supplier = cls.Partner.create(
            {
                "name": "Rila Estates EOOD",
                "is_company": True,
                "country_id": cls.bg.id,
                "counterparty_kind_ids": [(6, 0, cls.kind_supplier.ids)],
            }
        )
        cls.company_partner.counterparty_kind_ids = cls.kind_customer
        cls.sale_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "sale")], limit=1
        )
        cls.purchase_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "purchase")], limit=1
        )
        cls.product_rent = cls.env.ref("crm_counterparty_lease.product_rent")
        cls.billing_user = new_test_user(
            cls.env,
            login="lease_accountant",
            groups="base.group_user,crm_counterparty.group_counterparty_user,"
            "account.group_account_invoice",
        )

    def _lease(self, start=True, **vals):
        lease = self.Lease.create(
            dict(
                {
                    "partner_id": self.company_partner.id,
                    "partner_role": "lessee",
                    "asset_description": "Office 12, 5 Vitosha Blvd., Sofia",
                    "date_start": date(2027, 1, 15),
                    "rent": 1000.0,
                    "billing_frequency": "monthly",
                },
                **vals,
            )
        )
        if start:
            lease.action_start()
        return lease

    def _run(self, day):
        with freeze_time(day):
            self.Lease._cron_create_rent_invoices()

    def _moves(self, lease):
        return self.Move.search(
            [("crm_lease_id", "in", lease.ids)], order="crm_lease_period_start"
        )

    def _periods(self, lease):
        return [str(m.crm_lease_period_start) for m in self._moves(lease)]

    # ------------------------------------------------------------------
    # Numbering, defaults, form
    # ------------------------------------------------------------------

    def test_number_and_journal(self):
        """A lease is numbered LSE/year/n and takes the sales or purchase journal."""
        lease = self._lease(start=False)
        self.assertRegex(lease.name, r"^LSE/\d{4}/\d{5}$")
        self.assertEqual(lease.state, "draft")
        self.assertEqual(lease.journal_id, self.sale_journal)
        self.assertEqual(lease.currency_id, self.company.currency_id)
        other = self._lease(start=False, partner_role="lessor")
        self.assertNotEqual(other.name, lease.name)
        self.assertEqual(other.journal_id, self.purchase_journal)

    def test_form(self):
        """A counterparty user fills the form; no product requires a description."""
        with Form(self.Lease.with_user(self.cp_user)) as form:
            form.partner_id = self.company_partner
            form.rent = 500
            form.date_start = date(2027, 3, 1)
            self.assertEqual(form.next_invoice_date, date(2027, 3, 1))
            with self.assertRaises(AssertionError):
                form.save()
            form.asset_description = "Parking space 7"
        lease = form.record
        self.assertEqual(lease.user_id, self.cp_user)
        self.assertEqual(lease.company_id, self.company)
        self.assertEqual(lease.sudo().journal_id, self.sale_journal)
        # Starting takes Billing rights (issue 20): a counterparty user is
        # refused, an accountant starts it.
        with self.assertRaises(AccessError):
            lease.with_user(self.cp_user).action_start()
        lease.with_user(self.billing_user).action_start()
        self.assertEqual(lease.state, "running")

    # ------------------------------------------------------------------
    # Billing
    # ------------------------------------------------------------------

    def test_run_twice_same_day(self):
        """Two runs on the same day make one posted invoice for the first period."""
        lease = self._lease()
        self._run("2027-01-14")
        self.assertFalse(self._moves(lease), "the first period has not started")
        self._run("2027-01-15")
        self._run("2027-01-15")
        invoice = self._moves(lease)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.partner_id, self.company_partner)
        self.assertEqual(invoice.invoice_date, date(2027, 1, 15))
        self.assertEqual(invoice.currency_id, lease.currency_id)
        self.assertEqual(invoice.journal_id, self.sale_journal)
        self.assertEqual(invoice.invoice_origin, lease.name)
        self.assertEqual(invoice.amount_untaxed, 1000.0)
        line = invoice.invoice_line_ids
        self.assertEqual(line.product_id, self.product_rent)
        self.assertEqual(
            line.name,
            f"Rent {lease.name}: 2027-01-15 – 2027-02-14\n"
            "Office 12, 5 Vitosha Blvd., Sofia",
        )
        self.assertEqual(lease.invoice_count, 1)
        self.assertEqual(lease.next_invoice_date, date(2027, 2, 15))

    def test_run_late(self):
        """A first run three months late bills the three missing periods at once."""
        lease = self._lease(asset_description=False, product_id=self.product_rent.id)
        self._run("2027-03-20")
        invoices = self._moves(lease)
        self.assertEqual(
            self._periods(lease), ["2027-01-15", "2027-02-15", "2027-03-15"]
        )
        self.assertEqual(
            invoices.invoice_line_ids.mapped("name"),
            [
                f"Rent {lease.name}: 2027-01-15 – 2027-02-14",
                f"Rent {lease.name}: 2027-02-15 – 2027-03-14",
                f"Rent {lease.name}: 2027-03-15 – 2027-04-14",
            ],
        )
        self.assertEqual(
            invoices.mapped("invoice_date"),
            [date(2027, 1, 15), date(2027, 2, 15), date(2027, 3, 15)],
        )
        self.assertEqual(set(invoices.mapped("state")), {"posted"})

    def test_gap(self):
        """After a gap of three months, each missing period is billed exactly once."""
        lease = self._lease()
        self._run("2027-01-15")
        self._run("2027-01-20")
        self.assertEqual(len(self._moves(lease)), 1)
        self._run("2027-05-01")
        self._run("2027-05-02")
        self.assertEqual(
            self._periods(lease),
            ["2027-01-15", "2027-02-15", "2027-03-15", "2027-04-15"],
        )
        self._run("2027-05-15")
        self.assertEqual(len(self._moves(lease)), 5)

    def test_quarterly_and_yearly(self):
        """Quarterly and yearly leases bill one invoice per quarter or per year."""
        quarterly = self._lease(
            date_start=date(2027, 1, 1), billing_frequency="quarterly"
        )
        yearly = self._lease(date_start=date(2027, 1, 1), billing_frequency="yearly")
        self._run("2027-12-31")
        self.assertEqual(
            self._periods(quarterly),
            ["2027-01-01", "2027-04-01", "2027-07-01", "2027-10-01"],
        )
        self.assertEqual(
            self._moves(quarterly)[-1].invoice_line_ids.name.splitlines()[0],
            f"Rent {quarterly.name}: 2027-10-01 – 2027-12-31",
        )
        self.assertEqual(self._periods(yearly), ["2027-01-01"])
        self._run("2029-06-01")
        self.assertEqual(
            self._periods(yearly), ["2027-01-01", "2028-01-01", "2029-01-01"]
        )
        self.assertEqual(
            self._moves(yearly)[1].invoice_line_ids.name.splitlines()[0],
            f"Rent {yearly.name}: 2028-01-01 – 2028-12-31",
        )
        self.assertEqual(len(self._moves(quarterly)), 10)

    def test_lessor_vendor_bills(self):
        """When we rent from a supplier, draft vendor bills are made to the supplier."""
        lease = self._lease(
            partner_id=self.supplier.id,
            partner_role="lessor",
            billing_frequency="quarterly",
            rent=3000.0,
        )
        self._run("2027-04-20")
        bills = self._moves(lease)
        self.assertEqual(len(bills), 2)
        self.assertEqual(set(bills.mapped("move_type")), {"in_invoice"})
        self.assertEqual(set(bills.mapped("state")), {"draft"})
        self.assertEqual(bills.partner_id, self.supplier)
        self.assertEqual(bills.journal_id, self.purchase_journal)
        self.assertEqual(bills.mapped("amount_untaxed"), [3000.0, 3000.0])
        self.assertEqual(
            bills[1].invoice_line_ids.name.splitlines()[0],
            f"Rent {lease.name}: 2027-04-15 – 2027-07-14",
        )
        self._run("2027-04-21")
        self.assertEqual(len(self._moves(lease)), 2, "draft bills count as billed")

    def test_end_date_ends_lease(self):
        """Billing stops at the end date; then the lease ends."""
        lease = self._lease(date_start=date(2027, 1, 1), date_end=date(2027, 3, 15))
        self._run("2027-02-10")
        self.assertEqual(self._periods(lease), ["2027-01-01", "2027-02-01"])
        self.assertEqual(lease.state, "running")
        self._run("2027-03-15")
        self.assertEqual(len(self._moves(lease)), 3)
        self.assertEqual(
            self._moves(lease)[-1].invoice_line_ids.name.splitlines()[0],
            f"Rent {lease.name}: 2027-03-01 – 2027-03-15",
        )
        self.assertEqual(lease.state, "running", "the last day is still leased")
        self._run("2027-06-01")
        self.assertEqual(len(self._moves(lease)), 3)
        self.assertEqual(lease.state, "ended")
        self.assertFalse(lease.next_invoice_date)

    def test_ended_after_gap(self):
        """A lease whose end passed during a gap gets its missing periods, then ends."""
        lease = self._lease(date_start=date(2027, 1, 1), date_end=date(2027, 6, 30))
        self._run("2027-02-01")
        self._run("2027-09-01")
        self.assertEqual(len(self._moves(lease)), 6)
        self.assertEqual(lease.state, "ended")

    def test_month_end_start(self):
        """A lease from 31 January keeps month-end periods, not a drifting day."""
        lease = self._lease(date_start=date(2027, 1, 31))
        self._run("2027-05-01")
        self.assertEqual(
            self._periods(lease),
            ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"],
        )
        labels = [
            n.splitlines()[0]
            for n in self._moves(lease).invoice_line_ids.mapped("name")
        ]
        self.assertEqual(
            labels,
            [
                f"Rent {lease.name}: 2027-01-31 – 2027-02-27",
                f"Rent {lease.name}: 2027-02-28 – 2027-03-30",
                f"Rent {lease.name}: 2027-03-31 – 2027-04-29",
                f"Rent {lease.name}: 2027-04-30 – 2027-05-30",
            ],
        )

    def test_draft_and_cancelled_not_billed(self):
        """Only running leases are billed."""
        draft = self._lease(start=False)
        cancelled = self._lease()
        cancelled.action_cancel()
        self._run("2027-03-01")
        self.assertFalse(self._moves(draft) | self._moves(cancelled))
        cancelled.action_set_draft()
        cancelled.action_start()
        self._run("2027-03-01")
        self.assertEqual(len(self._moves(cancelled)), 2)

    def test_cancelled_invoice_is_billed_again(self):
        """A cancelled invoice leaves its period unbilled: the next run bills it."""
        lease = self._lease()
        self._run("2027-01-20")
        invoice = self._moves(lease)
        invoice.button_draft()
        invoice.button_cancel()
        self.assertEqual(lease.next_invoice_date, date(2027, 1, 15))
        self._run("2027-01-21")
        moves = self._moves(lease)
        self.assertEqual(len(moves), 2)
        self.assertEqual(moves.mapped("state").count("posted"), 1)

    def test_unique_period_in_database(self):
        """The database refuses a second invoice for a period, even one made by hand."""
        lease = self._lease()
        self._run("2027-01-20")
        vals = {
            "move_type": "out_invoice",
            "partner_id": self.company_partner.id,
            "invoice_date": date(2027, 1, 15),
            "crm_lease_id": lease.id,
            "crm_lease_period_start": date(2027, 1, 15),
            "invoice_line_ids": [
                (0, 0, {"product_id": self.product_rent.id, "price_unit": 1.0})
            ],
        }
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.Move.create(vals)
        self.assertEqual(len(self._moves(lease)), 1)
        # Another period, or a copy (which loses the lease), is accepted.
        self.Move.create(dict(vals, crm_lease_period_start=date(2027, 2, 15)))
        copy = self._moves(lease)[0].copy()
        self.assertFalse(copy.crm_lease_id)
        self.assertFalse(copy.crm_lease_period_start)

    def test_one_failing_lease_does_not_block_others(self):
        """A lease that cannot be billed is logged; the others are billed."""
        other_company = self.env["res.company"].create({"name": "No Accounts Ltd"})
        broken = self._lease(company_id=other_company.id)
        self.assertFalse(broken.journal_id)
        lease = self._lease()
        with self.assertLogs(LEASE_LOGGER, level="ERROR") as logs:
            self._run("2027-01-15")
        self.assertIn(broken.name, logs.output[0])
        self.assertIsInstance(logs.records[0].exc_info[1], UserError, "no journal")
        self.assertFalse(self._moves(broken))
        self.assertEqual(len(self._moves(lease)), 1)
        self.assertEqual(broken.state, "running")

    def _failure_activities(self, leases):
        return self.env["mail.activity"].search(
            [("res_model", "=", "crm.lease"), ("res_id", "in", leases.ids)]
        )

    def _failure_done_messages(self, lease):
        warning = self.env.ref("mail.mail_activity_data_warning")
        return lease.message_ids.filtered(lambda m: m.mail_activity_type_id == warning)

    def test_poisoned_leases_do_not_stop_the_others(self):
        """Leases that cannot be billed get one activity each, the others are
        billed; once corrected, the next run bills every missing period exactly
        once and closes the activities."""
        rent_journal = self.env["account.journal"].create(
            {"name": "Rent Invoices", "code": "RNT", "type": "sale"}
        )
        income = self.env["account.account"].create(
            {"name": "Storage rent", "code": "706100", "account_type": "income"}
        )
        storage = self.env["product.product"].create(
            {
                "name": "Storage unit 4",
                "type": "service",
                "property_account_income_id": income.id,
                "taxes_id": [Command.clear()],
            }
        )
        # The leases are billed newest first: the poisoned ones come first
        # and between the healthy ones.
        healthy_last = self._lease()
        archived_journal = self._lease(
            journal_id=rent_journal.id, user_id=self.cp_user.id
        )
        healthy_between = self._lease(
            partner_id=self.supplier.id, partner_role="lessor"
        )
        no_responsible = self._lease(
            product_id=storage.id, asset_description=False, user_id=False
        )
        leases = healthy_last | archived_journal | healthy_between | no_responsible
        # Accounting archives the rent journal and deprecates the account of
        # the storage rent: those invoices can no longer be created or posted.
        rent_journal.action_archive()
        income.deprecated = True

        for day in ("2027-02-20", "2027-02-21"):
            with self.assertLogs(LEASE_LOGGER, level="ERROR") as logs:
                self._run(day)
            self.assertEqual(len(logs.records), 2, "one error per poisoned lease")
            self.assertEqual(self._periods(healthy_last), ["2027-01-15", "2027-02-15"])
            self.assertEqual(
                self._periods(healthy_between), ["2027-01-15", "2027-02-15"]
            )
            self.assertFalse(self._moves(archived_journal | no_responsible))
            self.assertFalse(self._failure_activities(healthy_last | healthy_between))
            activity = self._failure_activities(archived_journal)
            self.assertEqual(len(activity), 1, "one activity, not one per run")
            self.assertEqual(activity.user_id, self.cp_user)
            self.assertEqual(
                activity.activity_type_id,
                self.env.ref("mail.mail_activity_data_warning"),
            )
            self.assertIn(archived_journal.name, activity.note)
            self.assertIn("Rent Invoices", activity.note, "the error says why")
            self.assertNotIn("UserError", activity.note, "its message, no class")
            activity = self._failure_activities(no_responsible)
            self.assertEqual(len(activity), 1, "one activity, not one per run")
            self.assertIn("706100", activity.note)
            self.assertTrue(activity.user_id.active, "a user who can act on it")
            self.assertTrue(activity.user_id.has_group("account.group_account_manager"))
            self.assertIn(self.company, activity.user_id.company_ids)
        self.assertEqual(set(leases.mapped("state")), {"running"})

        rent_journal.action_unarchive()
        income.deprecated = False
        with self.assertNoLogs(LEASE_LOGGER, level="ERROR"):
            self._run("2027-03-20")
        for lease in leases:
            self.assertEqual(
                self._periods(lease), ["2027-01-15", "2027-02-15", "2027-03-15"]
            )
        self.assertEqual(self._moves(archived_journal).journal_id, rent_journal)
        self.assertEqual(set(self._moves(archived_journal).mapped("state")), {"posted"})
        self.assertFalse(self._failure_activities(leases), "closed once billed")
        for lease in (archived_journal, no_responsible):
            self.assertEqual(len(self._failure_done_messages(lease)), 1)
        self._run("2027-03-21")
        self.assertEqual(len(self._moves(leases)), 12, "no duplicates")

    @mute_logger("odoo.sql_db")
    def test_failure_reason_is_short_and_clean(self):
        """A lease that fails on a technical error (here the database refuses
        its invoice) gets a to-do with a generic reason, not the error's text,
        which quotes the row; the log has the error and its traceback."""
        lease = self._lease(user_id=self.cp_user.id)
        self.env.cr.execute(
            "ALTER TABLE account_move ADD CONSTRAINT test_poisoned_lease_move "
            "CHECK (crm_lease_id IS DISTINCT FROM %s) NOT VALID",
            [lease.id],
        )
        with self.assertLogs(LEASE_LOGGER, level="ERROR") as logs:
            self._run("2027-01-20")
        self.assertFalse(self._moves(lease))
        self.assertIn("test_poisoned_lease_move", logs.output[0], "the traceback")
        self.assertTrue(logs.records[0].exc_info)
        activity = self._failure_activities(lease)
        self.assertEqual(len(activity), 1)
        self.assertIn(lease.name, activity.note)
        self.assertIn("a technical error, described in the server log", activity.note)
        self.assertNotIn("test_poisoned_lease_move", activity.note)
        self.assertNotIn("Failing row", activity.note)

    def test_cron_reports_progress(self):
        """The job tells the scheduler how many leases are done and left."""
        cron = self.env.ref("crm_counterparty_lease.ir_cron_lease_rent_invoices")
        self._lease()
        self._lease()
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        with freeze_time("2027-01-20"):
            running = self.Lease.search_count(
                [("state", "=", "running"), ("date_start", "<=", "2027-01-20")]
            )
            self.Lease.with_context(
                ir_cron_progress_id=progress.id
            )._cron_create_rent_invoices()
        self.assertEqual((progress.done, progress.remaining), (running, 0))

    def test_bill_now_button(self):
        """The button bills the due periods at once and opens the invoices."""
        lease = self._lease()
        with freeze_time("2027-02-20"):
            action = lease.action_create_invoices()
            self.assertEqual(self.Move.search(action["domain"]), self._moves(lease))
            self.assertEqual(len(self._moves(lease)), 2)
            with self.assertRaises(UserError):
                lease.action_create_invoices()
        draft = self._lease(start=False)
        with self.assertRaises(UserError):
            draft.action_create_invoices()

    def test_period_fields_locked_once_billed(self):
        """Start date and frequency are fixed once a period is billed."""
        lease = self._lease()
        lease.write({"date_start": date(2027, 1, 1)})
        self._run("2027-01-05")
        with self.assertRaises(UserError):
            lease.write({"billing_frequency": "quarterly"})
        with self.assertRaises(UserError):
            lease.write({"date_start": "2027-01-02"})
        self.assertEqual(lease.billing_frequency, "monthly")
        lease.write({"date_start": "2027-01-01", "rent": 1100.0})
        self.assertEqual(lease.rent, 1100.0)

    def test_cron_record(self):
        """The daily scheduled action bills the leases."""
        cron = self.env.ref("crm_counterparty_lease.ir_cron_lease_rent_invoices")
        self.assertEqual(cron.interval_type, "days")
        self.assertEqual(cron.interval_number, 1)
        lease = self._lease(date_start=date(2020, 1, 1), date_end=date(2020, 2, 29))
        cron.method_direct_trigger()
        self.assertEqual(len(self._moves(lease)), 2)
        self.assertEqual(lease.state, "ended")

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------

    def _assert_refused(self, expected, **vals):
        count = self.Lease.search_count([])
        with self.assertRaises(ValidationError) as caught:
            self._lease(start=False, **vals)
        self.assertIn(expected, str(caught.exception))
        self.assertEqual(self.Lease.search_count([]), count)

    def test_bad_input_refused(self):
        """End before start, rent not positive, negative deposit, no asset: refused."""
        self._assert_refused(
            "2027-01-14", date_start=date(2027, 1, 15), date_end=date(2027, 1, 14)
        )
        self._assert_refused("0.00", rent=0.0)
        self._assert_refused("-5.00", rent=-5.0)
        self._assert_refused("-1.00", deposit=-1.0)
        self._assert_refused("No leased asset", asset_description=False)
        self._assert_refused("No leased asset", asset_description="   ")
        contact = self.Partner.create(
            {"name": "Petar Ivanov", "parent_id": self.company_partner.id}
        )
        self._assert_refused("Petar Ivanov", partner_id=contact.id)
        self._assert_refused(
            self.purchase_journal.name, journal_id=self.purchase_journal.id
        )

    def test_bad_write_refused(self):
        """A bad value on an existing lease is refused and the lease is unchanged."""
        lease = self._lease(start=False, deposit=200.0)
        for vals, expected in (
            ({"rent": -1.0}, "-1.00"),
            ({"deposit": -3.0}, "-3.00"),
            ({"date_end": date(2026, 12, 31)}, "2026-12-31"),
            ({"asset_description": False}, "No leased asset"),
        ):
            with self.assertRaises(ValidationError) as caught:
                lease.write(vals)
            self.assertIn(expected, str(caught.exception))
            self.assertIn(lease.name, str(caught.exception))
        lease.invalidate_recordset()
        self.assertEqual(
            (lease.rent, lease.deposit, lease.date_end, lease.asset_description),
            (1000.0, 200.0, False, "Office 12, 5 Vitosha Blvd., Sofia"),
        )

    def test_database_checks(self):
        """The database repeats the checks for writes that bypass the ORM."""
        lease = self._lease(start=False)
        for query in (
            "UPDATE crm_lease SET rent = 0 WHERE id = %s",
            "UPDATE crm_lease SET deposit = -1 WHERE id = %s",
            "UPDATE crm_lease SET date_end = '2020-01-01' WHERE id = %s",
            "UPDATE crm_lease SET product_id = NULL, asset_description = ' ' "
            "WHERE id = %s",
        ):
            with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
                with self.env.cr.savepoint():
                    self.env.cr.execute(query, [lease.id])

    def test_state_transitions(self):
        """Start, cancel and back to draft follow the states; wrong ones are refused."""
        lease = self._lease(start=False)
        lease.action_start()
        with self.assertRaises(UserError):
            lease.action_start()
        with self.assertRaises(UserError):
            lease.action_set_draft()
        lease.action_cancel()
        self.assertEqual(lease.state, "cancelled")
        lease.action_set_draft()
        self.assertEqual(lease.state, "draft")

    # ------------------------------------------------------------------
    # Partner, access rights
    # ------------------------------------------------------------------

    def test_partner_action(self):
        """The partner opens the leases of its company, with the side preset."""
        lease = self._lease(start=False)
        contact = self.Partner.create(
            {"name": "Desislava Koleva", "parent_id": self.company_partner.id}
        )
        action = contact.action_open_documents("lease")
        self.assertEqual(self.Lease.search(action["domain"]), lease)
        self.assertEqual(
            action["context"]["default_partner_id"], self.company_partner.id
        )
        self.assertEqual(action["context"]["default_partner_role"], "lessee")
        action = self.supplier.action_open_documents("lease")
        self.assertFalse(self.Lease.search(action["domain"]))
        self.assertEqual(action["context"]["default_partner_role"], "lessor")

    def test_invoices_smart_button(self):
        """The smart button lists the invoices of the lease."""
        lease = self._lease()
        self._run("2027-02-15")
        action = lease.action_open_invoices()
        self.assertEqual(self.Move.search(action["domain"]), self._moves(lease))
        self.assertEqual(lease.invoice_count, 2)

    def test_plain_user_has_no_access(self):
        """An employee without the counterparty group has no access to leases."""
        lease = self._lease(start=False)
        with self.assertRaises(AccessError):
            lease.with_user(self.plain_user).read(["name"])
        with self.assertRaises(AccessError):
            self.Lease.with_user(self.plain_user).create(
                {
                    "partner_id": self.company_partner.id,
                    "asset_description": "X",
                    "rent": 1.0,
                }
            )

    def test_counterparty_user_cannot_delete(self):
        """A counterparty user records and edits leases; only a manager deletes them."""
        lease = self.Lease.with_user(self.cp_user).create(
            {
                "partner_id": self.company_partner.id,
                "asset_description": "Parking space 3",
                "rent": 80.0,
            }
        )
        lease.write({"rent": 90.0})
        self.assertEqual(lease.invoice_count, 0)
        with self.assertRaises(AccessError):
            lease.unlink()
        # Starting takes Billing rights (issue 20): an accountant starts it.
        lease.with_user(self.billing_user).action_start()
        with self.assertRaises(UserError):
            lease.with_user(self.cp_manager).unlink()
        lease.action_cancel()
        lease.with_user(self.cp_manager).unlink()
        self.assertFalse(lease.exists())

    def test_other_company_user(self):
        """A user of another company does not see this company's leases."""
        lease = self._lease(start=False)
        other_company = self.env["res.company"].create({"name": "Other Leases Co"})
        other_user = new_test_user(
            self.env,
            login="lease_other_user",
            groups="base.group_user,crm_counterparty.group_counterparty_manager",
            company_id=other_company.id,
            company_ids=[other_company.id],
        )
        Lease = self.Lease.with_user(other_user)
        self.assertFalse(Lease.search([("id", "=", lease.id)]))
        with self.assertRaises(AccessError):
            lease.with_user(other_user).read(["name"])
        own = Lease.create(
            {
                "partner_id": self.company_partner.id,
                "asset_description": "Kiosk 1",
                "rent": 50.0,
            }
        )
        self.assertEqual(own.company_id, other_company)
        self.assertNotIn(own, self.Lease.with_user(self.cp_user).search([]))
