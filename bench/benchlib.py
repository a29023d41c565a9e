"""Helpers shared by the benchmark scenarios (bench/bench_*.py).

A scenario runs inside ``odoo-bin shell`` (``env`` is the superuser's
environment) and starts with::

    exec(open(os.environ["BENCH_LIB"]).read())

It then times the suite's work and stock Odoo's nearest equivalent with
``measure`` and prints them side by side with ``compare``. Nothing is
committed: the shell's transaction is rolled back at the end.
"""

import time


def measure(env, func, repeat=3):
    """Best wall time (seconds) and SQL query count of ``func()`` over
    ``repeat`` runs, each on a cold ORM cache."""
    best, queries = None, None
    for _run in range(repeat):
        env.flush_all()
        env.invalidate_all()
        start_queries = env.cr.sql_log_count
        start = time.perf_counter()
        func()
        env.flush_all()
        elapsed = time.perf_counter() - start
        if best is None or elapsed < best:
            best = elapsed
            queries = env.cr.sql_log_count - start_queries
    return best, queries


def measure_pair(env, ours, stock, repeat=3):
    """``measure`` of both functions, their runs interleaved (ours, stock,
    ours, ...): a load spike on a shared machine then hits both sides alike
    instead of one of them. Returns (ours, stock) results."""
    results = [None, None]
    for _run in range(repeat):
        for index, func in enumerate((ours, stock)):
            result = measure(env, func, repeat=1)
            if results[index] is None or result[0] < results[index][0]:
                results[index] = result
    return tuple(results)


def compare(name, ours, stock, goal=None):
    """Print one result line: our time and queries, stock Odoo's, the ratio
    and, when ``goal`` (the highest acceptable ratio) is given, PASS or FAIL.
    Return True when the goal is met (or there is none)."""
    (t_ours, q_ours), (t_stock, q_stock) = ours, stock
    ratio = t_ours / t_stock if t_stock else float("inf")
    verdict = ""
    met = True
    if goal is not None:
        met = ratio <= goal
        verdict = f"  goal <= {goal:.2f}x: {'PASS' if met else 'FAIL'}"
    print(
        f"{name}: suite {t_ours * 1000:.1f} ms / {q_ours} queries, "
        f"stock Odoo {t_stock * 1000:.1f} ms / {q_stock} queries, "
        f"ratio {ratio:.2f}x{verdict}",
        flush=True,
    )
    return met


def constant_queries(name, counts):
    """Print whether the query counts measured at several sizes are equal:
    ``counts`` maps a size to its query count."""
    same = len(set(counts.values())) == 1
    sizes = ", ".join(f"{size}: {count}" for size, count in sorted(counts.items()))
    print(f"{name}: queries by size {sizes}: {'PASS' if same else 'FAIL'} (constant)")
    return same
