from odoo import api, fields, models
from odoo.tools import SQL

from .crm_holding_membership import TREE_FIELDS


class CrmHoldingMembership(models.Model):
    """The holding of a company on any day, and what follows it: the holding
    stored on the documents, recomputed when memberships change, and the
    tree stored on the partners, brought in line with the days."""

    _inherit = "crm.holding.membership"  # pylint: disable=consider-merging-classes-inherited

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
