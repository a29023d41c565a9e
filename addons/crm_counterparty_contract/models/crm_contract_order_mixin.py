from odoo import _, api, models
from odoo.exceptions import ValidationError


class CrmContractOrderMixin(models.AbstractModel):
    """An order made under a contract of its counterparty: sale orders under
    customer contracts, purchase orders under supplier contracts. The
    inheriting model defines ``crm_contract_id`` (its domain names the side)
    and ``crm_commercial_partner_id``."""

    _name = "crm.contract.order.mixin"
    _description = "Order Made Under a Contract"

    #: The contract side the orders of the inheriting model are made under.
    _crm_contract_side = "customer"

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
                        "not with %(partner)s, the counterparty of %(order)s.",
                        contract=contract.display_name,
                        contract_partner=contract.commercial_partner_id.display_name,
                        partner=partner.display_name,
                        order=order.display_name,
                    )
                )
            if contract.side != self._crm_contract_side:
                sides = dict(contract._fields["side"]._description_selection(self.env))
                raise ValidationError(
                    _(
                        "The contract %(contract)s is a %(side)s contract; %(order)s "
                        "can only be made under a %(expected)s contract.",
                        contract=contract.display_name,
                        side=sides[contract.side].lower(),
                        expected=sides[self._crm_contract_side].lower(),
                        order=order.display_name,
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
