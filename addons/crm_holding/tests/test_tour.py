from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestBuildHoldingTour(HttpCase):
    def test_build_holding_tour(self):
        """A user builds a holding of two companies in the web client, opens
        its consolidated dossier and its tree."""
        env = self.env
        if not env.company.chart_template:
            env["account.chart.template"].try_loading(
                "generic_coa", company=env.company, install_demo=False
            )
        customer = env.ref("crm_counterparty.kind_customer")

        def company(name):
            return env["res.partner"].create(
                {
                    "name": name,
                    "is_company": True,
                    "counterparty_kind_ids": [Command.set(customer.ids)],
                }
            )

        holding = company("Tour Holding AD")
        members = company("Tour Foods OOD") | company("Tour Wines EOOD")
        product = env["product.product"].create(
            {"name": "Tour Crate", "list_price": 80, "taxes_id": [Command.clear()]}
        )
        for member in members:
            order = env["sale.order"].create(
                {
                    "partner_id": member.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "price_unit": 125.0,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
            )
            order.action_confirm()
            env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": member.id,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Crates", "price_unit": 125.0, "tax_ids": []}
                        )
                    ],
                }
            ).action_post()
        self.start_tour(
            f"/odoo/action-crm_counterparty.res_partner_action_customer/{holding.id}",
            "crm_holding_build_holding",
            login="admin",
        )
        memberships = holding.holding_member_membership_ids
        self.assertEqual(memberships.partner_id, members)
        self.assertEqual(
            memberships.sorted("ownership_pct").mapped("ownership_pct"), [40.0, 100.0]
        )
        self.assertEqual(members.holding_id, holding)
        self.assertEqual(holding.holding_id, holding)
        sections = {s["code"]: s for s in holding.get_holding_documents()}
        self.assertEqual(sections["sale"]["count"], 2)
        self.assertEqual(sections["customer_move"]["amount"], 250.0)
