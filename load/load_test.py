"""Load test: 20 JSON-RPC clients for 60 seconds on a multi-worker Odoo.

Started by ``make load-test`` with a running server (see scripts/load_test.sh).
Clients create counterparties, personal documents, contracts and sale orders,
post notes on one shared partner and read dossiers. Afterwards every
acknowledged write must be in the database exactly once, no request may have
failed with an HTTP 500 or a server error, and every note posted concurrently
on the shared partner must be there. Prints requests per second and p50/p95
latency. Traffic stays on 127.0.0.1.
"""

import json
import os
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

URL = f"http://127.0.0.1:{os.environ.get('LOAD_PORT', '8269')}/jsonrpc"
DB = os.environ["LOAD_DB"]
CLIENTS = int(os.environ.get("LOAD_CLIENTS", 20))
DURATION = float(os.environ.get("LOAD_SECONDS", 60))
LOGIN, PASSWORD = "admin", "admin"


class RpcError(Exception):
    pass


def call(service, method, *args):
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"service": service, "method": method, "args": args},
        "id": random.randint(1, 10**9),
    }
    request = urllib.request.Request(
        URL, json.dumps(payload).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        body = json.loads(response.read())
    if body.get("error"):
        raise RpcError(body["error"]["data"].get("name", "?"), body["error"]["message"])
    return body["result"]


def verify(execute, acked, failures, shared):
    """Every acknowledged write is stored once; every note is on the shared
    partner; no request failed."""
    problems = [f"request failed: {op}: {error}" for op, error in failures]
    fields = {
        "partner": ("res.partner", "name"),
        "document": ("crm.personal.document", "number"),
        "contract": ("crm.contract", "title"),
        "order": ("sale.order", "client_order_ref"),
    }
    for op, (model, field) in fields.items():
        mine = [(rid, marker) for o, rid, marker in acked if o == op]
        if not mine:
            continue
        rows = execute(model, "search_read", [(field, "like", "load-")], [field])
        by_marker = {}
        for row in rows:
            by_marker.setdefault(row[field], []).append(row["id"])
        for rid, marker in mine:
            if by_marker.get(marker) != [rid]:
                found = by_marker.get(marker)
                problems.append(f"{model} {marker}: acknowledged {rid}, found {found}")
    notes = [marker for o, _rid, marker in acked if o == "note"]
    bodies = execute(
        "mail.message",
        "search_read",
        [
            ("model", "=", "res.partner"),
            ("res_id", "=", shared),
            ("body", "like", "load-"),
        ],
        ["body"],
    )
    found = [b["body"] for b in bodies]
    for marker in notes:
        hits = sum(marker in body for body in found)
        if hits != 1:
            problems.append(f"note {marker} on the shared partner found {hits} times")

    return problems


def main():
    uid = call("common", "login", DB, LOGIN, PASSWORD)

    def execute(model, method, *args, **kwargs):
        return call(
            "object", "execute_kw", DB, uid, PASSWORD, model, method, args, kwargs
        )

    kind = execute(
        "ir.model.data", "check_object_reference", "crm_counterparty", "kind_customer"
    )[1]
    doc_type = execute(
        "ir.model.data",
        "check_object_reference",
        "crm_counterparty",
        "document_type_passport",
    )[1]
    product = execute(
        "product.product", "create", {"name": "Load test product", "list_price": 10}
    )
    shared = execute(
        "res.partner", "create", {"name": "Load shared partner", "is_company": True}
    )
    bg = execute("res.country", "search", [("code", "=", "BG")])[0]

    lock = threading.Lock()
    latencies, acked, failures = [], [], []
    stop_at = time.monotonic() + DURATION

    def client(number):
        rnd = random.Random(number)
        mine = []
        while time.monotonic() < stop_at:
            marker = f"load-{number}-{uuid.uuid4().hex[:10]}"
            op = rnd.choice(
                ["partner", "partner", "document", "contract", "order", "note", "read"]
            )
            started = time.perf_counter()
            try:
                if op == "partner" or not mine:
                    op = "partner"
                    rid = execute(
                        "res.partner",
                        "create",
                        {
                            "name": marker,
                            "is_company": True,
                            "country_id": bg,
                            "phone": f"02 9{rnd.randint(100000, 999999)}",
                            "counterparty_kind_ids": [(6, 0, [kind])],
                        },
                    )
                    mine.append(rid)
                elif op == "document":
                    rid = execute(
                        "crm.personal.document",
                        "create",
                        {
                            "partner_id": rnd.choice(mine),
                            "type_id": doc_type,
                            "number": marker,
                        },
                    )
                elif op == "contract":
                    rid = execute(
                        "crm.contract",
                        "create",
                        {
                            "title": marker,
                            "partner_id": rnd.choice(mine),
                            "side": "customer",
                            "date_start": "2027-01-01",
                            "amount": 1000,
                        },
                    )
                elif op == "order":
                    rid = execute(
                        "sale.order",
                        "create",
                        {
                            "partner_id": rnd.choice(mine),
                            "client_order_ref": marker,
                            "order_line": [
                                (0, 0, {"product_id": product, "product_uom_qty": 2})
                            ],
                        },
                    )
                elif op == "note":
                    rid = execute("res.partner", "message_post", [shared], body=marker)
                else:
                    execute(
                        "res.partner",
                        "read",
                        rnd.sample(mine, min(5, len(mine))),
                        [
                            "counterparty_kind_ids",
                            "personal_document_count",
                            "offer_count",
                            "offer_amount",
                            "contract_count",
                            "duplicate_partner_ids",
                        ],
                    )
                    rid = None
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if rid is not None:
                        acked.append((op, rid, marker))
            except (RpcError, urllib.error.URLError, TimeoutError) as error:
                with lock:
                    failures.append((op, repr(error)[:300]))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began

    problems = verify(execute, acked, failures, shared)
    writes = len(acked)
    rate = len(latencies) / wall
    print(f"clients {CLIENTS}, {wall:.0f} s, {len(latencies)} requests")
    print(f"{writes} acknowledged writes, {rate:.1f} requests/s")
    if latencies:
        ordered = sorted(latencies)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        p50 = statistics.median(ordered)
        print(f"latency p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    notes = sum(op == "note" for op, _rid, _marker in acked)
    print(f"concurrent notes on one partner: {notes} acknowledged and checked")
    for problem in problems[:30]:
        print("FAIL:", problem)
    print("load test:", "ok" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
