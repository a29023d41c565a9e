{
    "name": "Customs Declarations - Inventory",
    "summary": "Declarations linked to the receipts and deliveries of their goods",
    "version": "18.0.1.1.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/counterparty-crm/counterparty-crm",
    "author": "Counterparty CRM",
    "license": "LGPL-3",
    "depends": ["crm_customs", "stock"],
    "data": [
        "views/crm_customs_declaration_views.xml",
        "views/stock_picking_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
