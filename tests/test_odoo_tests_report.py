"""The report of `make test-odoo` (odoo_tests_report.py) on logs shaped as
odoo-bin writes them: a tour that fails, then passes when run again alone, is
flaky and does not fail the command; one that fails twice does; an
`at_install` test is never run again."""

import odoo_tests_report as report

HEAD = "2026-12-02 10:00:00,000 4242"
TOURS = "odoo.addons.stock.tests.test_picking_tours"
UNIT = "odoo.addons.stock.tests.test_move"


def _log(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(f"{HEAD} {line}" for line in lines) + "\n")
    return str(path)


def _first_run(tmp_path):
    return _log(
        tmp_path,
        "run.log",
        [
            f"INFO db {UNIT}: Starting StockMove.test_in ...",
            f"ERROR db {UNIT}: FAIL: StockMove.test_in",
            "INFO db odoo.service.server: Starting post tests",
            f"INFO db {TOURS}: Starting TourCase.test_apply_all ...",
            f"ERROR db {TOURS}.TourCase.test_apply_all.browser: tour step failed",
            f"INFO db {TOURS}: Starting TourCase.test_add_line ...",
            f"ERROR db {TOURS}: FAIL: TourCase.test_add_line",
            f"INFO db {TOURS}: Starting TourCase.test_other ...",
            "ERROR db odoo.tests.result: 0 failed, 3 error(s) of 4 tests "
            "when loading database 'db'",
        ],
    )


def _retry_run(tmp_path):
    return _log(
        tmp_path,
        "run.log.retry",
        [
            "INFO db odoo.service.server: Starting post tests",
            f"INFO db {TOURS}: Starting TourCase.test_apply_all ...",
            f"INFO db {TOURS}: Starting TourCase.test_add_line ...",
            f"ERROR db {TOURS}: FAIL: TourCase.test_add_line",
        ],
    )


def test_only_failed_post_install_tests_not_known_run_again(tmp_path):
    run = report.Run(_first_run(tmp_path))
    assert run.retry_tags() == (
        "/stock:TourCase.test_apply_all,/stock:TourCase.test_add_line"
    )
    known = ["stock.tests.test_picking_tours.TourCase.test_add_line"]
    assert run.retry_tags(known) == "/stock:TourCase.test_apply_all"


def test_a_tour_passing_when_run_again_is_flaky_not_failed(tmp_path, capsys):
    run = report.Run(_first_run(tmp_path))
    flaky = run.forgive(report.Run(_retry_run(tmp_path)))
    assert flaky == ["stock.tests.test_picking_tours.TourCase.test_apply_all"]
    assert list(run.failures) == [
        "stock.tests.test_move.StockMove.test_in",
        "stock.tests.test_picking_tours.TourCase.test_add_line",
    ]
    assert run.counts() == (2, 2, 0)
    known = tmp_path / "known.txt"
    known.write_text(
        "stock.tests.test_move.StockMove.test_in  # FAIL\n"
        "stock.tests.test_picking_tours.TourCase.test_add_line  # FAIL\n"
    )
    assert report.compare(run, "run.log", 1, str(known), flaky) == 0
    out = capsys.readouterr().out
    assert "Flaky: failed, then passed when run again alone:" in out
    assert "2 passed, 2 failed (2 known from stock), 0 skipped" in out


def test_a_tour_failing_again_still_fails_the_command(tmp_path):
    run = report.Run(_first_run(tmp_path))
    flaky = run.forgive(report.Run(_retry_run(tmp_path)))
    known = tmp_path / "known.txt"
    known.write_text("stock.tests.test_move.StockMove.test_in  # FAIL\n")
    assert report.compare(run, "run.log", 1, str(known), flaky) == 1
