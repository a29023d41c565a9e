"""18.0.4.0.0: contracts move to crm_counterparty_contract.

The contract model and the mixin of orders made under a contract, the
orders' contract fields, the views (the orders' too), action, menu,
sequence, renewal job, access rows, company rule, the contract kind of the
dossier and the demo contracts change module without losing their records;
the addon is installed in the same update, as it installs itself
(auto_install) with the register, Sales and Purchase on a new database.
"""

from odoo.addons.crm_counterparty.tools.migration import install_with, move_records

OLD, NEW = "crm_counterparty", "crm_counterparty_contract"
MOVED_MODELS = ("crm.contract", "crm.contract.order.mixin")
MOVED_FIELDS = {
    "sale.order": ("crm_contract_id", "crm_commercial_partner_id"),
    "purchase.order": ("crm_contract_id", "crm_commercial_partner_id"),
}
MOVED_XMLIDS = (
    "crm_contract_view_list",
    "crm_contract_view_form",
    "crm_contract_view_kanban",
    "crm_contract_view_calendar",
    "crm_contract_view_search",
    "crm_contract_action",
    "crm_contract_menu",
    "crm_contract_sequence",
    "ir_cron_crm_contract_update_states",
    "ir_cron_crm_contract_update_states_ir_actions_server",
    "access_crm_contract_user",
    "access_crm_contract_manager",
    "crm_contract_rule_company",
    "document_kind_contract",
    "view_order_form",
    "purchase_order_form",
    "contract_customer_1_supply",
    "contract_customer_2_distribution",
    "contract_customer_3_logistics",
    "contract_customer_4_pilot",
    "contract_supplier_1_packaging",
    "contract_supplier_2_maintenance",
    "contract_supplier_3_transport",
)


def migrate(cr, version):
    if version:
        move_records(cr, OLD, NEW, MOVED_MODELS, MOVED_FIELDS, MOVED_XMLIDS)
        install_with(cr, NEW, "purchase")
