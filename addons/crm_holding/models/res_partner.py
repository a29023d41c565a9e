from collections import defaultdict

from odoo import _, api, fields, models
from odoo.osv import expression
from odoo.tools.sql import create_index


class ResPartner(models.Model):
    """Holding trees on partners.

    The tree of today is stored on each company, like Odoo's ``parent_path``:
    ``holding_parent_id`` (from the current membership), ``holding_path``
    (``top/.../parent/member/``, indexed for prefix searches) and
    ``holding_id`` (the top, the top itself included). The subtree of any
    company is then one ``=like`` condition, so consolidated totals take a
    fixed number of queries at any depth and size. The ORM keeps the three in
    step with the memberships (``holding_path`` is recursive); the daily job
    of ``crm.holding.membership`` follows memberships starting and ending.
    """

    _inherit = "res.partner"

    # Tree
    holding_membership_ids = fields.One2many(
        "crm.holding.membership", "partner_id", string="Holding Memberships"
    )
    holding_member_membership_ids = fields.One2many(
        "crm.holding.membership", "parent_id", string="Member Companies"
    )
    holding_membership_id = fields.Many2one(
        "crm.holding.membership",
        string="Current Membership",
        compute="_compute_holding_membership_id",
        store=True,
        index="btree_not_null",
    )
    holding_parent_id = fields.Many2one(
        "res.partner",
        string="Parent in Holding",
        compute="_compute_holding_membership_id",
        store=True,
        index="btree_not_null",
        help="The company right above this one in its holding today.",
    )
    holding_child_ids = fields.One2many(
        "res.partner",
        "holding_parent_id",
        string="Direct Members",
        readonly=True,
        help="The companies right below this one in its holding today.",
    )
    holding_path = fields.Char(
        compute="_compute_holding_path",
        store=True,
        recursive=True,
        help="Ids from the top of the holding down to this company.",
    )
    holding_id = fields.Many2one(
        "res.partner",
        string="Holding",
        compute="_compute_holding_id",
        store=True,
        index="btree_not_null",
        help="The top of the holding this company belongs to today; a holding "
        "is its own holding.",
    )
    # Related fields are read as the superuser: without groups, a portal
    # user would read the holding's memberships through his own partner.
    holding_role = fields.Selection(
        related="holding_membership_id.role", groups="base.group_user"
    )
    holding_ownership_pct = fields.Float(
        related="holding_membership_id.ownership_pct",
        string="Ownership (%)",
        groups="base.group_user",
    )
    holding_sibling_ids = fields.Many2many(
        "res.partner",
        compute="_compute_holding_sibling_ids",
        string="Sister Companies",
        help="The other companies with the same parent in the holding.",
    )
    holding_member_ids = fields.Many2many(
        "res.partner",
        compute="_compute_holding_member_ids",
        string="Members",
        help="Every company below this one in its holding, at any depth.",
    )
    holding_member_count = fields.Integer(
        "Member Count", compute="_compute_holding_member_ids"
    )

    def init(self):
        res = super().init()
        # Prefix searches (=like 'path%') whatever the database collation.
        create_index(
            self.env.cr,
            "res_partner_holding_path_index",
            self._table,
            ["holding_path text_pattern_ops"],
            where="holding_path IS NOT NULL",
        )
        return res

    # ------------------------------------------------------------------
    # Tree
    # ------------------------------------------------------------------

    @api.depends(
        "holding_membership_ids.parent_id",
        "holding_membership_ids.date_start",
        "holding_membership_ids.date_end",
    )
    def _compute_holding_membership_id(self):
        today = fields.Date.today()
        for partner in self:
            current = partner.holding_membership_ids.filtered(
                lambda m, day=today: m._is_current_on(day)
            )[:1]
            partner.holding_membership_id = current
            partner.holding_parent_id = current.parent_id

    @api.depends("holding_parent_id.holding_path")
    def _compute_holding_path(self):
        for partner in self:
            parent = partner.holding_parent_id
            if parent and partner._origin.id and parent._origin.id:
                prefix = parent.holding_path or f"{parent._origin.id}/"
                partner.holding_path = f"{prefix}{partner._origin.id}/"
            else:
                partner.holding_path = False

    @api.depends("holding_path", "holding_child_ids")
    def _compute_holding_id(self):
        for partner in self:
            if partner.holding_path:
                partner.holding_id = int(partner.holding_path.split("/", 1)[0])
            elif partner.holding_child_ids:
                partner.holding_id = partner
            else:
                partner.holding_id = False

    @api.depends("holding_parent_id")
    def _compute_holding_sibling_ids(self):
        parents = self.holding_parent_id
        children = defaultdict(list)
        if parents:
            # Only the parent column of the sister companies: one query.
            for child in self.search_fetch(
                [("holding_parent_id", "in", parents.ids)], ["holding_parent_id"]
            ):
                children[child.holding_parent_id.id].append(child.id)
        for partner in self:
            partner.holding_sibling_ids = [
                child_id
                for child_id in children.get(partner.holding_parent_id.id, [])
                if child_id != partner._origin.id
            ]

    @api.depends("holding_path", "holding_child_ids")
    def _compute_holding_member_ids(self):
        """One search for the subtrees of the whole recordset; none for
        companies outside any holding (no stored ``holding_id``)."""
        roots = self.commercial_partner_id._origin.filtered("holding_id")
        members = roots._holding_search_subtrees()
        below = defaultdict(list)
        root_ids = set(roots.ids)
        for member in members:
            for root_id in member._holding_ancestor_ids() & root_ids:
                below[root_id].append(member.id)
        for partner in self:
            ids = below.get(partner.commercial_partner_id._origin.id, [])
            partner.holding_member_ids = ids
            partner.holding_member_count = len(ids)

    @api.constrains("parent_id", "is_company")
    def _check_holding_companies(self):
        """Only companies belong to holdings: a member or parent company made
        a contact of another company is refused as a membership of a contact
        would be."""
        memberships = (
            self.sudo().holding_membership_ids
            | self.sudo().holding_member_membership_ids
        )
        memberships._check_commercial_partners()

    def _records_deleted_with_partners(self):
        return [
            *super()._records_deleted_with_partners(),
            self._records_referring_to("crm.holding.membership", "partner_id"),
        ]

    def _holding_ancestor_ids(self):
        """Ids of the companies above this one in its holding (from the path,
        no query)."""
        self.ensure_one()
        path = self.holding_path or ""
        return {int(pid) for pid in path.split("/")[:-2] if pid}

    def _holding_subtree_domain(self):
        """Domain of the commercial partners in the subtrees of ``self``: each
        company and every member below it, at any depth."""
        domains = [
            [
                "|",
                ("id", "=", partner.id),
                (
                    "holding_path",
                    "=like",
                    f"{partner.holding_path or f'{partner.id}/'}%",
                ),
            ]
            for partner in self.commercial_partner_id._origin
        ]
        return expression.OR(domains) if domains else expression.FALSE_DOMAIN

    def _holding_search_subtrees(self):
        """The companies of the subtrees of ``self``, archived ones included
        (their documents still count), with their paths: one query.

        Their commercial partner (themselves) comes along: the grouped queries
        of the dossier figures map each document's partner to it, and reading
        it later would cost one query per slice of the prefetch size.
        """
        if not self:
            return self.browse()
        return self.with_context(active_test=False).search_fetch(
            self._holding_subtree_domain(), ["holding_path", "commercial_partner_id"]
        )

    def action_open_holding_tree(self):
        """The holding of this company as a tree, around this company: its
        parent, its sister companies and its members, the rest folded.

        The holdings are selected by a default filter rather than the action's
        domain: web_hierarchy drops the whole domain when it opens on a record
        of an action that has a domain of its own.
        """
        self.ensure_one()
        partner = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_holding.res_partner_action_holding"
        )
        action["domain"] = []
        action["context"] = {
            "hierarchy_res_id": partner.id,
            "search_default_in_holding": 1,
        }
        holding = partner.holding_id or partner
        action["display_name"] = _("Holding %(name)s", name=holding.display_name)
        return action

    def action_open_holding_memberships(self):
        self.ensure_one()
        partner = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_holding.crm_holding_membership_action"
        )
        action["domain"] = [
            "|",
            ("partner_id", "=", partner.id),
            ("parent_id", "=", partner.id),
        ]
        action["context"] = {"default_parent_id": partner.id}
        return action
