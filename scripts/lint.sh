#!/usr/bin/env bash
# `make lint`: ruff (lint and format) and pylint-odoo's mandatory checks over addons/,
# and README.rst files current with their readme/ fragments.
set -euo pipefail
source "$(dirname "$0")/env.sh"
if [ ! -x "$VENV/bin/ruff" ] || [ ! -x "$VENV/bin/pylint" ]; then
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet -r "$ROOT/requirements-dev.txt"
fi
cd "$ROOT"
dirs=$(for d in addons bench load tests scripts; do if [ -d "$d" ]; then echo "$d"; fi; done)
"$VENV/bin/ruff" check $dirs
"$VENV/bin/ruff" format --check $dirs
"$VENV/bin/pylint" --rcfile=.pylintrc-mandatory addons/*/
# Each addon's README.rst is generated from its readme/ fragments.
"$VENV/bin/python" scripts/readme.py --check
echo "lint: ok"
