#!/usr/bin/env bash
# `make upgrade-check`: install every addon with demo data, update them all
# (-u) and check that the data is unchanged, then uninstall them one by one in
# reverse dependency order and check that Odoo's own partners, orders and
# invoices are intact. Uses a throwaway database, dropped at the end.
# UPGRADE_FROM=<git revision> installs the addons as they were at that
# revision instead, so that the update runs the migrations since then.
# UPGRADE_DB=<db> UPGRADE_INSTALLED=1 skips the installation: <db> has every
# addon installed already (`make test` checks its own database so, at the
# end); it is dropped at the end all the same.
set -uo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh" || exit 1

db=${UPGRADE_DB:-crm_upgrade_$$}
data_dir="$ROOT/.odoo-data"
addons=$(project_addons)
log="$data_dir/upgrade-$db.log"
mkdir -p "$data_dir"
old_src=""
trap 'dropdb --if-exists "$db" >/dev/null 2>&1; rm -rf "$data_dir/filestore/$db" ${old_src:+"$old_src"}' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

# Key fields of the suite's and Odoo's records, one checksum per table. Phone
# numbers are compared by their digits: 18.0.3.0.0 of crm_counterparty writes
# counterparties' E.164 numbers in Odoo's formatting, the same numbers.
# Customer and supplier are Odoo's ranks since 18.0.4.0.0: the customer and
# supplier kind rows are left out (they are checked against the ranks after
# the update), and so are the ranks of banks and agencies, which 18.0.4.0.0
# sets back to 0 where their bills raised them without making them suppliers.
checksums() {
    psql -d "$db" -Atq <<'SQL'
CREATE TEMP VIEW rank_exempt AS
    SELECT r.partner_id FROM res_partner_counterparty_kind_rel r
      JOIN crm_counterparty_kind k ON k.id = r.kind_id
     WHERE k.code IN ('bank', 'government_agency');
SELECT 'res_partner', md5(string_agg(concat_ws('|', id, name, vat, company_registry, eori, regexp_replace(phone, '[^+0-9]', '', 'g'), regexp_replace(mobile, '[^+0-9]', '', 'g'), email, CASE WHEN id IN (SELECT partner_id FROM rank_exempt) THEN NULL ELSE concat_ws('|', customer_rank, supplier_rank) END, active), ',' ORDER BY id)) FROM res_partner;
SELECT 'partner_kinds', md5(string_agg(concat_ws('|', partner_id, kind_id), ',' ORDER BY partner_id, kind_id)) FROM res_partner_counterparty_kind_rel
 WHERE kind_id NOT IN (SELECT id FROM crm_counterparty_kind WHERE code IN ('customer', 'supplier'));
SELECT 'res_partner_bank', md5(string_agg(concat_ws('|', id, acc_number, partner_id, bank_id), ',' ORDER BY id)) FROM res_partner_bank;
SELECT 'sale_order', md5(string_agg(concat_ws('|', id, name, state, partner_id, amount_total), ',' ORDER BY id)) FROM sale_order;
SELECT 'purchase_order', md5(string_agg(concat_ws('|', id, name, state, partner_id, amount_total), ',' ORDER BY id)) FROM purchase_order;
SELECT 'account_move', md5(string_agg(concat_ws('|', id, name, state, partner_id, amount_total, amount_residual), ',' ORDER BY id)) FROM account_move;
SELECT 'crm_personal_document', md5(string_agg(concat_ws('|', id, partner_id, number, issue_date, expiry_date), ',' ORDER BY id)) FROM crm_personal_document;
SELECT 'crm_contract', md5(string_agg(concat_ws('|', id, name, partner_id, state, amount, date_start, date_end), ',' ORDER BY id)) FROM crm_contract;
SELECT 'crm_lease', md5(string_agg(concat_ws('|', id, name, partner_id, state, rent, date_start), ',' ORDER BY id)) FROM crm_lease;
SELECT 'crm_supply_discount', md5(string_agg(concat_ws('|', id, partner_id, product_categ_id, discount, date_start, date_end), ',' ORDER BY id)) FROM crm_supply_discount;
SELECT 'crm_counterparty_profile', md5(string_agg(concat_ws('|', id, partner_id, kind_id, properties::text), ',' ORDER BY id)) FROM crm_counterparty_profile;
SELECT 'loyalty_card', md5(string_agg(concat_ws('|', id, code, partner_id, program_id, points), ',' ORDER BY id)) FROM loyalty_card;
SELECT 'suite_attachments', count(*) || ' ' || md5(string_agg(concat_ws('|', id, name, res_model, res_id, checksum), ',' ORDER BY id)) FROM ir_attachment WHERE res_model LIKE 'crm.%' OR res_model = 'res.partner';
SELECT 'suite_messages', count(*) || ' ' || md5(string_agg(concat_ws('|', id, model, res_id, md5(body::text)), ',' ORDER BY id)) FROM mail_message WHERE model LIKE 'crm.%' OR model = 'res.partner';
SQL
}
# Odoo's own records: those no addon of the suite created.
own_counts() {
    psql -d "$db" -Atq -c "
        SELECT t.model, count(*) FROM (
            SELECT 'res.partner' AS model, id FROM res_partner
            UNION ALL SELECT 'sale.order', id FROM sale_order
            UNION ALL SELECT 'purchase.order', id FROM purchase_order
            UNION ALL SELECT 'account.move', id FROM account_move
        ) t
        WHERE NOT EXISTS (
            SELECT 1 FROM ir_model_data d
             WHERE d.model = t.model AND d.res_id = t.id
               AND d.module IN ($(echo "$addons" | sed "s/\([^,]*\)/'\1'/g"))
        )
        GROUP BY t.model ORDER BY t.model"
}

install_path=$ADDONS_PATH
old_addons=$addons
if [ -n "${UPGRADE_FROM:-}" ]; then
    old_src=$(mktemp -d)
    git -C "$ROOT" archive "$UPGRADE_FROM" addons | tar -x -C "$old_src" || { echo "no revision $UPGRADE_FROM"; exit 1; }
    install_path="$ODOO_SRC/addons,$old_src/addons"
    # The addons of that revision; the update must install the newer ones
    # (bridges) by itself, as it does for a user who updates.
    old_addons=$(find "$old_src/addons" -mindepth 2 -maxdepth 2 -name __manifest__.py \
        | xargs -n1 dirname | xargs -n1 basename | sort | paste -sd, -)
    echo "Installing the addons as of $UPGRADE_FROM: $old_addons"
fi
if [ "${UPGRADE_INSTALLED:-0}" = 1 ]; then
    [ -z "${UPGRADE_FROM:-}" ] || { echo "UPGRADE_INSTALLED=1 cannot install as of UPGRADE_FROM"; exit 1; }
    echo "Checking $db, installed already (log: $log)"
    : > "$log"
else
    echo "Installing $old_addons with demo data in $db (log: $log)"
    odoo_bin -d "$db" --data-dir="$data_dir" --addons-path="$install_path" -i "$old_addons" \
        --stop-after-init --log-level=warn > "$log" 2>&1 || { fail "installation (see $log)"; exit 1; }
fi
versions() {
    psql -d "$db" -Atqc "SELECT name || ' ' || latest_version FROM ir_module_module
                         WHERE name IN ($(echo "$addons" | sed "s/\([^,]*\)/'\1'/g")) ORDER BY name" | tr '\n' ' '
}
echo "installed: $(versions)"
before=$(checksums); own_before=$(own_counts)
echo "Updating $old_addons"
odoo_bin -d "$db" --data-dir="$data_dir" -u "$old_addons" --stop-after-init --log-level=warn >> "$log" 2>&1 \
    || { fail "update (see $log)"; exit 1; }
after=$(checksums)
echo "updated: $(versions)"
# Every addon of the suite is installed now, the bridges added since too,
# except a bridge to an Odoo app the database does not have (e.g. Inventory).
for module in ${addons//,/ }; do
    state=$(psql -d "$db" -Atqc "SELECT state FROM ir_module_module WHERE name = '$module'")
    [ "$state" = "installed" ] && continue
    missing=$(psql -d "$db" -Atqc "
        SELECT string_agg(d.name, ',') FROM ir_module_module m
          JOIN ir_module_module_dependency d ON d.module_id = m.id
          LEFT JOIN ir_module_module dep ON dep.name = d.name
         WHERE m.name = '$module' AND COALESCE(dep.state, '') != 'installed'")
    if [ -n "$missing" ] && [ "${old_addons/$module/}" = "$old_addons" ]; then
        echo "$module (new) not installed: it joins $missing, not installed here"
    else
        fail "$module is ${state:-unknown} after the update"
    fi
done
# Stored kind flags (18.0.2.0.0 of crm_counterparty) agree with the kinds.
for flag in is_customer_counterparty:customer is_supplier_counterparty:supplier \
        is_bank_counterparty:bank is_agency_counterparty:government_agency \
        is_holding_counterparty:holding_member; do
    wrong_flags=$(psql -d "$db" -Atqc "
        SELECT count(*) FROM res_partner p
         WHERE p.${flag%%:*} IS DISTINCT FROM EXISTS (
               SELECT 1 FROM res_partner_counterparty_kind_rel r
                 JOIN crm_counterparty_kind k ON k.id = r.kind_id
                WHERE r.partner_id = p.id AND k.code = '${flag#*:}')")
    [ "$wrong_flags" = 0 ] || fail "$wrong_flags partners whose ${flag%%:*} disagrees with their kinds"
done
# Customer and supplier kinds (18.0.4.0.0 of crm_counterparty) agree with the
# ranks of the partner's commercial partner.
for rank in customer_rank:customer supplier_rank:supplier; do
    wrong_kinds=$(psql -d "$db" -Atqc "
        SELECT count(*) FROM res_partner p
          JOIN res_partner c ON c.id = p.commercial_partner_id
         WHERE (c.${rank%%:*} > 0) IS DISTINCT FROM EXISTS (
               SELECT 1 FROM res_partner_counterparty_kind_rel r
                 JOIN crm_counterparty_kind k ON k.id = r.kind_id
                WHERE r.partner_id = p.id AND k.code = '${rank#*:}')")
    [ "$wrong_kinds" = 0 ] || fail "$wrong_kinds partners whose ${rank#*:} kind disagrees with the ${rank%%:*}"
done
if [ "$before" = "$after" ]; then
    echo "update: data unchanged ($(echo "$after" | wc -l) tables checked)"
else
    fail "update changed data:"; diff <(echo "$before") <(echo "$after")
fi

# Uninstall the installed addons of the suite, dependants first.
order=$(psql -d "$db" -Atq -c "
    WITH RECURSIVE deps(name, depth) AS (
        SELECT m.name, 0 FROM ir_module_module m
         WHERE m.state = 'installed' AND m.name IN ($(echo "$addons" | sed "s/\([^,]*\)/'\1'/g"))
        UNION ALL
        SELECT d.name, deps.depth + 1 FROM deps
          JOIN ir_module_module m ON m.name = deps.name
          JOIN ir_module_module_dependency md ON md.module_id = m.id
          JOIN ir_module_module d ON d.name = md.name
         WHERE d.state = 'installed' AND d.name IN ($(echo "$addons" | sed "s/\([^,]*\)/'\1'/g"))
    )
    SELECT name FROM deps GROUP BY name ORDER BY max(depth), name")
for module in $order; do
    echo "Uninstalling $module"
    echo "env['ir.module.module'].search([('name', '=', '$module')]).button_immediate_uninstall(); env.cr.commit()" \
        | odoo_bin shell -d "$db" --data-dir="$data_dir" --no-http --log-level=warn >> "$log" 2>&1 \
        || fail "uninstall of $module"
    state=$(psql -d "$db" -Atqc "SELECT state FROM ir_module_module WHERE name = '$module'")
    [ "$state" = "uninstalled" ] || fail "$module is $state after its uninstallation"
done
own_after=$(own_counts)
if [ "$own_before" = "$own_after" ]; then
    echo "uninstall: Odoo's own partners, orders and invoices intact:" $own_after
else
    fail "uninstall lost Odoo's own records:"; diff <(echo "$own_before") <(echo "$own_after")
fi
# Uninstalling tries to delete each record the module created and keeps those
# still referenced (e.g. demo partners of posted invoices): PostgreSQL refuses
# the DELETE and odoo.sql_db logs it as a "bad query". Those are expected;
# anything else logged as an error is not.
refused=$(grep -cE 'odoo.sql_db: bad query: .*(DELETE FROM|SELECT )' "$log")
[ "$refused" -eq 0 ] || echo "uninstall: $refused deletions of still referenced records refused, as Odoo does"
if grep -E ' (ERROR|CRITICAL) ' "$log" | grep -vqE 'odoo.sql_db: bad query: .*(DELETE FROM|SELECT )'; then
    fail "errors in $log:"
    grep -E ' (ERROR|CRITICAL) ' "$log" | grep -vE 'odoo.sql_db: bad query: .*(DELETE FROM|SELECT )' | head -20
fi
[ $status -eq 0 ] && echo "upgrade-check: ok"
exit $status
