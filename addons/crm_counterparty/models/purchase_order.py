from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    crm_contract_id = fields.Many2one(
        "crm.contract",
        string="Contract",
        index="btree_not_null",
        check_company=True,
        domain="[('commercial_partner_id', '=', crm_commercial_partner_id), "
        "('side', '=', 'supplier')]",
        help="The supplier contract this order is made under.",
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
                        "not with %(partner)s, the vendor of %(order)s.",
                        contract=contract.display_name,
                        contract_partner=contract.commercial_partner_id.display_name,
                        partner=partner.display_name,
                        order=order.name,
                    )
                )
            if contract.side != "supplier":
                raise ValidationError(
                    _(
                        "The contract %(contract)s is a customer contract; the "
                        "purchase order %(order)s can only be made under a supplier "
                        "contract.",
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

    def button_approve(self, force=False):
        """A confirmed purchase makes the partner a supplier, as a vendor bill does."""
        res = super().button_approve(force=force)
        confirmed = self.filtered(lambda o: o.state in ("purchase", "done"))
        confirmed.partner_id.commercial_partner_id._increase_rank("supplier_rank")
        return res
