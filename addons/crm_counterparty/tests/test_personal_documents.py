from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import SQL, mute_logger

from .common import CounterpartyCase


@tagged("post_install", "-at_install")
class TestPersonalDocuments(CounterpartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.passport = cls.env.ref("crm_counterparty.document_type_passport")
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    def _document(self, **vals):
        return self.env["crm.personal.document"].create(
            dict(
                {
                    "partner_id": self.company_partner.id,
                    "type_id": self.passport.id,
                    "number": "382716451",
                    "issue_date": date(2020, 1, 10),
                    "expiry_date": date(2030, 1, 10),
                    "user_id": self.cp_user.id,
                },
                **vals,
            )
        )

    def _reminders(self, doc):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "crm.personal.document"),
                ("res_id", "=", doc.id),
                ("activity_type_id", "=", self.todo.id),
            ]
        )

    def test_name_and_count(self):
        """A document is named after its type and holder, and counted."""
        doc = self._document()
        self.assertEqual(doc.name, "Passport – Balkan Trade OOD")
        contact = self.Partner.create(
            {"name": "Holder", "parent_id": self.company_partner.id}
        )
        self._document(partner_id=contact.id, number="X1")
        self.assertEqual(self.company_partner.personal_document_count, 2)
        action = self.company_partner.action_open_personal_documents()
        self.assertEqual(
            self.env["crm.personal.document"].search_count(action["domain"]), 2
        )

    def test_state_follows_expiry(self):
        """Valid, expiring within 30 days, expired; searchable by state."""
        doc = self._document(expiry_date=date(2027, 3, 1))
        with freeze_time("2027-01-15"):
            doc.invalidate_recordset(["state"])
            self.assertEqual(doc.state, "valid")
            self.assertIn(doc, doc.search([("state", "=", "valid")]))
        with freeze_time("2027-02-01"):
            doc.invalidate_recordset(["state"])
            self.assertEqual(doc.state, "expiring")
            self.assertIn(doc, doc.search([("state", "=", "expiring")]))
            self.assertNotIn(doc, doc.search([("state", "!=", "expiring")]))
        with freeze_time("2027-03-02"):
            doc.invalidate_recordset(["state"])
            self.assertEqual(doc.state, "expired")
            self.assertIn(doc, doc.search([("state", "in", ["expired"])]))

    def test_expiry_before_issue_refused(self):
        """An expiry date before the issue date is refused and nothing is written."""
        with self.assertRaises(ValidationError) as caught:
            self._document(
                number="BAD-1",
                issue_date=date(2025, 5, 1),
                expiry_date=date(2025, 4, 30),
            )
        self.assertIn("2025-04-30", str(caught.exception))
        self.assertFalse(
            self.env["crm.personal.document"].search([("number", "=", "BAD-1")])
        )
        doc = self._document()
        with self.assertRaises(ValidationError):
            doc.write({"expiry_date": date(2019, 1, 1)})
        self.assertEqual(doc.expiry_date, date(2030, 1, 10))

    def test_reminder_created_once(self):
        """30 days before expiry the responsible user gets one to-do, once."""
        doc = self._document(expiry_date=date(2027, 3, 31))
        with freeze_time("2027-02-27"):
            self.env["crm.personal.document"]._cron_expiry_reminder()
            self.assertFalse(self._reminders(doc), "too early: 32 days before expiry")
        with freeze_time("2027-03-01"):
            self.env["crm.personal.document"]._cron_expiry_reminder()
            reminder = self._reminders(doc)
            self.assertEqual(len(reminder), 1)
            self.assertEqual(reminder.user_id, self.cp_user)
            self.assertEqual(reminder.date_deadline, date(2027, 3, 30))
        with freeze_time("2027-03-02"):
            self.env["crm.personal.document"]._cron_expiry_reminder()
            self.env["crm.personal.document"]._cron_expiry_reminder()
            self.assertEqual(len(self._reminders(doc)), 1)

    def test_reminder_again_after_renewal(self):
        """A new expiry date gets its own reminder."""
        doc = self._document(expiry_date=date(2027, 3, 31))
        with freeze_time("2027-03-15"):
            doc._cron_expiry_reminder()
            self._reminders(doc).action_done()
            doc.expiry_date = date(2027, 4, 10)
            doc._cron_expiry_reminder()
        self.assertEqual(
            len(self._reminders(doc)), 1, "the renewed document has its own to-do"
        )
        self.assertTrue(doc.reminder_done)

    def test_cron_record_exists(self):
        """The daily scheduled action runs the reminder."""
        cron = self.env.ref("crm_counterparty.ir_cron_personal_document_reminder")
        self.assertEqual(cron.interval_type, "days")
        cron.method_direct_trigger()

    def test_form(self):
        """The form names the document from its type and holder."""
        with Form(self.env["crm.personal.document"].with_user(self.pd_user)) as form:
            form.partner_id = self.company_partner
            form.type_id = self.passport
            form.number = "AB123"
            self.assertEqual(form.name, "Passport – Balkan Trade OOD")
        self.assertEqual(form.record.user_id, self.pd_user)
        self.assertEqual(form.record.company_id, self.env.company)

    # ------------------------------------------------------------------
    # The reminder job
    # ------------------------------------------------------------------

    def test_unchanged_expiry_does_not_rearm(self):
        """Writing the expiry date a document already has (as a form saving
        every field does) gives no second to-do; a new date does."""
        doc = self._document(expiry_date=date(2027, 3, 31))
        other = self._document(number="P-2", expiry_date=date(2027, 4, 10))
        with freeze_time("2027-03-15"):
            doc._cron_expiry_reminder()
            self.assertTrue(doc.reminder_done)
            self.assertTrue(other.reminder_done)
            doc.write({"expiry_date": date(2027, 3, 31), "note": "<p>Seen</p>"})
            doc.write({"expiry_date": "2027-03-31"})
            self.assertTrue(doc.reminder_done)
            (doc | other).write({"expiry_date": date(2027, 3, 31)})
            self.assertTrue(doc.reminder_done, "the same date")
            self.assertFalse(other.reminder_done, "a new date")
            doc._cron_expiry_reminder()
        self.assertEqual(len(self._reminders(doc)), 1)
        self.assertEqual(len(self._reminders(other)), 2)

    def _poison_reminder(self, doc):
        """Make the database refuse the to-do of ``doc``, as it refuses a row
        that breaks a constraint (rolled back with the test)."""
        self.env.cr.execute(
            SQL(
                "ALTER TABLE mail_activity ADD CONSTRAINT test_poisoned_reminder "
                "CHECK (res_model != 'crm.personal.document' OR res_id != %s "
                "OR activity_type_id != %s) NOT VALID",
                doc.id,
                self.todo.id,
            )
        )

    def _warnings(self, doc):
        warning = self.env.ref("mail.mail_activity_data_warning")
        return doc.activity_ids.filtered(lambda act: act.activity_type_id == warning)

    @mute_logger("odoo.sql_db")
    def test_poisoned_document_does_not_stop_the_others(self):
        """A document whose to-do cannot be created does not stop the job:
        the others get theirs, its responsible gets a warning instead, and
        a second run creates no duplicates."""
        docs = self.env["crm.personal.document"]
        for index in range(5):
            docs |= self._document(
                number=f"P-{index}", expiry_date=date(2027, 3, 20 + index)
            )
        poisoned = docs[2]
        poisoned.user_id = self.pd_user
        self._poison_reminder(poisoned)
        healthy = docs - poisoned
        with freeze_time("2027-03-01"):
            with self.assertLogs(
                "odoo.addons.crm_counterparty.models.crm_personal_document",
                level="WARNING",
            ) as logs:
                reminded = docs._cron_expiry_reminder(batch_size=2)
            self.assertEqual(reminded & docs, healthy)
            self.assertTrue(any(str(poisoned.id) in line for line in logs.output))
            for doc in healthy:
                self.assertEqual(len(self._reminders(doc)), 1, doc.name)
                self.assertTrue(doc.reminder_done)
            self.assertFalse(self._reminders(poisoned))
            self.assertFalse(poisoned.reminder_done)
            warning = self._warnings(poisoned)
            self.assertEqual(len(warning), 1)
            self.assertEqual(warning.user_id, self.pd_user)
            self.assertNotIn("P-2", warning.summary + str(warning.note))

            with self.assertLogs(
                "odoo.addons.crm_counterparty.models.crm_personal_document",
                level="WARNING",
            ):
                self.assertFalse(docs._cron_expiry_reminder(batch_size=2) & docs)
            for doc in healthy:
                self.assertEqual(len(self._reminders(doc)), 1, doc.name)
            self.assertEqual(len(self._warnings(poisoned)), 1)

            self.env.cr.execute(
                "ALTER TABLE mail_activity DROP CONSTRAINT test_poisoned_reminder"
            )
            self.assertEqual(docs._cron_expiry_reminder(batch_size=2) & docs, poisoned)
            for doc in docs:
                self.assertEqual(len(self._reminders(doc)), 1, doc.name)
            self.assertTrue(poisoned.reminder_done)

    def test_cron_reports_progress(self):
        """Run by the scheduler, the job reports what it did in batches."""
        docs = self.env["crm.personal.document"]
        for index in range(3):
            docs |= self._document(number=f"Q-{index}", expiry_date=date(2027, 3, 20))
        cron = self.env.ref("crm_counterparty.ir_cron_personal_document_reminder")
        with freeze_time("2027-03-01"):
            due = docs.search(docs._expiry_reminder_domain(date(2027, 3, 1)))
            self.assertLessEqual(docs, due)
            cron.method_direct_trigger()
        progress = self.env["ir.cron.progress"].search(
            [("cron_id", "=", cron.id)], order="id desc", limit=1
        )
        self.assertEqual((progress.done, progress.remaining), (len(due), 0))
        for doc in docs:
            self.assertEqual(len(self._reminders(doc)), 1)
