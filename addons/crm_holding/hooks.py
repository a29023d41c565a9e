from odoo.tools.sql import column_exists, create_column

#: Stored columns added by this addon to existing tables: (table, column, type).
#: No partner belongs to a holding at install, so every value starts empty.
HOLDING_COLUMNS = [
    ("res_partner", "holding_membership_id", "int4"),
    ("res_partner", "holding_parent_id", "int4"),
    ("res_partner", "holding_path", "varchar"),
    ("res_partner", "holding_id", "int4"),
    ("sale_order", "holding_id", "int4"),
    ("purchase_order", "holding_id", "int4"),
    ("account_move", "holding_id", "int4"),
    ("account_payment", "holding_id", "int4"),
]


def pre_init_hook(env):
    """Create the holding columns empty before the ORM sees them.

    The ORM computes a new stored field on every existing row, one partner or
    document at a time; on a database with many partners, orders and invoices
    that is a long install for values that are all empty anyway.
    """
    for table, column, column_type in HOLDING_COLUMNS:
        if not column_exists(env.cr, table, column):
            create_column(env.cr, table, column, column_type)
