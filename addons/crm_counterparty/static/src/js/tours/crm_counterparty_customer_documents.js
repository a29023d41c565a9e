/** @odoo-module */

import { registry } from "@web/core/registry";

const CUSTOMER = "Tour Customer AD";
const CONTRACT = "Tour Framework Agreement";
const FORM = ".o_form_view";
const SECTION = (code) => `${FORM} .o_crm_dossier_documents [data-code=${code}]`;

/**
 * A customer with an offer, a sale and a contract: the Linked Documents tab
 * counts and lists them, one card per kind of the registry, and each card
 * opens its documents.
 */
registry.category("web_tour.tours").add("crm_counterparty_customer_documents", {
    steps: () => [
        {
            content: "The customer's dossier is open",
            trigger: `.o_breadcrumb .active:contains(${CUSTOMER})`,
        },
        {
            content: "Open the Linked Documents tab",
            trigger: `${FORM} .o_notebook a.nav-link[name=dossier_documents]`,
            run: "click",
        },
        {
            content: "One offer",
            trigger: `${SECTION("offer")} .o_crm_dossier_count:contains(1)`,
        },
        {
            content: "One sale",
            trigger: `${SECTION("sale")} .o_crm_dossier_count:contains(1)`,
        },
        {
            content: "The contract is counted and listed",
            trigger: `${SECTION("contract")} .o_crm_dossier_row:contains(${CONTRACT})`,
        },
        {
            content: "No supplier documents for a customer",
            trigger: `${FORM} .o_crm_dossier_documents:not(:has([data-code=purchase]))`,
        },
        {
            content: "Follow the Sales card",
            trigger: `${SECTION("sale")} .o_crm_dossier_open`,
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
            content: "Open the Linked Documents tab again",
            trigger: `${FORM} .o_notebook a.nav-link[name=dossier_documents]`,
            run: "click",
        },
        {
            content: "Open the contract from its row",
            trigger: `${SECTION("contract")} .o_crm_dossier_row:contains(${CONTRACT})`,
            run: "click",
        },
        {
            content: "The contract opens",
            trigger: `${FORM} .o_field_widget[name=title]:contains(${CONTRACT}), ${FORM} .o_field_widget[name=title] input`,
        },
    ],
});
