/** @odoo-module */

import { registry } from "@web/core/registry";

const OFFICE = "Tour Customs Office";
const MRN = "26BG009000T0000010";
const FORM = ".o_form_view";
const LINES = `${FORM} .o_field_widget[name=line_ids]`;

/** Wait until the declaration reaches ``state`` in the status bar. */
function stateIs(state) {
    return {
        content: `The declaration is ${state}`,
        trigger: `${FORM} .o_statusbar_status button.o_arrow_button_current[data-value=${state}]`,
    };
}

/** Type ``value`` in the cell ``field`` of the first line of goods. */
function editFirstLine(field, value) {
    return [
        {
            content: `Edit the ${field} of the first line`,
            trigger: `${LINES} .o_data_row:first .o_data_cell[name=${field}]`,
            run: "click",
        },
        {
            content: `Type the ${field}`,
            trigger: `${LINES} .o_selected_row .o_field_widget[name=${field}] input`,
            run: `edit ${value}`,
        },
    ];
}

/**
 * From a confirmed purchase order: record its import declaration, lodge it,
 * enter the MRN customs gave, release it and open the duty bill.
 */
registry.category("web_tour.tours").add("crm_customs_import_declaration", {
    steps: () => [
        {
            content: "Declare the goods of the purchase order",
            trigger: `${FORM} .o_statusbar_buttons button[name=action_create_crm_customs_declaration]`,
            run: "click",
        },
        {
            content: "The goods are copied with their HS code",
            trigger: `${LINES} .o_data_row .o_data_cell[name=hs_code]:contains(84713000)`,
        },
        {
            content: "Choose the customs office",
            trigger: `${FORM} .o_field_widget[name=customs_office_id] input`,
            run: `edit ${OFFICE}`,
        },
        {
            content: "Pick the office in the list",
            trigger: `.o-autocomplete--dropdown-menu li a:contains(${OFFICE})`,
            run: "click",
        },
        {
            content: "The office code shows",
            trigger: `${FORM} .o_field_widget[name=customs_office_code]:contains(BG009000)`,
        },
        ...editFirstLine("duty_rate", "10"),
        ...editFirstLine("vat_rate", "20"),
        {
            content: "Lodge the declaration",
            trigger: `${FORM} .o_statusbar_buttons button[name=action_lodge]`,
            run: "click",
        },
        stateIs("lodged"),
        {
            content: "Enter the MRN given by customs",
            trigger: `${FORM} .o_field_widget[name=mrn] input`,
            run: `edit ${MRN}`,
        },
        {
            content: "Customs accepted the declaration",
            trigger: `${FORM} .o_statusbar_buttons button[name=action_accept]`,
            run: "click",
        },
        stateIs("accepted"),
        {
            content: "Release the goods",
            trigger: `${FORM} .o_statusbar_buttons button[name=action_release]`,
            run: "click",
        },
        stateIs("released"),
        {
            content: "Open the duty bill",
            trigger: `${FORM} .o-form-buttonbox button[name=action_open_duty_bill]`,
            run: "click",
        },
        {
            content: "The bill is made out to the customs office",
            trigger: `${FORM} .o_field_widget[name=partner_id] input:value(${OFFICE})`,
        },
        {
            content: "The bill refers to the MRN",
            trigger: `${FORM} .o_field_widget[name=ref] input:value(${MRN})`,
        },
    ],
});
