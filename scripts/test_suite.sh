#!/usr/bin/env bash
# Suite-level checks: the pytest tests of tests/ against a served database of
# the whole suite, over JSON-RPC (tests/conftest.py says what they expect).
#
#   scripts/test_suite.sh <database>
#
# Serves <database> with Odoo on 127.0.0.1 only (a free port, or SUITE_PORT),
# without workers or cron, waits until /web/health answers, runs
# `pytest tests/ -q` with SUITE_URL, SUITE_DB, SUITE_ADMIN_LOGIN and
# SUITE_ADMIN_PASSWORD (admin/admin unless given), then stops the server.
# The checks write to the database and leave their records there.
#
# `make test` (scripts/test.sh) calls it after Odoo's tests, on the database
# it has just installed, with SUITE_COUNTS=<file>: the counts "passed failed
# skipped" go to that file for test.sh's closing line. Without SUITE_COUNTS it
# prints its own closing line "N passed, N failed, N skipped". On an existing
# database: `TEST_DB=<database> SUITE_ONLY=1 make test`.
#
# Fails on a failed, erroring or skipped check, on no check at all, on a
# server that does not answer, and on an ERROR or CRITICAL line in the
# server's log (.odoo-data/suite-<database>.log).
set -uo pipefail
source "$(dirname "$0")/env.sh"

db=${1:?usage: scripts/test_suite.sh <database>}
data_dir="$ROOT/.odoo-data"
log="$data_dir/suite-$db.log"
mkdir -p "$data_dir"
started=$SECONDS
psql -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
    || { echo "suite-level checks: no database $db"; exit 1; }
port=${SUITE_PORT:-$("$VENV/bin/python" -c '
import socket
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])')}
junit=$(mktemp)
server=""
stop_server() {
    if [ -n "$server" ]; then
        kill -TERM "$server" 2>/dev/null
        wait "$server" 2>/dev/null
        server=""
    fi
}
trap 'stop_server; rm -f "$junit"' EXIT

# The step of `make demo` that is not demo data (the admin's home action).
odoo_bin shell --database="$db" --data-dir="$data_dir" --no-http --log-level=warn \
    < "$ROOT/scripts/demo_home.py" > "$log.demo_home" 2>&1 \
    || { echo "suite-level checks: scripts/demo_home.py failed, see $log.demo_home"; exit 1; }

echo "Suite-level checks (tests/) on $db served at 127.0.0.1:$port (log: $log)"
# Started directly (not through the odoo_bin function) so that $! is the
# server's own process.
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" --addons-path="$ADDONS_PATH" \
    --database="$db" --db-filter="^$db\$" --data-dir="$data_dir" \
    --http-interface=127.0.0.1 --http-port="$port" --workers=0 \
    --max-cron-threads=0 --log-level=info > "$log" 2>&1 &
server=$!
up=0
for _ in $(seq 1 180); do
    kill -0 "$server" 2>/dev/null || break
    if curl -fs -o /dev/null "http://127.0.0.1:$port/web/health"; then up=1; break; fi
    sleep 1
done

status=0
: > "$junit"
if [ "$up" = 1 ]; then
    (cd "$ROOT" && SUITE_URL="http://127.0.0.1:$port" SUITE_DB="$db" \
        SUITE_ADMIN_LOGIN="${SUITE_ADMIN_LOGIN:-admin}" \
        SUITE_ADMIN_PASSWORD="${SUITE_ADMIN_PASSWORD:-admin}" \
        "$VENV/bin/python" -m pytest tests/ -q -p no:cacheprovider --junitxml="$junit") \
        | grep -v --line-buffered '^-* generated xml file: '
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
else
    echo "the server did not answer on /web/health, see $log"
    status=1
fi
stop_server

# pytest's counts from its JUnit report: tests, failures, errors, skipped.
read -r total failures errors skipped < <("$VENV/bin/python" - "$junit" <<'PY'
import sys
import xml.etree.ElementTree as ET

try:
    root = ET.parse(sys.argv[1]).getroot()
except ET.ParseError:
    print(0, 0, 0, 0)
    sys.exit()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
keys = ("tests", "failures", "errors", "skipped")
print(*(sum(int(suite.get(key, 0)) for suite in suites) for key in keys))
PY
)
passed=$((total - failures - errors - skipped))
failed=$((failures + errors))
if [ "$total" -eq 0 ]; then
    echo "no suite-level check was run"
    failed=$((failed + 1))
    status=1
fi
[ "$skipped" -eq 0 ] || { echo "skipped suite-level checks count as failures"; status=1; }
log_errors=$(grep -cE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log")
[ "$log_errors" -eq 0 ] || { echo "$log_errors ERROR/CRITICAL line(s) in the server's log $log"; status=1; }
echo "Suite-level checks took $((SECONDS - started)) s"
if [ -n "${SUITE_COUNTS:-}" ]; then
    echo "$passed $failed $skipped" > "$SUITE_COUNTS"
else
    echo "$passed passed, $failed failed, $skipped skipped"
fi
exit $status
