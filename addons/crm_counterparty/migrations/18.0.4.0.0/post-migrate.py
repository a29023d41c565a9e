"""18.0.4.0.0: customer and supplier are Odoo's ranks, and nothing else.

Up to 18.0.3.0.0 the ranks, the kinds and the kind flags were three copies
kept in step by hand, and could disagree:

- a bank's or an agency's bills raised its rank, though they gave it no kind;
  such a rank is set back to 0, as the bills of 18.0.4.0.0 leave it;
- a customer (supplier) kind given past the ORM could have no rank; it gets
  rank 1, as setting the kind by hand gives, rather than losing the kind;
- the installation gave Odoo's customers and suppliers their kind in SQL,
  not to their contacts, and left some flags false.

The ranks are written through the ORM, and the kinds and flags that still
disagree with them are recomputed from them (``_recompute_rank_kinds``).
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def _has_kind(kind_ids):
    return SQL(
        """EXISTS (SELECT 1 FROM res_partner_counterparty_kind_rel r
                    WHERE r.partner_id = p.id AND r.kind_id = ANY(%s))""",
        list(kind_ids),
    )


def _write_rank(Partner, rank_field, value, condition):
    """Write ``value`` as ``rank_field`` of the commercial partners ``p`` of
    ``condition``, through the ORM."""
    Partner.env.cr.execute(
        SQL(
            """SELECT p.id FROM res_partner p
                WHERE p.id = p.commercial_partner_id AND %s""",
            condition,
        )
    )
    ids = [row[0] for row in Partner.env.cr.fetchall()]
    Partner.browse(ids).write({rank_field: value})


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    Partner = env["res.partner"]
    exempt = _has_kind(Partner._get_rank_exempt_kind_ids())
    for rank_field, kind in Partner._get_rank_kinds().items():
        rank = SQL("coalesce(p.%s, 0)", SQL.identifier(rank_field))
        has_kind = _has_kind([kind.id])
        _write_rank(
            Partner,
            rank_field,
            0,
            SQL("%s > 0 AND %s AND NOT %s", rank, exempt, has_kind),
        )
        _write_rank(Partner, rank_field, 1, SQL("%s = 0 AND %s", rank, has_kind))
    Partner._recompute_rank_kinds()
