{
    "name": "Counterparty Register - Purchase and Inventory",
    "summary": "The supplier's on-time delivery rate in its dossier",
    "version": "18.0.1.0.0",
    "category": "Inventory/Purchase",
    "website": "https://github.com/counterparty-crm/counterparty-crm",
    "author": "Counterparty CRM",
    "license": "LGPL-3",
    "depends": [
        "crm_counterparty_purchase",
        "crm_counterparty_stock",
        "purchase_stock",
    ],
    "data": ["views/res_partner_views.xml"],
    "installable": True,
    "auto_install": True,
}
