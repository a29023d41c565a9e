/** @odoo-module */

import { registry } from "@web/core/registry";
import {
    buttonHidden,
    buttonShown,
    formOpen,
} from "@crm_counterparty/js/tours/crm_counterparty_dossier_shape";

const SALES = "button[name=action_view_sale_order]";

registry.category("web_tour.tours").add("crm_counterparty_sale_shape_counterparty", {
    steps: () => [...formOpen(), buttonHidden(SALES, "Sales")],
});

registry.category("web_tour.tours").add("crm_counterparty_sale_shape_plain", {
    steps: () => [...formOpen(), buttonShown(SALES, "Sales")],
});
