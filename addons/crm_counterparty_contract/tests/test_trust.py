"""What an ordinary login could get past on contracts over RPC, each tried
as the weakest role that could (issue: trust, second round)."""

from datetime import date

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.crm_counterparty.tests.common import CounterpartyCase
from odoo.addons.crm_counterparty.tests.rpc import RpcMixin


@tagged("post_install", "-at_install")
class TestContractTrust(RpcMixin, CounterpartyCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_partner.counterparty_kind_ids = [Command.set(cls.kind_customer.ids)]
        cls.contract = cls.env["crm.contract"].create(
            {
                "title": "Framework supply 2027",
                "partner_id": cls.company_partner.id,
                "side": "customer",
                "date_start": date(2027, 1, 1),
                "date_end": date(2027, 12, 31),
                "amount": 24000.0,
            }
        )
        cls.cp_user.password = cls.cp_user.login

    def test_contract_stays_in_its_company(self):
        """A Counterparties user writing a contract's company to one he does
        not work in is refused; the contract stays where it was."""
        other = self.env["res.company"].create({"name": "Elsewhere EAD"})
        message = self.assertRpcRefused(
            self.cp_user,
            "crm.contract",
            "write",
            self.contract.ids,
            {"company_id": other.id},
            error="AccessError",
        )
        self.assertIn(f"company id {other.id}", message)
        self.assertEqual(self.contract.company_id, self.env.company)

    def test_portal_user_reads_no_contract_of_his_order(self):
        """A portal customer reads his order but not the contract it is made
        under."""
        portal = new_test_user(
            self.env,
            login="trust_contract_portal",
            password="trust_contract_portal",
            groups="base.group_portal",
        )
        portal.partner_id.parent_id = self.company_partner
        product = self.env["product.product"].create({"name": "Crate"})
        order = self.env["sale.order"].create(
            {
                "partner_id": portal.partner_id.id,
                "crm_contract_id": self.contract.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        order.message_subscribe(portal.partner_id.ids)
        [row], error = self.rpc(portal, "sale.order", "read", order.ids, ["name"])
        self.assertIsNone(error, "the portal user reads his own order")
        self.assertEqual(row["name"], order.name)
        self.assertRpcRefused(
            portal,
            "sale.order",
            "read",
            order.ids,
            ["crm_contract_id"],
            error="AccessError",
        )
