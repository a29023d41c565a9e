from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.tools import SQL

from .res_partner import KIND_FLAGS

#: Odoo's rank fields and the code of the kind each of them gives.
RANK_KINDS = {"customer_rank": "customer", "supplier_rank": "supplier"}
#: Odoo's ``res_partner_search_mode`` and the rank account's create gives.
SEARCH_MODE_RANKS = {"customer": "customer_rank", "supplier": "supplier_rank"}
#: Kinds whose partners do not become customers or suppliers through their
#: documents: a bank's fees or a tax authority's bill make it no supplier.
#: Override ``_get_rank_exempt_kind_ids`` to add more.
RANK_EXEMPT_KIND_CODES = ("bank", "government_agency")


class ResPartner(models.Model):
    """Customer and supplier are Odoo's ``customer_rank`` and
    ``supplier_rank`` of the commercial partner, and nothing else.

    The customer and supplier rows of ``counterparty_kind_ids`` are computed
    from those ranks (the other kinds are kept as given); the field stays
    stored, so that kind filters, group-bys and the stored kind flags, which
    follow the kinds, are plain SQL. Odoo's documents raise the ranks
    (``_increase_rank``) and the ORM recomputes the kinds of the partner and
    of its contacts. Writing the kinds (a user, an import, a data file) runs
    the inverse: rank 1 where the kind is there without a rank, 0 where the
    kind is gone; given with a rank, the kinds decide. Contacts have their
    company's kinds (``_commercial_fields``) and set no rank.

    In a form (a record without id) the kinds of a partner that is its own
    commercial partner are what the user chose: the compute leaves them, and
    saving turns them into ranks. The form of a partner created from a sale
    order's customer field (a bill's vendor field), to which account's
    ``create`` gives a rank, shows that kind.

    Apart from the confirmed orders that raise the ranks (in the sale and
    purchase bridges), this is the only place that knows Odoo's ranks.
    """

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    counterparty_kind_ids = fields.Many2many(
        compute="_compute_counterparty_kind_ids",
        inverse="_inverse_counterparty_kind_ids",
        store=True,
        readonly=False,
        copy=True,
    )

    @api.model
    def default_get(self, fields_list):
        defaults = super().default_get(fields_list)
        rank_field = SEARCH_MODE_RANKS.get(
            self.env.context.get("res_partner_search_mode")
        )
        # Called for every new record of the web client's x2many lists too:
        # the kinds are looked up only in a customer or supplier search mode.
        if rank_field and "counterparty_kind_ids" in fields_list:
            kind = self._get_rank_kinds().get(rank_field)
            if kind:
                defaults.setdefault("counterparty_kind_ids", [Command.set(kind.ids)])
        return defaults

    @api.depends(
        "commercial_partner_id.customer_rank", "commercial_partner_id.supplier_rank"
    )
    def _compute_counterparty_kind_ids(self):
        rank_kinds = self._get_rank_kinds()
        ranked = self.env["crm.counterparty.kind"].union(*rank_kinds.values())
        for partner in self:
            commercial = partner.commercial_partner_id
            kinds = partner.counterparty_kind_ids._origin
            if partner.id or commercial != partner:
                kinds -= ranked
                for rank_field, kind in rank_kinds.items():
                    if commercial[rank_field] > 0:
                        kinds |= kind
            partner.counterparty_kind_ids = kinds

    def _inverse_counterparty_kind_ids(self):
        rank_kinds = self._get_rank_kinds()
        to_write = defaultdict(list)
        for partner in self:
            if partner.commercial_partner_id != partner:
                continue
            kinds = partner.counterparty_kind_ids._origin
            for rank_field, kind in rank_kinds.items():
                if kind in kinds and not partner[rank_field]:
                    to_write[rank_field, 1].append(partner.id)
                elif kind not in kinds and partner[rank_field]:
                    to_write[rank_field, 0].append(partner.id)
        for (rank_field, rank), ids in to_write.items():
            self.browse(ids).write({rank_field: rank})

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._rank_vals_of_kinds(vals) for vals in vals_list])

    def _rank_vals_of_kinds(self, vals):
        """The ranks that the kinds of a new company give, in its values: the
        inverse then has nothing to write, and the insert is the only query
        (a lead converted into a customer costs no second update)."""
        if vals.get("parent_id") and not vals.get("is_company"):
            return vals
        kind_ids = self._kind_ids_of_commands(vals.get("counterparty_kind_ids"))
        if not kind_ids:
            return vals
        vals = dict(vals)
        for rank_field, kind in self._get_rank_kinds().items():
            if kind.id in kind_ids and not vals.get(rank_field):
                vals[rank_field] = 1
        return vals

    def write(self, vals):
        res = super().write(vals)
        rank_fields = RANK_KINDS.keys() & vals.keys()
        if rank_fields:
            self._sync_rank_kind_profiles(rank_fields)
        return res

    def _increase_rank(self, field, n=1):
        """Banks and agencies (``_get_rank_exempt_kind_ids``) do not become
        customers or suppliers through their documents: their rank stays 0
        unless a user gave them the kind."""
        partners = self
        if field in RANK_KINDS:
            exempt = set(self._get_rank_exempt_kind_ids())
            partners = self.filtered(
                lambda p: p.commercial_partner_id[field] > 0
                or not exempt.intersection(
                    p.commercial_partner_id.counterparty_kind_ids.ids
                )
            )
        res = super(ResPartner, partners)._increase_rank(field, n)
        if field in RANK_KINDS:
            partners._sync_rank_kind_profiles([field])
        return res

    @api.model
    def _get_rank_kinds(self):
        """{rank field: kind} of the seeded customer and supplier kinds."""
        kinds = {field: self._kind_by_code(code) for field, code in RANK_KINDS.items()}
        return {field: kind for field, kind in kinds.items() if kind}

    @api.model
    def _get_rank_exempt_kind_ids(self):
        """Ids of the kinds whose partners Odoo's documents do not make
        customers or suppliers (see ``RANK_EXEMPT_KIND_CODES``)."""
        kind_ids = (self._kind_by_code(code).id for code in RANK_EXEMPT_KIND_CODES)
        return [kind_id for kind_id in kind_ids if kind_id]

    def _sync_rank_kind_profiles(self, rank_fields):
        """The kinds changed with ``rank_fields`` get or lose their profile,
        when they have a field template."""
        rank_kinds = self._get_rank_kinds()
        if any(
            rank_kinds[field].properties_definition
            for field in rank_fields
            if field in rank_kinds
        ):
            self.commercial_partner_id._sync_counterparty_profiles()

    @api.model
    def _recompute_rank_kinds(self):
        """Recompute, through the ORM, the kinds and kind flags of the
        partners whose commercial partner's ranks say otherwise: Odoo's
        customers and suppliers on installation, data an earlier version left
        out of step on update. Return those partners."""
        self.env.flush_all()
        rank_kinds = self._get_rank_kinds()
        flags = {code: flag for flag, code in KIND_FLAGS.items()}
        disagree = []
        for rank_field, kind in rank_kinds.items():
            ranked = SQL("coalesce(c.%s, 0) > 0", SQL.identifier(rank_field))
            disagree += [
                SQL(
                    """%s IS DISTINCT FROM EXISTS (
                           SELECT 1 FROM res_partner_counterparty_kind_rel r
                            WHERE r.partner_id = p.id AND r.kind_id = %s)""",
                    ranked,
                    kind.id,
                ),
                SQL(
                    "%s IS DISTINCT FROM p.%s",
                    ranked,
                    SQL.identifier(flags[RANK_KINDS[rank_field]]),
                ),
            ]
        if not disagree:
            return self.browse()
        self.env.cr.execute(
            SQL(
                """SELECT p.id FROM res_partner p
                     JOIN res_partner c ON c.id = p.commercial_partner_id
                    WHERE %s ORDER BY p.id""",
                SQL(" OR ").join(disagree),
            )
        )
        partners = self.browse(row[0] for row in self.env.cr.fetchall())
        self.env.add_to_compute(self._fields["counterparty_kind_ids"], partners)
        partners.modified(["counterparty_kind_ids"])
        self.env.flush_all()
        partners.commercial_partner_id._sync_counterparty_profiles()
        return partners
