#!/usr/bin/env bash
# Idempotent set-up shared by `make demo` and `make test`: Odoo 18 sources,
# the virtualenv, PostgreSQL, Chromium (browser tours) and wkhtmltopdf (PDF).
set -euo pipefail
source "$(dirname "$0")/env.sh"

say() { printf '[setup] %s\n' "$*"; }

apt_install() {
    command -v apt-get >/dev/null || { say "apt-get not found; please install: $*"; return 1; }
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
        || { as_root apt-get update -qq >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
}

# 1. Odoo 18 sources.
if [ ! -f "$ODOO_SRC/odoo-bin" ]; then
    say "Odoo 18 not found in $ODOO_SRC; cloning $ODOO_REPO ($ODOO_BRANCH)"
    mkdir -p "$(dirname "$ODOO_SRC")"
    git clone --quiet --depth 1 --branch "$ODOO_BRANCH" "$ODOO_REPO" "$ODOO_SRC" || {
        say "Could not fetch Odoo 18. Put an Odoo 18.0 source tree in \$ODOO_SRC ($ODOO_SRC)."
        exit 1
    }
fi
grep -q "18, 0" "$ODOO_SRC/odoo/release.py" || { say "$ODOO_SRC is not Odoo 18.0"; exit 1; }

# 2. Python virtualenv, rebuilt only when the requirements change.
stamp="$VENV/.requirements.sha"
want=$(cat "$ROOT/requirements.txt" "$ROOT/requirements-dev.txt" | sha1sum | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "Installing Python requirements into $VENV"
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip wheel >/dev/null
    "$VENV/bin/pip" install --quiet -r "$ROOT/requirements-dev.txt"
    echo "$want" > "$stamp"
fi

# 3. PostgreSQL: installed, running, and a superuser role for this user.
if ! command -v pg_lsclusters >/dev/null && ! command -v pg_ctl >/dev/null; then
    say "Installing PostgreSQL"
    apt_install postgresql
fi
if ! psql -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
    if command -v pg_lsclusters >/dev/null; then
        pg_lsclusters -h | while read -r ver name _port status _rest; do
            [ "$status" = online ] || as_root pg_ctlcluster "$ver" "$name" start || true
        done
    fi
    for _ in $(seq 1 30); do
        as_root su postgres -c "psql -Atqc 'SELECT 1'" >/dev/null 2>&1 && break
        sleep 1
    done
    user=$(id -un)
    as_root su postgres -c "psql -Atqc \"SELECT 1 FROM pg_roles WHERE rolname='$user'\"" | grep -q 1 \
        || as_root su postgres -c "createuser --superuser '$user'"
fi
psql -d postgres -Atqc 'SELECT 1' >/dev/null || { say "PostgreSQL is not reachable"; exit 1; }

# 4. Chromium for Odoo's browser tours, wkhtmltopdf for PDF reports.
if ! command -v chromium >/dev/null && ! command -v google-chrome >/dev/null \
        && ! command -v chromium-browser >/dev/null; then
    say "Installing Chromium"
    apt_install chromium || say "Chromium could not be installed: browser tours will fail"
fi
if ! command -v wkhtmltopdf >/dev/null; then
    say "Installing wkhtmltopdf"
    apt_install wkhtmltopdf || say "wkhtmltopdf could not be installed: PDF reports fall back to HTML"
fi
say "ready: Odoo in $ODOO_SRC, addons $(project_addons)"
