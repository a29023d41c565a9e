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
# What the job reads besides sales, as counterparties have it: a contact
# person each, a deal each (every other one won, half of those with its
# confirmed order) and a chatter on partners, contacts, deals and orders
# (e-mails, discussions, internal notes and tracking messages).
cr.execute(
    """
    INSERT INTO res_partner (name, complete_name, parent_id, commercial_partner_id,
                             is_company, active, type, create_date, write_date,
                             autopost_bills)
    SELECT 'Bench Contact ' || p.id, 'Bench Customer ' || p.id || ', Contact',
           p.id, p.id, FALSE, TRUE, 'contact', now() - interval '3 years', now(),
           'ask'
      FROM unnest(%s::int[]) p(id)
    RETURNING id
    """,
    [ids],
)
contact_ids = [row[0] for row in cr.fetchall()]
stage_won = env["crm.stage"].search([("is_won", "=", True)], limit=1)  # noqa: F821
stage_open = env["crm.stage"].search([("is_won", "=", False)], limit=1)  # noqa: F821
cr.execute(
    """
    INSERT INTO crm_lead (name, type, partner_id, stage_id, active, date_closed,
                          expected_revenue, company_id, create_date, write_date)
    SELECT 'Bench Deal ' || p.id, 'opportunity',
           CASE WHEN p.id %% 3 = 0 THEN p.contact_id ELSE p.id END,
           CASE WHEN p.id %% 2 = 0 THEN %(won)s ELSE %(open)s END, TRUE,
           CASE WHEN p.id %% 2 = 0
                THEN now() - (((p.id * 13) %% 800) || ' days')::interval END,
           500 + p.id %% 100, %(company)s, now() - interval '3 years', now()
      FROM unnest(%(ids)s::int[], %(contacts)s::int[]) p(id, contact_id)
    RETURNING id, name
    """,
    {
        "won": stage_won.id,
        "open": stage_open.id,
        "company": company.id,
        "ids": ids,
        "contacts": contact_ids,
    },
)
deals = {int(name.split()[-1]): lead_id for lead_id, name in cr.fetchall()}
lead_ids = list(deals.values())
ordered = [(pid, deals[pid]) for pid in ids if pid % 4 == 0]
cr.execute(
    """
    UPDATE sale_order so SET opportunity_id = v.lead_id
      FROM unnest(%s::int[], %s::int[]) v(partner_id, lead_id)
     WHERE so.partner_id = v.partner_id
       AND so.name = 'BENCH/' || v.partner_id || '/1'
    """,
    [[pid for pid, __ in ordered], [lead for __, lead in ordered]],
)
subtype_comment = env.ref("mail.mt_comment").id  # noqa: F821
subtype_note = env.ref("mail.mt_note").id  # noqa: F821
cr.execute(
    """
    INSERT INTO mail_message (model, res_id, message_type, subtype_id, body, date,
                              create_date, write_date)
    SELECT r.model, r.res_id, k.message_type, k.subtype_id, '<p>Bench</p>',
           now() - (((r.res_id * k.n * 37) %% 900) || ' days')::interval
                 - ((r.res_id %% 24) || ' hours')::interval,
           now(), now()
      FROM (SELECT 'res.partner' AS model, unnest(%(ids)s::int[]) AS res_id, 1 AS kind
            UNION ALL SELECT 'res.partner', unnest(%(contacts)s::int[]), 2
            UNION ALL SELECT 'crm.lead', unnest(%(leads)s::int[]), 3
            UNION ALL SELECT 'sale.order', id, 4 FROM sale_order
                       WHERE partner_id = ANY(%(ids)s)) r
      JOIN (VALUES (1, 1, 'email', %(comment)s), (1, 2, 'comment', %(comment)s),
                   (1, 3, 'comment', %(note)s), (1, 4, 'notification', %(note)s),
                   (1, 5, 'notification', %(note)s), (2, 1, 'comment', %(comment)s),
                   (3, 1, 'email', %(comment)s), (3, 2, 'notification', %(note)s),
                   (3, 3, 'notification', %(note)s), (4, 1, 'notification', %(note)s),
                   (4, 2, 'notification', %(note)s)
           ) k(kind, n, message_type, subtype_id) ON k.kind = r.kind
    """,
    {
        "ids": ids,
        "contacts": contact_ids,
        "leads": lead_ids,
        "comment": subtype_comment,
        "note": subtype_note,
    },
)
messages = cr.rowcount
# The nightly job runs on analysed tables (autovacuum), not on tables that
# grew a thousandfold since their statistics were taken.
cr.execute("ANALYZE res_partner, sale_order, crm_lead, mail_message")
env.invalidate_all()  # noqa: F821
print(
    f"relationship_stage: {SIZE} counterparties, {SIZE * 3} confirmed orders, "
    f"{SIZE} contacts, {len(lead_ids)} deals, {messages} messages",
    flush=True,
)

partners = Partner.browse(ids)
batches = [ids[i : i + 2000] for i in range(0, len(ids), 2000)]
today = fields.Date.context_today(Partner)
thresholds = Partner._relationship_thresholds()
rates = Partner._relationship_currency_rates(today)


def job():
    for batch in batches:
        Partner.browse(batch)._recompute_relationship_stage(today, thresholds, rates)
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
    batch._recompute_relationship_stage(today, thresholds, rates)
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
