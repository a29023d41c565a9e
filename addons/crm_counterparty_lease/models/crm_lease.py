from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


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
            # The CHECK constraints refuse bad values at the INSERT, before
            # @api.constrains runs: check first to give a readable message.
            self.new(self._add_missing_default_values(vals))._check_lease_values()
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("crm.lease") or _(
                    "New"
                )
        return super().create(vals_list)

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
