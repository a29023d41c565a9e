from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.crm_counterparty.tools.trusted_context import is_trusted, trusted

#: Group of the users Odoo lets post customer invoices (Invoicing / Billing).
BILLING_GROUP = "account.group_account_invoice"
#: The terms of a running lease: what its invoices are made of (amount,
#: customer, periods, currency, product, company and journal). Changing them
#: takes Billing rights.
TERMS_FIELDS = (
    "rent",
    "partner_id",
    "partner_role",
    "date_start",
    "date_end",
    "billing_frequency",
    "currency_id",
    "product_id",
    "company_id",
    "journal_id",
)
#: Trusted context key of the writes of the state (by the actions and the
#: billing job) and of the terms' approver: see ``_write_trusted``.
TRUSTED_WRITE_KEY = "crm_counterparty_lease_trusted_write"
#: Fields written only through ``_write_trusted`` (or by the superuser).
TRUSTED_FIELDS = ("state", "terms_approver_id")


class CrmLease(models.Model):
    """A lease with a counterparty, whose rent is billed period by period.

    The counterparty is the lessee (it rents from us: we issue customer
    invoices) or the lessor (we rent from it: we receive vendor bills). The
    periods run from the start date in steps of the billing frequency; a
    daily job gives each due period one invoice, and a unique index on
    account.move keeps it to one even when two runs overlap.

    This file holds the lease and its checks; its periods are in
    ``crm_lease_schedule``, its invoices in ``crm_lease_invoice`` and the
    daily job that bills it in ``crm_lease_billing_job``.
    """

    _name = "crm.lease"
    _description = "Lease"
    _inherit = ["mail.thread", "mail.activity.mixin", "crm.company.guard.mixin"]
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
    note = fields.Html()
    terms_approver_id = fields.Many2one(
        "res.users",
        string="Terms Approved By",
        readonly=True,
        copy=False,
        tracking=True,
        help="Who started the lease or last changed its terms while it ran. "
        "The daily job posts its customer invoices only while this user may "
        "post invoices (Billing rights in the lease's company); otherwise it "
        "leaves them as drafts and tells the lease's responsible.",
    )

    terms_approval_needed = fields.Boolean(
        compute="_compute_terms_approval_needed",
        help="The lease runs, but no user who may post invoices approved its "
        "terms: the daily job leaves its customer invoices as drafts.",
    )

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

    @api.depends("state", "partner_role", "terms_approver_id", "company_id")
    def _compute_terms_approval_needed(self):
        for lease in self:
            lease.terms_approval_needed = (
                lease.state == "running"
                and lease.partner_role == "lessee"
                and not lease._may_post_rent()
            )

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
            full_vals = self._add_missing_default_values(vals)
            self._check_created_trusted_fields(full_vals)
            if full_vals.get("state", "draft") != "draft" and not full_vals.get(
                "terms_approver_id"
            ):
                # Only the superuser gets here (data files, server code):
                # whoever made the lease running set its terms.
                vals["terms_approver_id"] = self.env.uid
            # The CHECK constraints refuse bad values at the INSERT, before
            # @api.constrains runs: check first to give a readable message.
            self.new(full_vals)._check_lease_values()
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("crm.lease") or _(
                    "New"
                )
        return super().create(vals_list)

    def write(self, vals):
        self._check_trusted_fields_write(vals)
        changed = self._get_terms_changed(vals)
        running = changed.filtered(lambda lease: lease.state == "running")
        running._check_billing_rights(
            _("changed (%s)", ", ".join(self._get_field_labels(vals, TERMS_FIELDS)))
        )
        res = super().write(vals)
        if running:
            running._write_trusted({"terms_approver_id": self.env.uid})
        return res

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
        """Start billing the lease: takes Billing rights, whose holder
        approves the terms (see ``terms_approver_id``)."""
        self._check_state("draft", _("started"))
        self._check_billing_rights(_("started"))
        self._write_trusted({"state": "running", "terms_approver_id": self.env.uid})

    def action_approve_terms(self):
        """Approve the terms of a running lease, so that the daily job posts
        its invoices again (after an update, or when the approver lost his
        Billing rights). The drafts made meanwhile stay for accounting."""
        self._check_state("running", _("approved"))
        self._check_billing_rights(_("approved"))
        self._write_trusted({"terms_approver_id": self.env.uid})
        self.env["mail.activity"]._close_job_failures(
            self, _("The terms of the lease are approved.")
        )

    def action_cancel(self):
        self._check_state(("draft", "running"), _("cancelled"))
        self._write_trusted({"state": "cancelled"})

    def action_set_draft(self):
        self._check_state("cancelled", _("set back to draft"))
        self._write_trusted({"state": "draft"})

    # ------------------------------------------------------------------
    # Business methods
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

    def _write_trusted(self, vals):
        """Write ``vals``, a new state or terms' approver and what goes with
        them: the one way the actions and the billing job change them."""
        return self.with_context(**trusted(TRUSTED_WRITE_KEY)).write(vals)

    def _check_created_trusted_fields(self, vals):
        """New leases are drafts without an approver, whatever the values or
        the context's defaults say, except for the superuser's."""
        if self.env.su:
            return
        if vals.get("state", "draft") != "draft" or vals.get("terms_approver_id"):
            raise AccessError(
                _(
                    "The new lease of %(partner)s cannot be created %(what)s: a "
                    "lease starts as a draft and is started with the Start "
                    "button, by a user with Billing rights.",
                    partner=self.env["res.partner"]
                    .browse(vals.get("partner_id"))
                    .exists()
                    .display_name
                    or "?",
                    what=_("as %s", self._get_state_label(vals.get("state", "draft")))
                    if vals.get("state", "draft") != "draft"
                    else _("with an approver of its terms"),
                )
            )

    def _check_trusted_fields_write(self, vals):
        """The state and the terms' approver change through the actions and
        the billing job only (``_write_trusted``): a direct write, over RPC
        or from code, is refused to everyone but the superuser."""
        if self.env.su or is_trusted(self.env, TRUSTED_WRITE_KEY):
            return
        written = [name for name in TRUSTED_FIELDS if name in vals]
        if not written:
            return
        for lease in self:
            if "state" in vals and lease.state != vals["state"]:
                raise AccessError(
                    _(
                        "Lease %(lease)s is %(state)s: its state cannot be "
                        "written to %(new_state)s; it changes through the "
                        "buttons Start, Cancel and Set to Draft only.",
                        lease=lease.name,
                        state=lease._get_state_label(),
                        new_state=lease._get_state_label(vals["state"]),
                    )
                )
            if "terms_approver_id" in vals and (
                lease.terms_approver_id.id != (vals["terms_approver_id"] or False)
            ):
                raise AccessError(
                    _(
                        "The approver of the terms of lease %(lease)s cannot be "
                        "written: he is recorded when a user with Billing rights "
                        "starts the lease, changes its terms or approves them.",
                        lease=lease.name,
                    )
                )

    def _get_terms_changed(self, vals):
        """The leases of ``self`` whose terms ``vals`` changes."""
        names = [name for name in TERMS_FIELDS if name in vals]
        if not names:
            return self.browse()
        changed = self.browse()
        for lease in self:
            for name in names:
                field = self._fields[name]
                new = field.convert_to_record(
                    field.convert_to_cache(vals[name], lease), lease
                )
                if new != lease[name]:
                    changed |= lease
                    break
        return changed

    def _check_billing_rights(self, verb):
        """Starting a lease and changing the terms of a running one decide
        invoices that the billing job posts: they take Billing rights, which
        Odoo asks to post an invoice."""
        if not self or self.env.su or self.env.user.has_group(BILLING_GROUP):
            return
        raise AccessError(
            _(
                "Lease %(lease)s cannot be %(verb)s by %(user)s: its rent is "
                "invoiced, and this takes Billing rights (Invoicing).",
                lease=", ".join(self.mapped("name")),
                verb=verb,
                user=self.env.user.name,
            )
        )

    def _may_post_rent(self):
        """Whether the billing job posts the customer invoices of the lease:
        the user who approved its terms may post invoices in its company
        now."""
        self.ensure_one()
        approver = self.terms_approver_id.sudo()
        if not approver:
            return False
        if approver._is_superuser():
            return True
        return (
            approver.active
            and not approver.share
            and self.company_id in approver.company_ids
            and approver.has_group(BILLING_GROUP)
        )

    def _get_state_label(self, state=None):
        """The label of ``state``, by default the lease's own."""
        state = self.state if state is None else state
        labels = dict(self._fields["state"]._description_selection(self.env))
        return labels.get(state, state)

    def _get_field_labels(self, vals, names):
        return [
            self._fields[name]._description_string(self.env)
            for name in names
            if name in vals
        ]

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
