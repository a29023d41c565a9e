{
    "name": "Counterparty Pipeline",
    "summary": "Leads become customer counterparties; deals move through guarded "
    "stages with follow-ups, owners and relationship stages",
    "version": "18.0.1.2.0",
    "category": "Sales/CRM",
    "website": "https://github.com/counterparty-crm/counterparty-crm",
    "author": "Counterparty CRM",
    "license": "LGPL-3",
    "depends": ["crm_counterparty", "crm", "sale_crm"],
    "data": [
        "security/crm_pipeline_security.xml",
        "security/ir.model.access.csv",
        "data/ir_config_parameter_data.xml",
        "data/ir_cron_data.xml",
        "views/crm_stage_views.xml",
        "views/crm_team_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_lead_followup_step_views.xml",
        "views/crm_lead_stage_history_views.xml",
        "views/crm_partner_attribute_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/crm_lead_to_opportunity_views.xml",
        "report/crm_pipeline_report_views.xml",
        "views/crm_pipeline_menus.xml",
    ],
    "demo": [
        "demo/crm_pipeline_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_pipeline/static/src/js/tours/*.js",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
