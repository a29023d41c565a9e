"""18.0.4.0.0: leases move to crm_counterparty_lease.

The lease model, the rent invoices' link to their lease and period, the
views, action, menu, sequence, rent product, billing job, access rows,
company rule, the lease kind of the dossier and the demo leases change
module without losing their records; the addon is installed in the same
update, as it installs itself (auto_install) with the register and
Invoicing on a new database.
"""

import importlib.util
from pathlib import Path

from openupgradelib import openupgrade

OLD, NEW = "crm_counterparty", "crm_counterparty_lease"
MOVED_XMLIDS = (
    "crm_lease_view_list",
    "crm_lease_view_form",
    "crm_lease_view_kanban",
    "crm_lease_view_search",
    "crm_lease_action",
    "crm_lease_menu",
    "seq_crm_lease",
    "product_rent",
    "ir_cron_lease_rent_invoices",
    "access_crm_lease_user",
    "access_crm_lease_manager",
    "crm_lease_rule_company",
    "document_kind_lease",
    "lease_demo_warehouse",
    "lease_demo_storage_hall",
    "lease_demo_forklift",
)
MOVED_FIELDS = ("crm_lease_id", "crm_lease_period_start")


def _loyalty_script():
    path = Path(__file__).with_name("pre-move-loyalty.py")
    spec = importlib.util.spec_from_file_location("pre_move_loyalty", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def move_to_addon(cr):
    openupgrade.update_module_moved_models(cr, "crm.lease", OLD, NEW)
    openupgrade.update_module_moved_fields(cr, "account.move", MOVED_FIELDS, OLD, NEW)
    openupgrade.rename_xmlids(
        cr, [(f"{OLD}.{name}", f"{NEW}.{name}") for name in MOVED_XMLIDS]
    )
    _loyalty_script().install_bridge(cr, NEW, "account")


def migrate(cr, version):
    if version:
        move_to_addon(cr)
