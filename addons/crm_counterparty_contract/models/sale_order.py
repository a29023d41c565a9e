from odoo import fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "crm.contract.order.mixin"]
    _crm_contract_side = "customer"

    crm_contract_id = fields.Many2one(
        "crm.contract",
        string="Contract",
        groups="base.group_user",
        index="btree_not_null",
        check_company=True,
        domain="[('commercial_partner_id', '=', crm_commercial_partner_id), "
        "('side', '=', 'customer')]",
        help="The customer contract this order is made under.",
    )
    crm_commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", string="Commercial Entity"
    )
