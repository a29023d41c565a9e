from odoo import api, fields, models


class CrmContract(models.Model):
    """The sale and purchase orders made under a contract."""

    _inherit = "crm.contract"  # pylint: disable=consider-merging-classes-inherited

    sale_order_ids = fields.One2many(
        "sale.order",
        "crm_contract_id",
        string="Sale Orders",
        groups="sales_team.group_sale_salesman",
    )
    sale_order_count = fields.Integer(
        compute="_compute_sale_order_count",
        groups="sales_team.group_sale_salesman",
    )
    purchase_order_ids = fields.One2many(
        "purchase.order",
        "crm_contract_id",
        string="Purchase Orders",
        groups="purchase.group_purchase_user",
    )
    purchase_order_count = fields.Integer(
        compute="_compute_purchase_order_count",
        groups="purchase.group_purchase_user",
    )

    def _count_orders(self, model):
        """``{contract: number of orders of model}`` in one grouped query."""
        return dict(
            self.env[model]._read_group(
                [("crm_contract_id", "in", self.ids)], ["crm_contract_id"], ["__count"]
            )
        )

    def _compute_sale_order_count(self):
        counts = self._count_orders("sale.order")
        for contract in self:
            contract.sale_order_count = counts.get(contract, 0)

    def _compute_purchase_order_count(self):
        counts = self._count_orders("purchase.order")
        for contract in self:
            contract.purchase_order_count = counts.get(contract, 0)

    @api.constrains("partner_id", "side")
    def _check_orders_partner(self):
        """Orders already made under a contract keep its partner and side."""
        contracts = self.sudo()
        contracts.sale_order_ids._check_crm_contract()
        contracts.purchase_order_ids._check_crm_contract()

    def _action_open_orders(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("crm_contract_id", "=", self.id)]
        action["context"] = {
            "default_crm_contract_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    def action_open_sale_orders(self):
        return self._action_open_orders("sale.action_orders")

    def action_open_purchase_orders(self):
        return self._action_open_orders("purchase.purchase_form_action")
