{
    "name": "Counterparty Register - Sales",
    "summary": "Offers and sales in the customer's dossier",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/counterparty-crm/counterparty-crm",
    "author": "Counterparty CRM",
    "license": "LGPL-3",
    "depends": ["crm_counterparty", "sale"],
    "data": [
        "views/res_partner_views.xml",
        "data/crm_counterparty_document_kind_data.xml",
    ],
    "demo": ["demo/res_users_demo.xml", "demo/sale_order_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "crm_counterparty_sale/static/src/js/tours/*.js",
        ],
    },
    "installable": True,
    "auto_install": True,
}
