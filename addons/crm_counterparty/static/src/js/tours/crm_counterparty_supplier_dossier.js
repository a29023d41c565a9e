/** @odoo-module */

import { registry } from "@web/core/registry";

const SUPPLIER_NAME = "Tour Supplier Ltd";
const CONTACT_NAME = "Ivan Petrov";
const CONTACT_PHONE = "+359 88 123 4567";
const IBAN = "BG80BNBG96611020345678";

const FORM = ".o_form_view";
const CONTACTS = `${FORM} .o_field_widget[name=contact_person_ids]`;
const BANK_ACCOUNTS = `${FORM} .o_field_widget[name=bank_ids]`;

/** Open a notebook page of the partner form by its name. */
function openTab(pageName, label) {
    return [
        {
            content: `Open the "${label}" tab`,
            trigger: `${FORM} .o_notebook a.nav-link[name=${pageName}]`,
            run: "click",
        },
        {
            content: `The "${label}" tab is shown`,
            trigger: `${FORM} .o_notebook a.nav-link.active[name=${pageName}]`,
        },
    ];
}

registry.category("web_tour.tours").add("crm_counterparty_supplier_dossier", {
    url: "/odoo/action-crm_counterparty.res_partner_action_supplier",
    steps: () => [
        {
            content: "The Suppliers action is open",
            trigger: ".o_breadcrumb .active:contains(Suppliers)",
        },
        {
            content: "Create a new supplier",
            trigger: ".o_control_panel_main_buttons .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Type the company name",
            trigger: `${FORM} .o_field_widget[name=name] input`,
            run: `edit ${SUPPLIER_NAME}`,
        },
        {
            content: "The new partner has the Supplier kind by default",
            trigger: `${FORM} .o_field_widget[name=counterparty_kind_ids] .o_tag:contains(Supplier)`,
        },
        // Contact person
        ...openTab("dossier_contacts", "Contacts"),
        {
            content: "Add a contact person",
            trigger: `${CONTACTS} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "Type the contact person's name",
            trigger: `${CONTACTS} .o_selected_row .o_field_widget[name=name] input`,
            run: `edit ${CONTACT_NAME}`,
        },
        {
            content: "Type the contact person's phone",
            trigger: `${CONTACTS} .o_selected_row .o_field_widget[name=phone] input`,
            run: `edit ${CONTACT_PHONE}`,
        },
        // Bank account, under Odoo's Invoicing tab
        ...openTab("accounting", "Invoicing"),
        {
            content: "Add a bank account",
            trigger: `${BANK_ACCOUNTS} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "Type the IBAN",
            trigger: `${BANK_ACCOUNTS} .o_selected_row .o_field_widget[name=acc_number] input`,
            run: `edit ${IBAN}`,
        },
        // Save
        {
            content: "Save the supplier",
            trigger: `${FORM} .o_form_button_save:enabled`,
            run: "click",
        },
        {
            content: "Wait until the supplier is saved",
            trigger: `${FORM} .o_form_saved`,
        },
        {
            content: "The saved bank account is listed",
            trigger: `${BANK_ACCOUNTS} .o_data_row .o_data_cell[name=acc_number]:contains(BG80)`,
        },
        // The other dossier tabs
        ...openTab("dossier_events", "Events"),
        {
            content: "Calls can be logged on the saved supplier",
            trigger: `${FORM} .o_notebook button[name=action_log_call]`,
        },
        ...openTab("dossier_files", "Files & Documents"),
        {
            content: "The files list is read when the tab is shown",
            trigger: `${FORM} .o_crm_dossier_list[data-field=document_attachment_ids] .o_crm_dossier_list_add`,
        },
        {
            content: "Add a personal document",
            trigger: `${FORM} .o_crm_dossier_list[data-field=personal_document_ids] .o_crm_dossier_list_add`,
            run: "click",
        },
        {
            content: "Its type",
            trigger: ".modal .o_field_widget[name=type_id] input",
            run: "edit Power of Attorney",
        },
        {
            content: "Pick the type",
            trigger: ".modal .o-autocomplete--dropdown-item a:contains(Power of Attorney)",
            run: "click",
        },
        {
            content: "Its number",
            trigger: ".modal .o_field_widget[name=number] input",
            run: "edit PA-2026-17",
        },
        {
            content: "Save it from the dialog",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The saved document is listed, for the supplier",
            trigger: `${FORM} .o_crm_dossier_list[data-field=personal_document_ids] .o_crm_dossier_list_row:contains(PA-2026-17):contains(Power of Attorney)`,
        },
        ...openTab("dossier_contacts", "Contacts"),
        {
            content: "The saved contact person is listed",
            trigger: `${CONTACTS} .o_data_row .o_data_cell[name=name]:contains(${CONTACT_NAME})`,
        },
        {
            content: "The supplier is saved under its name",
            trigger: `.o_breadcrumb .active:contains(${SUPPLIER_NAME})`,
        },
        {
            content: "The saved form has no pending changes",
            trigger: `${FORM} .o_form_saved:not(:has(.o_selected_row))`,
        },
    ],
});
