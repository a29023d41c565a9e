from odoo import api, fields, models
from odoo.tools import plaintext2html

#: The records the suite's scheduled jobs work on, which a failure to-do names.
JOB_FAILURE_MODELS = [
    ("crm.lead.followup.step", "Follow-up E-mail"),
    ("res.partner", "Contact"),
]


def error_text(error):
    """The message of ``error`` and of the errors that caused it, e.g. the
    expression behind a template that could not be rendered."""
    messages, cause = [], error
    while cause is not None and len(messages) < 5:
        message = str(cause) or type(cause).__name__
        if message not in messages:
            messages.append(message)
        cause = cause.__cause__ or cause.__context__
    return "\n".join(messages)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    followup_stage_id = fields.Many2one(
        "crm.stage",
        string="Follow-up of Stage",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The deal stage whose follow-up sequence scheduled this activity; "
        "it is removed when the deal leaves the stage.",
    )
    job_failure_ref = fields.Reference(
        JOB_FAILURE_MODELS,
        string="Failed Job Record",
        index="btree_not_null",
        readonly=True,
        help="The record a scheduled job failed on: while this to-do is open, "
        "the job's next failures on the record give no other one.",
    )

    @api.model
    def _schedule_job_failures(self, failures):
        """Give the responsible users a to-do about the records a scheduled
        job failed on, one per record: a record with an open to-do of an
        earlier run gets no second one.

        ``failures``: ``(record, document, user, summary, note)`` tuples, the
        to-do being on ``document`` for ``user``, ``note`` being plain text.
        """
        refs = {f"{failure[0]._name},{failure[0].id}": failure for failure in failures}
        if not refs:
            return self.browse()
        Activity = self.sudo()
        known = Activity.search_fetch(
            [("job_failure_ref", "in", list(refs))], ["job_failure_ref"]
        )
        for activity in known:
            record = activity.job_failure_ref
            refs.pop(f"{record._name},{record.id}", None)
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        today = fields.Date.context_today(self)
        return Activity.create(
            [
                {
                    "res_model_id": self.env["ir.model"]._get_id(document._name),
                    "res_id": document.id,
                    "activity_type_id": todo.id if todo else False,
                    "summary": summary,
                    "note": plaintext2html(note),
                    "user_id": user.id,
                    "date_deadline": today,
                    "automated": True,
                    "job_failure_ref": ref,
                }
                for ref, (__, document, user, summary, note) in refs.items()
            ]
        )
