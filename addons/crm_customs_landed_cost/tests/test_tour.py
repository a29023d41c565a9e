from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.crm_customs.tests.common import make_mrn


@tagged("post_install", "-at_install")
class TestLandedCostTour(HttpCase):
    def test_purchase_to_landed_cost_tour(self):
        """A user goes from a purchase order through its receipt to its
        accepted import declaration, releases it and finds its landed cost."""
        env = self.env
        company = env.company
        if not company.chart_template:
            env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        company.country_id = env.ref("base.bg")
        company.partner_id.eori = "BG175000003"
        Partner = env["res.partner"]
        office = Partner.create(
            {
                "name": "Tour Customs Office",
                "is_company": True,
                "country_id": env.ref("base.bg").id,
                "counterparty_kind_ids": [
                    Command.set(env.ref("crm_counterparty.kind_government_agency").ids)
                ],
                "agency_type": "customs_office",
                "agency_code": "BG004000",
            }
        )
        supplier = Partner.create(
            {
                "name": "Tour Supplier Ltd",
                "is_company": True,
                "country_id": env.ref("base.cn").id,
            }
        )
        category = env["product.category"].create(
            {
                "name": "Tour imports",
                "property_cost_method": "fifo",
                "property_valuation": "real_time",
            }
        )
        lamp = env["product.product"].create(
            {
                "name": "Tour Lamp",
                "is_storable": True,
                "categ_id": category.id,
                "hs_code": "9405.21.00",
            }
        )
        order = env["purchase.order"].create(
            {
                "partner_id": supplier.id,
                "order_line": [
                    Command.create(
                        {"product_id": lamp.id, "product_qty": 10, "price_unit": 20.0}
                    )
                ],
            }
        )
        order.button_confirm()
        receipt = order.picking_ids
        receipt.move_ids.quantity = 10
        receipt.button_validate()
        declaration = env["crm.customs.declaration"].create(
            {
                "direction": "import",
                "customs_office_id": office.id,
                "counterparty_id": supplier.id,
                "line_ids": [
                    Command.create(
                        {
                            "product_id": lamp.id,
                            "purchase_line_id": order.order_line.id,
                            "quantity": 10,
                            "invoice_value": 200.0,
                            "duty_rate": 10.0,
                            "vat_rate": 20.0,
                        }
                    )
                ],
            }
        )
        declaration.action_lodge()
        declaration.mrn = make_mrn(f"26BG004000T{declaration.id:06d}")
        declaration.action_accept()
        self.assertEqual(declaration.picking_ids, receipt)
        self.start_tour(
            f"/odoo/action-purchase.purchase_form_action/{order.id}",
            "crm_customs_landed_cost",
            login="admin",
        )
        self.assertEqual(declaration.state, "released")
        cost = declaration.landed_cost_ids
        self.assertEqual(len(cost), 1)
        self.assertAlmostEqual(cost.amount_total, 20.0, msg="10 % duty, no VAT")
