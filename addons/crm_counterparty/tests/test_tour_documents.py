from odoo import Command, fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestCustomerDocumentsTour(HttpCase):
    def test_customer_documents_tour(self):
        """A user opens a customer with an offer, a sale and a contract and
        follows the Linked Documents cards to the documents."""
        env = self.env
        customer = env["res.partner"].create(
            {
                "name": "Tour Customer AD",
                "is_company": True,
                "counterparty_kind_ids": [
                    Command.set(env.ref("crm_counterparty.kind_customer").ids)
                ],
            }
        )
        product = env["product.product"].create(
            {"name": "Tour Chair", "list_price": 80}
        )
        orders = env["sale.order"].create(
            [
                {
                    "partner_id": customer.id,
                    "order_line": [Command.create({"product_id": product.id})],
                }
                for _i in range(2)
            ]
        )
        orders[1].action_confirm()
        contract = env["crm.contract"].create(
            {
                "title": "Tour Framework Agreement",
                "partner_id": customer.id,
                "side": "customer",
                "date_start": fields.Date.today(),
                "amount": 12000,
            }
        )
        contract.action_activate()
        self.start_tour(
            f"/odoo/action-crm_counterparty.res_partner_action_customer/{customer.id}",
            "crm_counterparty_customer_documents",
            login="admin",
        )
        counts = {s["code"]: s["count"] for s in customer.get_dossier_documents()}
        self.assertEqual((counts["offer"], counts["sale"]), (1, 1))
        self.assertEqual(counts["contract"], 1)
