# Counterparty CRM: the two quick-start commands and the lint.
.PHONY: demo test test-core test-odoo lint setup bench upgrade-check load-test populate screenshots

demo:  ## create or update the crm_demo database with demo data and serve it
	@bash scripts/demo.sh

test:  ## install the addons in a throwaway database, run their tests and the suite-level checks of tests/
	@bash scripts/test.sh

test-core:  ## the register alone: crm_counterparty and its own dependencies, its tests
	@ADDONS=crm_counterparty bash scripts/test.sh

test-odoo:  ## Odoo's own tests of the Odoo modules the suite extends, with the suite installed
	@bash scripts/test_odoo.sh

lint:  ## ruff, pylint-odoo's mandatory checks, README.rst current with readme/
	@bash scripts/lint.sh

setup:  ## only the set-up: Odoo sources, virtualenv, PostgreSQL, Chromium
	@bash scripts/setup.sh

bench:  ## benchmarks against stock Odoo (not part of make test)
	@bash scripts/bench.sh

upgrade-check:  ## install with demo, update all (data unchanged), uninstall all (Odoo's data intact)
	@bash scripts/upgrade_check.sh

load-test:  ## 20 JSON-RPC clients for 60 s on Odoo with --workers=2 (127.0.0.1 only)
	@bash scripts/load_test.sh

populate:  ## benchmark data with odoo-bin populate: SIZE=small|medium|large
	@bash scripts/populate.sh

screenshots:  ## PNGs of the served demo (`make demo` running) in doc/screenshots/ (not part of make test)
	@bash -c 'source scripts/env.sh && "$$VENV/bin/python" scripts/screenshots.py'
