from odoo import fields, models


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

    def _compute_crm_customs_declaration_count(self):
        for picking in self:
            picking.crm_customs_declaration_count = len(
                picking.crm_customs_declaration_ids
            )

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
