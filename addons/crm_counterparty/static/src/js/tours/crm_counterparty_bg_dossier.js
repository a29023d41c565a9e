/** @odoo-module */

import { registry } from "@web/core/registry";

const FORM = ".o_form_view";
const TAB = (name) => `${FORM} .o_notebook a.nav-link[name=${name}]`;

/**
 * A user working in Bulgarian opens a customer's dossier: its tabs, cards,
 * groups and buttons speak Prim.IO's words.
 */
registry.category("web_tour.tours").add("crm_counterparty_bg_dossier", {
    steps: () => [
        {
            content: "The customer's dossier is open under Клиенти",
            trigger: ".o_breadcrumb:contains(Клиенти) .active:contains(Тур Клиент АД)",
        },
        {
            content: "Linked documents: Свързани документи",
            trigger: `${TAB("dossier_documents")}:contains(Свързани документи)`,
            run: "click",
        },
        {
            content: "The invoices card: Фактури",
            trigger: `${FORM} [data-code=customer_move] .o_crm_dossier_open:contains(Фактури)`,
        },
        {
            content: "Its amount: Вземания",
            trigger: `${FORM} [data-code=customer_move]:contains(Вземания)`,
        },
        {
            content: "Open the contacts' tab",
            trigger: TAB("dossier_contacts"),
            run: "click",
        },
        {
            content: "Contact persons: Лица за контакт",
            trigger: `${FORM} .o_notebook:contains(Лица за контакт)`,
        },
        {
            content: "Addresses: Адреси",
            trigger: `${FORM} .o_notebook:contains(Адреси)`,
        },
        {
            content: "Events: Събития",
            trigger: `${TAB("dossier_events")}:contains(Събития)`,
            run: "click",
        },
        {
            content: "Log a call: Регистриране на обаждане",
            trigger: `${FORM} button[name=action_log_call]:contains(Регистриране на обаждане)`,
        },
        {
            content: "Files and documents: Файлове и документи",
            trigger: `${TAB("dossier_files")}:contains(Файлове и документи)`,
            run: "click",
        },
        {
            content: "Personal documents: Лични документи",
            trigger: `${FORM} .o_notebook:contains(Лични документи)`,
        },
    ],
});
