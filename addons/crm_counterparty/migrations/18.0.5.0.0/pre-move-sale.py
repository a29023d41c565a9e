"""18.0.5.0.0: offers and sales move to the bridge crm_counterparty_sale.

The register no longer depends on Sales. The two document kinds and the demo
orders change module without losing their records; the bridge is installed
in the same update, as it would install itself (auto_install) on a new
database with Sales.
"""

from odoo.addons.crm_counterparty.tools.migration import install_with, move_records

OLD, NEW = "crm_counterparty", "crm_counterparty_sale"
MOVED_MODELS = ()
MOVED_XMLIDS = (
    "document_kind_offer",
    "document_kind_sale",
    "sale_order_offer_1",
    "sale_order_offer_1_line_1",
    "sale_order_offer_2",
    "sale_order_offer_2_line_1",
    "sale_order_sale_1",
    "sale_order_sale_1_line_1",
    "sale_order_sale_2",
    "sale_order_sale_2_line_1",
)


def migrate(cr, version):
    if version:
        move_records(cr, OLD, NEW, MOVED_MODELS, None, MOVED_XMLIDS)
        install_with(cr, NEW, "sale")
