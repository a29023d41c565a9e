# Opening a partner's dossier (the suite's partner form) beside opening the
# same partner in stock Odoo's partner form.
#
# What the web client does when it opens a partner form: one ``web_read``
# of the record with the ``specification`` it derives from the form's arch.
# The arch is the one ``get_views`` returns for ``res.partner`` (Contacts'
# form, every addon of the suite installed); the specification is built in
# Python as Odoo's JavaScript builds it (see
# addons/crm_counterparty/tests/web_form_spec.py: fields of the arch, the
# fields of the list or kanban sub-views of x2many fields with their limit,
# ``display_name`` of many2one fields, the contexts of relational fields).
#
# Stock Odoo: the arch Odoo produces for the same model with only stock
# modules' views (the suite's inheriting views deactivated in a savepoint,
# rolled back once the arch is read), turned into its specification the same
# way, read on the same partners in the same run.
#
# Partners: a customer with BENCH_DOSSIER_SMALL documents (default 10: sale
# orders, invoices, messages on it; 5 contacts) and one with
# BENCH_DOSSIER_LARGE (default 1,000; 100 contacts), a supplier, a bank with
# accounts held at it and a holding member. Each read runs on a cold ORM cache
# (flush, invalidate_all) as a fresh request would; suite and stock runs are
# interleaved, BENCH_RUNS times (default 15); best and median times.
import importlib.util
import os
import statistics
import time
from datetime import timedelta

exec(open(os.environ["BENCH_LIB"]).read())

from stdnum import iban  # noqa: E402

from odoo import Command, fields  # noqa: E402
from odoo.modules.module import get_module_path  # noqa: E402
from odoo.tools.safe_eval import safe_eval  # noqa: E402

# The module alone, not the test package (which imports Odoo's test framework).
_spec = importlib.util.spec_from_file_location(
    "web_form_spec",
    os.path.join(get_module_path("crm_counterparty"), "tests", "web_form_spec.py"),
)
web_form_spec = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(web_form_spec)
form_specification = web_form_spec.form_specification

SMALL = int(os.environ.get("BENCH_DOSSIER_SMALL", "10"))
LARGE = int(os.environ.get("BENCH_DOSSIER_LARGE", "1000"))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
TIME_GOAL, QUERY_GOAL = 1.3, 1.5

# The web client's user: the admin, with the groups of every installed app.
env = env(user=env.ref("base.user_admin").id)
company = env.company
if not company.chart_template:
    env["account.chart.template"].try_loading(
        "generic_coa", company=company, install_demo=False
    )
today = fields.Date.context_today(env.user)
Partner = env["res.partner"].with_context(tracking_disable=True)
kind = {
    code: env.ref(f"crm_counterparty.kind_{code}")
    for code in ("customer", "supplier", "bank", "holding_member")
}
product = env["product.product"].create(
    {
        "name": "Bench dossier crate",
        "list_price": 10.0,
        "taxes_id": [Command.clear()],
        "supplier_taxes_id": [Command.clear()],
    }
)

# --------------------------------------------------------------------------
# The two specifications
# --------------------------------------------------------------------------
action = env.ref("contacts.action_contacts")
context = {
    **env["res.users"].context_get(),
    "allowed_company_ids": [company.id],
    **safe_eval(action.context or "{}", {"uid": env.uid}),
}
suite_arch = Partner.with_context(context).get_views([(False, "form")])["views"][
    "form"
]["arch"]
suite_spec = form_specification(env, "res.partner", suite_arch, context)

suite_modules = (
    env["ir.module.module"]
    .sudo()
    .search([("author", "=", "Counterparty CRM"), ("state", "=", "installed")])
    .mapped("name")
)
suite_views = (
    env["ir.ui.view"]
    .sudo()
    .browse(
        env["ir.model.data"]
        .sudo()
        .search([("model", "=", "ir.ui.view"), ("module", "in", suite_modules)])
        .mapped("res_id")
    )
    .filtered("inherit_id")
)
savepoint = env.cr.savepoint()
suite_views.write({"active": False})
stock_arch = Partner.with_context(context).get_views([(False, "form")])["views"][
    "form"
]["arch"]
stock_spec = form_specification(env, "res.partner", stock_arch, context)
savepoint.close(rollback=True)
env.invalidate_all()
env.registry.clear_cache("templates")


def count_spec(spec):
    return sum(1 + count_spec(sub.get("fields", {})) for sub in spec.values())


x2many = [name for name, sub in suite_spec.items() if "limit" in sub]
print(
    f"dossier: suite form reads {len(suite_spec)} fields ({count_spec(suite_spec)} "
    f"with sub-fields; {len(x2many)} lists: {', '.join(x2many)}); "
    f"stock form {len(stock_spec)} ({count_spec(stock_spec)}); "
    f"{len(suite_views)} views of the suite left out",
    flush=True,
)

# --------------------------------------------------------------------------
# Partners
# --------------------------------------------------------------------------


def iban_number(bank_code, serial):
    """A valid Bulgarian IBAN of ``bank_code`` (4 letters) and ``serial``."""
    bban = f"{bank_code}9661{serial:010d}"
    return f"BG{iban.calc_check_digits(f'BG00{bban}')}{bban}"


def company_partner(name, kinds, contacts=3):
    partner = Partner.create(
        {
            "name": name,
            "is_company": True,
            "email": f"{name.lower().replace(' ', '.')}@example.com",
            "phone": "+359 2 123 4567",
            "vat": False,
            "counterparty_kind_ids": [Command.set([k.id for k in kinds])],
        }
    )
    Partner.create(
        [
            {"name": f"{name} contact {i}", "parent_id": partner.id, "type": "contact"}
            for i in range(contacts)
        ]
        + [
            {"name": f"{name} invoices", "parent_id": partner.id, "type": "invoice"},
            {"name": f"{name} delivery", "parent_id": partner.id, "type": "delivery"},
        ]
    )
    env["res.partner.bank"].create(
        {"partner_id": partner.id, "acc_number": iban_number("BNBG", partner.id)}
    )
    return partner


def sales(partner, count):
    orders = env["sale.order"].create(
        [
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create({"product_id": product.id, "price_unit": 10.0})
                ],
            }
            for _i in range(count)
        ]
    )
    orders[::5].action_confirm()


def moves(partner, count, move_type="out_invoice"):
    invoices = env["account.move"].create(
        [
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": today - timedelta(days=40),
                "invoice_date_due": today - timedelta(days=10),
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Service", "price_unit": 5.0, "tax_ids": []}
                    )
                ],
            }
            for _i in range(count)
        ]
    )
    # Analysed and posted by slices: the payment state's query over a
    # thousand fresh moves otherwise takes PostgreSQL minutes.
    env.flush_all()
    env.cr.execute("ANALYZE account_move, account_move_line")
    for start in range(0, count, 100):
        invoices[start : start + 100].action_post()


def messages(partner, count):
    env["mail.message"].create(
        [
            {
                "model": "res.partner",
                "res_id": partner.id,
                "message_type": "comment",
                "subtype_id": env.ref("mail.mt_note").id,
                "body": f"Note {i}",
            }
            for i in range(count)
        ]
    )


def customer(count, contacts):
    partner = company_partner(f"Bench Customer {count}", kind["customer"], contacts)
    sales(partner, count)
    moves(partner, count)
    messages(partner, count)
    return partner


print(f"Building partners ({SMALL} and {LARGE} documents)...", flush=True)
started = time.perf_counter()
customer_small = customer(SMALL, 5)
customer_large = customer(LARGE, 100)

supplier = company_partner("Bench Supplier", kind["supplier"])
env["purchase.order"].create(
    [
        {
            "partner_id": supplier.id,
            "order_line": [
                Command.create(
                    {"product_id": product.id, "product_qty": 1, "price_unit": 4.0}
                )
            ],
        }
        for _i in range(20)
    ]
).button_confirm()
moves(supplier, 20, "in_invoice")

bank = company_partner("Bench Bank", kind["bank"])
bank.bank_id = env["res.bank"].create({"name": "Bench Bank", "bic": "BENCHBGSF"})
holders = Partner.create(
    [{"name": f"Bench Holder {i}", "is_company": True} for i in range(50)]
)
env["res.partner.bank"].create(
    [
        {
            "partner_id": holder.id,
            "bank_id": bank.bank_id.id,
            "acc_number": iban_number("BENC", holder.id * 10 + i),
        }
        for holder in holders
        for i in range(4)
    ]
)

top = company_partner("Bench Holding Top", kind["holding_member"])
member = company_partner(
    "Bench Holding Member", kind["holding_member"] | kind["customer"]
)
sisters = Partner.create(
    [{"name": f"Bench Sister {i}", "is_company": True} for i in range(5)]
)
subsidiaries = Partner.create(
    [{"name": f"Bench Subsidiary {i}", "is_company": True} for i in range(5)]
)
env["crm.holding.membership"].create(
    [{"partner_id": member.id, "parent_id": top.id, "date_start": today}]
    + [{"partner_id": p.id, "parent_id": top.id, "date_start": today} for p in sisters]
    + [
        {"partner_id": p.id, "parent_id": member.id, "date_start": today}
        for p in subsidiaries
    ]
)
sales(member, 20)
moves(member, 20)
for sub in subsidiaries:
    sales(sub, 4)
env.flush_all()
# Analysed, as autovacuum would have done on a real database.
env.cr.execute(
    "ANALYZE res_partner, sale_order, account_move, mail_message, res_partner_bank"
)
print(f"Built in {time.perf_counter() - started:.0f} s.", flush=True)

# --------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------
PartnerCtx = env["res.partner"].with_context(bin_size=True, **context)


def reader(partner, spec):
    return lambda: PartnerCtx.browse(partner.id).web_read(spec)


def runs(partner):
    """Interleaved runs: ([(seconds, queries)] of the suite, of stock)."""
    ours, stock = [], []
    # One call of each first: the registry's caches (access rules, views of
    # the comodels, currencies) are then warm for both, as on a running server.
    reader(partner, suite_spec)()
    reader(partner, stock_spec)()
    for _run in range(RUNS):
        ours.append(measure(env, reader(partner, suite_spec), repeat=1))
        stock.append(measure(env, reader(partner, stock_spec), repeat=1))
    return ours, stock


def report(name, ours, stock):
    best_o, best_s = min(t for t, _q in ours), min(t for t, _q in stock)
    med_o = statistics.median(t for t, _q in ours)
    med_s = statistics.median(t for t, _q in stock)
    q_o, q_s = min(q for _t, q in ours), min(q for _t, q in stock)
    time_ratio = med_o / med_s if med_s else float("inf")
    query_ratio = q_o / q_s if q_s else float("inf")
    met = time_ratio <= TIME_GOAL and query_ratio <= QUERY_GOAL
    print(
        f"open dossier of {name}: suite {med_o * 1000:.1f} ms (best "
        f"{best_o * 1000:.1f}) / {q_o} queries, stock Odoo {med_s * 1000:.1f} ms "
        f"(best {best_s * 1000:.1f}) / {q_s} queries, ratio {time_ratio:.2f}x time "
        f"(best {best_o / best_s:.2f}x), {query_ratio:.2f}x queries  "
        f"goal <= {TIME_GOAL:.2f}x time, <= {QUERY_GOAL:.2f}x queries: "
        f"{'PASS' if met else 'FAIL'}",
        flush=True,
    )
    return q_o


partners = [
    (f"a customer with {SMALL} documents", customer_small),
    (f"a customer with {LARGE} documents", customer_large),
    ("a supplier", supplier),
    ("a bank (200 held accounts)", bank),
    ("a holding member", member),
]
counts = {}
for name, partner in partners:
    counts[partner] = report(name, *runs(partner))
constant_queries(
    "open dossier of a customer",
    {SMALL: counts[customer_small], LARGE: counts[customer_large]},
)

if os.environ.get("BENCH_DOSSIER_BREAKDOWN"):
    # Where the suite's time goes: the median read without each field the
    # suite adds to the form (or whose sub-fields it changes), slowest first.
    def median_read(partner, spec):
        return statistics.median(
            measure(env, reader(partner, spec), repeat=1)[0] for _run in range(RUNS)
        )

    for name, partner in (partners[0], partners[-1]):
        full = median_read(partner, suite_spec)
        costs = []
        for fname in suite_spec:
            if stock_spec.get(fname) == suite_spec[fname]:
                continue
            spec = {key: sub for key, sub in suite_spec.items() if key != fname}
            costs.append((full - median_read(partner, spec), fname))
        costs.sort(reverse=True)
        print(
            f"breakdown of {name} ({full * 1000:.1f} ms): "
            + ", ".join(f"{fname} {cost * 1000:.1f}" for cost, fname in costs[:15]),
            flush=True,
        )

if os.environ.get("BENCH_DOSSIER_PROFILE"):
    # Python's profiler on the suite's reads: the functions of the suite's
    # addons (and Odoo's ORM entry points) by cumulative time.
    import cProfile
    import pstats

    for name, partner in (partners[0], partners[-1]):
        profiler = cProfile.Profile()
        for _run in range(RUNS):
            env.flush_all()
            env.invalidate_all()
            profiler.runcall(reader(partner, suite_spec))
        print(f"profile of {name}, {RUNS} reads:", flush=True)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(
            os.environ.get("BENCH_DOSSIER_PROFILE_FILTER", "crm_|fields.py"), 40
        )

env.cr.rollback()
