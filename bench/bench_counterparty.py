"""Counterparty register at scale, beside stock Odoo doing the nearest work.

Run by ``make bench`` in an Odoo shell. BENCH_PARTNERS (default 20000) sets
how many partners the kind search looks through; BENCH_CREATE (default 2000)
how many counterparties are created.
"""

import os
import random

exec(open(os.environ["BENCH_LIB"]).read())  # noqa: S102 - measure, compare

from odoo import Command  # noqa: E402

random.seed(42)
Partner = env["res.partner"].with_context(tracking_disable=True, mail_create_nolog=True)
bg = env.ref("base.bg")
env.company.country_id = bg
kinds = {
    code: env.ref(f"crm_counterparty.kind_{code}")
    for code in ("customer", "supplier", "bank", "government_agency", "holding_member")
}
size = int(os.environ.get("BENCH_PARTNERS", 20000))
create_size = int(os.environ.get("BENCH_CREATE", 2000))
results = []

# -- data: `size` companies, one in five of them customers ------------------
# With BENCH_USE_EXISTING=1 the database's own data is used (e.g. a database
# made by `make populate`), and nothing is built.
if os.environ.get("BENCH_USE_EXISTING"):
    size = Partner.search_count([])
    print(f"Using the {size} partners of the database", flush=True)
else:
    print(f"Building {size} partners...", flush=True)
batch = 2000
for offset in range(0, 0 if os.environ.get("BENCH_USE_EXISTING") else size, batch):
    Partner.create(
        [
            {
                "name": f"Bench Company {offset + i}",
                "is_company": True,
                "country_id": bg.id,
                "counterparty_kind_ids": [
                    Command.set([kinds[random.choice(list(kinds))].id])
                ]
                if (offset + i) % 5 == 0
                else [],
            }
            for i in range(min(batch, size - offset))
        ]
    )
    env.flush_all()
    env.invalidate_all()
# Planner statistics, as autovacuum would have them on a real database (the
# built partners are uncommitted, but ANALYZE samples its own transaction's).
env.cr.execute("ANALYZE res_partner, res_partner_counterparty_kind_rel")
# What the Contacts list reads for a page: Odoo's list view (base's
# view_partner_tree, its columns shown by default) and the suite's, which adds
# the kind badges. ``web_search_read`` is the web client's call: the search,
# the page's fields and the pager's count (up to 10,001, as the client asks).
name = {"display_name": {}}
plain_spec = {
    "complete_name": {},
    "phone": {},
    "email": {},
    "user_id": {"fields": name},
    "city": {},
    "country_id": {"fields": name},
    "company_id": {"fields": name},
}
list_spec = dict(
    plain_spec,
    counterparty_kind_ids={"fields": {"display_name": {}, "color": {}}},
)


# -- 1. search and list 80 customers (and banks) out of `size` ---------------
# Best of 10 interleaved runs: a page costs milliseconds, so single runs
# are noisy.
def list_page(domain, spec):
    return lambda: Partner.web_search_read(domain, spec, limit=80, count_limit=10001)


def page_only(domain, spec):
    return lambda: Partner.search_fetch(domain, spec, limit=80).web_read(spec)


# Stock Odoo's nearest equivalent of a kind filter is its own Customers filter
# (customer_rank > 0, the same partners here); it has no bank filter, so the
# banks are set against a plain search of companies.
customer_domain = [("is_customer_counterparty", "=", True)]
stock_customer_domain = [("customer_rank", ">", 0)]
for label, domain, stock_domain in (
    ("customers", customer_domain, stock_customer_domain),
    ("banks", [("is_bank_counterparty", "=", True)], [("is_company", "=", True)]),
):
    ours, stock = measure_pair(
        env, list_page(domain, list_spec), list_page(stock_domain, plain_spec), 10
    )
    results.append(compare(f"search and list 80 {label} of {size}", ours, stock, 1.2))
# The search alone (ids of the first page), then the page alone, without the
# pager's count.
ours, stock = measure_pair(
    env,
    lambda: Partner.search(customer_domain, limit=80),
    lambda: Partner.search(stock_customer_domain, limit=80),
    10,
)
results.append(compare("search 80 customers, ids only", ours, stock, 1.2))
# The page alone, without the pager's count.
ours, stock = measure_pair(
    env,
    page_only(customer_domain, list_spec),
    page_only(stock_customer_domain, plain_spec),
    10,
)
results.append(compare("page of 80 customers, no count", ours, stock, 1.2))

# -- 2. dossier counters and amounts of 80 partners --------------------------
customers = Partner.search([("is_customer_counterparty", "=", True)], limit=80)
product = env["product.product"].create({"name": "Bench product", "list_price": 10})
orders = env["sale.order"].create(
    [
        {
            "partner_id": partner.id,
            "order_line": [Command.create({"product_id": product.id})],
        }
        for partner in customers
        for _i in range(3)
    ]
)
orders[::3].action_confirm()
counter_fields = [
    "offer_count",
    "offer_amount",
    "sale_count",
    "sale_amount",
    "customer_move_count",
    "customer_open_amount",
    "inbound_payment_count",
    "inbound_payment_amount",
    "contract_count",
    "lease_count",
]
ours = measure(env, lambda: customers.read(counter_fields))
stock = measure(env, lambda: customers.read(["sale_order_count", "total_invoiced"]))
results.append(compare("dossier counters of 80 partners", ours, stock, 1.5))
customers = Partner.search([("is_customer_counterparty", "=", True)], limit=320)


def counter_queries(records):
    """Queries of the counters alone, once users, companies and contacts are
    in the cache (as when a list of partners has just been read)."""
    records.read(counter_fields)
    records.invalidate_recordset(counter_fields)
    start = env.cr.sql_log_count
    records.read(counter_fields)
    return env.cr.sql_log_count - start


counts = {n: counter_queries(customers[:n]) for n in (5, 80, len(customers))}
results.append(constant_queries("dossier counters", counts))


# -- 3. creating counterparties with phone and identifier checks -------------
def create_counterparties():
    Partner.create(
        [
            {
                "name": f"New Counterparty {i}",
                "is_company": True,
                "country_id": bg.id,
                "phone": f"02 9{i % 1000000:06d}",
                "eori": f"BG{100000000 + i}",
                "counterparty_kind_ids": [Command.set([kinds["customer"].id])],
            }
            for i in range(create_size)
        ]
    )


def create_plain():
    Partner.create(
        [
            {
                "name": f"New Plain Partner {i}",
                "is_company": True,
                "country_id": bg.id,
                "phone": f"+3592{9000000 + i % 1000000}",
            }
            for i in range(create_size)
        ]
    )


ours, stock = measure_pair(env, create_counterparties, create_plain)
results.append(
    compare(f"create {create_size} counterparties (checked)", ours, stock, 1.3)
)
print(f"bench_counterparty: {sum(results)}/{len(results)} goals met", flush=True)
env.cr.rollback()
