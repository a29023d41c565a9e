import logging

from odoo import fields, models, modules

_logger = logging.getLogger(__name__)


class CrmLeadFollowupStep(models.Model):
    """A pending e-mail of a deal's follow-up sequence.

    Steps are created when the deal enters a stage and sent by a cron once
    due; leaving the stage cancels the pending ones, so nothing is ever sent
    about a stage the deal is no longer in.
    """

    _name = "crm.lead.followup.step"
    _description = "Deal Follow-up Step"
    _order = "scheduled_date, id"

    lead_id = fields.Many2one(
        "crm.lead", string="Deal", required=True, ondelete="cascade", index=True
    )
    stage_id = fields.Many2one("crm.stage", required=True, ondelete="cascade")
    template_id = fields.Many2one(
        "mail.template", string="E-mail Template", required=True, ondelete="cascade"
    )
    scheduled_date = fields.Datetime(required=True, index=True)
    state = fields.Selection(
        [("pending", "Pending"), ("sent", "Sent"), ("cancelled", "Cancelled")],
        default="pending",
        required=True,
        index=True,
    )
    message_id = fields.Many2one("mail.message", string="Sent Message", readonly=True)
    company_id = fields.Many2one(related="lead_id.company_id", store=True)
    partner_id = fields.Many2one(related="lead_id.partner_id", string="Contact")
    user_id = fields.Many2one(related="lead_id.user_id", string="Owner")

    def _cancel(self):
        self.filtered(lambda s: s.state == "pending").write({"state": "cancelled"})

    def _send(self):
        """Post each step's template on its deal as an e-mail to the contact.

        A step whose deal has moved on in the meantime is cancelled rather
        than sent.
        """
        for step in self:
            lead = step.lead_id
            if (
                step.state != "pending"
                or not lead.active
                or lead.stage_id != step.stage_id
            ):
                step.state = "cancelled"
                continue
            messages = lead.message_post_with_source(
                step.template_id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            step.write({"state": "sent", "message_id": messages[:1].id})

    def _cron_send_due(self, limit=500):
        """Send the follow-up e-mails that are due, committing per batch."""
        commit = not (
            self.env.context.get("crm_pipeline_no_commit")
            or modules.module.current_test
        )
        while True:
            steps = self.search(
                [
                    ("state", "=", "pending"),
                    ("scheduled_date", "<=", fields.Datetime.now()),
                ],
                limit=limit,
            )
            if not steps:
                break
            steps._send()
            if not commit:
                if len(steps) < limit:
                    break
                continue
            self.env.cr.commit()  # pylint: disable=invalid-commit
            _logger.info("Sent %s follow-up e-mails", len(steps))
