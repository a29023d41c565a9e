from odoo import fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "crm.customs.order.mixin"]

    _crm_customs_direction = "export"
    _crm_customs_confirmed_states = ("sale",)
    _crm_customs_order_field = "sale_order_ids"
    _crm_customs_line_field = "sale_line_id"
    _crm_customs_quantity_field = "product_uom_qty"

    crm_customs_declaration_ids = fields.Many2many(
        "crm.customs.declaration",
        "crm_customs_declaration_sale_order_rel",
        "order_id",
        "declaration_id",
        string="Customs Declarations",
        copy=False,
        groups="crm_customs.group_customs_user",
    )

    def _get_crm_customs_incoterm(self):
        """The order's incoterm comes with sale_stock."""
        incoterm = self["incoterm"] if "incoterm" in self._fields else None
        return incoterm or super()._get_crm_customs_incoterm()
