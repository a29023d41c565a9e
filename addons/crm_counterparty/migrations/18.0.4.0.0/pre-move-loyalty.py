"""18.0.4.0.0: client cards move to the bridge crm_counterparty_loyalty.

The issuing wizard's model, its view, action and access row, the client
card kind of the dossier and the demo cards change module without losing
their records; the bridge is installed in the same update, as it would
install itself (auto_install) on a new database with Loyalty.
"""

from odoo.addons.crm_counterparty.tools.migration import install_with, move_records

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


def migrate(cr, version):
    if version:
        move_records(cr, OLD, NEW, MOVED_MODELS, None, MOVED_XMLIDS)
        install_with(cr, NEW, "loyalty")
