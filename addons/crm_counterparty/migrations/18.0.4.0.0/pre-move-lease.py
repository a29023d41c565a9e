"""18.0.4.0.0: leases move to crm_counterparty_lease.

The lease model, the rent invoices' link to their lease and period, the
views, action, menu, sequence, rent product, billing job, access rows,
company rule, the lease kind of the dossier and the demo leases change
module without losing their records; the addon is installed in the same
update, as it installs itself (auto_install) with the register and
Invoicing on a new database.
"""

from odoo.addons.crm_counterparty.tools.migration import install_with, move_records

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
    "product_rent_product_template",
    "ir_cron_lease_rent_invoices",
    "ir_cron_lease_rent_invoices_ir_actions_server",
    "access_crm_lease_user",
    "access_crm_lease_manager",
    "crm_lease_rule_company",
    "document_kind_lease",
    "lease_demo_warehouse",
    "lease_demo_storage_hall",
    "lease_demo_forklift",
)
MOVED_FIELDS = ("crm_lease_id", "crm_lease_period_start")


def migrate(cr, version):
    if version:
        move_records(
            cr, OLD, NEW, ("crm.lease",), {"account.move": MOVED_FIELDS}, MOVED_XMLIDS
        )
        install_with(cr, NEW, "account")
