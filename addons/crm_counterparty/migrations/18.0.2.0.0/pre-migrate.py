"""18.0.2.0.0: the kind flags of partners (``is_customer_counterparty`` and
the four others) become stored columns.

Left to the ORM, the update would add the columns and compute them partner by
partner in Python: minutes on a register of hundreds of thousands of partners.
Here the columns are added and filled with one UPDATE from the kinds the
partners have, before the ORM looks at the table; finding the columns there,
it computes nothing. The partial indexes on the flags are created by the
model's ``init()`` during the update.
"""

from odoo.tools.sql import SQL, column_exists

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
    missing = [
        column for column in KIND_FLAGS if not column_exists(cr, "res_partner", column)
    ]
    if not missing:
        return
    # A constant default fills existing rows without rewriting the table.
    cr.execute(
        SQL(
            "ALTER TABLE res_partner %s",
            SQL(", ").join(
                SQL("ADD COLUMN %s boolean DEFAULT false", SQL.identifier(column))
                for column in missing
            ),
        )
    )
    cr.execute(
        SQL(
            "ALTER TABLE res_partner %s",
            SQL(", ").join(
                SQL("ALTER COLUMN %s DROP DEFAULT", SQL.identifier(column))
                for column in missing
            ),
        )
    )
    cr.execute(
        SQL(
            """
            UPDATE res_partner p SET %s
              FROM (
                SELECT r.partner_id, %s
                  FROM res_partner_counterparty_kind_rel r
                  JOIN crm_counterparty_kind k ON k.id = r.kind_id
                 GROUP BY r.partner_id
              ) f
             WHERE f.partner_id = p.id
            """,
            SQL(", ").join(
                SQL("%s = f.%s", SQL.identifier(column), SQL.identifier(column))
                for column in missing
            ),
            SQL(", ").join(
                SQL(
                    "bool_or(k.code = %s) AS %s",
                    KIND_FLAGS[column],
                    SQL.identifier(column),
                )
                for column in missing
            ),
        )
    )
    # Statistics for the new columns, so that the first kind filters after
    # the update are planned on the partial indexes.
    cr.execute("ANALYZE res_partner")
