import logging
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from psycopg2.errors import SerializationFailure, UniqueViolation

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

#: Months in one billing period.
BILLING_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}
#: Fields that define the periods: fixed once a period is billed.
PERIOD_FIELDS = ("date_start", "billing_frequency", "partner_role")
#: Activity type of the warning given when a lease cannot be billed.
BILLING_FAILURE_ACTIVITY = "mail.mail_activity_data_warning"


class CrmLease(models.Model):
    """A lease with a counterparty, whose rent is billed period by period.

    The counterparty is the lessee (it rents from us: we issue customer
    invoices) or the lessor (we rent from it: we receive vendor bills). The
    periods run from the start date in steps of the billing frequency; a
    daily job gives each due period one invoice, and a unique index on
    account.move keeps it to one even when two runs overlap.
    """

    _name = "crm.lease"
    _description = "Lease"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        index="trigram",
        default=lambda self: _("New"),
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Counterparty",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
        help="The company or individual who rents from us or to us.",
    )
    partner_role = fields.Selection(
        [
            ("lessee", "The counterparty rents from us"),
            ("lessor", "We rent from the counterparty"),
        ],
        string="Counterparty Is",
        required=True,
        default="lessee",
        tracking=True,
        help="Lessee: customer side, we issue customer invoices.\n"
        "Lessor: supplier side, we receive vendor bills.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Leased Asset",
        check_company=True,
        tracking=True,
        help="The product invoiced for the rent. Without one, the invoices use "
        "the product Rent.",
    )
    asset_description = fields.Char(
        tracking=True,
        help="The leased asset in words, e.g. an address or a serial number. "
        "Required without a product.",
    )
    date_start = fields.Date(
        string="Start Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="First day of the first billing period.",
    )
    date_end = fields.Date(
        string="End Date",
        tracking=True,
        help="Last day of the lease; empty for an open-ended lease.",
    )
    rent = fields.Monetary(
        required=True, tracking=True, help="Amount billed for each billing period."
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
        tracking=True,
    )
    billing_frequency = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly"), ("yearly", "Yearly")],
        required=True,
        default="monthly",
        tracking=True,
    )
    deposit = fields.Monetary(tracking=True, help="Security deposit of the lease.")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("ended", "Ended"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        readonly=True,
        copy=False,
        default="draft",
        index=True,
        tracking=True,
        help="Only running leases are billed. A lease ends once its last "
        "period is billed and its end date is past.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
    )
    journal_id = fields.Many2one(
        "account.journal",
        compute="_compute_journal_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('type', '=', 'sale' if partner_role == 'lessee' else 'purchase')]",
        help="Journal of the rent invoices: by default the company's first "
        "sales journal (lessee) or purchase journal (lessor).",
    )
    move_ids = fields.One2many(
        "account.move", "crm_lease_id", string="Invoices", readonly=True
    )
    invoice_count = fields.Integer(compute="_compute_invoice_count")
    next_invoice_date = fields.Date(
        compute="_compute_next_invoice_date",
        help="Start of the first period that has no invoice yet.",
    )
    note = fields.Html()

    _sql_constraints = [
        (
            "date_end_after_start",
            "CHECK (date_end IS NULL OR date_end >= date_start)",
            "The end date of a lease cannot be before its start date.",
        ),
        ("rent_positive", "CHECK (rent > 0)", "The rent must be greater than zero."),
        (
            "deposit_not_negative",
            "CHECK (deposit IS NULL OR deposit >= 0)",
            "The deposit cannot be negative.",
        ),
        (
            "asset_required",
            "CHECK (product_id IS NOT NULL "
            "OR COALESCE(BTRIM(asset_description), '') != '')",
            "A lease needs a product or a description of the leased asset.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("partner_role", "company_id")
    def _compute_journal_id(self):
        Journal = self.env["account.journal"].sudo()
        for lease in self:
            journal_type = lease._get_journal_type()
            current = lease.journal_id.sudo()
            if current.type == journal_type and current.company_id == lease.company_id:
                continue
            lease.journal_id = Journal.search(
                [
                    *Journal._check_company_domain(lease.company_id),
                    ("type", "=", journal_type),
                ],
                limit=1,
            ).id

    def _compute_invoice_count(self):
        # Counted as superuser: counterparty users see the count, not
        # necessarily the invoices.
        counts = dict(
            self.env["account.move"]
            .sudo()
            ._read_group(
                [("crm_lease_id", "in", self._origin.ids)],
                ["crm_lease_id"],
                ["__count"],
            )
        )
        for lease in self:
            lease.invoice_count = counts.get(lease._origin, 0)

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

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for lease in self:
            if (
                lease.date_start
                and lease.date_end
                and lease.date_end < lease.date_start
            ):
                raise ValidationError(
                    _(
                        "The end date %(end)s of %(lease)s is before its start "
                        "date %(start)s.",
                        end=lease.date_end,
                        start=lease.date_start,
                        lease=lease._get_error_label(),
                    )
                )

    @api.constrains("rent")
    def _check_rent(self):
        for lease in self:
            # Compared as stored: rounded to the currency, as the database
            # check sees it (0.004 EUR is a rent of zero).
            if lease._compare_to_zero(lease.rent) <= 0:
                raise ValidationError(
                    _(
                        "The rent of %(lease)s must be greater than zero, not "
                        "%(rent)s.",
                        rent=lease._format_amount(lease.rent),
                        lease=lease._get_error_label(),
                    )
                )

    @api.constrains("deposit")
    def _check_deposit(self):
        for lease in self:
            if lease._compare_to_zero(lease.deposit) < 0:
                raise ValidationError(
                    _(
                        "The deposit of %(lease)s cannot be negative: %(deposit)s.",
                        deposit=lease._format_amount(lease.deposit),
                        lease=lease._get_error_label(),
                    )
                )

    @api.constrains("product_id", "asset_description")
    def _check_asset(self):
        for lease in self:
            if not lease.product_id and not (lease.asset_description or "").strip():
                raise ValidationError(
                    _(
                        "No leased asset on %(lease)s: choose a product or "
                        "describe the asset.",
                        lease=lease._get_error_label(),
                    )
                )

    @api.constrains("partner_id")
    def _check_partner_id(self):
        for lease in self:
            partner = lease.partner_id
            if partner and partner != partner.commercial_partner_id:
                raise ValidationError(
                    _(
                        "%(partner)s is a contact of %(company)s: a lease is made "
                        "with the company itself.",
                        partner=partner.name,
                        company=partner.commercial_partner_id.display_name,
                    )
                )

    @api.constrains("journal_id", "partner_role")
    def _check_journal_id(self):
        for lease in self:
            journal = lease.journal_id.sudo()
            if journal and journal.type != lease._get_journal_type():
                message = (
                    _(
                        "The journal %(journal)s of %(lease)s is not a sales "
                        "journal, but the counterparty rents from us.",
                        journal=journal.display_name,
                        lease=lease._get_error_label(),
                    )
                    if lease.partner_role == "lessee"
                    else _(
                        "The journal %(journal)s of %(lease)s is not a purchase "
                        "journal, but we rent from the counterparty.",
                        journal=journal.display_name,
                        lease=lease._get_error_label(),
                    )
                )
                raise ValidationError(message)

    def _check_lease_values(self):
        """All checks of a lease, also those the database repeats."""
        self._check_dates()
        self._check_rent()
        self._check_deposit()
        self._check_asset()
        self._check_partner_id()
        self._check_journal_id()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # The CHECK constraints refuse bad values at the INSERT, before
            # @api.constrains runs: check first to give a readable message.
            self.new(self._add_missing_default_values(vals))._check_lease_values()
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("crm.lease") or _(
                    "New"
                )
        return super().create(vals_list)

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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_billed(self):
        for lease in self:
            if lease.state in ("running", "ended") or lease.sudo().move_ids:
                raise UserError(
                    _(
                        "Lease %(lease)s is %(state)s or has invoices: cancel it "
                        "instead of deleting it.",
                        lease=lease.name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[lease.state],
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_start(self):
        self._check_state("draft", _("started"))
        self.write({"state": "running"})

    def action_cancel(self):
        self._check_state(("draft", "running"), _("cancelled"))
        self.write({"state": "cancelled"})

    def action_set_draft(self):
        self._check_state("cancelled", _("set back to draft"))
        self.write({"state": "draft"})

    def action_create_invoices(self):
        """Bill the due periods now, without waiting for the daily job."""
        self._check_state("running", _("billed"))
        today = fields.Date.context_today(self)
        moves = self.env["account.move"]
        for lease in self:
            moves |= lease._create_rent_invoices(today)
        if not moves:
            raise UserError(_("No period is due without an invoice."))
        return self.action_open_invoices()

    def action_open_invoices(self):
        self.ensure_one()
        xml_id = (
            "account.action_move_out_invoice_type"
            if self.partner_role == "lessee"
            else "account.action_move_in_invoice_type"
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        action["domain"] = [("crm_lease_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Periods and billing
    # ------------------------------------------------------------------

    def _check_state(self, states, verb):
        states = (states,) if isinstance(states, str) else states
        labels = dict(self._fields["state"]._description_selection(self.env))
        for lease in self:
            if lease.state not in states:
                raise UserError(
                    _(
                        "Lease %(lease)s cannot be %(verb)s: it is %(state)s.",
                        lease=lease.name,
                        verb=verb,
                        state=labels[lease.state],
                    )
                )

    def _get_error_label(self):
        self.ensure_one()
        if self.name and self.name != _("New"):
            return _("lease %s", self.name)
        return _("the new lease of %s", self.partner_id.display_name or "?")

    def _compare_to_zero(self, amount):
        """-1, 0 or 1 as ``amount`` rounded to the lease's currency is below,
        at or above zero."""
        self.ensure_one()
        if self.currency_id:
            return self.currency_id.compare_amounts(amount, 0.0)
        return (amount > 0) - (amount < 0)

    def _format_amount(self, amount):
        """Plain amount and currency code, readable in any error message."""
        self.ensure_one()
        digits = self.currency_id.decimal_places if self.currency_id else 2
        return f"{amount:.{digits}f} {self.currency_id.name or ''}".strip()

    def _get_journal_type(self):
        self.ensure_one()
        return "sale" if self.partner_role == "lessee" else "purchase"

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

    @api.model
    def _crm_dossier_action_context(self, partner):
        """Defaults of a lease created from ``partner``'s dossier: a supplier
        that is no customer leases to us."""
        commercial = partner.commercial_partner_id
        role = (
            "lessor"
            if commercial.is_supplier_counterparty
            and not commercial.is_customer_counterparty
            else "lessee"
        )
        return {"default_partner_role": role}

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
        and marks the activity done once the lease is billed.
        """
        today = fields.Date.context_today(self)
        leases = self.search([("state", "=", "running"), ("date_start", "<=", today)])
        failing = self.env["mail.activity"]._get_job_failures(leases)
        commit = self.env["account.move"]._can_commit()
        for done, lease in enumerate(leases, start=1):
            name = lease.name
            try:
                with self.env.cr.savepoint():
                    lease._create_rent_invoices(today)
            except (UniqueViolation, SerializationFailure):
                _logger.info("Lease %s skipped: a concurrent run is billing it.", name)
            except Exception as error:
                _logger.exception("Lease %s: the rent invoices were not created.", name)
                lease._notify_billing_failure(error)
            else:
                if lease in failing:
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
        activity while the lease fails, its note updated with the last error.
        Never raises: a failure to tell is logged."""
        self.ensure_one()
        reason = (
            str(error)
            if isinstance(error, UserError)
            else f"{type(error).__name__}: {error}"
        )
        note = _(
            "The rent of lease %(lease)s could not be billed:\n%(reason)s\n"
            "Correct the lease or its accounting; the daily job bills it again.",
            lease=self.name,
            reason=reason,
        )
        self.env["mail.activity"]._schedule_job_failures(
            [
                (
                    self,
                    self,
                    self._get_billing_failure_user(),
                    _("Rent not billed"),
                    note,
                )
            ],
            act_type_xmlid=BILLING_FAILURE_ACTIVITY,
            update_note=True,
        )

    def _create_rent_invoices(self, today):
        """Create the invoices of the due periods without one; return them.

        Customer invoices are posted: the rent is ours to claim and the amount
        is the one agreed. Vendor bills stay draft: the lessor's own bill
        (its number, date and amount) is to be checked and recorded on them
        by accounting before they are posted.
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
        if moves and self.partner_role == "lessee":
            moves.action_post()
        if self.date_end and self.date_end < today:
            self.state = "ended"
        return moves

    def _prepare_invoice_vals(self, start, end):
        """Values of the customer invoice (lessee) or vendor bill (lessor) of
        the period from ``start`` to ``end``. Override to add fields."""
        self.ensure_one()
        customer_side = self.partner_role == "lessee"
        partner = (
            self.env["res.partner"].browse(
                self.partner_id.address_get(["invoice"])["invoice"]
            )
            if customer_side
            else self.partner_id
        )
        vals = {
            "move_type": "out_invoice" if customer_side else "in_invoice",
            "partner_id": partner.id,
            "invoice_date": start,
            "currency_id": self.currency_id.id,
            "invoice_origin": self.name,
            "crm_lease_id": self.id,
            "crm_lease_period_start": start,
            "invoice_line_ids": [
                Command.create(
                    self.with_context(
                        lang=partner.lang or self.env.lang
                    )._prepare_invoice_line_vals(start, end)
                )
            ],
        }
        if self.journal_id:
            vals["journal_id"] = self.journal_id.id
        if customer_side and self.user_id:
            vals["invoice_user_id"] = self.user_id.id
        return vals

    def _prepare_invoice_line_vals(self, start, end):
        """The rent line of one period, its label naming the period."""
        self.ensure_one()
        product = self.product_id or self.env.ref("crm_counterparty.product_rent")
        label = _(
            "Rent %(lease)s: %(start)s – %(end)s",
            lease=self.name,
            start=fields.Date.to_string(start),
            end=fields.Date.to_string(end),
        )
        if self.asset_description:
            label = f"{label}\n{self.asset_description}"
        return {
            "product_id": product.id,
            "name": label,
            "quantity": 1,
            "price_unit": self.rent,
        }
