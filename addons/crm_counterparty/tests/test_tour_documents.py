from odoo import Command, fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestCustomerDocumentsTour(HttpCase):
    def test_customer_documents_tour(self):
        """A user opens a customer with two invoices and a payment and follows
        the Linked Documents cards to the documents."""
        env = self.env
        if not env.company.chart_template:
            env["account.chart.template"].try_loading(
                "generic_coa", company=env.company, install_demo=False
            )
        customer = env["res.partner"].create(
            {
                "name": "Tour Customer AD",
                "is_company": True,
                "counterparty_kind_ids": [
                    Command.set(env.ref("crm_counterparty.kind_customer").ids)
                ],
            }
        )
        invoices = env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "invoice_date": fields.Date.today(),
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Tour Chair", "price_unit": 80.0, "tax_ids": []}
                        )
                    ],
                }
                for _i in range(2)
            ]
        )
        invoices[1].action_post()
        payment = env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": customer.id,
                "amount": 80.0,
                "memo": "Tour payment",
            }
        )
        payment.action_post()
        self.start_tour(
            f"/odoo/action-crm_counterparty.res_partner_action_customer/{customer.id}",
            "crm_counterparty_customer_documents",
            login="admin",
        )
        counts = {s["code"]: s["count"] for s in customer.get_dossier_documents()}
        self.assertEqual((counts["customer_move"], counts["inbound_payment"]), (2, 1))
