import { Component, useState } from "@odoo/owl";
import { ConfirmationDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { makeContext } from "@web/core/context";
import { deserializeDate, deserializeDateTime } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { evaluateExpr } from "@web/core/py_js/py";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { useRecordObserver } from "@web/model/relational_model/utils";
import { FormViewDialog } from "@web/views/view_dialogs/form_view_dialog";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

const formatters = registry.category("formatters");
// {model: Promise of {create, unlink}}: the user's rights, asked once.
const rights = new Map();

/**
 * A list of a dossier tab, read when its tab is shown instead of with the
 * form: the records of an x2many field of the partner, with the given
 * columns of the related model (those the user may read). A click opens the
 * record. With ``editable="1"`` (one2many fields), records are added, edited
 * and removed in a dialog, saved at once (as in the list behind a smart
 * button), and the list is read again; ``context`` gives the new records'
 * defaults besides the partner, ``create="0"`` allows editing only.
 *
 *     <widget name="crm_dossier_list" field="meeting_ids" columns="name,start,user_id"/>
 *     <widget name="crm_dossier_list" field="holding_sibling_ids" columns="name,city"
 *             title="Sister Companies" hide_empty="1"/>
 *     <widget name="crm_dossier_list" field="document_attachment_ids" editable="1"
 *             columns="name,create_date" context="{'default_res_model': 'res.partner'}"/>
 */
export class DossierList extends Component {
    static template = "crm_counterparty.DossierList";
    static props = {
        ...standardWidgetProps,
        field: String,
        columns: { type: Array, element: String },
        title: { type: String, optional: true },
        hideEmpty: { type: Boolean, optional: true },
        editable: { type: Boolean, optional: true },
        canCreate: { type: Boolean, optional: true },
        context: { type: String, optional: true },
        limit: { type: Number, optional: true },
    };
    static defaultProps = { hideEmpty: false, editable: false, canCreate: true, limit: 40 };

    setup() {
        this.orm = useService("orm");
        this.fieldService = useService("field");
        this.action = useService("action");
        this.dialog = useService("dialog");
        this.state = useState({ columns: [], rows: [], total: 0, loaded: false });
        this.rights = { create: false, unlink: false };
        // Read when shown, and again when another record is shown or the
        // record is read again from the server (after a save): its server
        // values change, not while the user edits it.
        useRecordObserver((record) => {
            if (!this.state.loaded || record.resId !== this.resId || record._values !== this.values) {
                return this.load(record);
            }
        });
    }

    async load(record) {
        this.resId = record.resId;
        this.values = record._values;
        if (!record.resId) {
            Object.assign(this.state, { rows: [], total: 0, loaded: true });
            return;
        }
        const { field, limit } = this.props;
        const owner = await this.fieldService.loadFields(record.resModel, {
            fieldNames: [field],
            attributes: ["relation", "relation_field", "string"],
        });
        this.relation = owner[field].relation;
        this.inverse = owner[field].relation_field;
        this.fieldString = owner[field].string;
        if (this.props.editable) {
            this.rights = await this.loadRights(this.relation);
        }
        const defs = await this.fieldService.loadFields(this.relation, {
            fieldNames: this.props.columns,
            attributes: ["type", "string", "selection", "digits"],
        });
        const columns = this.props.columns
            .filter((name) => defs[name])
            .map((name) => ({ name, ...defs[name] }));
        const fields = Object.fromEntries(
            columns.map((col) => [
                col.name,
                col.type === "many2one" ? { fields: { display_name: {} } } : {},
            ])
        );
        const [values] = await this.orm.webRead(record.resModel, [record.resId], {
            specification: { [field]: { fields, limit } },
        });
        const records = values[field] || [];
        Object.assign(this.state, {
            columns,
            rows: records.filter((row) => Object.keys(row).length > 1),
            total: records.length,
            loaded: true,
        });
    }

    /** Whether the user may add and remove records: Odoo's access rights. */
    loadRights(model) {
        if (!rights.has(model)) {
            const ask = (operation) => this.orm.call(model, "has_access", [[], operation]);
            rights.set(
                model,
                Promise.all([ask("create"), ask("unlink")]).then(([create, unlink]) => ({
                    create,
                    unlink,
                }))
            );
        }
        return rights.get(model);
    }

    format(row, column) {
        const value = row[column.name];
        if (value === false || value === null || value === undefined) {
            return ""; // Odoo's empty value, whatever the type
        }
        switch (column.type) {
            case "many2one":
                return value.display_name;
            case "date":
                return formatters.get("date")(deserializeDate(value));
            case "datetime":
                return formatters.get("datetime")(deserializeDateTime(value));
            case "boolean":
                return "✓";
            case "properties":
                return value
                    .filter((prop) => prop.value || prop.value === 0)
                    .map((prop) => `${prop.string}: ${this.formatProperty(prop.value)}`)
                    .join(", ");
            case "selection":
                return formatters.get("selection")(value, { selection: column.selection });
            case "float":
            case "monetary":
                return formatters.get("float")(value, { digits: column.digits });
            default:
                return formatters.contains(column.type)
                    ? formatters.get(column.type)(value)
                    : String(value);
        }
    }

    /** A property's value: many2one [id, name], many2many [[id, name]], tags. */
    formatProperty(value) {
        if (Array.isArray(value)) {
            if (value.length === 2 && typeof value[0] === "number" && typeof value[1] === "string") {
                return value[1];
            }
            return value.map((item) => (Array.isArray(item) ? item[1] : item)).join(", ");
        }
        if (value === true) {
            return "✓";
        }
        return typeof value === "object" ? value.display_name || "" : String(value);
    }

    isNumber(column) {
        return ["integer", "float", "monetary"].includes(column.type);
    }

    get canEdit() {
        return this.props.editable && Boolean(this.inverse) && !this.props.readonly;
    }

    get canAdd() {
        return (
            this.canEdit &&
            this.props.canCreate &&
            this.rights.create &&
            Boolean(this.props.record.resId)
        );
    }

    get canRemove() {
        return this.canEdit && this.props.canCreate && this.rights.unlink;
    }

    /** The record in a dialog (a new one without ``row``), saved at once. */
    openDialog(row = null) {
        const record = this.props.record;
        const context = makeContext([
            { [`default_${this.inverse}`]: record.resId },
            this.props.context ? evaluateExpr(this.props.context, record.evalContext) : {},
        ]);
        this.dialog.add(FormViewDialog, {
            resModel: this.relation,
            resId: row ? row.id : false,
            context,
            title: this.fieldString,
            onRecordSaved: () => this.afterChange(),
        });
    }

    /**
     * After a record of the list was saved or removed: the partner is read
     * again, so that what it computes from the list (its holding, counts)
     * follows, unless it has unsaved changes of its own (then at its save).
     */
    async afterChange() {
        const record = this.props.record;
        if (!(await record.isDirty())) {
            await record.load();
        }
        return this.load(record);
    }

    remove(row) {
        this.dialog.add(ConfirmationDialog, {
            body: _t("Remove this line for good?"),
            confirm: async () => {
                await this.orm.unlink(this.relation, [row.id]);
                await this.afterChange();
            },
            cancel: () => {},
        });
    }

    openRecord(row) {
        if (this.canEdit) {
            return this.openDialog(row);
        }
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: this.relation,
            res_id: row.id,
            views: [[false, "form"]],
        });
    }
}

export const dossierList = {
    component: DossierList,
    extractProps: ({ attrs }) => {
        const props = {
            field: attrs.field,
            columns: attrs.columns.split(",").map((name) => name.trim()),
            hideEmpty: Boolean(attrs.hide_empty && attrs.hide_empty !== "0"),
            editable: Boolean(attrs.editable && attrs.editable !== "0"),
            canCreate: attrs.create !== "0",
        };
        if (attrs.context) {
            props.context = attrs.context;
        }
        if (attrs.title) {
            props.title = attrs.title;
        }
        if (attrs.limit) {
            props.limit = parseInt(attrs.limit);
        }
        return props;
    },
    supportedAttributes: [
        { label: "Field", name: "field", type: "string" },
        { label: "Columns", name: "columns", type: "string" },
        { label: "Title", name: "title", type: "string" },
        { label: "Hide when empty", name: "hide_empty", type: "boolean" },
        { label: "Edited in a dialog", name: "editable", type: "boolean" },
        { label: "Records can be added", name: "create", type: "boolean" },
        { label: "Defaults of new records", name: "context", type: "string" },
        { label: "Limit", name: "limit", type: "string" },
    ],
};

registry.category("view_widgets").add("crm_dossier_list", dossierList);
