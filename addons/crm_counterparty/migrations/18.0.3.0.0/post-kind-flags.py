"""18.0.3.0.0: the stored kind flags agree with the kinds again.

Up to 18.0.2.0.0 the installation gave Odoo's existing customers and
suppliers their kind in SQL without recomputing the stored flags
(``is_customer_counterparty`` ...), so that such partners were missing from
the Customers and Suppliers menus and filters. Every flag that disagrees with
the partner's kinds is set from the kinds here, in one UPDATE.
"""

from odoo.tools.sql import SQL

#: Column and kind code, as ``KIND_FLAGS`` in models/res_partner.py.
KIND_FLAGS = {
    "is_customer_counterparty": "customer",
    "is_supplier_counterparty": "supplier",
    "is_bank_counterparty": "bank",
    "is_agency_counterparty": "government_agency",
    "is_holding_counterparty": "holding_member",
}


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            """
            WITH f AS (
                SELECT p.id, %(flags)s
                  FROM res_partner p
                  LEFT JOIN res_partner_counterparty_kind_rel r ON r.partner_id = p.id
                  LEFT JOIN crm_counterparty_kind k ON k.id = r.kind_id
                 GROUP BY p.id
            )
            UPDATE res_partner p SET %(set)s
              FROM f
             WHERE f.id = p.id AND (%(differ)s)
            """,
            flags=SQL(", ").join(
                SQL(
                    "coalesce(bool_or(k.code = %s), false) AS %s",
                    code,
                    SQL.identifier(column),
                )
                for column, code in KIND_FLAGS.items()
            ),
            set=SQL(", ").join(
                SQL("%s = f.%s", SQL.identifier(column), SQL.identifier(column))
                for column in KIND_FLAGS
            ),
            differ=SQL(" OR ").join(
                SQL(
                    "p.%s IS DISTINCT FROM f.%s",
                    SQL.identifier(column),
                    SQL.identifier(column),
                )
                for column in KIND_FLAGS
            ),
        )
    )
