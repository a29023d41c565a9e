from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, mute_logger

from .common import CounterpartyCase

LOGGER = "odoo.addons.crm_counterparty.models.mail_activity"


class TestJobFailures(CounterpartyCase):
    """The activities by which the scheduled jobs report the records they
    failed on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Activity = cls.env["mail.activity"]
        passport = cls.env.ref("crm_counterparty.document_type_passport")
        cls.docs = cls.env["crm.personal.document"].create(
            [
                {
                    "partner_id": cls.company_partner.id,
                    "type_id": passport.id,
                    "number": number,
                    "issue_date": date(2020, 1, 10),
                    "expiry_date": date(2030, 1, 10),
                }
                for number in ("P-1", "P-2")
            ]
        )

    def _failures(self, note):
        return [
            (doc, self.company_partner, self.cp_user, f"{doc.number} failed", note)
            for doc in self.docs
        ]

    def _activities(self):
        return self.Activity.search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", self.company_partner.id),
            ]
        )

    def test_one_activity_per_record_while_open(self):
        """Each failing record gets one activity on its document, whose note
        is replaced only when asked, and marked done on success."""
        created = self.Activity._schedule_job_failures(self._failures("First"))
        self.assertEqual(created, self._activities())
        self.assertEqual(len(created), 2)
        self.assertEqual(set(created.mapped("job_failure_ref")), set(self.docs))
        self.assertEqual(created.user_id, self.cp_user)
        self.assertEqual(
            created.activity_type_id, self.env.ref("mail.mail_activity_data_todo")
        )
        self.assertFalse(self.Activity._schedule_job_failures(self._failures("Again")))
        self.assertNotIn("Again", "".join(created.mapped("note")))
        self.Activity._schedule_job_failures(self._failures("Last"), update_note=True)
        self.assertEqual(self._activities(), created, "no second activity")
        self.assertEqual(created.mapped("note"), ["<p>Last</p>"] * 2)

        self.Activity._close_job_failures(self.docs[0], "Solved")
        self.assertEqual(self._activities().job_failure_ref, self.docs[1])
        self.assertIn("Solved", self.company_partner.message_ids[0].body)
        again = self.Activity._schedule_job_failures(self._failures("Anew"))
        self.assertEqual(again.job_failure_ref, self.docs[0], "a new one once done")

    @mute_logger("odoo.sql_db")
    def test_failure_to_tell_does_not_raise(self):
        """An activity that cannot be created is logged; the others are."""
        self.env.cr.execute(
            SQL(
                "ALTER TABLE mail_activity ADD CONSTRAINT test_poisoned_failure "
                "CHECK (job_failure_ref IS DISTINCT FROM %s) NOT VALID",
                f"crm.personal.document,{self.docs[0].id}",
            )
        )
        with self.assertLogs(LOGGER, level="ERROR") as logs:
            created = self.Activity._schedule_job_failures(self._failures("Note"))
        self.assertEqual(len(logs.records), 1)
        self.assertIn(str(self.docs[0].id), logs.output[0])
        self.assertEqual(created.job_failure_ref, self.docs[1])
        self.assertEqual(self._activities(), created)

    def test_reason_told_to_users(self):
        """A user error's own message is told, its first paragraph and at
        most 300 characters; any other error only as a technical error whose
        details are in the server log."""
        reason = self.Activity._job_failure_reason
        self.assertEqual(
            reason(UserError("The journal Rent is archived.")),
            "The journal Rent is archived.",
        )
        self.assertEqual(
            reason(ValidationError("Bad IBAN BG00.\n\nTraceback: row (1, 'x')")),
            "Bad IBAN BG00.",
        )
        self.assertEqual(len(reason(UserError("x" * 1000))), 300)
        generic = "a technical error, described in the server log"
        for error in (
            ValueError("row (7, 'AB123456') violates check"),
            KeyError("number"),
            UserError(""),
        ):
            with self.subTest(error=repr(error)):
                self.assertEqual(reason(error), generic)
