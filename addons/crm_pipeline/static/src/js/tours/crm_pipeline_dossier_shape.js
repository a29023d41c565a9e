/** @odoo-module */

import { registry } from "@web/core/registry";
import {
    buttonHidden,
    buttonShown,
    formOpen,
    tabHidden,
    tabShown,
} from "@crm_counterparty/js/tours/crm_counterparty_dossier_shape";

const FORM = ".o_form_view";
const OPPORTUNITIES = "button[name=action_view_opportunity]";
const STAGE_BADGE = `${FORM} .oe_title .o_field_widget[name=relationship_stage]`;

function stageBadgeShown() {
    return { content: "The relationship stage is shown", trigger: STAGE_BADGE };
}

function stageBadgeHidden() {
    return {
        content: "No relationship stage is shown",
        trigger: `${FORM} .oe_title:not(:has(.o_field_widget[name=relationship_stage]))`,
    };
}

/** The Sales & Purchase tab holds the relationship stage, pinnable. */
function relationshipInSalesTab() {
    return [
        {
            content: "Open the Sales & Purchase tab",
            trigger: `${FORM} .o_notebook a.nav-link[name=sales_purchases]`,
            run: "click",
        },
        {
            content: "The relationship stage can be pinned there",
            trigger: `${FORM} .o_notebook .tab-pane .o_field_widget[name=relationship_stage_pinned]`,
        },
    ];
}

registry.category("web_tour.tours").add("crm_pipeline_shape_customer", {
    steps: () => [
        ...formOpen(),
        buttonHidden(OPPORTUNITIES, "Opportunities"),
        tabShown("dossier_pipeline", "Pipeline"),
        stageBadgeShown(),
        ...relationshipInSalesTab(),
    ],
});

registry.category("web_tour.tours").add("crm_pipeline_shape_supplier", {
    steps: () => [
        ...formOpen(),
        buttonHidden(OPPORTUNITIES, "Opportunities"),
        tabHidden("dossier_pipeline", "Pipeline"),
        stageBadgeShown(),
        ...relationshipInSalesTab(),
    ],
});

/** A bank or an agency: no stage, no pipeline, no Opportunities counter. */
registry.category("web_tour.tours").add("crm_pipeline_shape_no_relationship", {
    steps: () => [
        ...formOpen(),
        buttonHidden(OPPORTUNITIES, "Opportunities"),
        tabHidden("dossier_pipeline", "Pipeline"),
        stageBadgeHidden(),
        {
            content: "Open the Sales & Purchase tab",
            trigger: `${FORM} .o_notebook a.nav-link[name=sales_purchases]`,
            run: "click",
        },
        {
            content: "It has no relationship stage",
            trigger: `${FORM} .o_notebook .tab-pane:not(:has(.o_field_widget[name=relationship_stage]))`,
        },
    ],
});

/** A bank with a deal: its Pipeline tab lists it. */
registry.category("web_tour.tours").add("crm_pipeline_shape_with_deal", {
    steps: () => [
        ...formOpen(),
        buttonHidden(OPPORTUNITIES, "Opportunities"),
        tabShown("dossier_pipeline", "Pipeline"),
    ],
});

/** A partner without kind: Odoo's Opportunities counter, no Pipeline tab. */
registry.category("web_tour.tours").add("crm_pipeline_shape_plain", {
    steps: () => [
        ...formOpen(),
        buttonShown(OPPORTUNITIES, "Opportunities"),
        tabHidden("dossier_pipeline", "Pipeline"),
        stageBadgeHidden(),
    ],
});
