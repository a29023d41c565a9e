from odoo import fields, models


class PurchaseOrder(models.Model):
    _name = "purchase.order"
    _inherit = ["purchase.order", "crm.customs.order.mixin"]

    _crm_customs_direction = "import"
    _crm_customs_confirmed_states = ("purchase", "done")
    _crm_customs_order_field = "purchase_order_ids"
    _crm_customs_line_field = "purchase_line_id"
    _crm_customs_quantity_field = "product_qty"

    crm_customs_declaration_ids = fields.Many2many(
        "crm.customs.declaration",
        "crm_customs_declaration_purchase_order_rel",
        "order_id",
        "declaration_id",
        string="Customs Declarations",
        copy=False,
        groups="crm_customs.group_customs_user",
    )

    def _get_crm_customs_incoterm(self):
        return self.incoterm_id or super()._get_crm_customs_incoterm()
