{
    "name": "Counterparty Register - Inventory",
    "summary": "Warehouse operations in the customer's and the supplier's dossier",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/counterparty-crm/counterparty-crm",
    "author": "Counterparty CRM",
    "license": "LGPL-3",
    "depends": ["crm_counterparty", "stock"],
    "data": ["data/crm_counterparty_document_kind_data.xml"],
    "demo": ["demo/res_users_demo.xml"],
    "installable": True,
    "auto_install": True,
}
