from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    crm_contract_id = fields.Many2one(
        "crm.contract",
        string="Contract",
        index="btree_not_null",
        check_company=True,
        domain="[('commercial_partner_id', '=', crm_commercial_partner_id), "
        "('side', '=', 'customer')]",
        help="The customer contract this order is made under.",
    )
    crm_commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", string="Commercial Entity"
    )

    @api.constrains("crm_contract_id", "partner_id")
    def _check_crm_contract(self):
        for order in self:
            contract = order.sudo().crm_contract_id
            if not contract:
                continue
            partner = order.partner_id.commercial_partner_id
            if contract.commercial_partner_id != partner:
                raise ValidationError(
                    _(
                        "The contract %(contract)s is with %(contract_partner)s, "
                        "not with %(partner)s, the customer of %(order)s.",
                        contract=contract.display_name,
                        contract_partner=contract.commercial_partner_id.display_name,
                        partner=partner.display_name,
                        order=order.name,
                    )
                )
            if contract.side != "customer":
                raise ValidationError(
                    _(
                        "The contract %(contract)s is a supplier contract; the sale "
                        "order %(order)s can only be made under a customer contract.",
                        contract=contract.display_name,
                        order=order.name,
                    )
                )

    @api.onchange("partner_id")
    def _onchange_partner_id_crm_contract(self):
        """Another counterparty cannot keep the contract of the previous one."""
        contract = self.sudo().crm_contract_id
        if (
            contract
            and contract.commercial_partner_id != self.crm_commercial_partner_id
        ):
            self.crm_contract_id = False

    def _action_confirm(self):
        """A confirmed sale makes the partner a customer, as a posted invoice does."""
        res = super()._action_confirm()
        self.partner_id.commercial_partner_id._increase_rank("customer_rank")
        return res
