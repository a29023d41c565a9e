{
    "name": "Counterparty Register - Loyalty",
    "summary": "Client cards (Odoo loyalty cards) in the customer's dossier",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/counterparty-crm/counterparty-crm",
    "author": "Counterparty CRM",
    "license": "LGPL-3",
    "depends": ["crm_counterparty", "loyalty", "sales_team"],
    "data": [
        "security/ir.model.access.csv",
        "wizard/crm_client_card_issue_views.xml",
        "views/res_partner_views.xml",
        "data/crm_counterparty_document_kind_data.xml",
    ],
    "demo": ["demo/loyalty_card_demo.xml"],
    "installable": True,
    "auto_install": True,
}
