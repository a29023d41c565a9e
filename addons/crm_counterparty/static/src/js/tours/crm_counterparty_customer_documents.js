/** @odoo-module */

import { registry } from "@web/core/registry";

const CUSTOMER = "Tour Customer AD";
const CONTRACT = "Tour Framework Agreement";
const FORM = ".o_form_view";

/**
 * A customer with an offer, a sale and a contract: its smart buttons count
 * them, the Documents tab lists them, and the buttons open the documents.
 */
registry.category("web_tour.tours").add("crm_counterparty_customer_documents", {
    steps: () => [
        {
            content: "The customer's dossier is open",
            trigger: `.o_breadcrumb .active:contains(${CUSTOMER})`,
        },
        {
            content: "One offer",
            trigger: `${FORM} button[name=action_open_offers] .o_stat_text:contains(1)`,
        },
        {
            content: "One sale",
            trigger: `${FORM} button[name=action_open_sales] .o_stat_text:contains(1)`,
        },
        {
            content: "Show the other smart buttons",
            trigger: `${FORM} .o-form-buttonbox .o_button_more`,
            run: "click",
        },
        {
            content: "One contract",
            trigger: `.o-dropdown--menu button[name=action_open_contracts] .o_stat_value:contains(1)`,
        },
        {
            content: "Close the other smart buttons",
            trigger: `${FORM} .o-form-buttonbox .o_button_more`,
            run: "click",
        },
        {
            content: "Open the Documents tab",
            trigger: `${FORM} .o_notebook a.nav-link[name=dossier_documents]`,
            run: "click",
        },
        {
            content: "The contract is listed among the documents",
            trigger: `${FORM} .o_field_widget[name=latest_contract_ids] .o_data_row:contains(${CONTRACT})`,
        },
        {
            content: "Both orders are listed",
            trigger: `${FORM} .o_field_widget[name=latest_sale_order_ids] .o_data_row:eq(1)`,
        },
        {
            content: "Follow the Sales button",
            trigger: `${FORM} button[name=action_open_sales]`,
            run: "click",
        },
        {
            content: "The customer's sales are listed",
            trigger: `.o_list_view .o_data_row .o_data_cell[name=partner_id]:contains(${CUSTOMER})`,
            run: "click",
        },
        {
            content: "The sale order of the customer opens",
            trigger: `${FORM} .o_field_widget[name=partner_id]:contains(${CUSTOMER})`,
        },
        {
            content: "Back to the customer",
            trigger: `.o_breadcrumb a:contains(${CUSTOMER})`,
            run: "click",
        },
        {
            content: "Show the other smart buttons",
            trigger: `${FORM} .o-form-buttonbox .o_button_more`,
            run: "click",
        },
        {
            content: "Follow the Contracts button",
            trigger: `.o-dropdown--menu button[name=action_open_contracts]`,
            run: "click",
        },
        {
            content: "The customer's contract is listed",
            trigger: `.o_view_controller .o_data_row:contains(${CONTRACT}), .o_kanban_record:contains(${CONTRACT})`,
        },
    ],
});
