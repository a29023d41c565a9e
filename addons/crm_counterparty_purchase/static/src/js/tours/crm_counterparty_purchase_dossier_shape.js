/** @odoo-module */

import { registry } from "@web/core/registry";
import {
    buttonHidden,
    buttonShown,
    formOpen,
} from "@crm_counterparty/js/tours/crm_counterparty_dossier_shape";

// Odoo's Purchases button opens an action: known by its counter.
const PURCHASES = ".o_field_widget[name=purchase_order_count]";

registry.category("web_tour.tours").add("crm_counterparty_purchase_shape_counterparty", {
    steps: () => [...formOpen(), buttonHidden(PURCHASES, "Purchases")],
});

registry.category("web_tour.tours").add("crm_counterparty_purchase_shape_plain", {
    steps: () => [...formOpen(), buttonShown(PURCHASES, "Purchases")],
});
