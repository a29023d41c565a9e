import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.mail import plaintext2html

_logger = logging.getLogger(__name__)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    job_failure_ref = fields.Reference(
        selection="_selection_job_failure_ref",
        string="Failed Job Record",
        index="btree_not_null",
        readonly=True,
        help="The record a scheduled job failed on: while this activity is "
        "open, the job's next failures on the record give no other one.",
    )

    @api.model
    def _selection_job_failure_ref(self):
        """The models whose records the suite's scheduled jobs may fail on.
        An addon whose job reports its failures with
        :meth:`_schedule_job_failures` adds its model here."""
        return [
            (model, self.env[model]._description)
            for model in ("crm.personal.document",)
        ]

    @api.model
    def _job_failure_reason(self, error):
        """The reason a job failed, as its to-do tells it: the first
        paragraph of a UserError's own message (ValidationError and
        AccessError included), written for users; for any other exception a
        generic sentence, its text and traceback being left to the server
        log (they may quote a row, a query or a number). In the language of
        ``self.env``."""
        if isinstance(error, UserError) and error.args and str(error.args[0]).strip():
            reason = str(error.args[0]).strip().split("\n\n", 1)[0].strip()
            return reason if len(reason) <= 300 else reason[:299].rstrip() + "…"
        return self.env._("a technical error, described in the server log")

    @api.model
    def _get_job_failures(self, records):
        """The open failure activities of ``records`` (an iterable of
        records), by record."""
        refs = [f"{record._name},{record.id}" for record in records]
        if not refs:
            return {}
        activities = self.sudo().search_fetch(
            [("job_failure_ref", "in", refs)], ["job_failure_ref"]
        )
        return {act.job_failure_ref: act for act in activities if act.job_failure_ref}

    @api.model
    def _schedule_job_failures(
        self, failures, act_type_xmlid="mail.mail_activity_data_todo", update_note=False
    ):
        """Tell the responsible users about the records a scheduled job failed
        on: one activity per record while it is open, a record with an open
        one of an earlier run gets no second one (only its note replaced,
        with ``update_note``). Return the activities created.

        ``failures``: ``(record, document, user, summary, note)`` tuples, the
        activity being on ``document`` (a ``mail.activity.mixin`` record, often
        ``record`` itself) for ``user``, ``note`` being plain text.

        Each record is done in a savepoint and never raises: a failure to
        tell is logged, and the job goes on.
        """
        known = self._get_job_failures(failure[0] for failure in failures)
        created = self.browse()
        for record, document, user, summary, note in failures:
            activity = known.get(record)
            if activity and not update_note:
                continue
            try:
                with self.env.cr.savepoint():
                    if activity:
                        activity.note = plaintext2html(note)
                    else:
                        created |= (
                            document.sudo().activity_schedule(
                                act_type_xmlid,
                                summary=summary,
                                note=plaintext2html(note),
                                user_id=user.id,
                                job_failure_ref=f"{record._name},{record.id}",
                            )
                            or self.browse()
                        )
            except Exception:
                _logger.exception(
                    "%s %s: its failure was not told to its user.",
                    record._name,
                    record.id,
                )
        return created

    @api.model
    def _close_job_failures(self, records, feedback):
        """Mark done the open failure activities of ``records``, whose job
        succeeded, with ``feedback``. Never raises: a failure to close one is
        logged."""
        for record, activity in self._get_job_failures(records).items():
            try:
                with self.env.cr.savepoint():
                    activity.action_feedback(feedback=feedback)
            except Exception:
                _logger.exception(
                    "%s %s: its failure activity was not closed.",
                    record._name,
                    record.id,
                )
