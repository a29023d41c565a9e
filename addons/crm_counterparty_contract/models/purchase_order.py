from odoo import fields, models


class PurchaseOrder(models.Model):
    _name = "purchase.order"
    _inherit = ["purchase.order", "crm.contract.order.mixin"]
    _crm_contract_side = "supplier"

    crm_contract_id = fields.Many2one(
        "crm.contract",
        string="Contract",
        groups="base.group_user",
        index="btree_not_null",
        check_company=True,
        domain="[('commercial_partner_id', '=', crm_commercial_partner_id), "
        "('side', '=', 'supplier')]",
        help="The supplier contract this order is made under.",
    )
    crm_commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", string="Commercial Entity"
    )
