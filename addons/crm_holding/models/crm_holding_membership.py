from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

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
    below gives the message; an exclusion constraint in PostgreSQL keeps the
    rule when two transactions save overlapping memberships at once.
    """

    _name = "crm.holding.membership"
    _description = "Holding Membership"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"
    _rec_names_search = ["partner_id", "parent_id"]
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        ondelete="cascade",
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

    @api.constrains("partner_id", "parent_id", "date_start", "date_end")
    def _check_tree(self):
        """Refuse overlapping memberships of one company and cycles.

        Before reading the tree, the member and every company on the way up
        from its new parent are written to (a no-op update): two transactions
        changing the same part of the tree then conflict, and the later one
        is retried by Odoo, sees the earlier one's membership and is refused
        here, instead of both passing the check on their own snapshot.
        """
        self.flush_model(["partner_id", "parent_id", "date_start", "date_end"])
        for membership in self:
            ancestors = membership._ancestors_during_period()
            membership._lock_tree_rows([membership.partner_id.id, *ancestors])
            membership._check_no_overlap()
            if membership.partner_id.id in ancestors:
                raise ValidationError(
                    _(
                        "%(member)s cannot be a member of %(parent)s: "
                        "%(parent)s already belongs to %(member)s over that "
                        "period, and a company cannot end up above itself.",
                        member=membership.partner_id.display_name,
                        parent=membership.parent_id.display_name,
                    )
                )

    def _check_no_overlap(self):
        self.ensure_one()
        domain = [
            ("id", "!=", self.id),
            ("partner_id", "=", self.partner_id.id),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", self.date_start),
        ]
        if self.date_end:
            domain.append(("date_start", "<=", self.date_end))
        other = self.sudo().search(domain, limit=1)
        if not other:
            return
        holding = other.holding_id or other.parent_id
        values = {
            "member": self.partner_id.display_name,
            "holding": holding.display_name,
            "parent": other.parent_id.display_name,
            "start": other.date_start,
            "end": _(" to %s", other.date_end) if other.date_end else "",
            "new_start": self.date_start,
        }
        if other.parent_id == holding:
            message = _(
                "%(member)s already belongs to %(holding)s from %(start)s%(end)s: "
                "a company belongs to one holding at a time. End that membership "
                "before %(new_start)s first.",
                **values,
            )
        else:
            message = _(
                "%(member)s already belongs to %(holding)s through %(parent)s from "
                "%(start)s%(end)s: a company belongs to one holding at a time. End "
                "that membership before %(new_start)s first.",
                **values,
            )
        raise ValidationError(message)

    def _ancestors_during_period(self):
        """Ids of the companies above the new parent at some time of this
        membership's period, the parent included: one recursive query that
        follows the memberships whose periods meet all the way up."""
        self.ensure_one()
        rows = self.env.execute_query(
            SQL(
                """
                WITH RECURSIVE chain(node, lo, hi) AS (
                    SELECT %(parent)s, %(start)s::date, %(end)s::date
                UNION
                    SELECT m.parent_id,
                           GREATEST(c.lo, m.date_start),
                           LEAST(c.hi, COALESCE(m.date_end, 'infinity'::date))
                      FROM chain c
                      JOIN crm_holding_membership m ON m.partner_id = c.node
                     WHERE m.id != %(id)s
                       AND c.node != %(member)s
                       AND m.date_start <= c.hi
                       AND COALESCE(m.date_end, 'infinity'::date) >= c.lo
                )
                SELECT DISTINCT node FROM chain
                """,
                parent=self.parent_id.id,
                member=self.partner_id.id,
                id=self.id,
                start=self.date_start,
                end=self.date_end or "infinity",
            )
        )
        return [row[0] for row in rows]

    def _lock_tree_rows(self, partner_ids):
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET write_date = write_date WHERE id IN %s",
                tuple(sorted(set(partner_ids))),
            )
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        memberships = super().create(vals_list)
        memberships._mark_holding_kind()
        return memberships

    def write(self, vals):
        res = super().write(vals)
        if "partner_id" in vals or "parent_id" in vals:
            self._mark_holding_kind()
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
    # Daily job
    # ------------------------------------------------------------------

    @api.model
    def _cron_sync_holding_tree(self):
        """Memberships start and end with the days: bring the tree stored on
        the partners in line with today's memberships (one query to find what
        changed, then the ORM recomputes the members, their subtrees and their
        documents)."""
        rows = self.env.execute_query(
            SQL(
                """
                SELECT m.id
                  FROM crm_holding_membership m
                  JOIN res_partner p ON p.id = m.partner_id
                 WHERE (m.date_start <= %(today)s
                        AND (m.date_end IS NULL OR m.date_end >= %(today)s))
                       != (p.holding_membership_id IS NOT DISTINCT FROM m.id)
                """,
                today=fields.Date.today(),
            )
        )
        memberships = self.browse([row[0] for row in rows])
        if memberships:
            fnames = ["date_start", "date_end"]
            memberships.modified(fnames, before=True)
            memberships.modified(fnames)
            self.env.flush_all()
        return memberships

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_member(self):
        self.ensure_one()
        return self.partner_id._get_records_action()
