"""Report of `make test-odoo` (scripts/test_odoo.sh) from Odoo's test log.

A failure is identified by a stable id, the test's Python path without
`odoo.addons.`: `crm.tests.test_crm_ui.TestUi.test_01_crm_tour`.
- `FAIL: Class.method` / `ERROR: Class.method` lines (logger: the test's Python
  module) give that test; a failing subtest (`Subtest Class.method (...)`)
  counts as its test method, whatever its parameters (they may hold record ids);
  a failing fixture (`setUpClass (odoo.addons.m.tests.t.Class)`) gives
  `m.tests.t.Class.setUpClass`.
- Any other ERROR or CRITICAL line is a failure too: of the test named by its
  logger (a tour's browser logs as `<module>.<Class>.<method>.browser`), else of
  the test running at that time ("Starting Class.method ..."), else, outside
  any test (e.g. a module that fails to install), `log: <logger>`.
- Odoo's own summary lines about failed tests are not failures of their own.

Browser tours depend on timing, and on a busy machine one fails now and then
on stock Odoo as with the suite. So a failing `post_install` test is run once
more, alone, on the same database (`--retry-tags` names them, `--retry-log`
reads that run): one that passes then is reported as flaky, not as a failure.
`at_install` tests are not run again (that would need a module update).
"""

import argparse
import ast
import collections
import pathlib
import re
import sys

# `<date> <time> <pid> <level> <db> <logger>: <message>`
LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>[A-Z]+) \S+ (?P<logger>[^ :]+): (?P<msg>.*)$"
)
REPORT = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
OUTCOME = re.compile(r"^(?P<flavour>FAIL|ERROR): (?P<desc>.*)$")
SUBTEST = re.compile(r"^Subtest (?P<test>[\w.]+) ")
FIXTURE = re.compile(r"^(?P<fixture>\w+) \((?P<where>[\w.]+)\)$")
STARTING = re.compile(r"^Starting (?P<test>[\w.]+) \.\.\.$")
SKIPPED = re.compile(r"^skipped (?P<test>[\w.]+) : ")
# Odoo's summaries of failures already reported test by test.
SUMMARIES = (
    REPORT,
    re.compile(r"^At least one test failed when loading the modules\.$"),
    re.compile(r"^Module \w+: \d+ failures, \d+ errors of \d+ tests$"),
)
PREFIX = "odoo.addons."


def short(name):
    return name[len(PREFIX) :] if name.startswith(PREFIX) else name


def test_from_logger(logger):
    """The test a logger names (`<module>.<Class>.<method>[.<child>]`), if any."""
    parts = logger.split(".")
    if not logger.startswith(PREFIX) or "tests" not in parts:
        return None
    for index in range(parts.index("tests") + 1, len(parts)):
        if parts[index][:1].isupper():
            if index + 1 < len(parts) and parts[index + 1].startswith("test"):
                return short(".".join(parts[: index + 2]))
            return None
    return None


def reason_of(lines):
    """The exception that ends the last traceback (3 lines), else the first line."""
    text = [line.rstrip() for line in lines if line.strip()]
    tracebacks = [i for i, line in enumerate(text) if line.startswith("Traceback")]
    if tracebacks:
        for index in range(tracebacks[-1] + 1, len(text)):
            if not text[index].startswith(" "):
                text = text[index:]
                break
    return " | ".join(line.strip() for line in text[:3])[:400]


class Run:
    """What one odoo-bin run with --test-enable logged."""

    def __init__(self, path):
        self.report = None  # (failed, errors, total) of Odoo's last report line
        self.started = set()
        self.post_install = set()  # started after "Starting post tests"
        self.skipped = set()
        self.failures = collections.OrderedDict()  # id -> [(kind, reason)]
        self.per_module = collections.Counter()
        current = None
        self._post = False
        record = None  # (level, logger, msg, continuation lines)
        for line in pathlib.Path(path).read_text(errors="replace").splitlines():
            match = LINE.match(line)
            if not match:
                if record:
                    record[3].append(line)
                continue
            if record:
                current = self._record(current, *record)
            record = (match["level"], match["logger"], match["msg"].rstrip(), [])
        if record:
            self._record(current, *record)

    def _record(self, current, level, logger, msg, more):
        """Account for one log record; return the test running after it."""
        report = REPORT.search(msg)
        if report:
            self.report = tuple(int(n) for n in report.groups())
        if logger.startswith("odoo.modules.loading") or msg == "Starting post tests":
            current = None  # between two modules' tests: no test running
        if msg == "Starting post tests":
            self._post = True
        if level == "INFO":
            starting = STARTING.match(msg)
            if starting and logger.startswith(PREFIX):
                current = short(f"{logger}.{starting['test']}")
                self.started.add(current)
                if self._post:
                    self.post_install.add(current)
                self.per_module[short(logger).split(".")[0]] += 1
            skipped = SKIPPED.match(msg)
            if skipped and logger.startswith(PREFIX):
                self.skipped.add(short(f"{logger}.{skipped['test']}"))
            return current
        if level not in ("ERROR", "CRITICAL") or any(s.search(msg) for s in SUMMARIES):
            return current
        outcome = OUTCOME.match(msg)
        if outcome:
            desc = outcome["desc"]
            subtest = SUBTEST.match(desc)
            fixture = FIXTURE.match(desc)
            if subtest:
                test = short(f"{logger}.{subtest['test']}")
            elif fixture:
                test = short(f"{fixture['where']}.{fixture['fixture']}")
            else:
                test = short(f"{logger}.{desc.strip()}")
            kind = outcome["flavour"]
        else:
            test = test_from_logger(logger) or current or f"log: {logger}"
            kind = f"{level} log line ({short(logger)})"
        self.failures.setdefault(test, []).append((kind, reason_of([msg, *more])))
        return current

    def counts(self):
        """(passed, failed, skipped), failed being the failing ids."""
        total = self.report[2] if self.report else len(self.started)
        failed_tests = {test for test in self.failures if test in self.started}
        skipped = len(self.skipped)
        return max(total - skipped - len(failed_tests), 0), len(self.failures), skipped

    def retry_tags(self, known=()):
        """Test tags running again the failed post_install tests not known."""
        tags = []
        for test in self.failures:
            if test in known or test not in self.post_install:
                continue
            parts = test.split(".")
            tags.append(f"/{parts[0]}:{parts[-2]}.{parts[-1]}")
        return ",".join(tags)

    def forgive(self, retry):
        """Drop the failures that passed when run again; return them."""
        flaky = [
            test
            for test in self.failures
            if test in retry.started and test not in retry.failures
        ]
        for test in flaky:
            del self.failures[test]
        return flaky

    def describe(self, test):
        kinds = self.failures[test]
        kind, reason = kinds[0]
        more = f" (+{len(kinds) - 1} more)" if len(kinds) > 1 else ""
        return f"  {test}\n      {kind}{more}: {reason}"


def read_known(path):
    known = []
    for line in pathlib.Path(path).read_text().splitlines():
        test = line.split("#", 1)[0].strip()
        if test:
            known.append(test)
    return known


def odoo_depends(addons_dir):
    """The Odoo modules the suite's manifests depend on, comma-separated."""
    manifests = sorted(pathlib.Path(addons_dir).glob("*/__manifest__.py"))
    suite = {manifest.parent.name for manifest in manifests}
    depends = []
    for manifest in manifests:
        for module in ast.literal_eval(manifest.read_text()).get("depends", []):
            if module not in suite and module not in depends:
                depends.append(module)
    return ",".join(depends)


def check_ran(run, log, odoo_rc, flaky=()):
    """Problems that make the run meaningless."""
    problems = []
    if odoo_rc and not run.failures and not flaky:
        problems.append(
            f"odoo-bin exited with {odoo_rc} but no failure was found in {log}"
        )
    if not run.report:
        problems.append(f"Odoo printed no test report (crashed?), see {log}")
    if not run.started:
        problems.append("no test was run")
    return problems


def print_flaky(flaky):
    if flaky:
        print("Flaky: failed, then passed when run again alone:")
        for test in flaky:
            print(f"  {test}")


def write_known(run, log, odoo_rc, path, measured, command, flaky=()):
    """BASELINE=1: write the failures of stock Odoo to commit."""
    lines = [
        "# Failures of stock Odoo with the command of `make test-odoo`: the failures",
        "# that `make test-odoo` tolerates. Measured, not guessed: regenerate with",
        "# `BASELINE=1 make test-odoo` (scripts/test_odoo.sh), then review and commit.",
        f"# Measured on {measured}.",
        f"# Command: {command}",
        "# Result: {} passed, {} failed, {} skipped.".format(*run.counts()),
        "# One test id a line (see tests/odoo_tests_report.py), then its first reason.",
    ]
    for test in run.failures:
        kind, reason = run.failures[test][0]
        lines.append(f"{test}  # {kind}: {reason[:200]}")
    pathlib.Path(path).write_text("\n".join(lines) + "\n")
    passed, failed, skipped = run.counts()
    print_flaky(flaky)
    print("Failures of stock Odoo:" if run.failures else "No failure on stock Odoo.")
    for test in run.failures:
        print(run.describe(test))
    print(f"Written to {path}: review and commit it.")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    problems = check_ran(run, log, odoo_rc, flaky)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def compare(run, log, odoo_rc, known_path, flaky=()):
    """The suite run: fail on any failure stock Odoo does not have."""
    known = read_known(known_path)
    unexpected = [test for test in run.failures if test not in known]
    fixed = [test for test in known if test not in run.failures]
    passed, failed, skipped = run.counts()
    print(
        "Tests run per module: "
        + ", ".join(f"{m} {n}" for m, n in sorted(run.per_module.items()))
    )
    print_flaky(flaky)
    if fixed:
        print(f"Known failures of stock Odoo that passed here ({known_path}):")
        for test in fixed:
            print(f"  {test}")
    if unexpected:
        print(f"Unexpected failures (not in {known_path}), details in {log}:")
        for test in unexpected:
            print(run.describe(test))
    known_failed = failed - len(unexpected)
    print(
        f"{passed} passed, {failed} failed ({known_failed} known from stock), "
        f"{skipped} skipped"
    )
    problems = check_ran(run, log, odoo_rc, flaky)
    for problem in problems:
        print(problem)
    return 1 if problems or unexpected else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--odoo-depends",
        metavar="ADDONS_DIR",
        help="print the suite's Odoo dependencies",
    )
    parser.add_argument("--log", help="the odoo-bin log to read")
    parser.add_argument("--odoo-rc", type=int, default=0, help="odoo-bin's exit code")
    parser.add_argument("--known", help="compare with this list of known failures")
    parser.add_argument(
        "--write-known", metavar="PATH", help="write the failures to this list"
    )
    parser.add_argument("--measured", default="?", help="with --write-known: on what")
    parser.add_argument(
        "--command", default="?", help="with --write-known: the command"
    )
    parser.add_argument(
        "--retry-tags",
        action="store_true",
        help="print the test tags of the failed post_install tests to run again",
    )
    parser.add_argument("--retry-log", help="the log of those tests run again")
    args = parser.parse_args()
    if args.odoo_depends:
        print(odoo_depends(args.odoo_depends))
        return 0
    if not args.log or not (args.known or args.write_known):
        parser.error("--log with --known or --write-known")
    run = Run(args.log)
    if args.retry_tags:
        print(run.retry_tags(read_known(args.known) if args.known else ()))
        return 0
    flaky = run.forgive(Run(args.retry_log)) if args.retry_log else []
    if args.write_known:
        return write_known(
            run,
            args.log,
            args.odoo_rc,
            args.write_known,
            args.measured,
            args.command,
            flaky,
        )
    return compare(run, args.log, args.odoo_rc, args.known, flaky)


if __name__ == "__main__":
    sys.exit(main())
