#!/usr/bin/env bash
# `make bench`: run bench/bench_*.py (or BENCH=bench/bench_x.py) in an Odoo
# shell on a database with every addon of the project installed without demo
# data. Each scenario times the suite beside stock Odoo doing the nearest
# equivalent work in the same run and prints the ratio and query counts.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh"

db=${BENCH_DB:-crm_bench}
addons=$(project_addons)
data_dir="$ROOT/.odoo-data"
if ! psql -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    echo "Creating benchmark database $db ($addons, no demo data)"
    odoo_bin --database="$db" --data-dir="$data_dir" --init="$addons" --without-demo=all \
        --stop-after-init --log-level=warn
else
    odoo_bin --database="$db" --data-dir="$data_dir" --update="$addons" \
        --stop-after-init --log-level=warn
fi
status=0
for scenario in ${BENCH:-"$ROOT"/bench/bench_*.py}; do
    echo
    echo "== $(basename "$scenario")"
    BENCH_LIB="$ROOT/bench/benchlib.py" odoo_bin shell --database="$db" --data-dir="$data_dir" \
        --no-http --log-level=warn < "$scenario" || status=1
done
exit $status
