from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError

#: The kind of transfer each direction's goods travel in.
PICKING_TYPE_CODES = {"import": "incoming", "export": "outgoing"}


class CrmCustomsDeclaration(models.Model):
    """Imports link to the receipts of their goods, exports to the
    deliveries."""

    _inherit = "crm.customs.declaration"

    picking_ids = fields.Many2many(
        "stock.picking",
        "crm_customs_declaration_picking_rel",
        "declaration_id",
        "picking_id",
        string="Transfers",
        compute="_compute_picking_ids",
        store=True,
        readonly=False,
        check_company=True,
        groups="stock.group_stock_user",
        domain="[('picking_type_code', '=', picking_type_code), "
        "('company_id', '=', company_id)]",
        help="Receipts of an import's goods, deliveries of an export's: by "
        "default those of the order lines of its goods.",
    )
    picking_type_code = fields.Char(compute="_compute_picking_type_code")
    picking_count = fields.Integer(
        compute="_compute_picking_count", groups="stock.group_stock_user"
    )

    @api.depends("line_ids.purchase_line_id", "line_ids.sale_line_id", "direction")
    def _compute_picking_ids(self):
        for declaration in self:
            code = PICKING_TYPE_CODES.get(declaration.direction)
            moves = self.env["stock.move"]
            for line in declaration.line_ids:
                for order_line in (line.purchase_line_id, line.sale_line_id):
                    if order_line and "move_ids" in order_line._fields:
                        moves |= order_line.move_ids
            pickings = moves.picking_id.filtered(
                lambda p, c=code: p.picking_type_code == c and p.state != "cancel"
            )
            declaration.picking_ids = declaration.picking_ids | pickings

    @api.depends("direction")
    def _compute_picking_type_code(self):
        for declaration in self:
            declaration.picking_type_code = PICKING_TYPE_CODES.get(
                declaration.direction, ""
            )

    @api.depends("picking_ids")
    def _compute_picking_count(self):
        for declaration in self:
            declaration.picking_count = len(declaration.picking_ids)

    @api.constrains("picking_ids", "direction")
    def _check_picking_ids(self):
        for declaration in self:
            declaration._check_pickings_allowed(declaration.picking_ids)

    def write(self, vals):
        # A new direction or company is checked by the constraints only.
        if "picking_ids" in vals and not {"direction", "company_id"} & set(vals):
            # Who may not write the declaration learns nothing of it.
            self.check_access("write")
            added = self._get_pickings_added(vals["picking_ids"])
            for declaration in self:
                declaration._check_pickings_allowed(added)
        return super().write(vals)

    def _get_pickings_added(self, value):
        """The existing transfers that ``value``, written to ``picking_ids``,
        links: checked before anything is written (the constraints check
        the result again)."""
        if isinstance(value, models.BaseModel):
            return value
        if isinstance(value, tuple) or (
            isinstance(value, list) and value and not isinstance(value[0], list | tuple)
        ):
            return self.env["stock.picking"].browse(value)
        ids = []
        for command in value or ():
            if isinstance(command, list | tuple) and command:
                if command[0] == Command.LINK:
                    ids.append(command[1])
                elif command[0] == Command.SET:
                    ids.extend(command[2])
        return self.env["stock.picking"].browse(ids)

    def _check_pickings_allowed(self, pickings):
        """Refuse among ``pickings`` a transfer of the wrong kind for this
        declaration, or of another company."""
        self.ensure_one()
        code = PICKING_TYPE_CODES.get(self.direction)
        wrong = pickings.filtered(lambda p, c=code: p.picking_type_code != c)
        if wrong:
            raise ValidationError(
                _(
                    "The transfer %(picking)s is no %(kind)s: the %(direction)s "
                    "declaration %(declaration)s links only to those.",
                    picking=wrong[0].name,
                    kind=_("receipt") if code == "incoming" else _("delivery"),
                    direction=self.direction,
                    declaration=self.name,
                )
            )
        other = pickings.filtered(lambda p: p.company_id != self.company_id)
        if other:
            raise ValidationError(
                _(
                    "The transfer %(picking)s is of %(company)s: the declaration "
                    "%(declaration)s links only to the transfers of %(own)s.",
                    picking=other[0].name,
                    company=other[0].company_id.name,
                    declaration=self.name,
                    own=self.company_id.name,
                )
            )

    def action_open_pickings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action["domain"] = [("id", "in", self.picking_ids.ids)]
        action["context"] = {"create": False}
        return action
