import logging
import threading
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import split_every

_logger = logging.getLogger(__name__)

#: The group that reads and records the numbers and scans of documents.
PERSONAL_DOCUMENT_GROUP = "crm_counterparty.group_personal_document"


class CrmPersonalDocument(models.Model):
    """An identity or authority document of a counterparty or its contacts.

    ID cards, passports, registration certificates and powers of attorney
    expire; the state follows the expiry date and a daily job gives the
    responsible user a to-do before it does.

    The number and the scan are for the users of the group Personal
    Documents only. Everything that is copied elsewhere (the name, hence
    message record names, assignment e-mails and activity summaries, the
    dossier report) is made of the type and the holder, never the number.
    """

    _name = "crm.personal.document"
    _description = "Personal Document"
    _inherit = ["mail.thread", "mail.activity.mixin", "crm.company.guard.mixin"]
    _order = "expiry_date, id"

    #: Days before expiry when a document turns "expiring" and its to-do is due.
    REMINDER_DAYS = 30
    #: Documents per transaction of the expiry reminder job.
    REMINDER_BATCH_SIZE = 200

    name = fields.Char(
        compute="_compute_name",
        store=True,
        help="The type and the holder of the document, without its number: "
        "the name is shown to every counterparty user and copied into "
        "messages and activities.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Holder",
        required=True,
        index=True,
        # Deleted with their holder by res.partner.unlink(), through the ORM.
        ondelete="restrict",
        tracking=True,
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    type_id = fields.Many2one(
        "crm.personal.document.type", string="Type", required=True, tracking=True
    )
    # Not tracked: a tracking value would copy the number into the chatter.
    number = fields.Char(required=True, groups=PERSONAL_DOCUMENT_GROUP)
    issuer_id = fields.Many2one(
        "res.partner",
        string="Issued By",
        help="The authority that issued the document.",
    )
    issue_date = fields.Date(tracking=True)
    expiry_date = fields.Date(tracking=True)
    state = fields.Selection(
        [("valid", "Valid"), ("expiring", "Expiring"), ("expired", "Expired")],
        compute="_compute_state",
        search="_search_state",
        help="Expiring: the document expires within 30 days.",
    )
    file = fields.Binary("Scan", attachment=True, groups=PERSONAL_DOCUMENT_GROUP)
    file_name = fields.Char(groups=PERSONAL_DOCUMENT_GROUP)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    note = fields.Html()
    reminder_done = fields.Boolean(
        copy=False,
        help="Set once the expiry to-do was created, so it is created only once.",
    )
    active = fields.Boolean(default=True)

    @api.depends("type_id.name", "partner_id.name")
    def _compute_name(self):
        for doc in self:
            doc.name = " – ".join(filter(None, [doc.type_id.name, doc.partner_id.name]))

    @api.depends("expiry_date")
    @api.depends_context("date")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for doc in self:
            if not doc.expiry_date:
                doc.state = "valid"
            elif doc.expiry_date < today:
                doc.state = "expired"
            elif doc.expiry_date <= today + timedelta(days=self.REMINDER_DAYS):
                doc.state = "expiring"
            else:
                doc.state = "valid"

    def _search_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise NotImplementedError(_("Unsupported search on the state."))
        states = {value} if isinstance(value, str) else set(value or [])
        today = fields.Date.context_today(self)
        soon = today + timedelta(days=self.REMINDER_DAYS)
        domains = {
            "expired": [("expiry_date", "<", today)],
            "expiring": [("expiry_date", ">=", today), ("expiry_date", "<=", soon)],
            "valid": ["|", ("expiry_date", "=", False), ("expiry_date", ">", soon)],
        }
        domain = expression.OR([domains[s] for s in states if s in domains] or [[]])
        if operator in ("!=", "not in"):
            domain = ["!"] + expression.normalize_domain(domain)
        return domain

    @api.constrains("issue_date", "expiry_date")
    def _check_dates(self):
        for doc in self:
            if doc.issue_date and doc.expiry_date and doc.expiry_date < doc.issue_date:
                raise ValidationError(
                    _(
                        "The expiry date %(expiry)s of %(doc)s is before its issue "
                        "date %(issue)s.",
                        expiry=doc.expiry_date,
                        issue=doc.issue_date,
                        doc=doc.name,
                    )
                )

    def write(self, vals):
        rearm = renumbered = self.browse()
        if "expiry_date" in vals:
            # A new expiry date deserves a new reminder; the same one does not.
            expiry = fields.Date.to_date(vals["expiry_date"])
            rearm = self.filtered(lambda doc: doc.expiry_date != expiry)
        if "number" in vals:
            renumbered = self.filtered(lambda doc: doc.number != vals["number"])
        if rearm == self:
            vals = dict(vals, reminder_done=False)
        res = super().write(vals)
        if rearm and rearm != self:
            super(CrmPersonalDocument, rearm).write({"reminder_done": False})
        if renumbered and not self.env.context.get("tracking_disable"):
            # The change is logged, the value is not.
            body = self.env._("The document number was changed.")
            renumbered._message_log_batch(dict.fromkeys(renumbered.ids, body))
        return res

    # ------------------------------------------------------------------
    # Expiry reminders
    # ------------------------------------------------------------------

    @api.model
    def _expiry_reminder_domain(self, today):
        return [
            ("reminder_done", "=", False),
            ("expiry_date", "!=", False),
            ("expiry_date", "<=", today + timedelta(days=self.REMINDER_DAYS)),
        ]

    @api.model
    def _cron_expiry_reminder(self, batch_size=None):
        """Create, once per document, a to-do before the expiry date.

        Each document is done in a savepoint of its own: a document that
        fails gets a warning activity for its responsible instead, does not
        stop the others and is tried again on the next run. Outside tests,
        each batch is committed and reported to the scheduler, so that a run
        cut short resumes where it stopped, without duplicates. Return the
        documents that got their to-do.
        """
        batch_size = batch_size or self.REMINDER_BATCH_SIZE
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        today = fields.Date.context_today(self)
        due_ids = self.search(self._expiry_reminder_domain(today), order="id").ids
        reminded_ids = []
        processed = 0
        for batch in split_every(batch_size, due_ids, self.browse):
            for doc in batch:
                if doc._schedule_expiry_reminder(today):
                    reminded_ids.append(doc.id)
            processed += len(batch)
            self.env["ir.cron"]._notify_progress(
                done=processed, remaining=len(due_ids) - processed
            )
            if auto_commit:
                # A batch done stays done if the job is cut short later.
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return self.browse(reminded_ids)

    def _expiry_reminder_user(self):
        self.ensure_one()
        return self.user_id or self.partner_id.user_id or self.env.user

    def _schedule_expiry_reminder(self, today):
        """Give the responsible the to-do of this document's expiry; return
        whether it was created."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self.activity_schedule(
                    "mail.mail_activity_data_todo",
                    # The day before expiry, and never in the past.
                    date_deadline=max(today + timedelta(days=1), self.expiry_date)
                    - timedelta(days=1),
                    summary=_(
                        "%(doc)s expires on %(date)s",
                        doc=self.name,
                        date=self.expiry_date,
                    ),
                    user_id=self._expiry_reminder_user().id,
                )
                self.reminder_done = True
        except Exception as error:  # noqa: BLE001 - one document must not stop the job
            _logger.warning(
                "The expiry reminder of personal document %s failed: %s",
                self.id,
                error,
            )
            self._warn_expiry_reminder_failed(error)
            return False
        return True

    def _warn_expiry_reminder_failed(self, error):
        """Tell the responsible that the reminder of this document failed,
        once while the warning is open. The technical error stays in the
        server log: it may quote the document's row, number included."""
        self.ensure_one()
        reason = self.env["mail.activity"]._job_failure_reason(error)
        self.env["mail.activity"]._schedule_job_failures(
            [
                (
                    self,
                    self,
                    self._expiry_reminder_user(),
                    _("The expiry reminder could not be created"),
                    _(
                        "The to-do before the expiry of %(doc)s could not be "
                        "created: %(reason)s. The daily job tries again.",
                        doc=self.name,
                        reason=reason,
                    ),
                )
            ],
            act_type_xmlid="mail.mail_activity_data_warning",
        )
