import logging
from datetime import datetime

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


class CrmHoldingDocumentMixin(models.AbstractModel):
    """A document that carries the holding of its counterparty on the
    document's date: an order or invoice keeps the holding it was made in
    when its company later moves to another holding.

    The inheriting model names its company and its date fields (read by the
    compute, new records included, and its dependencies) and gives the same
    company and day of its stored rows in SQL (``_holding_document_query``,
    read when memberships change and by the upgrade to 18.0.2). Memberships
    recompute the documents of the companies they move
    (``crm.holding.membership._recompute_member_documents``).
    """

    _name = "crm.holding.document.mixin"
    _description = "Document of a Holding Company"

    #: Path from the document to its company (a commercial partner).
    _holding_partner_field = None
    #: The date fields of the document's day, the first one set counts. A
    #: datetime counts by its day in UTC, as Odoo takes the currency rate of
    #: an order.
    _holding_date_fields = ()

    holding_id = fields.Many2one(
        "res.partner",
        string="Holding",
        compute="_compute_holding_id",
        store=True,
        index="btree_not_null",
    )

    @api.depends(
        lambda self: [
            fname
            for fname in (self._holding_partner_field, *self._holding_date_fields)
            if fname
        ]
    )
    def _compute_holding_id(self):
        """One query for the whole recordset, whatever its size."""
        keys = {document: document._holding_key() for document in self}
        holdings = self.env["crm.holding.membership"]._holdings_on(
            {key for key in keys.values() if key}
        )
        for document in self:
            document.holding_id = holdings.get(keys[document], False)

    def _holding_key(self):
        """``(company id, day)`` of the document; ``None`` without either."""
        self.ensure_one()
        partner = self.mapped(self._holding_partner_field)._origin
        day = next(
            (self[fname] for fname in self._holding_date_fields if self[fname]), None
        )
        if not partner or not day:
            return None
        if isinstance(day, datetime):
            day = day.date()
        return partner.id, day

    @api.model
    def _holding_document_query(self):
        """Query of the stored documents as rows ``(id, partner_id, day)``:
        the same company and day as ``_holding_key``. Override."""
        raise NotImplementedError

    @api.model
    def _recompute_holding_ids(self, partner_ids=None, batch_size=50000):
        """Bring the stored holding of the documents of the companies
        ``partner_ids`` (and of their contacts), or of every document, in
        line with the memberships, in SQL; return how many changed.

        Every document is done in slices of ``batch_size`` ids, so that the
        upgrade of a large database updates one bounded slice at a time.
        The caller flushes first; the cache of the field is dropped here.
        """
        # Each slice bounds the table too, or PostgreSQL scans all of it.
        if partner_ids is None:
            conditions = [
                (
                    SQL("doc.id BETWEEN %s AND %s", first, last),
                    SQL("target.id BETWEEN %s AND %s", first, last),
                )
                for first, last in self._holding_id_slices(batch_size)
            ]
        elif partner_ids:
            conditions = [
                (SQL("doc.partner_id = ANY(%s)", sorted(partner_ids)), SQL("TRUE"))
            ]
        else:
            return 0
        tops = self.env["crm.holding.membership"]._holding_top_query(
            SQL(
                "SELECT DISTINCT partner_id, day FROM holding_document "
                "WHERE partner_id IS NOT NULL AND day IS NOT NULL"
            )
        )
        changed = 0
        for index, (condition, target_condition) in enumerate(conditions, 1):
            self.env.cr.execute(
                SQL(
                    """
                    WITH RECURSIVE holding_document AS (
                        SELECT doc.id, doc.partner_id, doc.day
                          FROM (%(documents)s) doc
                         WHERE %(condition)s
                    ),
                    %(tops)s
                    UPDATE %(table)s target
                       SET holding_id = top.holding_id
                      FROM holding_document document
                      LEFT JOIN holding_top top
                             ON top.partner_id = document.partner_id
                            AND top.day = document.day
                     WHERE target.id = document.id
                       AND %(target_condition)s
                       AND target.holding_id IS DISTINCT FROM top.holding_id
                    """,
                    documents=self._holding_document_query(),
                    condition=condition,
                    target_condition=target_condition,
                    tops=tops,
                    table=SQL.identifier(self._table),
                )
            )
            changed += self.env.cr.rowcount
            if partner_ids is None:
                _logger.info(
                    "Holding of %s, slice %s of %s: %s changed",
                    self._name,
                    index,
                    len(conditions),
                    self.env.cr.rowcount,
                )
        self.invalidate_model(["holding_id"])
        return changed

    @api.model
    def _holding_id_slices(self, batch_size):
        """Consecutive ``(first id, last id)`` ranges over the table."""
        [(min_id, max_id)] = self.env.execute_query(
            SQL("SELECT MIN(id), MAX(id) FROM %s", SQL.identifier(self._table))
        )
        if min_id is None:
            return []
        return [
            (first, first + batch_size - 1)
            for first in range(min_id, max_id + 1, batch_size)
        ]
