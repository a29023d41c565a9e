#!/usr/bin/env bash
# `make test`: install every addon of the project in a throwaway database with
# --test-enable, run only the project's own tests (browser tours included),
# then, when every addon is tested (ADDONS is the whole suite, TEST_TAGS
# unset), the suite-level checks on that database: the pytest checks of tests/
# against it served over HTTP (scripts/test_suite.sh), then the update and
# uninstallation of scripts/upgrade_check.sh (counted as one check). Prints
# one closing line "N passed, N failed, N skipped" that counts them all:
# Odoo's own test report, pytest's and the upgrade check. The database is
# dropped at the end.
# Fails on any failed or erroring test, a skipped test (a skipped browser tour
# means Chromium or websocket-client is missing), an ERROR or CRITICAL log
# line (e.g. a module that fails to install), or no test run at all.
#
# Only the pytest checks of tests/, on an existing database of the whole suite
# (kept, not dropped, no upgrade check):
#   TEST_DB=<database> SUITE_ONLY=1 make test
set -uo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh" || exit 1

if [ "${SUITE_ONLY:-0}" = 1 ]; then
    [ -n "${TEST_DB:-}" ] || { echo "SUITE_ONLY=1 needs TEST_DB=<database of the whole suite>"; exit 1; }
    exec bash "$ROOT/scripts/test_suite.sh" "$TEST_DB"
fi

addons=${ADDONS:-$(project_addons)}
[ -n "$addons" ] || { echo "no addon found in $ROOT/addons"; exit 1; }
sorted() { tr ',' '\n' <<<"$1" | sort | tr '\n' ' '; }
suite_checks=0
if [ -z "${TEST_TAGS:-}" ] && [ "$(sorted "$addons")" = "$(sorted "$(project_addons)")" ]; then
    suite_checks=1
fi
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
failed=$((failed + errors))

status=0
[ -n "$summary" ] || { echo "Odoo printed no test report"; status=1; }
[ "$total" -gt 0 ] || { echo "no test was run"; status=1; }
[ "$failed" -eq 0 ] || status=1
[ "$skipped" -eq 0 ] || { echo "skipped tests count as failures (is Chromium or websocket-client missing?)"; status=1; }
[ "$log_errors" -eq 0 ] || { echo "$log_errors ERROR/CRITICAL log line(s), see $log"; status=1; }
[ "$rc" -eq 0 ] || { echo "odoo-bin exited with $rc"; status=1; }

# Suite-level checks, on the database Odoo's tests have just installed: the
# pytest checks of tests/ on it served over HTTP, then the update and
# uninstallation check of `make upgrade-check` (one check; it uninstalls the
# addons, so it comes last).
if [ "$suite_checks" = 1 ]; then
    if [ -n "$summary" ]; then
        echo
        counts=$(mktemp)
        SUITE_COUNTS="$counts" bash "$ROOT/scripts/test_suite.sh" "$test_db" || status=1
        # No counts if it stopped before pytest: one failure.
        read -r suite_passed suite_failed suite_skipped < "$counts"
        rm -f "$counts"
        suite_passed=${suite_passed:-0} suite_failed=${suite_failed:-1} suite_skipped=${suite_skipped:-0}
        echo
        started=$SECONDS
        if UPGRADE_DB="$test_db" UPGRADE_INSTALLED=1 bash "$ROOT/scripts/upgrade_check.sh"; then
            suite_passed=$((suite_passed + 1))
        else
            suite_failed=$((suite_failed + 1))
            status=1
        fi
        echo "Upgrade check took $((SECONDS - started)) s"
        echo "Counted: Odoo's tests $passed passed ($failed failed, $skipped skipped)," \
            "suite-level checks $suite_passed passed ($suite_failed failed, $suite_skipped skipped)"
        passed=$((passed + suite_passed))
        failed=$((failed + suite_failed))
        skipped=$((skipped + suite_skipped))
    else
        echo "suite-level checks not run: Odoo's tests did not finish"
    fi
fi
echo
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
