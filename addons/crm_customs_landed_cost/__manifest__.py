{
    "name": "Customs Declarations - Landed Costs",
    "summary": "Each import line's duty and excise land on exactly its own goods",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/counterparty-crm/counterparty-crm",
    "author": "Counterparty CRM",
    "license": "LGPL-3",
    "depends": ["crm_customs_stock", "stock_landed_costs"],
    "data": [
        "data/product_data.xml",
        "views/crm_customs_declaration_views.xml",
        "views/stock_landed_cost_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_customs_landed_cost/static/src/js/tours/*.js",
        ],
    },
    "installable": True,
    "auto_install": True,
}
