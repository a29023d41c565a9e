/** @odoo-module */

import { registry } from "@web/core/registry";

const ACCOUNT = "Tour Account AD";
const DEAL = "Tour Deal";
const FORM = ".o_form_view";
const STATUSBAR = `${FORM} .o_statusbar_status`;

/** Click a stage in the status bar and wait until the deal is in it. */
function moveTo(stage) {
    return [
        {
            content: `Move the deal to ${stage}`,
            trigger: `${STATUSBAR} button.o_arrow_button:contains(${stage})`,
            run: "click",
        },
        {
            content: `The deal is in ${stage}`,
            trigger: `${STATUSBAR} button.o_arrow_button_current:contains(${stage})`,
        },
    ];
}

/**
 * Convert a lead into a deal of a new customer counterparty, move the deal
 * through two stages (the second needs the expected revenue), then find the
 * account's dossier and its Pipeline tab.
 */
registry.category("web_tour.tours").add("crm_pipeline_lead_to_dossier", {
    steps: () => [
        {
            content: "Convert the lead",
            trigger: `${FORM} .o_statusbar_buttons button:contains(Convert to Opportunity)`,
            run: "click",
        },
        {
            content: "A new customer will be created",
            trigger: `.modal .o_field_widget[name=action] input[data-value=create]:checked`,
        },
        {
            content: "Create the opportunity",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "The deal is in the first stage",
            trigger: `${STATUSBAR} button.o_arrow_button_current:contains(Tour New)`,
        },
        ...moveTo("Tour Qualified"),
        {
            content: "Fill the expected revenue the proposal stage requires",
            trigger: `${FORM} .o_field_widget[name=expected_revenue] input`,
            run: "edit 4200",
        },
        ...moveTo("Tour Proposal"),
        {
            content: "Open the customers",
            trigger: "body",
            run: "goToUrl /odoo/action-crm_counterparty.res_partner_action_customer",
        },
        {
            content: "Search the new account",
            trigger: ".o_searchview_input",
            run: `edit ${ACCOUNT}`,
        },
        {
            content: "Validate the search",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Open the account",
            trigger: `.o_kanban_record:contains(${ACCOUNT})`,
            run: "click",
        },
        {
            content: "The account's dossier is open",
            trigger: `.o_breadcrumb .active:contains(${ACCOUNT})`,
        },
        {
            content: "Open the Pipeline tab",
            trigger: `${FORM} .o_notebook a.nav-link[name=dossier_pipeline]`,
            run: "click",
        },
        {
            content: "One open deal",
            trigger: `${FORM} .o_field_widget[name=pipeline_open_count]:contains(1)`,
        },
        {
            content: "The deal is listed in its stage",
            trigger: `${FORM} .o_crm_dossier_list[data-field=pipeline_open_deal_ids] .o_crm_dossier_list_row:contains(${DEAL}):contains(Tour Proposal)`,
        },
    ],
});
