from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

#: The fields of a membership that place its member in the tree on some day.
TREE_FIELDS = {"partner_id", "parent_id", "date_start", "date_end"}

HOLDING_ROLES = [
    ("parent", "Parent Company"),
    ("subsidiary", "Subsidiary"),
    ("affiliate", "Affiliate"),
    ("branch", "Branch"),
]


class CrmHoldingMembership(models.Model):
    """A company's place in a holding tree for a period: its parent, its role
    and the parent's share in it.

    The tree is global, like the partners it links: a company has one parent
    at a time, whichever company of the database looks at it. The membership
    follows its member's company for access (``company_id``).

    A company belongs to at most one holding at a time because it has at most
    one membership at a time: periods of one member never overlap. The check
    of ``crm_holding_membership_tree`` gives the message; an exclusion
    constraint in PostgreSQL keeps the rule when two transactions save
    overlapping memberships at once. The holding of a company on any day, and
    the documents and partners kept in line with it, are in
    ``crm_holding_membership_history``.
    """

    _name = "crm.holding.membership"
    _description = "Holding Membership"
    _inherit = ["mail.thread", "crm.company.guard.mixin"]
    _order = "date_start desc, id desc"
    _rec_names_search = ["partner_id", "parent_id"]
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        # Deleted with their member by res.partner.unlink(), through the ORM,
        # so that unlink() below recomputes the documents of the tree.
        ondelete="restrict",
        tracking=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
        help="The company that belongs to the holding.",
    )
    parent_id = fields.Many2one(
        "res.partner",
        string="Parent Company",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
        help="The company right above the member in the holding tree: the "
        "holding itself or another member.",
    )
    holding_id = fields.Many2one(
        "res.partner",
        string="Holding",
        compute="_compute_holding_id",
        store=True,
        index=True,
        help="The top of the tree the parent company belongs to today.",
    )
    role = fields.Selection(
        HOLDING_ROLES,
        required=True,
        default="subsidiary",
        tracking=True,
        help="What the member is to its parent company.",
    )
    ownership_pct = fields.Float(
        "Ownership (%)",
        digits=(5, 2),
        default=100.0,
        tracking=True,
        help="Share of the member held by its parent company, from 0 to 100.",
    )
    date_start = fields.Date(
        "Start Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_end = fields.Date(
        "End Date",
        tracking=True,
        help="Last day of the membership; empty while it lasts.",
    )
    is_current = fields.Boolean(
        "Current", compute="_compute_is_current", search="_search_is_current"
    )
    company_id = fields.Many2one(
        related="partner_id.company_id", store=True, index=True, precompute=True
    )
    note = fields.Text()

    _sql_constraints = [
        (
            # int4range(id, id, '[]') WITH = compares members inside a GiST
            # index without the btree_gist extension, which a database user
            # without the CREATE privilege could not install. Deferred to the
            # commit, so that the checks below name the companies first (an
            # end before the start is indexed as a one-day period until the
            # date check refuses it).
            "no_overlap",
            "EXCLUDE USING gist ("
            "int4range(partner_id, partner_id, '[]') WITH =, "
            "daterange(date_start, CASE WHEN date_end < date_start "
            "THEN date_start ELSE date_end END, '[]') WITH &&"
            ") DEFERRABLE INITIALLY DEFERRED",
            "A company cannot belong to two holdings, or twice to one, over "
            "overlapping periods.",
        ),
    ]

    @api.depends("parent_id.holding_id")
    def _compute_holding_id(self):
        for membership in self:
            parent = membership.parent_id
            membership.holding_id = parent.holding_id or parent

    @api.depends("date_start", "date_end")
    def _compute_is_current(self):
        today = fields.Date.today()
        for membership in self:
            membership.is_current = membership._is_current_on(today)

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!="):
            raise ValidationError(_("Unsupported search on the current memberships."))
        today = fields.Date.today()
        domain = [
            ("date_start", "<=", today),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", today),
        ]
        return domain if (operator == "=") == bool(value) else ["!", *domain]

    def _is_current_on(self, day):
        self.ensure_one()
        return bool(
            self.date_start
            and self.date_start <= day
            and (not self.date_end or self.date_end >= day)
        )

    @api.depends("partner_id", "parent_id")
    def _compute_display_name(self):
        for membership in self:
            membership.display_name = _(
                "%(member)s in %(parent)s",
                member=membership.partner_id.name or "",
                parent=membership.parent_id.name or "",
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("ownership_pct")
    def _check_ownership_pct(self):
        for membership in self:
            if not 0.0 <= membership.ownership_pct <= 100.0:
                raise ValidationError(
                    _(
                        "The ownership of %(parent)s in %(member)s must be between "
                        "0 and 100 %%, not %(value)s.",
                        parent=membership.parent_id.display_name,
                        member=membership.partner_id.display_name,
                        value=membership.ownership_pct,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for membership in self:
            if membership.date_end and membership.date_end < membership.date_start:
                raise ValidationError(
                    _(
                        "The membership of %(member)s in %(parent)s cannot end "
                        "(%(date_end)s) before it starts (%(date_start)s).",
                        member=membership.partner_id.display_name,
                        parent=membership.parent_id.display_name,
                        date_end=membership.date_end,
                        date_start=membership.date_start,
                    )
                )

    @api.constrains("partner_id", "parent_id")
    def _check_commercial_partners(self):
        for membership in self:
            for partner in membership.partner_id | membership.parent_id:
                if partner.commercial_partner_id != partner:
                    raise ValidationError(
                        _(
                            "%(partner)s is a contact of %(company)s: only "
                            "companies belong to holdings.",
                            partner=partner.display_name,
                            company=partner.commercial_partner_id.display_name,
                        )
                    )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        memberships = super().create(vals_list)
        memberships._mark_holding_kind()
        self._recompute_member_documents(memberships.partner_id, memberships.parent_id)
        return memberships

    def write(self, vals):
        if TREE_FIELDS.isdisjoint(vals):
            return super().write(vals)
        members, parents = self.partner_id, self.parent_id
        res = super().write(vals)
        if "partner_id" in vals or "parent_id" in vals:
            self._mark_holding_kind()
        self._recompute_member_documents(
            members | self.partner_id, parents | self.parent_id
        )
        return res

    def unlink(self):
        members, parents = self.partner_id, self.parent_id
        res = super().unlink()
        self.browse()._recompute_member_documents(members, parents)
        return res

    def _mark_holding_kind(self):
        """Members and their parents are counterparties of kind holding
        member, so that they show in the Holding Members register."""
        kind = self.env["res.partner"]._kind_by_code("holding_member")
        if not kind:
            return
        partners = (self.partner_id | self.parent_id).filtered(
            lambda p: kind not in p.counterparty_kind_ids
        )
        if partners:
            partners.sudo().write(
                {"counterparty_kind_ids": [fields.Command.link(kind.id)]}
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_member(self):
        self.ensure_one()
        return self.partner_id._get_records_action()
