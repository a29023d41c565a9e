import logging

from odoo import api, fields, models, modules
from odoo.tools import split_every

_logger = logging.getLogger(__name__)


class CrmLeadFollowupStep(models.Model):
    """A pending e-mail of a deal's follow-up sequence.

    Steps are created when the deal enters a stage and sent by a cron once
    due; leaving the stage cancels the pending ones, so nothing is ever sent
    about a stage the deal is no longer in.
    """

    _name = "crm.lead.followup.step"
    _inherit = ["crm.company.guard.mixin"]
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
        """Send the follow-up e-mails that are due, each on its own.

        An e-mail that fails (a template that cannot be rendered for its deal,
        say) stays pending, so that the next run tries it again, and gives the
        deal's owner a to-do; the others are sent all the same. Progress is
        reported to the cron and committed per batch of ``limit`` e-mails (not
        in tests, nor with the context key ``crm_pipeline_no_commit``).
        """
        commit = not (
            self.env.context.get("crm_pipeline_no_commit")
            or modules.module.current_test
        )
        due = self.search(
            [("state", "=", "pending"), ("scheduled_date", "<=", fields.Datetime.now())]
        ).ids
        done = failed = 0
        for batch in split_every(limit, due, self.browse):
            failures = []
            for step in batch:
                try:
                    with self.env.cr.savepoint():
                        step._send()
                except Exception as error:  # noqa: BLE001 - one e-mail's fault
                    _logger.warning(
                        "Follow-up e-mail %s of the deal %s (id %s) not sent, "
                        "tried again at the next run: %s",
                        step.template_id.name,
                        step.lead_id.name,
                        step.lead_id.id,
                        error,
                        exc_info=True,
                    )
                    failures.append((step, error))
            self._notify_send_failures(failures)
            done += len(batch)
            failed += len(failures)
            self.env["ir.cron"]._notify_progress(done=done, remaining=len(due) - done)
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        if due:
            _logger.info("Follow-up e-mails: %s due, %s not sent", len(due), failed)

    @api.model
    def _notify_send_failures(self, failures):
        """A to-do for the owner of each deal whose e-mail failed, from
        ``failures``: ``(step, exception)`` pairs. The job's user stands in
        for a deal without (active) owner."""
        todo = []
        for step, error in failures:
            lead = step.lead_id
            user = lead.user_id.filtered("active") or self.env.user
            env = self.with_context(lang=user.lang).env
            todo.append(
                (
                    step,
                    lead,
                    user,
                    env._("Follow-up e-mail not sent"),
                    env._(
                        "The follow-up e-mail %(template)s of the stage %(stage)s "
                        "could not be sent: %(error)s\nThe job tries again at each "
                        "run until it is sent or the deal leaves the stage.",
                        template=step.template_id.name,
                        stage=step.stage_id.name,
                        error=env["mail.activity"]._job_failure_reason(error),
                    ),
                )
            )
        return self.env["mail.activity"]._schedule_job_failures(todo)
