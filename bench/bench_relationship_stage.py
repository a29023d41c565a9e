"""Relationship stages of many counterparties: the nightly job against
stock Odoo reading the same partners' sale totals.

BENCH_PARTNERS sets the scale (default 20,000; the issue's 100,000 with
BENCH_PARTNERS=100000). Each partner gets confirmed sales in the last two
years; the job's read queries per batch must not grow with the batch.
"""

import os

exec(open(os.environ["BENCH_LIB"]).read())  # noqa: S102  # pylint: disable=exec-used


from odoo import fields  # noqa: E402

SIZE = int(os.environ.get("BENCH_PARTNERS", "20000"))
Partner = env["res.partner"]  # noqa: F821
kind = env.ref("crm_counterparty.kind_customer")  # noqa: F821
company = env.company  # noqa: F821
cr = env.cr  # noqa: F821

# Partners and orders in SQL: building through the ORM would dwarf the job.
cr.execute(
    """
    INSERT INTO res_partner (name, complete_name, is_company, active, type,
                             company_id, create_date, write_date, customer_rank,
                             autopost_bills)
    SELECT 'Bench Customer ' || g, 'Bench Customer ' || g, TRUE, TRUE, 'contact',
           NULL, now() - interval '3 years', now(), 1, 'ask'
      FROM generate_series(1, %s) g
    RETURNING id
    """,
    [SIZE],
)
ids = [row[0] for row in cr.fetchall()]
cr.execute(
    "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [ids]
)
cr.execute(
    """
    INSERT INTO res_partner_counterparty_kind_rel (partner_id, kind_id)
    SELECT unnest(%s::int[]), %s
    """,
    [ids, kind.id],
)
pricelist = env["product.pricelist"].search([], limit=1)  # noqa: F821
cr.execute(
    """
    INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id,
                            company_id, currency_id, pricelist_id, state, date_order,
                            amount_untaxed, amount_total, currency_rate,
                            create_date, write_date)
    SELECT 'BENCH/' || p.id || '/' || k, p.id, p.id, p.id, %(company)s,
           %(currency)s, %(pricelist)s, 'sale',
           now() - (((p.id * 7 + k * 131) %% 720) || ' days')::interval,
           100 + (p.id %% 50) * k, 100 + (p.id %% 50) * k, 1, now(), now()
      FROM unnest(%(ids)s::int[]) p(id), generate_series(1, 3) k
    """,
    {
        "company": company.id,
        "currency": company.currency_id.id,
        "pricelist": pricelist.id or None,
        "ids": ids,
    },
)
env.invalidate_all()  # noqa: F821
print(
    f"relationship_stage: {SIZE} counterparties, {SIZE * 3} confirmed orders",
    flush=True,
)

partners = Partner.browse(ids)
batches = [ids[i : i + 2000] for i in range(0, len(ids), 2000)]
today = fields.Date.context_today(Partner)
thresholds = Partner._relationship_thresholds()


def job():
    for batch in batches:
        Partner.browse(batch)._recompute_relationship_stage(today, thresholds)
        env.invalidate_all()  # noqa: F821


def stock():
    """Odoo's own read of the same partners' sale totals: one grouped query
    per batch on sale.order."""
    for batch in batches:
        env["sale.order"]._read_group(  # noqa: F821
            [("partner_id", "in", batch), ("state", "=", "sale")],
            ["partner_id"],
            ["amount_untaxed:sum", "__count"],
        )
        env.invalidate_all()  # noqa: F821


# First run sets every stage; the measured runs are the nightly steady state.
job()
compare("relationship_stage nightly job", measure(env, job), measure(env, stock))  # noqa: F821

counts = {}
for size in (200, 2000):
    batch = Partner.browse(ids[:size])
    env.flush_all()  # noqa: F821
    start = cr.sql_log_count
    batch._recompute_relationship_stage(today, thresholds)
    counts[size] = cr.sql_log_count - start
constant_queries("relationship_stage queries per batch", counts)  # noqa: F821
print(
    "first stages:",
    dict(
        env["res.partner"]._read_group(  # noqa: F821
            [("id", "in", ids)], ["relationship_stage"], ["__count"]
        )
    ),
    flush=True,
)
