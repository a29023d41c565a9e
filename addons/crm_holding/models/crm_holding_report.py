import logging

from odoo import fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

#: A row's id packs its document's id, its kind's id and the position of the
#: partner field that makes its member: ``document * 2**20 + kind * 2**4 +
#: position``; unique across kinds, the same at every request, and below
#: JavaScript's 2**53 for documents up to 2**33.
KIND_BITS = 16
POSITION_BITS = 4


class CrmHoldingReport(models.Model):
    """One row per document of every kind of the dossier's registry and per
    company it belongs to, with that company's holding tree: the per-member
    breakdown of the consolidated dossier in a pivot.

    The rows are those the user may read: each kind's documents are searched
    as the user (``_search``, so Odoo's access rights and record rules
    apply), and kinds whose model the user may not read give none. A kind
    shows for the companies its dossier shows it for (its *Shown For*
    counterparty kinds). Amounts are those the registry sums, in the current
    company's currency at today's rate; documents the kind only counts have
    none. The query is built at each request, so overdue documents follow
    the current date.
    """

    _name = "crm.holding.report"
    _description = "Consolidated Holding Analysis"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "document_name"

    kind_id = fields.Many2one(
        "crm.counterparty.document.kind", string="Document Kind", readonly=True
    )
    res_model = fields.Char("Document Model", readonly=True)
    res_id = fields.Many2oneReference(
        "Document ID", model_field="res_model", readonly=True
    )
    document_name = fields.Char("Document", readonly=True)
    date = fields.Date(readonly=True)
    member_id = fields.Many2one("res.partner", string="Member", readonly=True)
    holding_id = fields.Many2one("res.partner", string="Holding", readonly=True)
    holding_parent_id = fields.Many2one(
        "res.partner", string="Parent in Holding", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount = fields.Monetary(
        readonly=True,
        help="What the document kind sums (sold, receivable, purchased...), in "
        "the company currency at today's rate; nothing for the documents it "
        "only counts.",
    )

    @property
    def _table_query(self):
        return self._report_query()

    # ------------------------------------------------------------------
    # The rows: each readable kind's documents, searched as the user
    # ------------------------------------------------------------------

    def _report_query(self):
        """The UNION of the rows of every kind the user may read: a fixed
        number of queries to build it, whatever the number of documents."""
        kinds = self.env["crm.counterparty.document.kind"]._readable()
        rates = self._report_rates(kinds)
        branches = [
            branch
            for kind in kinds
            if (branch := self._report_kind_query(kind, rates)) is not None
        ]
        if not branches:
            return self._report_empty_query()
        return SQL(" UNION ALL ").join(SQL("(%s)", branch) for branch in branches)

    def _report_rates(self, kinds):
        """``(currency ids, rates)`` to the current company's currency today,
        as the registry converts amounts: one look-up for every currency."""
        Kind = self.env["crm.counterparty.document.kind"]
        if not kinds.sudo().amount_field_id:
            return [], []
        currencies = self.env["res.currency"].with_context(active_test=False).search([])
        rates = Kind._rates(list(currencies))
        return currencies.ids, [rates[currency] for currency in currencies]

    def _report_kind_query(self, kind, rates):
        """The rows of ``kind``: its documents the user may read (the kind's
        domain searched as the user) joined to the companies they belong to
        in any of the kind's partner fields; None when there are none.
        Override to add columns, the same for every kind."""
        Model = self.env[kind.model]
        partner_fields = kind.sudo().partner_field_ids.mapped("name")
        if kind.id >= 1 << KIND_BITS or len(partner_fields) > 1 << POSITION_BITS:
            # Its rows' ids would be those of another kind's rows.
            _logger.warning("Document kind %s left out of the analysis", kind.code)
            return None
        if not all(self._report_readable(Model, fname) for fname in partner_fields):
            return None
        query = Model._search(kind._eval_domain(kind.domain))
        if query.is_empty():
            return None
        config = kind.sudo()
        alias = query.table
        document_id = Model._field_to_sql(alias, "id", query)
        member, position = self._report_join_member(kind, Model, query)
        if config.counterparty_kind_ids:
            # Only the companies whose dossier shows the kind.
            shown_for = self.env["res.partner"]._where_calc(
                [("counterparty_kind_ids", "in", config.counterparty_kind_ids.ids)],
                active_test=False,
            )
            query.add_where(SQL("%s IN %s", member, shown_for.subselect()))
        Partner = self.env["res.partner"]
        member_alias = "crm_holding_member"
        query.add_join(
            "JOIN",
            member_alias,
            "res_partner",
            SQL("%s = %s", Partner._field_to_sql(member_alias, "id"), member),
        )
        return query.select(
            SQL(
                "%s::bigint * %s + %s + %s AS id",
                document_id,
                1 << (KIND_BITS + POSITION_BITS),
                kind.id << POSITION_BITS,
                position,
            ),
            SQL("%s::integer AS kind_id", kind.id),
            SQL("%s::varchar AS res_model", kind.model),
            SQL("%s AS res_id", document_id),
            SQL("%s::varchar AS document_name", self._report_name(kind, Model, query)),
            SQL("%s::date AS date", self._report_date(kind, Model, query)),
            SQL("%s AS member_id", Partner._field_to_sql(member_alias, "id")),
            SQL("%s AS holding_id", Partner._field_to_sql(member_alias, "holding_id")),
            SQL(
                "%s AS holding_parent_id",
                Partner._field_to_sql(member_alias, "holding_parent_id"),
            ),
            SQL("%s::integer AS company_id", self._report_company(Model, query)),
            SQL("%s::integer AS currency_id", self.env.company.currency_id.id),
            SQL(
                "%s::numeric AS amount", self._report_amount(kind, Model, query, rates)
            ),
        )

    def _report_join_member(self, kind, Model, query):
        """Join to ``query`` the company of each document in the kind's
        partner fields: ``(member id, position of the field)`` as SQL. A
        document where one company plays several roles gives one row, that
        of its first field; one where two companies play gives one each."""
        alias = query.table
        Partner = self.env["res.partner"]
        fnames = kind.sudo().partner_field_ids.sorted("id").mapped("name")
        if len(fnames) == 1:
            partner_alias = "crm_holding_partner"
            query.add_join(
                "JOIN",
                partner_alias,
                "res_partner",
                SQL(
                    "%s = %s",
                    Partner._field_to_sql(partner_alias, "id"),
                    Model._field_to_sql(alias, fnames[0], query),
                ),
            )
            return Partner._field_to_sql(partner_alias, "commercial_partner_id"), SQL(
                "0"
            )
        role_alias = "crm_holding_role"
        roles = SQL(", ").join(
            SQL("(%s, %s)", position, Model._field_to_sql(alias, fname, query))
            for position, fname in enumerate(fnames)
        )
        query.add_join(
            "JOIN",
            role_alias,
            SQL(
                """LATERAL (
                    SELECT DISTINCT ON (p.commercial_partner_id)
                           p.commercial_partner_id AS member_id, r.field_position
                      FROM (VALUES %s) AS r(field_position, partner_id)
                      JOIN res_partner p ON p.id = r.partner_id
                     ORDER BY p.commercial_partner_id, r.field_position
                )""",
                roles,
                to_flush=Partner._fields["commercial_partner_id"],
            ),
            SQL("TRUE"),
        )
        return SQL.identifier(role_alias, "member_id"), SQL.identifier(
            role_alias, "field_position"
        )

    def _report_name(self, kind, Model, query):
        """The document's name (its stored name field, when the user may read
        it), else the kind's name and the document's id."""
        field = Model._fields.get(Model._rec_name or "")
        fallback = SQL(
            "CONCAT(%s::varchar, ' #', %s)",
            kind.name,
            Model._field_to_sql(query.table, "id", query),
        )
        if (
            field
            and field.type in ("char", "text")
            and field.store
            and field.column_type
            and field.is_accessible(self.env)
        ):
            name = Model._field_to_sql(query.table, field.name, query)
            return SQL("COALESCE(NULLIF(%s, '/'), %s)", name, fallback)
        return fallback

    def _report_date(self, kind, Model, query):
        date_field = kind.sudo().date_field_id
        if not date_field or not self._report_readable(Model, date_field.name):
            return SQL("NULL")
        return Model._field_to_sql(query.table, date_field.name, query)

    def _report_company(self, Model, query):
        field = Model._fields.get("company_id")
        if field and field.store and field.comodel_name == "res.company":
            return Model._field_to_sql(query.table, "company_id", query)
        return SQL("NULL")

    def _report_amount(self, kind, Model, query, rates):
        """What the registry sums of the document (its amount field, signed,
        in the company currency at today's rate) when the kind's summed
        documents include it, else 0."""
        config = kind.sudo()
        if not config.amount_field_id or not self._report_readable(
            Model, config.amount_field_id.name
        ):
            return SQL("0.0")
        Kind = self.env["crm.counterparty.document.kind"]
        alias = query.table
        amount_fname = config.amount_field_id.name
        amount = SQL(
            "%s * COALESCE(%s, 0.0)",
            int(config.amount_sign),
            Model._field_to_sql(alias, amount_fname, query),
        )
        currency_fname = Kind._amount_currency_groupby(Model, amount_fname)
        if currency_fname:
            currency = Model._field_to_sql(alias, currency_fname, query)
            if currency_fname == "company_id":
                company_alias = "crm_holding_company"
                query.add_join(
                    "LEFT JOIN",
                    company_alias,
                    "res_company",
                    SQL(
                        "%s = %s",
                        self.env["res.company"]._field_to_sql(company_alias, "id"),
                        currency,
                    ),
                )
                currency = self.env["res.company"]._field_to_sql(
                    company_alias, "currency_id"
                )
            rate_alias = "crm_holding_rate"
            currency_ids, currency_rates = rates
            query.add_join(
                "LEFT JOIN",
                rate_alias,
                SQL(
                    "(SELECT * FROM unnest(%s::integer[], %s::numeric[]) "
                    "AS r(currency_id, rate))",
                    currency_ids,
                    currency_rates,
                ),
                SQL("%s = %s", SQL.identifier(rate_alias, "currency_id"), currency),
            )
            amount = SQL(
                "%s * COALESCE(%s, 1.0)", amount, SQL.identifier(rate_alias, "rate")
            )
        summed = Kind._eval_domain(config.amount_domain)
        if not summed:
            return amount
        summed_query = Model._where_calc(summed, active_test=False)
        return SQL(
            "CASE WHEN %s IN %s THEN %s ELSE 0.0 END",
            Model._field_to_sql(alias, "id", query),
            summed_query.subselect(),
            amount,
        )

    def _report_readable(self, Model, fname):
        """Whether the user may read the field ``fname`` of ``Model`` (fields
        restricted to groups are left out, as Odoo leaves them out of a
        read)."""
        field = Model._fields.get(fname)
        return bool(field) and field.is_accessible(self.env)

    def _report_empty_query(self):
        return SQL(
            """
            SELECT NULL::bigint AS id, NULL::integer AS kind_id,
                   NULL::varchar AS res_model, NULL::integer AS res_id,
                   NULL::varchar AS document_name, NULL::date AS date,
                   NULL::integer AS member_id, NULL::integer AS holding_id,
                   NULL::integer AS holding_parent_id, NULL::integer AS company_id,
                   NULL::integer AS currency_id, NULL::numeric AS amount
             WHERE FALSE
            """
        )
