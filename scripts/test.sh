#!/usr/bin/env bash
# `make test`: install every addon of the project in a throwaway database with
# --test-enable, run only the project's own tests (browser tours included) and
# print "N passed, N failed, N skipped" from Odoo's own test report.
# Fails on any failed or erroring test, a skipped test (a skipped browser tour
# means Chromium or websocket-client is missing), an ERROR or CRITICAL log
# line (e.g. a module that fails to install), or no test run at all.
set -uo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh" || exit 1

addons=${ADDONS:-$(project_addons)}
[ -n "$addons" ] || { echo "no addon found in $ROOT/addons"; exit 1; }
tags=${TEST_TAGS:-$(echo "$addons" | sed 's/\([^,]*\)/\/\1/g')}
test_db=${TEST_DB:-crm_test_$$}
data_dir="$ROOT/.odoo-data"
log=${TEST_LOG:-$ROOT/.odoo-data/test-$test_db.log}
mkdir -p "$data_dir"

cleanup() {
    dropdb --if-exists "$test_db" >/dev/null 2>&1
    rm -rf "$data_dir/filestore/$test_db"
}
trap cleanup EXIT
cleanup

echo "Testing $addons in throwaway database $test_db (log: $log)"
odoo_bin --database="$test_db" --data-dir="$data_dir" --init="$addons" \
    --test-enable --test-tags="$tags" --http-port="${TEST_PORT:-8169}" \
    --stop-after-init --log-level=info --max-cron-threads=0 2>&1 | tee "$log" \
    | grep -E --line-buffered ' (ERROR|CRITICAL|WARNING) |FAIL:|ERROR:|Starting |skipped | tests when loading database' \
    | sed -E 's/^[0-9-]+ [0-9:,]+ [0-9]+ //'
rc=${PIPESTATUS[0]}

summary=$(grep -E '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database' "$log" | tail -n 1)
failed=$(sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1/' <<<"$summary")
errors=$(sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\2/' <<<"$summary")
total=$(sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\3/' <<<"$summary")
skipped=$(grep -cE ': skipped [^ ]+ : ' "$log")
log_errors=$(grep -cE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log")
failed=${failed:-0}; errors=${errors:-0}; total=${total:-0}
passed=$((total - failed - errors - skipped))
echo
echo "$passed passed, $((failed + errors)) failed, $skipped skipped"

status=0
[ -n "$summary" ] || { echo "Odoo printed no test report"; status=1; }
[ "$total" -gt 0 ] || { echo "no test was run"; status=1; }
[ $((failed + errors)) -eq 0 ] || status=1
[ "$skipped" -eq 0 ] || { echo "skipped tests count as failures (is Chromium or websocket-client missing?)"; status=1; }
[ "$log_errors" -eq 0 ] || { echo "$log_errors ERROR/CRITICAL log line(s), see $log"; status=1; }
[ "$rc" -eq 0 ] || { echo "odoo-bin exited with $rc"; status=1; }
exit $status
