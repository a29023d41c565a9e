from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PipelineCase


@tagged("post_install", "-at_install")
class TestFollowup(PipelineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env["mail.activity.plan"].create(
            {
                "name": "Proposal follow-up",
                "res_model": "crm.lead",
                "template_ids": [
                    (
                        0,
                        0,
                        {
                            "activity_type_id": cls.env.ref(
                                "mail.mail_activity_data_call"
                            ).id,
                            "summary": "Call about the proposal",
                            "delay_count": 2,
                            "delay_from": "after_plan_date",
                            "responsible_type": "on_demand",
                        },
                    )
                ],
            }
        )
        cls.template = cls.env["mail.template"].create(
            {
                "name": "Proposal reminder",
                "model_id": cls.env["ir.model"]._get_id("crm.lead"),
                "subject": "Hello {{ object.partner_id.name }}, "
                "about {{ object.name }}",
                "body_html": "<p>Dear <t t-out='object.partner_id.name'/>, "
                "any news?</p>",
                "partner_to": "{{ object.partner_id.id }}",
            }
        )
        cls.stage_proposal.write(
            {
                "activity_plan_id": cls.plan.id,
                "followup_mail_ids": [
                    (0, 0, {"template_id": cls.template.id, "delay_days": 3})
                ],
            }
        )
        cls.customer = cls._customer("Iskar Textiles", email="office@iskar.example.com")

    @freeze_time("2025-03-10 09:00:00")
    def test_sequence_created_on_entry(self):
        """Entering the stage schedules the plan for the owner and queues the
        e-mail after its delay."""
        deal = self._deal(partner_id=self.customer.id)
        deal.stage_id = self.stage_proposal
        activity = deal.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.summary, "Call about the proposal")
        self.assertEqual(activity.user_id, self.salesman_1)
        self.assertEqual(str(activity.date_deadline), "2025-03-12")
        self.assertEqual(activity.followup_stage_id, self.stage_proposal)
        step = deal.followup_step_ids
        self.assertEqual(step.state, "pending")
        self.assertEqual(step.scheduled_date, datetime(2025, 3, 13, 9, 0))

    def test_due_email_sent_with_placeholders(self):
        """The cron sends due e-mails rendered for the deal, not earlier."""
        with freeze_time("2025-03-10 09:00:00"):
            deal = self._deal(name="Roof Panels", partner_id=self.customer.id)
            deal.stage_id = self.stage_proposal
            step = deal.followup_step_ids
        with freeze_time("2025-03-12 09:00:00"):
            self.env["crm.lead.followup.step"]._cron_send_due()
            self.assertEqual(step.state, "pending", "Not due yet")
        with freeze_time("2025-03-13 10:00:00"):
            self.env["crm.lead.followup.step"]._cron_send_due()
        self.assertEqual(step.state, "sent")
        message = step.message_id
        self.assertEqual(message.subject, "Hello Iskar Textiles, about Roof Panels")
        self.assertIn("Dear Iskar Textiles", str(message.body))
        self.assertIn(self.customer, message.partner_ids)

    def test_sequence_stopped_on_leave(self):
        """Leaving the stage cancels pending e-mails and removes the open
        activities of the sequence, keeping the others."""
        deal = self._deal(partner_id=self.customer.id)
        deal.stage_id = self.stage_proposal
        own = deal.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Unrelated to-do",
            user_id=self.salesman_1.id,
        )
        step = deal.followup_step_ids
        deal.stage_id = self.stage_qualified
        self.assertEqual(step.state, "cancelled")
        self.assertEqual(deal.activity_ids, own)
        with freeze_time(datetime.now() + timedelta(days=10)):
            self.env["crm.lead.followup.step"]._cron_send_due()
        self.assertEqual(step.state, "cancelled")
        self.assertFalse(step.message_id)

    def test_reentering_restarts(self):
        """Coming back to the stage starts a new sequence."""
        deal = self._deal(partner_id=self.customer.id)
        deal.stage_id = self.stage_proposal
        deal.stage_id = self.stage_qualified
        deal.stage_id = self.stage_proposal
        self.assertEqual(
            sorted(deal.followup_step_ids.mapped("state")), ["cancelled", "pending"]
        )
        self.assertEqual(len(deal.activity_ids), 1)

    @mute_logger("odoo.sql_db")
    def test_failure_reason_is_short_and_clean(self):
        """An e-mail that fails on a technical error (here the database
        refuses its message) gives the owner a to-do with a generic reason,
        not the error's text, which quotes the row; the log has the error and
        its traceback."""
        self.stage_qualified.followup_mail_ids = [
            Command.create({"template_id": self.template.id, "delay_days": 0})
        ]
        with freeze_time("2025-03-10 09:00:00"):
            deal = self._deal(
                name="Refused", partner_id=self.customer.id, user_id=self.salesman_2.id
            )
            deal.stage_id = self.stage_qualified
        self.env.cr.execute(
            "ALTER TABLE mail_message ADD CONSTRAINT test_poisoned_followup "
            "CHECK (model != 'crm.lead' OR res_id != %s "
            "OR message_type != 'comment') NOT VALID",
            [deal.id],
        )
        logger = "odoo.addons.crm_pipeline.models.crm_lead_followup_step"
        with (
            freeze_time("2025-03-10 10:00:00"),
            self.assertLogs(logger, "WARNING") as logs,
        ):
            self.env["crm.lead.followup.step"]._cron_send_due()
        self.assertIn("test_poisoned_followup", logs.output[0])
        self.assertTrue(logs.records[0].exc_info, "with traceback")
        self.assertEqual(deal.followup_step_ids.state, "pending")
        activity = self.env["mail.activity"].search(
            [
                ("res_model", "=", "crm.lead"),
                ("res_id", "=", deal.id),
                ("job_failure_ref", "!=", False),
            ]
        )
        self.assertEqual(len(activity), 1)
        self.assertIn(
            "a technical error, described in the server log", str(activity.note)
        )
        self.assertNotIn("test_poisoned_followup", str(activity.note))
        self.assertNotIn("Failing row", str(activity.note))

    def test_failing_email_isolated(self):
        """An e-mail whose template fails on its deal stays pending and gives
        the deal's owner one to-do; the other e-mails still go out, and the run
        after the fix sends it without sending the others twice."""
        offer = self.env["mail.template"].create(
            {
                "name": "Offer deadline",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "subject": "Our offer, valid until "
                "{{ object.date_deadline.strftime('%d.%m.%Y') }}",
                "body_html": "<p>Dear <t t-out='object.partner_id.name'/>, see "
                "the offer.</p>",
                "partner_to": "{{ object.partner_id.id }}",
            }
        )
        self.stage_qualified.followup_mail_ids = [
            Command.create({"template_id": offer.id, "delay_days": 0})
        ]
        deadline = date(2025, 4, 30)
        with freeze_time("2025-03-10 09:00:00"):
            first = self._deal(
                name="First", partner_id=self.customer.id, date_deadline=deadline
            )
            # no expected closing date: the template cannot be rendered
            poisoned = self._deal(
                name="Poisoned", partner_id=self.customer.id, user_id=self.salesman_2.id
            )
            last = self._deal(
                name="Last", partner_id=self.customer.id, date_deadline=deadline
            )
            deals = first | poisoned | last
            deals.stage_id = self.stage_qualified
        steps = deals.followup_step_ids
        self.assertEqual(steps.lead_id, deals)
        Step = self.env["crm.lead.followup.step"]

        def sent(deal):
            return deal.message_ids.filtered(lambda m: m.message_type == "comment")

        def failures(deal):
            return self.env["mail.activity"].search(
                [("res_model", "=", "crm.lead"), ("res_id", "=", deal.id)]
            )

        logger = "odoo.addons.crm_pipeline.models.crm_lead_followup_step"
        for hour in (10, 11):
            with (
                freeze_time(f"2025-03-10 {hour}:00:00"),
                self.assertLogs(logger, "WARNING") as logs,
            ):
                Step._cron_send_due()
            self.assertIn("Poisoned", logs.output[0])
            self.assertEqual(
                steps.mapped("state"), ["sent", "pending", "sent"], f"run at {hour}"
            )
            self.assertEqual(len(sent(first)), 1)
            self.assertEqual(sent(first).subject, "Our offer, valid until 30.04.2025")
            self.assertEqual(len(sent(last)), 1)
            self.assertFalse(sent(poisoned))
            activity = failures(poisoned)
            self.assertEqual(len(activity), 1, "one to-do, not one per run")
            self.assertEqual(activity.user_id, self.salesman_2)
            self.assertIn("Offer deadline", str(activity.note))
            # Odoo's UserError, written for users, is shown; not the Python
            # error behind it.
            self.assertIn("Failed to render", str(activity.note))
            self.assertNotIn("has no attribute", str(activity.note))
            self.assertFalse(failures(first) | failures(last))

        poisoned.date_deadline = date(2025, 5, 15)
        with freeze_time("2025-03-10 12:00:00"):
            Step._cron_send_due()
        self.assertEqual(steps.mapped("state"), ["sent"] * 3)
        self.assertEqual(sent(poisoned).subject, "Our offer, valid until 15.05.2025")
        self.assertEqual(len(sent(first)), 1)
        self.assertEqual(len(sent(last)), 1)
        self.assertEqual(len(failures(poisoned)), 1)
