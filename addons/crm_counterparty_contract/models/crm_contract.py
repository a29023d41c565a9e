from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

SIDES = [("customer", "Customer"), ("supplier", "Supplier")]


class CrmContract(models.Model):
    """A contract signed with a customer or a supplier.

    Sale or purchase orders are made under it (``crm_contract_orders``); its
    states move on by its actions (``crm_contract_state``), and a daily job
    expires it after its end date and gives the responsible user a renewal
    to-do before (``crm_contract_renewal``).
    """

    _name = "crm.contract"
    _description = "Contract"
    _inherit = ["mail.thread", "mail.activity.mixin", "crm.company.guard.mixin"]
    _order = "date_start desc, id desc"
    _rec_names_search = ["name", "title"]
    _check_company_auto = True

    name = fields.Char(
        "Number",
        required=True,
        readonly=True,
        copy=False,
        index="trigram",
        default=lambda self: _("New"),
    )
    title = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Counterparty",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    side = fields.Selection(
        SIDES,
        required=True,
        compute="_compute_side",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Whether the counterparty buys from you (customer) or sells to you "
        "(supplier) under this contract.",
    )
    date_start = fields.Date(
        "Start Date",
        required=True,
        tracking=True,
        default=fields.Date.context_today,
    )
    date_end = fields.Date(
        "End Date", tracking=True, help="Leave empty for a contract without end."
    )
    amount = fields.Monetary("Value", currency_field="currency_id", tracking=True)
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        help="Gets the renewal to-do before the end date.",
    )
    note = fields.Html("Terms")

    _sql_constraints = [
        (
            "amount_not_negative",
            "CHECK(amount >= 0)",
            "The value of a contract cannot be negative.",
        ),
        (
            "date_end_after_start",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "The end date of a contract cannot be before its start date.",
        ),
    ]

    @api.depends("name", "title")
    def _compute_display_name(self):
        new = _("New")
        for contract in self:
            number = contract.name if contract.name != new else False
            contract.display_name = (
                " - ".join(filter(None, [number, contract.title])) or contract.name
            )

    @api.depends("partner_id")
    def _compute_side(self):
        """The partner's kind decides when it is only a customer or only a
        supplier; otherwise the side given (or the context default) stays."""
        for contract in self:
            contract.side = (
                self._side_of_partner(contract.partner_id)
                or contract.side
                or self.env.context.get("default_side")
                or "customer"
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if (
                contract.date_start
                and contract.date_end
                and contract.date_end < contract.date_start
            ):
                raise ValidationError(
                    _(
                        "The end date %(end)s of contract %(contract)s is before its "
                        "start date %(start)s.",
                        end=contract.date_end,
                        start=contract.date_start,
                        contract=contract.display_name,
                    )
                )

    @api.constrains("amount")
    def _check_amount(self):
        for contract in self:
            if contract.currency_id.compare_amounts(contract.amount, 0.0) < 0:
                raise ValidationError(
                    _(
                        "The value %(amount)s of contract %(contract)s is negative.",
                        amount=contract.amount,
                        contract=contract.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # The database refuses bad values before the constraints run: check
            # them first to tell which value is wrong.
            record = self.new(self._add_missing_default_values(vals))
            record._check_dates()
            record._check_amount()
            if vals.get("name", _("New")) == _("New"):
                company = (
                    self.env["res.company"].browse(vals.get("company_id"))
                    or self.env.company
                )
                vals["name"] = self.env["ir.sequence"].with_company(
                    company
                ).next_by_code("crm.contract") or _("New")
        return super().create(vals_list)

    @api.model
    def _side_of_partner(self, partner):
        """The side a new contract with ``partner`` takes by default: the one
        of its kinds, or False when it is both or neither customer and supplier."""
        commercial = partner.commercial_partner_id
        if commercial.is_supplier_counterparty == commercial.is_customer_counterparty:
            return False
        return "supplier" if commercial.is_supplier_counterparty else "customer"

    @api.model
    def _crm_dossier_action_context(self, partner):
        """Defaults of a contract created from ``partner``'s dossier."""
        side = self._side_of_partner(partner)
        return {"default_side": side} if side else {}
