import { Component, onWillStart, onWillUpdateProps, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

/**
 * The dossier's documents, one card per kind of the registry
 * (crm.counterparty.document.kind): count, amount, the kind's figures (e.g.
 * open, late, done), latest documents and links opening them. Loaded when its tab is shown, not with the form.
 *
 *     <widget name="crm_dossier_documents"/>
 *     <widget name="crm_dossier_documents" method="get_holding_documents"
 *             open_method="action_open_holding_documents"/>
 */
export class DossierDocuments extends Component {
    static template = "crm_counterparty.DossierDocuments";
    static props = {
        ...standardWidgetProps,
        method: { type: String, optional: true },
        openMethod: { type: String, optional: true },
        latest: { type: Boolean, optional: true },
    };
    static defaultProps = {
        method: "get_dossier_documents",
        openMethod: "action_open_documents",
        latest: true,
    };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ sections: [], loaded: false });
        onWillStart(() => this.load(this.props.record));
        onWillUpdateProps((next) => {
            if (this.keyOf(next.record) !== this.key) {
                return this.load(next.record);
            }
        });
    }

    keyOf(record) {
        const kinds = record.data.counterparty_kind_ids;
        return `${record.resId}:${kinds ? kinds.currentIds.join(",") : ""}`;
    }

    async load(record) {
        this.key = this.keyOf(record);
        if (!record.resId) {
            this.state.sections = [];
        } else {
            this.state.sections = await this.orm.call(
                "res.partner",
                this.props.method,
                [[record.resId]],
                { latest: this.props.latest }
            );
        }
        this.state.loaded = true;
    }

    async openDocuments(section, figure = null) {
        const action = await this.orm.call(
            "res.partner",
            this.props.openMethod,
            [[this.props.record.resId], section.code],
            figure ? { figure: figure.code } : {}
        );
        return this.action.doAction(action);
    }

    openDocument(section, row) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: section.model,
            res_id: row.id,
            views: [[false, "form"]],
        });
    }
}

export const dossierDocuments = {
    component: DossierDocuments,
    extractProps: ({ attrs }) => {
        const props = {};
        if (attrs.method) {
            props.method = attrs.method;
        }
        if (attrs.open_method) {
            props.openMethod = attrs.open_method;
        }
        if (attrs.latest) {
            props.latest = attrs.latest !== "0";
        }
        return props;
    },
    supportedAttributes: [
        { label: "Method", name: "method", type: "string" },
        { label: "Open method", name: "open_method", type: "string" },
        { label: "Latest documents", name: "latest", type: "string" },
    ],
};

registry.category("view_widgets").add("crm_dossier_documents", dossierDocuments);
