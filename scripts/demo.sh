#!/usr/bin/env bash
# `make demo`: create or update the database $DB (default crm_demo) with every
# addon of the project and its demo data, Bulgarian loaded (the demo user
# ivana works in it), then serve it on http://localhost:$PORT.
# English comes first in --load-language: Odoo makes the first language the
# database's default one, the admin's included.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh"

addons=$(project_addons)
data_dir="$ROOT/.odoo-data"
if psql -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    # Install the addons the database does not have yet, update the others
    # (their demo data, confirmed orders included, is loaded once only).
    installed=$(psql -d "$DB" -Atqc "SELECT name FROM ir_module_module WHERE state = 'installed'")
    missing=$(tr "," "\n" <<<"$addons" | { grep -vxF "$installed" || true; } | paste -sd, -)
    echo "Updating database $DB ($addons${missing:+; installing $missing})"
    odoo_bin --database="$DB" --data-dir="$data_dir" --update="$addons" \
        ${missing:+--init="$missing"} --load-language=en_US,bg_BG --stop-after-init --log-level=warn
else
    echo "Creating database $DB with demo data ($addons)"
    odoo_bin --database="$DB" --data-dir="$data_dir" --init="$addons" \
        --load-language=en_US,bg_BG --stop-after-init --log-level=warn
fi
odoo_bin shell --database="$DB" --data-dir="$data_dir" --no-http --log-level=warn \
    < "$ROOT/scripts/demo_home.py"
echo
echo "Counterparty CRM demo: http://localhost:$PORT  (login admin / password admin;"
echo "in Bulgarian: login ivana / password ivana)"
echo
exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" --addons-path="$ADDONS_PATH" \
    --database="$DB" --db-filter="^$DB\$" --data-dir="$data_dir" --http-port="$PORT"
