#!/usr/bin/env bash
# `make test-odoo`: run Odoo's own tests of the Odoo modules the suite extends
# (tests/odoo_modules.txt) with every addon of the suite installed, and compare
# the failures with those stock Odoo has with the same command
# (tests/odoo_known_failures.txt). Any other failure fails the command.
#
# One throwaway database, one odoo-bin run:
#   --init=<tested Odoo modules>,<Odoo modules the suite depends on>,<suite addons>
#   --test-enable --test-tags=/<tested module>,... --stop-after-init (demo data on)
# As on Odoo's runbot, the `at_install` tests of an Odoo module run right after
# that module installs, so they see only the modules installed before it (for
# most of them stock Odoo: the suite's addons depend on them and come later);
# the `post_install` tests (browser tours included) run at the end with
# everything installed: there the suite's changes show.
#
# A failure is a test id `<python module>.<Class>.<method>` (a subtest counts
# as its test method, a failing setUpClass as `<Class>.setUpClass`) that Odoo
# reports as FAIL or ERROR, or during which an ERROR/CRITICAL line was logged
# (e.g. a browser console error or a server traceback in a tour). An ERROR line
# outside any test (e.g. a module that fails to install) is a failure too, with
# the id `log: <logger>`.
#
# `BASELINE=1 make test-odoo` measures the list on stock Odoo: the same command
# and the same Odoo modules (auto_install ones follow), without the suite's
# addons; it writes tests/odoo_known_failures.txt, to review and commit.
#
# A post_install test (a browser tour, say) that fails is run once more, alone,
# on the same database; one that passes then is listed as flaky, not failed.
#
# Exits non-zero on an unexpected failure, when no test ran or when Odoo printed
# no test report. Known failures that now pass are listed, and do not fail.
# The log is kept in .odoo-data/test-odoo-<db>.log.
set -uo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh" || exit 1

modules_file=${ODOO_MODULES_FILE:-$ROOT/tests/odoo_modules.txt}
known_file=${KNOWN_FAILURES_FILE:-$ROOT/tests/odoo_known_failures.txt}
report="$VENV/bin/python $ROOT/tests/odoo_tests_report.py"

tested=$(sed -e 's/#.*//' "$modules_file" | tr -s ' \t,' '\n' | grep -v '^$' | paste -sd, -)
[ -n "$tested" ] || { echo "no Odoo module listed in $modules_file"; exit 1; }
# The Odoo modules the suite's manifests depend on, so that stock Odoo gets
# the same set of Odoo modules (and so the same auto_install ones).
odoo_deps=$($report --odoo-depends "$ROOT/addons") || exit 1
suite=$(project_addons)
tags=$(echo "$tested" | sed 's/\([^,]*\)/\/\1/g')

if [ -n "${BASELINE:-}" ]; then
    kind=stock
    what="on stock Odoo"
    init="$tested,$odoo_deps"
    # Odoo's own addons only: the suite's addons are not even on the path.
    ADDONS_PATH="$ODOO_SRC/addons"
else
    kind=suite
    what="with the suite's addons"
    init="$tested,$odoo_deps,$suite"
fi
init=$(echo "$init" | tr ',' '\n' | grep -v '^$' | awk '!seen[$0]++' | paste -sd, -)

test_db=${TEST_DB:-crm_test_odoo_${kind}_$$}
data_dir="$ROOT/.odoo-data"
log=${TEST_LOG:-$data_dir/test-odoo-$test_db.log}
mkdir -p "$data_dir"

cleanup() {
    dropdb --if-exists "$test_db" >/dev/null 2>&1
    rm -rf "$data_dir/filestore/$test_db"
}
trap cleanup EXIT
cleanup

echo "Odoo's tests of $tested $what"
echo "installed: $init"
echo "in throwaway database $test_db (log: $log)"
start=$(date +%s)
command=(--database="$test_db" --data-dir="$data_dir" --init="$init"
    --test-enable --test-tags="$tags" --http-port="${TEST_PORT:-8169}"
    --stop-after-init --log-level=info --max-cron-threads=0)
odoo_bin "${command[@]}" 2>&1 | tee "$log" \
    | grep -E --line-buffered ' (ERROR|CRITICAL) |FAIL:|ERROR:|Loading module |Starting post tests|post-tests in|odoo.modules.loading: [0-9]+ modules|tests when loading database' \
    | sed -E 's/^[0-9-]+ [0-9:,]+ [0-9]+ //'
rc=${PIPESTATUS[0]}
minutes=$(( ($(date +%s) - start + 30) / 60 ))
echo "odoo-bin exited with $rc after $minutes min"
echo

# A failed browser tour (post_install) runs once more, alone, on the same
# database: one that passes then is reported as flaky (odoo_tests_report.py).
known_arg=()
[ -z "${BASELINE:-}" ] && known_arg=(--known "$known_file")
retry=$($report --log "$log" --retry-tags "${known_arg[@]}")
retry_arg=()
if [ -n "$retry" ]; then
    echo "Running again alone: $retry"
    odoo_bin --database="$test_db" --data-dir="$data_dir" --test-enable \
        --test-tags="$retry" --http-port="${TEST_PORT:-8169}" --stop-after-init \
        --log-level=info --max-cron-threads=0 >"$log.retry" 2>&1
    retry_arg=(--retry-log "$log.retry")
fi

if [ -n "${BASELINE:-}" ]; then
    odoo_commit=${ODOO_COMMIT:-$(git -C "$ODOO_SRC" rev-parse --short=8 HEAD 2>/dev/null || echo unknown)}
    $report --log "$log" --odoo-rc "$rc" --write-known "$known_file" "${retry_arg[@]}" \
        --measured "stock Odoo 18.0 $odoo_commit, $(date -u +%Y-%m-%d) ($minutes min), tests of $tested" \
        --command "odoo-bin --init=$init --test-enable --test-tags=$tags --stop-after-init"
else
    # odoo-bin exits non-zero on any failed test, known ones too: the report
    # decides (a crash leaves no test report, which fails the command).
    $report --log "$log" --odoo-rc "$rc" --known "$known_file" "${retry_arg[@]}"
fi
