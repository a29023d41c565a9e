from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

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
