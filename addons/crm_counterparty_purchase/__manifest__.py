{
    "name": "Counterparty Register - Purchase",
    "summary": "Purchases, supplier articles and supply discounts in the dossier",
    "version": "18.0.1.2.0",
    "category": "Inventory/Purchase",
    "website": "https://github.com/counterparty-crm/counterparty-crm",
    "author": "Counterparty CRM",
    "license": "LGPL-3",
    "depends": ["crm_counterparty", "purchase"],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_supply_discount_security.xml",
        "views/crm_supply_discount_views.xml",
        "views/res_partner_views.xml",
        "views/crm_counterparty_purchase_menus.xml",
        "data/crm_counterparty_document_kind_data.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/purchase_order_demo.xml",
        "demo/crm_supply_discount_demo.xml",
        "demo/product_supplierinfo_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_counterparty_purchase/static/src/js/tours/*.js",
        ],
    },
    "installable": True,
    "auto_install": True,
}
