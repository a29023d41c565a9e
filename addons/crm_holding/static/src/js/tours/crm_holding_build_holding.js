/** @odoo-module */

import { registry } from "@web/core/registry";

const HOLDING = "Tour Holding AD";
const MEMBER_1 = "Tour Foods OOD";
const MEMBER_2 = "Tour Wines EOOD";
const FORM = ".o_form_view";
const MEMBERS = `${FORM} .o_crm_dossier_list[data-field=holding_member_membership_ids]`;

/** Add a member company on the holding's form, in the list's dialog. */
function addMember(name, ownership) {
    return [
        {
            content: `Add ${name} as a member`,
            trigger: `${MEMBERS} .o_crm_dossier_list_add`,
            run: "click",
        },
        {
            content: `Look ${name} up`,
            trigger: `.modal .o_field_widget[name=partner_id] input`,
            run: `edit ${name}`,
        },
        {
            content: `Pick ${name}`,
            trigger: `.ui-autocomplete .ui-menu-item a:contains(${name})`,
            run: "click",
        },
        {
            content: `Set the ownership of ${name}`,
            trigger: `.modal .o_field_widget[name=ownership_pct] input`,
            run: `edit ${ownership}`,
        },
        {
            content: `Save the membership of ${name}`,
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: `${name} is listed as a member`,
            trigger: `${MEMBERS} .o_crm_dossier_list_row:contains(${name})`,
        },
    ];
}

/**
 * A user makes a company a holding member, so that its Holding tab shows,
 * turns it into a holding with two member companies, opens the
 * consolidated dossier, follows its Sales button to the orders of both
 * members and folds the holding tree.
 */
registry.category("web_tour.tours").add("crm_holding_build_holding", {
    steps: () => [
        {
            content: "The future holding's dossier is open",
            trigger: `.o_breadcrumb .active:contains(${HOLDING})`,
        },
        {
            content: "A customer outside any holding has no Holding tab",
            trigger: `${FORM} .o_notebook:not(:has(a.nav-link[name=dossier_holding]))`,
        },
        {
            content: "Give the company the Holding Member kind",
            trigger: `${FORM} .o_field_widget[name=counterparty_kind_ids] input`,
            run: "edit Holding Member",
        },
        {
            content: "Pick the Holding Member kind",
            trigger: ".o-autocomplete--dropdown-item a:contains(Holding Member)",
            run: "click",
        },
        {
            content: "Open the Holding tab",
            trigger: `${FORM} .o_notebook a.nav-link[name=dossier_holding]`,
            run: "click",
        },
        ...addMember(MEMBER_1, "100"),
        ...addMember(MEMBER_2, "40"),
        {
            content: "Save the holding",
            trigger: `${FORM} .o_form_button_save:enabled`,
            run: "click",
        },
        {
            content: "Wait until the holding is saved",
            trigger: `${FORM} .o_form_saved`,
        },
        {
            content: "Both members are listed",
            trigger: `${MEMBERS}:has(.o_crm_dossier_list_row:contains(${MEMBER_1})):has(.o_crm_dossier_list_row:contains(${MEMBER_2}))`,
        },
        {
            content: "The list of all members is read again once saved",
            trigger: `${FORM} .o_crm_dossier_list[data-field=holding_member_ids]:has(.o_crm_dossier_list_row:contains(${MEMBER_1})):has(.o_crm_dossier_list_row:contains(${MEMBER_2}))`,
        },
        {
            content: "The consolidated dossier counts the sales of both members",
            trigger: `${FORM} [name=holding_consolidated] [data-code=sale] .o_crm_dossier_count:contains(2)`,
        },
        {
            content: "The consolidated receivable is shown",
            trigger: `${FORM} [name=holding_consolidated] [data-code=customer_move] .o_crm_dossier_amount:contains(250)`,
        },
        {
            content: "Open the sales of the whole holding",
            trigger: `${FORM} [name=holding_consolidated] [data-code=sale] .o_crm_dossier_open`,
            run: "click",
        },
        {
            content: "The sales of the first member are listed",
            trigger: `.o_list_view .o_data_row .o_data_cell[name=partner_id]:contains(${MEMBER_1})`,
        },
        {
            content: "The sales of the second member are listed",
            trigger: `.o_list_view .o_data_row .o_data_cell[name=partner_id]:contains(${MEMBER_2})`,
        },
        {
            content: "Back to the holding",
            trigger: `.o_breadcrumb a:contains(${HOLDING})`,
            run: "click",
        },
        {
            content: "Open the Holding tab again",
            trigger: `${FORM} .o_notebook a.nav-link[name=dossier_holding]`,
            run: "click",
        },
        {
            content: "Open the holding tree",
            trigger: `${FORM} .o_notebook button[name=action_open_holding_tree]`,
            run: "click",
        },
        {
            content: "The holding is at the top of the tree",
            trigger: `.o_hierarchy_view .o_hierarchy_node:contains(${HOLDING})`,
        },
        {
            content: "Its members are shown below it",
            trigger: `.o_hierarchy_view .o_hierarchy_node:contains(${MEMBER_2}):contains(40)`,
        },
        {
            content: "Fold the holding",
            trigger: `.o_hierarchy_view .o_hierarchy_node:contains(${HOLDING}) button[name=hierarchy_search_subsidiaries]`,
            run: "click",
        },
        {
            content: "The members are folded away",
            trigger: `.o_hierarchy_view:not(:has(.o_hierarchy_node:contains(${MEMBER_1})))`,
        },
        {
            content: "Unfold the holding again",
            trigger: `.o_hierarchy_view .o_hierarchy_node:contains(${HOLDING}) button[name=hierarchy_search_subsidiaries]:contains(Unfold)`,
            run: "click",
        },
        {
            content: "The members are back",
            trigger: `.o_hierarchy_view .o_hierarchy_node:contains(${MEMBER_1})`,
        },
    ],
});
