"""18.0.5.0.0: purchases, supplier articles and supply discounts move to the
bridge crm_counterparty_purchase.

The register no longer depends on Purchase. The supply discount model with
its records, the partner's list of them, its views, action, menu, access
rows and record rule, the three document kinds and the demo records change
module without losing their records; the bridge is installed in the same
update, as it would install itself (auto_install) on a new database with
Purchase.
"""

from odoo.addons.crm_counterparty.tools.migration import install_with, move_records

OLD, NEW = "crm_counterparty", "crm_counterparty_purchase"
MOVED_MODELS = ("crm.supply.discount",)
MOVED_FIELDS = {"res.partner": ["supply_discount_ids"]}
MOVED_XMLIDS = (
    "access_crm_supply_discount_user",
    "access_crm_supply_discount_manager",
    "crm_supply_discount_rule_company",
    "crm_supply_discount_view_list",
    "crm_supply_discount_view_form",
    "crm_supply_discount_view_kanban",
    "crm_supply_discount_view_search",
    "crm_supply_discount_action",
    "crm_supply_discount_menu",
    "document_kind_purchase",
    "document_kind_supply_discount",
    "document_kind_supplier_article",
    "supply_discount_supplier_1_general",
    "supply_discount_supplier_1_furniture",
    "supply_discount_supplier_2_general",
    "supply_discount_supplier_3_saleable",
    "supplierinfo_supplier_1_storage_box",
    "supplierinfo_supplier_1_pedal_bin",
    "supplierinfo_supplier_2_large_cabinet",
    "purchase_order_rfq_1",
    "purchase_order_rfq_1_line_1",
    "purchase_order_1",
    "purchase_order_1_line_1",
    "purchase_order_2",
    "purchase_order_2_line_1",
)


def migrate(cr, version):
    if version:
        move_records(cr, OLD, NEW, MOVED_MODELS, MOVED_FIELDS, MOVED_XMLIDS)
        install_with(cr, NEW, "purchase")
