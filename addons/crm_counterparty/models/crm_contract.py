from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

SIDES = [("customer", "Customer"), ("supplier", "Supplier")]
#: The states a contract may go to from each state. Back to draft only from
#: active, and only while no order was made under it (``_with_orders``):
#: an expired or terminated contract stays as it ended.
STATE_TRANSITIONS = {
    "draft": ("active",),
    "active": ("draft", "expired", "terminated"),
    "expired": (),
    "terminated": (),
}


class CrmContract(models.Model):
    """A contract signed with a customer or a supplier.

    Sale or purchase orders are made under it; a daily job expires it after
    its end date and gives the responsible user a renewal to-do before.
    """

    _name = "crm.contract"
    _description = "Contract"
    _inherit = ["mail.thread", "mail.activity.mixin"]
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
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("expired", "Expired"),
            ("terminated", "Terminated"),
        ],
        required=True,
        default="draft",
        copy=False,
        index=True,
        tracking=True,
    )
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
    sale_order_ids = fields.One2many(
        "sale.order",
        "crm_contract_id",
        string="Sale Orders",
        groups="sales_team.group_sale_salesman",
    )
    sale_order_count = fields.Integer(
        compute="_compute_sale_order_count",
        groups="sales_team.group_sale_salesman",
    )
    purchase_order_ids = fields.One2many(
        "purchase.order",
        "crm_contract_id",
        string="Purchase Orders",
        groups="purchase.group_purchase_user",
    )
    purchase_order_count = fields.Integer(
        compute="_compute_purchase_order_count",
        groups="purchase.group_purchase_user",
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

    def _compute_sale_order_count(self):
        counts = dict(
            self.env["sale.order"]._read_group(
                [("crm_contract_id", "in", self.ids)], ["crm_contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.sale_order_count = counts.get(contract, 0)

    def _compute_purchase_order_count(self):
        counts = dict(
            self.env["purchase.order"]._read_group(
                [("crm_contract_id", "in", self.ids)], ["crm_contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.purchase_order_count = counts.get(contract, 0)

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

    @api.constrains("partner_id", "side")
    def _check_orders_partner(self):
        """Orders already made under a contract keep its partner and side."""
        contracts = self.sudo()
        contracts.sale_order_ids._check_crm_contract()
        contracts.purchase_order_ids._check_crm_contract()

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

    def write(self, vals):
        if "date_end" in vals:
            # A new end date deserves a new renewal to-do.
            vals = dict(vals, renewal_reminder_done=False)
        if "state" in vals:
            self._check_state_transition(vals["state"])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        """Only drafts are deleted, and not those with orders: the orders
        would lose the contract they were made under."""
        for contract in self:
            if contract.state != "draft":
                raise UserError(
                    _(
                        "The contract %(contract)s is %(state)s; only draft "
                        "contracts can be deleted.",
                        contract=contract.display_name,
                        state=contract._state_label(),
                    )
                )
        with_orders = self._with_orders()
        if with_orders:
            raise UserError(
                _(
                    "The contract %(contract)s is %(state)s but has orders made "
                    "under it; it cannot be deleted.",
                    contract=with_orders[0].display_name,
                    state=with_orders[0]._state_label(),
                )
            )

    def action_activate(self):
        today = fields.Date.context_today(self)
        for contract in self:
            if contract.state != "draft":
                raise UserError(
                    _(
                        "The contract %(contract)s is %(state)s; only a draft "
                        "contract can be activated.",
                        contract=contract.display_name,
                        state=contract._state_label(),
                    )
                )
            if contract.date_end and contract.date_end < today:
                raise UserError(
                    _(
                        "The contract %(contract)s ended on %(end)s; it cannot be "
                        "activated.",
                        contract=contract.display_name,
                        end=contract.date_end,
                    )
                )
        self.write({"state": "active"})
        return True

    def action_terminate(self):
        for contract in self:
            if contract.state != "active":
                raise UserError(
                    _(
                        "The contract %(contract)s is %(state)s; only an active "
                        "contract can be terminated.",
                        contract=contract.display_name,
                        state=contract._state_label(),
                    )
                )
        self.write({"state": "terminated"})
        return True

    def action_set_draft(self):
        """Back to draft, e.g. a contract activated by mistake: only an active
        contract under which no order was made yet."""
        self.write({"state": "draft"})
        return True

    def action_open_sale_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        action["domain"] = [("crm_contract_id", "=", self.id)]
        action["context"] = {
            "default_crm_contract_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    def action_open_purchase_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "purchase.purchase_form_action"
        )
        action["domain"] = [("crm_contract_id", "=", self.id)]
        action["context"] = {
            "default_crm_contract_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    def _state_label(self, state=None):
        self.ensure_one()
        labels = dict(self._fields["state"]._description_selection(self.env))
        return labels[state or self.state]

    def _check_state_transition(self, state):
        """Refuse a change of state that ``STATE_TRANSITIONS`` does not
        allow, by an action or by a direct write alike."""
        changing = self.filtered(lambda c: c.state != state)
        for contract in changing:
            if state not in STATE_TRANSITIONS[contract.state]:
                raise UserError(
                    _(
                        "The contract %(contract)s is %(state)s; it cannot be "
                        "set to %(new_state)s.",
                        contract=contract.display_name,
                        state=contract._state_label(),
                        new_state=contract._state_label(state),
                    )
                )
        if state == "draft":
            with_orders = changing._with_orders()
            if with_orders:
                raise UserError(
                    _(
                        "The contract %(contract)s is %(state)s and has orders "
                        "made under it; it cannot be reset to draft.",
                        contract=with_orders[0].display_name,
                        state=with_orders[0]._state_label(),
                    )
                )

    def _with_orders(self):
        """The contracts of ``self`` under which a sale or purchase order was
        made, in any state.

        Counted as superuser: users without sales or purchase rights must be
        refused too, and learn no more than that orders exist.
        """
        contract_ids = set()
        for model in ("sale.order", "purchase.order"):
            contract_ids.update(
                contract.id
                for [contract] in self.env[model]
                .sudo()
                ._read_group([("crm_contract_id", "in", self.ids)], ["crm_contract_id"])
            )
        return self.filtered(lambda c: c.id in contract_ids)

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
