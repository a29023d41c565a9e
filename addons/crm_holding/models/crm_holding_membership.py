from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

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

    # ------------------------------------------------------------------
    # Holding on a day
    # ------------------------------------------------------------------

    @api.model
    def _holding_top_query(self, keys):
        """Common table expressions, for a ``WITH RECURSIVE`` clause, ending
        in ``holding_top(partner_id, day, holding_id)``: the holding of each
        company on each day of the query ``keys`` (rows ``(partner_id,
        day)``, no duplicates). A row for each company in a holding that day.

        From each company, the chain follows the memberships valid on the
        day up to the company with none: the top. A company that is the top
        itself is its own holding when it has members that day, like
        ``res.partner.holding_id`` today. The chain stops on a cycle (rows
        repeat), which no saved tree has. The two ends are apart so that
        PostgreSQL joins the memberships instead of scanning them per row.
        """

        def valid(alias):
            return SQL(
                "m.date_start <= %(alias)s.day "
                "AND (m.date_end IS NULL OR m.date_end >= %(alias)s.day)",
                alias=SQL.identifier(alias),
            )

        return SQL(
            """
            holding_key(partner_id, day) AS (%(keys)s),
            holding_chain(partner_id, day, node) AS (
                SELECT partner_id, day, partner_id FROM holding_key
            UNION
                SELECT chain.partner_id, chain.day, m.parent_id
                  FROM holding_chain chain
                  JOIN crm_holding_membership m ON m.partner_id = chain.node
                 WHERE %(chain_valid)s
            ),
            holding_end(partner_id, day, node) AS (
                SELECT chain.partner_id, chain.day, chain.node
                  FROM holding_chain chain
                 WHERE NOT EXISTS (
                           SELECT FROM crm_holding_membership m
                            WHERE m.partner_id = chain.node AND %(chain_valid)s
                       )
            ),
            holding_top(partner_id, day, holding_id) AS (
                SELECT partner_id, day, MIN(node)
                  FROM (
                        SELECT partner_id, day, node
                          FROM holding_end
                         WHERE node != partner_id
                    UNION ALL
                        SELECT partner_id, day, node
                          FROM holding_end top
                         WHERE node = partner_id
                           AND EXISTS (
                                   SELECT FROM crm_holding_membership m
                                    WHERE m.parent_id = top.node AND %(top_valid)s
                               )
                       ) tops
                 GROUP BY partner_id, day
            )
            """,
            keys=keys,
            chain_valid=valid("chain"),
            top_valid=valid("top"),
        )

    @api.model
    def _holdings_on(self, keys):
        """``{(company id, day): holding id}`` for the ``(company id, day)``
        pairs ``keys``, without the companies in no holding that day: one
        recursive query for all of them."""
        if not keys:
            return {}
        self.flush_model(TREE_FIELDS)
        partner_ids, days = zip(*keys, strict=True)
        rows = self.env.execute_query(
            SQL(
                "WITH RECURSIVE %s SELECT partner_id, day, holding_id FROM holding_top",
                self._holding_top_query(
                    SQL(
                        "SELECT * FROM unnest(%s::int4[], %s::date[])",
                        list(partner_ids),
                        list(days),
                    )
                ),
            )
        )
        return {(partner_id, day): holding_id for partner_id, day, holding_id in rows}

    @api.model
    def _recompute_member_documents(self, members, parents):
        """Recompute the holding of the documents of the companies that
        memberships of ``members`` under ``parents`` (old or new) may move
        on some day: the members, every company below them at any date, and
        the parents, which are a holding only on the days they have members.
        One query finds the companies, one per document model updates their
        documents."""
        if not members and not parents:
            return 0
        self.flush_model(TREE_FIELDS)
        rows = self.env.execute_query(
            SQL(
                """
                WITH RECURSIVE below(partner_id) AS (
                    SELECT unnest(%(members)s::int4[])
                UNION
                    SELECT m.partner_id
                      FROM below
                      JOIN crm_holding_membership m ON m.parent_id = below.partner_id
                )
                SELECT partner_id FROM below
                """,
                members=members.ids,
            )
        )
        partner_ids = {row[0] for row in rows} | set(parents.ids)
        return self._recompute_document_holdings(partner_ids)

    @api.model
    def _recompute_document_holdings(self, partner_ids=None, batch_size=50000):
        """Bring the stored holding of the documents of every model with a
        holding (``crm.holding.document.mixin``) in line with the
        memberships: of the companies ``partner_ids``, or of all documents
        in slices of ``batch_size`` ids (the upgrade to 18.0.2). Return how
        many documents changed."""
        self.env.flush_all()
        changed = 0
        for model_name in self.env["crm.holding.document.mixin"]._inherit_children:
            Document = self.env[model_name]
            if Document._abstract or not Document._auto:
                continue
            changed += Document.sudo()._recompute_holding_ids(partner_ids, batch_size)
        return changed

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
    # Daily job
    # ------------------------------------------------------------------

    @api.model
    def _cron_sync_holding_tree(self):
        """Memberships start and end with the days: bring the tree stored on
        the partners in line with today's memberships (one query to find what
        changed, then the ORM recomputes the members and their subtrees).
        Documents carry the holding of their own date, which the days do not
        change."""
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
