# Consolidated totals of a holding (crm_holding) beside Odoo's own per-partner
# totals of the same companies.
#
# Builds a holding of BENCH_HOLDING_SIZE member companies (default 1,000),
# four under each company, so five levels below the top, with offers, sales,
# invoices, bills and purchase orders, then times:
#
# - the suite: the consolidated figures of the top (sales, offers, purchases,
#   receivable, payable, overdue, payments, contracts, leases), read as the
#   holding's dossier reads them;
# - stock Odoo: the nearest equivalent, Odoo's plain per-partner totals read
#   for the same companies (total_invoiced, sale_order_count,
#   purchase_order_count, credit and debit), summed in Python.
#
# It also checks that the suite's query count does not grow with the size of
# the holding (10, 100 and BENCH_HOLDING_SIZE members).
import os
from datetime import timedelta

exec(open(os.environ["BENCH_LIB"]).read())

from odoo import Command, fields  # noqa: E402

from odoo.addons.crm_holding.models.res_partner import (  # noqa: E402
    CONSOLIDATED_FIELDS,
)

SIZE = int(os.environ.get("BENCH_HOLDING_SIZE", "1000"))
FAN_OUT = 4
STOCK_FIELDS = [
    "total_invoiced",
    "sale_order_count",
    "purchase_order_count",
    "credit",
    "debit",
]

# Odoo's own counters depend on the user's groups: time both as the admin.
env = env(user=env.ref("base.user_admin").id)
company = env.company
if not company.chart_template:
    env["account.chart.template"].try_loading(
        "generic_coa", company=company, install_demo=False
    )
today = fields.Date.context_today(env.user)
product = env["product.product"].create(
    {
        "name": "Bench crate",
        "list_price": 10.0,
        "taxes_id": [Command.clear()],
        "supplier_taxes_id": [Command.clear()],
    }
)


def build(size, documents=True):
    """A holding of ``size`` members, FAN_OUT under each company."""
    top = env["res.partner"].create(
        {"name": f"Bench Holding {size}", "is_company": True}
    )
    members = env["res.partner"].create(
        [{"name": f"Bench Member {size}-{i}", "is_company": True} for i in range(size)]
    )
    env["crm.holding.membership"].create(
        [
            {
                "partner_id": member.id,
                "parent_id": (
                    top if i < FAN_OUT else members[(i - FAN_OUT) // FAN_OUT]
                ).id,
                "date_start": today,
            }
            for i, member in enumerate(members)
        ]
    )
    if documents:
        orders = env["sale.order"].create(
            [
                {
                    "partner_id": member.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "price_unit": 10.0})
                    ],
                }
                for member in members
            ]
        )
        orders[::5].action_confirm()
        env["purchase.order"].create(
            [
                {
                    "partner_id": member.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_qty": 1,
                                "price_unit": 4.0,
                            }
                        )
                    ],
                }
                for member in members[::10]
            ]
        ).button_confirm()
        moves = env["account.move"].create(
            [
                {
                    "move_type": move_type,
                    "partner_id": member.id,
                    "invoice_date": today - timedelta(days=40),
                    "invoice_date_due": today - timedelta(days=10),
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Service", "price_unit": 5.0, "tax_ids": []}
                        )
                    ],
                }
                for member in members[::2]
                for move_type in ("out_invoice", "in_invoice")
            ]
        )
        moves.action_post()
    env.flush_all()
    return top, members


print(
    f"Building a holding of {SIZE} members, {FAN_OUT} under each company...", flush=True
)
top, members = build(SIZE)
depth = max(m.holding_path.count("/") for m in members) - 1
print(f"Built: {SIZE} members, {depth} levels below the top.", flush=True)
companies = top | members


def consolidated():
    return top.read(list(CONSOLIDATED_FIELDS))


def stock_totals():
    values = companies.read(STOCK_FIELDS)
    return {fname: sum(row[fname] for row in values) for fname in STOCK_FIELDS}


# One call of each first, the suite's last: the access rules and currencies
# read into Odoo's caches are then the same for both and for every size.
stock_totals()
consolidated()
ours = measure(env, consolidated)
stock = measure(env, stock_totals)
figures = consolidated()[0]
print(
    f"holding of {SIZE}: {figures['consolidated_sale_count']} sales, "
    f"{figures['consolidated_offer_count']} offers, "
    f"receivable {figures['consolidated_receivable_amount']:.2f}, "
    f"overdue {figures['consolidated_overdue_amount']:.2f}; stock Odoo: "
    f"{stock_totals()}",
    flush=True,
)
compare(
    f"holding_consolidated_{SIZE}_members",
    ours,
    stock,
    goal=1.0,
)

counts = {}
for size in (10, 100):
    small_top, _members = build(size)
    counts[size] = measure(env, lambda t=small_top: t.read(list(CONSOLIDATED_FIELDS)))[
        1
    ]
counts[SIZE] = ours[1]
constant_queries("holding_consolidated", counts)

env.cr.rollback()
