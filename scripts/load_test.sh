#!/usr/bin/env bash
# `make load-test`: start Odoo with --workers=2 on 127.0.0.1 on a database with
# every addon (created once, no demo data), run load/load_test.py (20 clients,
# 60 s; LOAD_CLIENTS and LOAD_SECONDS override) and stop the server. Access
# and server logs go to .odoo-data/load-<db>.log; any HTTP 500 fails the run.
set -uo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh" || exit 1

db=${LOAD_DB:-crm_load}
port=${LOAD_PORT:-8269}
data_dir="$ROOT/.odoo-data"
log="$data_dir/load-$db.log"
addons=$(project_addons)
mkdir -p "$data_dir"
if ! psql -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    echo "Creating $db ($addons, no demo data)"
    odoo_bin -d "$db" --data-dir="$data_dir" -i "$addons" --without-demo=all \
        --stop-after-init --log-level=warn || exit 1
    # The admin of a database without demo data has the password admin too.
fi
# Started directly (not through the odoo_bin function) so that $! is the
# server's own process, stopped with its workers at the end.
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" --addons-path="$ADDONS_PATH" \
    -d "$db" --db-filter="^$db\$" --data-dir="$data_dir" --workers=2 \
    --http-interface=127.0.0.1 --http-port="$port" --gevent-port=$((port + 1)) \
    --max-cron-threads=0 --limit-time-real=120 --limit-time-cpu=60 \
    --log-level=info > "$log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 1 60); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/web/login" && break
    sleep 1
done
LOAD_DB="$db" LOAD_PORT="$port" "$VENV/bin/python" "$ROOT/load/load_test.py"
status=$?
errors=$(grep -cE '" 500 | (ERROR|CRITICAL) ' "$log")
if [ "$errors" -ne 0 ]; then
    echo "FAIL: $errors HTTP 500 or ERROR lines in $log"
    grep -E '" 500 | (ERROR|CRITICAL) ' "$log" | head -10
    status=1
fi
exit $status
