/** @odoo-module */

import { registry } from "@web/core/registry";

/*
 * Which of Odoo's buttons and of the dossier's tabs a partner's form shows,
 * by kind. The helpers are shared with the tours of the bridges and of the
 * other addons of the suite (imported from
 * "@crm_counterparty/js/tours/crm_counterparty_dossier_shape").
 */
const FORM = ".o_form_view";

/** The form of the partner ``name`` (if given) is open, drawn. */
export function formOpen(name) {
    const named = name
        ? [
              {
                  content: `The form of ${name} is open`,
                  trigger: `.o_breadcrumb .active:contains(${name})`,
              },
          ]
        : [];
    return [
        ...named,
        {
            content: "Its tabs are drawn",
            trigger: `${FORM} .o_notebook a.nav-link.active`,
        },
        {
            content: "Its button box is drawn",
            trigger: `${FORM} .o-form-buttonbox .oe_stat_button`,
        },
    ];
}

/** The button box shows a button matching ``selector``. */
export function buttonShown(selector, label) {
    return {
        content: `The ${label} button is shown`,
        trigger: `${FORM} .o-form-buttonbox ${selector}`,
    };
}

/** The button box shows no button matching ``selector``. */
export function buttonHidden(selector, label) {
    return {
        content: `The ${label} button is not shown`,
        trigger: `${FORM}:not(:has(.o-form-buttonbox ${selector}))`,
    };
}

export function tabShown(name, label) {
    return {
        content: `The ${label} tab is shown`,
        trigger: `${FORM} .o_notebook a.nav-link[name=${name}]`,
    };
}

export function tabHidden(name, label) {
    return {
        content: `The ${label} tab is not shown`,
        trigger: `${FORM} .o_notebook:not(:has(a.nav-link[name=${name}]))`,
    };
}

/** Every tab fits on one line: none is cut off at the right. */
export function tabsFit() {
    return {
        content: "All the tabs fit in the width of the form",
        trigger: `${FORM} .o_notebook_headers`,
        run() {
            const headers = document.querySelector(`${FORM} .o_notebook_headers`);
            const links = [...headers.querySelectorAll("a.nav-link")];
            const right = headers.getBoundingClientRect().right;
            const last = links[links.length - 1].getBoundingClientRect().right;
            const tabs = links
                .map((a) => `${a.textContent.trim()} ${Math.round(a.getBoundingClientRect().width)}px`)
                .join(", ");
            if (headers.scrollWidth > headers.clientWidth || last > right + 0.5) {
                throw new Error(
                    `The tabs are ${headers.scrollWidth}px wide for ${headers.clientWidth}px: ${tabs}`
                );
            }
        },
    };
}

const INVOICED = "button[name=action_view_partner_invoices]";
const MEETINGS = "button[name=schedule_meeting]";
const BILLS = ".o_field_widget[name=supplier_invoice_count]";

/** What no counterparty shows: Odoo's counters that the dossier replaces. */
function odooCountersHidden() {
    return [buttonHidden(INVOICED, "Invoiced"), buttonHidden(MEETINGS, "Meetings"), buttonHidden(BILLS, "Vendor Bills")];
}

/** The tabs every counterparty's dossier has, and Odoo's one it replaces. */
function dossierTabs() {
    return [
        tabShown("dossier_documents", "Linked Documents"),
        tabShown("dossier_contacts", "Contacts"),
        tabShown("dossier_events", "Events"),
        tabShown("dossier_files", "Files & Documents"),
        tabHidden("contact_addresses", "Contacts & Addresses (Odoo's)"),
        // merged into other tabs
        tabHidden("dossier_addresses", "Addresses"),
        tabHidden("dossier_bank_accounts", "Bank Accounts"),
        tabHidden("dossier_personal_documents", "Personal Documents"),
        tabHidden("dossier_users", "Users"),
        tabHidden("dossier_field_templates", "Field Templates"),
    ];
}

registry.category("web_tour.tours").add("crm_counterparty_shape_customer", {
    steps: () => [
        ...formOpen("Shape Customer"),
        ...odooCountersHidden(),
        ...dossierTabs(),
        tabsFit(),
        {
            content: "Open the Events tab",
            trigger: `${FORM} .o_notebook a.nav-link[name=dossier_events]`,
            run: "click",
        },
        {
            content: "Meetings are scheduled from the Events tab",
            trigger: `${FORM} .o_notebook .tab-pane button[name=schedule_meeting]`,
        },
        {
            content: "The note without subject is listed, an empty subject shown empty",
            trigger: `${FORM} .o_crm_dossier_list[data-field=event_message_ids] .o_crm_dossier_list_row:contains(Shape note):not(:contains(false))`,
        },
        {
            content: "Open the Contacts tab",
            trigger: `${FORM} .o_notebook a.nav-link[name=dossier_contacts]`,
            run: "click",
        },
        {
            content: "It lists the contact persons, the addresses and the users",
            trigger: `${FORM} .o_notebook .tab-pane:has(.o_field_widget[name=contact_person_ids]):has(.o_field_widget[name=address_ids]):has(.o_crm_dossier_list[data-field=linked_user_ids])`,
        },
        {
            content: "Open the Files & Documents tab",
            trigger: `${FORM} .o_notebook a.nav-link[name=dossier_files]`,
            run: "click",
        },
        {
            content: "It lists the files and the personal documents",
            trigger: `${FORM} .o_notebook .tab-pane:has(.o_crm_dossier_list[data-field=document_attachment_ids]):has(.o_crm_dossier_list[data-field=personal_document_ids])`,
        },
    ],
});

/** A customer, supplier and holding member at once: the most tabs. */
registry.category("web_tour.tours").add("crm_counterparty_shape_all_kinds", {
    steps: () => [
        ...formOpen("Shape Everything"),
        ...odooCountersHidden(),
        ...dossierTabs(),
        tabsFit(),
        {
            content: "Open the Internal Notes tab",
            trigger: `${FORM} .o_notebook a.nav-link[name=internal_notes]`,
            run: "click",
        },
        {
            content: "The supplier's field template shows its values",
            trigger: `${FORM} .o_crm_dossier_list[data-field=counterparty_profile_ids] .o_crm_dossier_list_row:contains(Supplier):contains(Payment days: 45)`,
        },
    ],
});

registry.category("web_tour.tours").add("crm_counterparty_shape_bank", {
    steps: () => [
        ...formOpen("Shape Bank"),
        ...odooCountersHidden(),
        ...dossierTabs(),
        tabsFit(),
        {
            content: "Open the Invoicing tab",
            trigger: `${FORM} .o_notebook a.nav-link[name=accounting]`,
            run: "click",
        },
        {
            content: "It lists the bank's own accounts and the accounts held at it",
            trigger: `${FORM} .o_notebook .tab-pane:has(.o_field_widget[name=bank_ids]):has(.o_crm_dossier_list[data-field=held_bank_account_ids])`,
        },
        {
            content: "The held accounts are read when the tab is shown; a click opens one",
            trigger: `${FORM} .o_crm_dossier_list[data-field=held_bank_account_ids] .o_crm_dossier_list_row:contains(SHAPE-1):contains(Shape Holder)`,
            run: "click",
        },
        {
            content: "The account opens",
            trigger: ".o_form_view .o_field_widget[name=acc_number] input:value(SHAPE-1)",
        },
    ],
});

registry.category("web_tour.tours").add("crm_counterparty_shape_customs_office", {
    steps: () => [
        ...formOpen("Shape Customs Office"),
        ...odooCountersHidden(),
        ...dossierTabs(),
        tabsFit(),
        {
            content: "The agency fields are shown",
            trigger: `${FORM} .o_field_widget[name=agency_type]`,
        },
    ],
});

/** A partner without kind: Odoo's own form, none of the dossier. */
registry.category("web_tour.tours").add("crm_counterparty_shape_plain", {
    steps: () => [
        ...formOpen("Shape Plain Partner"),
        buttonShown(INVOICED, "Invoiced"),
        buttonShown(MEETINGS, "Meetings"),
        buttonShown(BILLS, "Vendor Bills"),
        tabShown("contact_addresses", "Contacts & Addresses"),
        tabHidden("dossier_documents", "Linked Documents"),
        tabHidden("dossier_contacts", "Contacts"),
        {
            content: "Open Odoo's Invoicing tab",
            trigger: `${FORM} .o_notebook a.nav-link[name=accounting]`,
            run: "click",
        },
        {
            content: "Odoo's bank accounts list is shown, not the dossier's",
            trigger: `${FORM} .o_notebook .tab-pane:has(.o_field_widget[name=bank_ids]):not(:has([data-field=held_bank_account_ids]))`,
        },
    ],
});
