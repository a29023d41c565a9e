from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class CrmContract(models.Model):
    """The end of a contract: its renewal to-do within the notice before its
    end date, and its expiry after, both by a daily job."""

    _inherit = "crm.contract"  # pylint: disable=consider-merging-classes-inherited

    renewal_notice_days = fields.Integer(
        "Renewal Notice (Days)",
        default=30,
        help="Days before the end date when the responsible user gets a renewal "
        "to-do.",
    )
    renewal_reminder_done = fields.Boolean(
        copy=False,
        help="Set once the renewal to-do was created; a new end date clears it.",
    )
    expiring_soon = fields.Boolean(
        compute="_compute_expiring_soon",
        search="_search_expiring_soon",
        help="Active and ending within its renewal notice.",
    )

    @api.depends("state", "date_end", "renewal_notice_days")
    @api.depends_context("date")
    def _compute_expiring_soon(self):
        today = fields.Date.context_today(self)
        for contract in self:
            contract.expiring_soon = bool(
                contract.state == "active"
                and contract.date_end
                and today
                <= contract.date_end
                <= today + timedelta(days=contract.renewal_notice_days)
            )

    def _search_expiring_soon(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on Expiring Soon."))
        self.flush_model(["state", "date_end", "renewal_notice_days"])
        today = fields.Date.context_today(self)
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM crm_contract
                 WHERE state = 'active'
                   AND date_end >= %(today)s
                   AND date_end - renewal_notice_days <= %(today)s
                """,
                today=today,
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    def write(self, vals):
        if "date_end" in vals:
            # A new end date deserves a new renewal to-do.
            vals = dict(vals, renewal_reminder_done=False)
        return super().write(vals)

    @api.model
    def _cron_update_states(self):
        """Expire the active contracts whose end date is past, then give the
        responsible user of those ending soon one renewal to-do."""
        today = fields.Date.context_today(self)
        ended = self.search([("state", "=", "active"), ("date_end", "<", today)])
        ended.write({"state": "expired"})
        due = self.search(
            [("expiring_soon", "=", True), ("renewal_reminder_done", "=", False)]
        )
        for contract in due:
            contract.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=max(today, contract.date_end - timedelta(days=1)),
                summary=_(
                    "Renew %(contract)s: it ends on %(date)s",
                    contract=contract.name,
                    date=contract.date_end,
                ),
                user_id=(contract.user_id or self.env.user).id,
            )
        due.write({"renewal_reminder_done": True})
        return ended, due
