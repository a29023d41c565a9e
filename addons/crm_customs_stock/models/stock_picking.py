from odoo import Command, api, fields, models

#: The transfer's side of the relation of declarations and transfers.
DECLARATIONS_FIELD = "crm_customs_declaration_ids"


class StockPicking(models.Model):
    _inherit = "stock.picking"

    crm_customs_declaration_ids = fields.Many2many(
        "crm.customs.declaration",
        "crm_customs_declaration_picking_rel",
        "picking_id",
        "declaration_id",
        string="Customs Declarations",
        copy=False,
        groups="crm_customs.group_customs_user",
    )
    crm_customs_declaration_count = fields.Integer(
        compute="_compute_crm_customs_declaration_count",
        groups="crm_customs.group_customs_user",
    )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        default = None
        declarations = []
        for vals in vals_list:
            value = vals.pop(DECLARATIONS_FIELD, None)
            if value is None:
                # The context's defaults link too, as a form or an RPC caller
                # sends them.
                if default is None:
                    default = self.default_get([DECLARATIONS_FIELD]).get(
                        DECLARATIONS_FIELD, False
                    )
                value = default
            if value:
                # Nothing by the ORM: neither the value nor a default.
                vals[DECLARATIONS_FIELD] = []
            declarations.append(value)
        pickings = super().create(vals_list)
        for picking, value in zip(pickings, declarations, strict=True):
            if value:
                picking._write_crm_customs_declarations(value)
        return pickings

    def write(self, vals):
        if DECLARATIONS_FIELD not in vals:
            return super().write(vals)
        vals = dict(vals)
        value = vals.pop(DECLARATIONS_FIELD)
        self._write_crm_customs_declarations(value)
        return super().write(vals)

    def _compute_crm_customs_declaration_count(self):
        for picking in self:
            picking.crm_customs_declaration_count = len(
                picking.crm_customs_declaration_ids
            )

    def _write_crm_customs_declarations(self, value):
        """Write ``value`` to the declarations of these transfers through the
        declarations' own write of their transfers (``picking_ids``): a link
        made from the transfer passes every check of a link made from the
        declaration (its rights and record rules, its lock, the kind and
        company of the transfer), before anything is written."""
        if not self:
            return
        self.check_access("write")
        self.check_field_access_rights("write", [DECLARATIONS_FIELD])
        Declaration = self.env["crm.customs.declaration"]
        if isinstance(value, models.BaseModel):
            value = [Command.set(value.ids)]
        elif isinstance(value, tuple) or (
            isinstance(value, list) and value and not isinstance(value[0], list | tuple)
        ):
            value = [Command.set(list(value))]
        elif not value:
            value = [Command.clear()]
        links = [Command.link(picking.id) for picking in self]
        for command in value:
            if not isinstance(command, list | tuple) or not command:
                continue
            operation = command[0]
            if operation == Command.CREATE:
                Declaration.create(dict(command[2], picking_ids=links))
            elif operation == Command.UPDATE:
                Declaration.browse(command[1]).write(command[2])
            elif operation == Command.DELETE:
                Declaration.browse(command[1]).unlink()
            elif operation == Command.LINK:
                Declaration.browse(command[1]).write({"picking_ids": links})
            elif operation == Command.UNLINK:
                Declaration.browse(command[1]).write(
                    {"picking_ids": [Command.unlink(picking.id) for picking in self]}
                )
            elif operation in (Command.CLEAR, Command.SET):
                wanted = set(command[2]) if operation == Command.SET else set()
                self.invalidate_recordset([DECLARATIONS_FIELD])
                for picking in self:
                    linked = set(picking[DECLARATIONS_FIELD].ids)
                    for declaration_id in linked - wanted:
                        Declaration.browse(declaration_id).write(
                            {"picking_ids": [Command.unlink(picking.id)]}
                        )
                    for declaration_id in wanted - linked:
                        Declaration.browse(declaration_id).write(
                            {"picking_ids": [Command.link(picking.id)]}
                        )
        self.invalidate_recordset([DECLARATIONS_FIELD])

    def action_open_crm_customs_declarations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_customs.crm_customs_declaration_action"
        )
        declarations = self.crm_customs_declaration_ids
        if len(declarations) == 1:
            action.update(views=[(False, "form")], res_id=declarations.id)
        else:
            action["domain"] = [("id", "in", declarations.ids)]
        return action
