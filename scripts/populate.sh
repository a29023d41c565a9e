#!/usr/bin/env bash
# `make populate SIZE=small|medium|large`: a benchmark database crm_bench_<size>
# made with Odoo's own populate framework (`odoo-bin populate`): every addon is
# installed with its demo data, then partners (with their kinds, contacts and
# bank accounts), personal documents, contracts, leases and sale orders are
# duplicated. Deterministic: the same size always gives the same data.
#   small  x10   (about 1,200 partners)
#   medium x200  (about 25,000 partners)
#   large  x1600 (about 200,000 partners)
# Then: BENCH_DB=crm_bench_<size> BENCH_USE_EXISTING=1 make bench
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh"

size=${SIZE:-small}
case "$size" in
    small) factor=10 ;;
    medium) factor=200 ;;
    large) factor=1600 ;;
    *) echo "SIZE must be small, medium or large"; exit 1 ;;
esac
db=crm_bench_$size
data_dir="$ROOT/.odoo-data"
addons=$(project_addons)
dropdb --if-exists "$db"
echo "Installing $addons with demo data in $db"
odoo_bin -d "$db" --data-dir="$data_dir" -i "$addons" --stop-after-init --log-level=warn
echo "Populating $db (x$factor)"
odoo_bin populate -d "$db" --data-dir="$data_dir" --log-level=warn \
    --models=res.partner,crm.personal.document,crm.contract,crm.lease,sale.order \
    --factors="$factor"
psql -d "$db" -Atc "SELECT 'partners: ' || count(*) FROM res_partner;
                    SELECT 'partners with a kind: ' || count(DISTINCT partner_id) FROM res_partner_counterparty_kind_rel;
                    SELECT 'sale orders: ' || count(*) FROM sale_order"
