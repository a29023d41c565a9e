import logging

from psycopg2.errors import SerializationFailure, UniqueViolation

from odoo import _, api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

#: Activity type of the warning given when a lease cannot be billed.
BILLING_FAILURE_ACTIVITY = "mail.mail_activity_data_warning"


class CrmLease(models.Model):
    """The daily job that bills the due periods of the running leases, and
    tells a user when a lease cannot be billed. A unique index on
    account.move keeps each period to one invoice even when two runs
    overlap."""

    _inherit = "crm.lease"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _cron_create_rent_invoices(self):
        """Invoice every due period of the running leases that has none yet.

        Safe to run twice, late or after a gap: the periods follow from the
        lease and are compared with its invoices, and the unique index on
        account.move refuses a period billed by a concurrent run.

        Each lease is billed in its own savepoint and, outside tests,
        committed on its own: a lease that fails (an archived journal, a
        deprecated account...) rolls back alone, the others are billed, and
        neither the journals' sequences nor the leases stay locked until the
        end of the run. A failing lease gets one exception activity for its
        user, kept while it still fails; the next run tries the lease again
        and marks the activity done once the lease is billed. The customer
        invoices of a lease whose terms no user who may post approved stay
        drafts, with one activity for its user until a billing user approves
        them (see ``_may_post_rent``).
        """
        today = fields.Date.context_today(self)
        leases = self.search([("state", "=", "running"), ("date_start", "<=", today)])
        failing = self.env["mail.activity"]._get_job_failures(leases)
        commit = self.env["account.move"]._can_commit()
        for done, lease in enumerate(leases, start=1):
            name = lease.name
            try:
                with self.env.cr.savepoint():
                    moves = lease._create_rent_invoices(today)
            except (UniqueViolation, SerializationFailure):
                _logger.info("Lease %s skipped: a concurrent run is billing it.", name)
            except Exception as error:
                _logger.exception("Lease %s: the rent invoices were not created.", name)
                lease._notify_billing_failure(error)
            else:
                unposted = moves.filtered(lambda move: move.state == "draft")
                if lease.partner_role == "lessee" and unposted:
                    lease._notify_unapproved_terms(unposted)
                elif lease in failing and (
                    lease.partner_role == "lessor" or lease._may_post_rent()
                ):
                    self.env["mail.activity"]._close_job_failures(
                        lease, _("The due rent of the lease is billed.")
                    )
            self.env["ir.cron"]._notify_progress(
                done=done, remaining=len(leases) - done
            )
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return leases

    def _get_billing_failure_user(self):
        """Who is told that the lease cannot be billed: its responsible, else
        whoever made the lease, else an accounting manager of its company;
        each an active internal user of the lease's company."""
        self.ensure_one()
        for user in (self.user_id, self.create_uid):
            if user.active and not user.share and self.company_id in user.company_ids:
                return user
        return (
            self.env["res.users"].search(
                [
                    ("share", "=", False),
                    ("company_ids", "in", self.company_id.ids),
                    (
                        "groups_id",
                        "in",
                        self.env.ref("account.group_account_manager").ids,
                    ),
                ],
                order="id",
                limit=1,
            )
            or self.env.user
        )

    def _notify_billing_failure(self, error):
        """Tell the lease's user that its rent was not billed, and why: one
        activity while the lease fails, its note updated with the last error,
        told as a user error's own message, or as a technical error whose
        details are in the server log. Never raises: a failure to tell is
        logged."""
        self.ensure_one()
        reason = self.env["mail.activity"]._job_failure_reason(error)
        note = _(
            "The rent of lease %(lease)s could not be billed:\n%(reason)s\n"
            "Correct the lease or its accounting; the daily job bills it again.",
            lease=self.name,
            reason=reason,
        )
        self._schedule_billing_todo(_("Rent not billed"), note)

    def _notify_unapproved_terms(self, invoices):
        """Tell the lease's user that its customer ``invoices`` were left as
        drafts: no user who may post approved its terms. One activity while
        it lasts, closed by the approval. Never raises."""
        self.ensure_one()
        approver = self.terms_approver_id.sudo()
        reason = (
            _(
                "its terms were last set by %s, who may not post invoices",
                approver.name,
            )
            if approver
            else _("no user who may post invoices approved its terms")
        )
        note = _(
            "The rent invoices %(invoices)s of lease %(lease)s were left as "
            "drafts: %(reason)s. A user with Billing rights checks the lease and "
            "approves its terms (button Approve Terms), then posts the drafts.",
            invoices=", ".join(invoices.mapped("display_name")),
            lease=self.name,
            reason=reason,
        )
        self._schedule_billing_todo(_("Rent invoices left as drafts"), note)

    def _schedule_billing_todo(self, summary, note):
        """One activity of the billing job for the lease's user, its note
        updated while it stays open."""
        self.env["mail.activity"]._schedule_job_failures(
            [(self, self, self._get_billing_failure_user(), summary, note)],
            act_type_xmlid=BILLING_FAILURE_ACTIVITY,
            update_note=True,
        )

    def _create_rent_invoices(self, today):
        """Create the invoices of the due periods without one; return them.

        Customer invoices are posted: the rent is ours to claim and the amount
        is the one agreed, by a user who may post (``_may_post_rent``);
        otherwise they stay drafts. Vendor bills stay draft: the lessor's own
        bill (its number, date and amount) is to be checked and recorded on
        them by accounting before they are posted.
        """
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM crm_lease WHERE id = %s FOR NO KEY UPDATE SKIP LOCKED",
                self.id,
            )
        )
        if not self.env.cr.fetchone():
            _logger.info("Lease %s skipped: a concurrent run is billing it.", self.name)
            return self.env["account.move"]
        lease = self.with_company(self.company_id)
        moves = lease.env["account.move"].create(
            [
                lease._prepare_invoice_vals(start, end)
                for start, end in lease._get_due_periods(today)
            ]
        )
        if moves and self.partner_role == "lessee" and self._may_post_rent():
            moves.action_post()
        if self.date_end and self.date_end < today:
            self._write_trusted({"state": "ended"})
        return moves
