/** @odoo-module */

import { registry } from "@web/core/registry";

const CUSTOMER = "Tour Customer AD";
const FORM = ".o_form_view";
const SECTION = (code) => `${FORM} .o_crm_dossier_documents [data-code=${code}]`;

/**
 * A customer with two invoices and a payment: the Linked Documents tab counts
 * and lists them, one card per kind of the registry, and each card and row
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
            content: "Two invoices",
            trigger: `${SECTION("customer_move")} .o_crm_dossier_count:contains(2)`,
        },
        {
            content: "One payment",
            trigger: `${SECTION("inbound_payment")} .o_crm_dossier_count:contains(1)`,
        },
        {
            content: "No supplier documents for a customer",
            trigger: `${FORM} .o_crm_dossier_documents:not(:has([data-code=vendor_move]))`,
        },
        {
            content: "Follow the Invoices card",
            trigger: `${SECTION("customer_move")} .o_crm_dossier_open`,
            run: "click",
        },
        {
            content: "The customer's invoices are listed",
            trigger: ".o_list_view .o_data_row:eq(1)",
        },
        {
            content: "Open one",
            trigger: ".o_list_view .o_data_row:first .o_data_cell",
            run: "click",
        },
        {
            content: "The invoice of the customer opens",
            trigger: `${FORM} .o_field_widget[name=partner_id]:contains(${CUSTOMER}), ${FORM} .o_field_widget[name=partner_id] input`,
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
            content: "Open the payment from its row",
            trigger: `${SECTION("inbound_payment")} .o_crm_dossier_row`,
            run: "click",
        },
        {
            content: "The customer's payment opens",
            trigger: `${FORM} .o_field_widget[name=payment_type]`,
        },
    ],
});
