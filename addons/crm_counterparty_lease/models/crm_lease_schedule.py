from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

#: Months in one billing period.
BILLING_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}
#: Fields that define the periods: fixed once a period is billed.
PERIOD_FIELDS = ("date_start", "billing_frequency", "partner_role")


class CrmLease(models.Model):
    """The billing periods of a lease: they run from its start date in steps
    of its billing frequency, and are fixed once one is billed."""

    _inherit = "crm.lease"  # pylint: disable=consider-merging-classes-inherited

    next_invoice_date = fields.Date(
        compute="_compute_next_invoice_date",
        help="Start of the first period that has no invoice yet.",
    )

    @api.depends("state", "date_start", "date_end", "billing_frequency")
    def _compute_next_invoice_date(self):
        billed = self._get_billed_periods()
        for lease in self:
            lease.next_invoice_date = False
            if lease.state not in ("draft", "running") or not lease.date_start:
                continue
            for start, _end in lease._iter_periods():
                if start not in billed[lease._origin]:
                    lease.next_invoice_date = start
                    break

    def write(self, vals):
        changes = {f: vals[f] for f in PERIOD_FIELDS if f in vals}
        if "date_start" in changes:
            changes["date_start"] = fields.Date.to_date(changes["date_start"])
        if changes:
            billed = self._get_billed_periods()
            for lease in self:
                if billed[lease] and any(lease[f] != v for f, v in changes.items()):
                    raise UserError(
                        _(
                            "Lease %(lease)s already has invoices: its start "
                            "date, billing frequency and side can no longer "
                            "change. Cancel it and make a new lease.",
                            lease=lease.name,
                        )
                    )
        return super().write(vals)

    def _iter_periods(self, until=None):
        """Yield ``(start, end)`` of each period, in order, up to the one
        starting on ``until``. Each start is counted from the start date
        (31 Jan, 28 Feb, 31 Mar...), never from the previous period, so that a
        short month does not shift the periods after it."""
        self.ensure_one()
        months = BILLING_MONTHS[self.billing_frequency]
        index = 0
        while True:
            start = self.date_start + relativedelta(months=index * months)
            if (until and start > until) or (self.date_end and start > self.date_end):
                return
            next_start = self.date_start + relativedelta(months=(index + 1) * months)
            end = next_start - timedelta(days=1)
            if self.date_end:
                end = min(end, self.date_end)
            yield start, end
            index += 1

    def _get_billed_periods(self):
        """Starts of the periods that have an invoice which is not cancelled,
        per lease. A cancelled or deleted invoice leaves its period unbilled."""
        billed = defaultdict(set)
        moves = (
            self.env["account.move"]
            .sudo()
            .search_fetch(
                [
                    ("crm_lease_id", "in", self._origin.ids),
                    ("crm_lease_period_start", "!=", False),
                    ("state", "!=", "cancel"),
                ],
                ["crm_lease_id", "crm_lease_period_start"],
            )
        )
        for move in moves:
            billed[move.crm_lease_id].add(move.crm_lease_period_start)
        return billed

    def _get_due_periods(self, today):
        """Periods started on or before ``today`` that have no invoice yet."""
        self.ensure_one()
        billed = self._get_billed_periods()[self]
        return [
            (start, end)
            for start, end in self._iter_periods(until=today)
            if start not in billed
        ]
