/** @odoo-module */

import { registry } from "@web/core/registry";

const FORM = ".o_form_view";

/**
 * From a purchase order, through its receipt, to its import declaration:
 * releasing it makes the landed cost of its duties, on the goods they were
 * paid for.
 */
registry.category("web_tour.tours").add("crm_customs_landed_cost", {
    steps: () => [
        {
            content: "The purchase order is open: follow its receipt",
            trigger: `${FORM} button[name=action_view_picking]`,
            run: "click",
        },
        {
            content: "The receipt is done: follow its customs declaration",
            trigger: `${FORM} .o_statusbar_status button.o_arrow_button_current:contains(Done)`,
        },
        {
            content: "Open the declaration",
            trigger: `${FORM} button[name=action_open_crm_customs_declarations]`,
            run: "click",
        },
        {
            content: "Release the accepted import",
            trigger: `${FORM} button[name=action_release]`,
            run: "click",
        },
        {
            content: "Released, it has its landed cost",
            trigger: `${FORM} button[name=action_open_landed_costs]`,
            run: "click",
        },
        {
            content: "The landed cost names the declaration",
            trigger: `${FORM} .o_field_widget[name=crm_customs_declaration_id]:contains(CUS/)`,
        },
        {
            content: "Its cost lines are the duties of the declared goods",
            trigger: `${FORM} .o_field_widget[name=cost_lines] .o_data_row:contains(Duty and excise of)`,
        },
    ],
});
