"""18.0.4.0.0: client cards move to the bridge crm_counterparty_loyalty.

The issuing wizard's model, its view, action and access row, the client
card kind of the dossier and the demo cards change module without losing
their records; the bridge is installed in the same update, as it would
install itself (auto_install) on a new database with Loyalty.
"""

from openupgradelib import openupgrade

OLD, NEW = "crm_counterparty", "crm_counterparty_loyalty"
MOVED_MODELS = ("crm.client.card.issue",)
MOVED_XMLIDS = (
    "crm_client_card_issue_view_form",
    "crm_client_card_issue_action",
    "access_crm_client_card_issue_sale_manager",
    "document_kind_client_card",
    "loyalty_program_client_club",
    "loyalty_card_customer_1",
    "loyalty_card_customer_2",
)


def install_bridge(cr, bridge, dependency):
    """Mark ``bridge`` to be installed in this update when ``dependency`` is
    installed: Odoo's loading loop picks up modules marked meanwhile."""
    openupgrade.logged_query(
        cr,
        """
        UPDATE ir_module_module bridge SET state = 'to install'
         WHERE bridge.name = %s AND bridge.state = 'uninstalled'
           AND EXISTS (
               SELECT 1 FROM ir_module_module dep
                WHERE dep.name = %s AND dep.state IN ('installed', 'to upgrade'))
        """,
        (bridge, dependency),
    )


def move_to_bridge(cr):
    for model in MOVED_MODELS:
        openupgrade.update_module_moved_models(cr, model, OLD, NEW)
    openupgrade.rename_xmlids(
        cr, [(f"{OLD}.{name}", f"{NEW}.{name}") for name in MOVED_XMLIDS]
    )
    install_bridge(cr, NEW, "loyalty")


def migrate(cr, version):
    if version:
        move_to_bridge(cr)
