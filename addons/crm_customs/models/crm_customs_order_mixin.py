from odoo import _, fields, models
from odoo.exceptions import UserError


class CrmCustomsOrderMixin(models.AbstractModel):
    """What purchase and sale orders share towards customs: the counter of
    their declarations and the declaration made from their goods.

    The inheriting order model sets the class attributes below and has a
    Many2many ``crm_customs_declaration_ids`` on the declaration's relation
    table; ``_get_crm_customs_incoterm`` may be overridden.
    """

    _name = "crm.customs.order.mixin"
    _description = "Order Declared to Customs"

    #: Direction of the declaration made from the order.
    _crm_customs_direction = None
    #: States in which the order's goods can be declared.
    _crm_customs_confirmed_states = ()
    #: Fields of the declaration and of its lines that link to the order.
    _crm_customs_order_field = None
    _crm_customs_line_field = None
    #: Field of the order line holding its quantity.
    _crm_customs_quantity_field = None

    crm_customs_declaration_count = fields.Integer(
        "Customs Declaration Count",
        compute="_compute_crm_customs_declaration_count",
    )

    def _compute_crm_customs_declaration_count(self):
        Declaration = self.env["crm.customs.declaration"]
        counts = {}
        if Declaration.has_access("read"):
            counts = dict(
                Declaration._read_group(
                    [(self._crm_customs_order_field, "in", self._origin.ids)],
                    [self._crm_customs_order_field],
                    ["__count"],
                )
            )
        for order in self:
            order.crm_customs_declaration_count = counts.get(order._origin, 0)

    def action_create_crm_customs_declaration(self):
        """A declaration of the order's goods, opened as a draft."""
        self.ensure_one()
        if self.state not in self._crm_customs_confirmed_states:
            raise UserError(
                _(
                    "Confirm the order %(order)s before declaring its goods to "
                    "customs.",
                    order=self.name,
                )
            )
        declaration = self.env["crm.customs.declaration"].create(
            self._prepare_crm_customs_declaration_vals()
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.customs.declaration",
            "res_id": declaration.id,
            "view_mode": "form",
        }

    def action_open_crm_customs_declarations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_customs.crm_customs_declaration_action"
        )
        action["domain"] = [("id", "in", self.crm_customs_declaration_ids.ids)]
        action["context"] = {"create": False}
        return action

    def _get_crm_customs_incoterm(self):
        """The incoterm of the declaration: the company's by default."""
        self.ensure_one()
        return self.company_id.incoterm_id

    def _prepare_crm_customs_declaration_vals(self):
        """Values of the declaration of this order, its lines included (created
        with it in one batch). Override to add fields."""
        self.ensure_one()
        goods = self.order_line.filtered(
            lambda line: not line.display_type and line.product_id.type != "service"
        )
        return {
            "direction": self._crm_customs_direction,
            "company_id": self.company_id.id,
            "counterparty_id": self.partner_id.commercial_partner_id.id,
            "currency_id": self.currency_id.id,
            "incoterm_id": self._get_crm_customs_incoterm().id,
            self._crm_customs_order_field: [fields.Command.link(self.id)],
            "line_ids": [
                fields.Command.create(
                    self._prepare_crm_customs_declaration_line_vals(line)
                )
                for line in goods
            ],
        }

    def _prepare_crm_customs_declaration_line_vals(self, line):
        """Values of the declaration line of the order line ``line``."""
        return {
            "sequence": line.sequence,
            "product_id": line.product_id.id,
            "name": (line.name or line.product_id.display_name or "").split("\n")[0],
            "quantity": line[self._crm_customs_quantity_field],
            "uom_id": line.product_uom.id,
            "invoice_value": line.price_subtotal,
            self._crm_customs_line_field: line.id,
        }
