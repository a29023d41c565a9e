/** @odoo-module */

import { registry } from "@web/core/registry";
import {
    formOpen,
    tabHidden,
    tabShown,
    tabsFit,
} from "@crm_counterparty/js/tours/crm_counterparty_dossier_shape";

registry.category("web_tour.tours").add("crm_holding_shape_tab_shown", {
    steps: () => [...formOpen(), tabShown("dossier_holding", "Holding"), tabsFit()],
});

registry.category("web_tour.tours").add("crm_holding_shape_tab_hidden", {
    steps: () => [...formOpen(), tabHidden("dossier_holding", "Holding")],
});
