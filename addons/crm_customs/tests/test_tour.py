from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestImportDeclarationTour(HttpCase):
    def test_import_declaration_tour(self):
        """A user declares a purchase order's goods, releases them and opens
        the duty bill, in the web client."""
        company = self.env.company
        if not company.chart_template:
            self.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        company.country_id = self.env.ref("base.bg")
        company.partner_id.eori = "BG175000003"
        office = self.env["res.partner"].create(
            {
                "name": "Tour Customs Office",
                "is_company": True,
                "country_id": self.env.ref("base.bg").id,
                "counterparty_kind_ids": [
                    Command.set(
                        self.env.ref("crm_counterparty.kind_government_agency").ids
                    )
                ],
                "agency_type": "customs_office",
                "agency_code": "BG009000",
            }
        )
        supplier = self.env["res.partner"].create(
            {"name": "Tour Electronics Ltd", "is_company": True}
        )
        product = self.env["product.product"].create(
            {"name": "Tour Laptop", "type": "consu", "hs_code": "84713000"}
        )
        order = self.env["purchase.order"].create(
            {
                "partner_id": supplier.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": 5,
                            "price_unit": 400.0,
                            "taxes_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.button_confirm()

        self.start_tour(
            f"/odoo/action-purchase.purchase_form_action/{order.id}",
            "crm_customs_import_declaration",
            login="admin",
        )

        declaration = order.crm_customs_declaration_ids
        self.assertEqual(len(declaration), 1, "The tour declares the order once")
        self.assertEqual(declaration.state, "released")
        self.assertEqual(declaration.mrn, "26BG009000T0000010")
        self.assertEqual(declaration.customs_office_id, office)
        self.assertEqual(declaration.line_ids.hs_code, "84713000")
        bill = self.env["account.move"].search(
            [("crm_customs_declaration_id", "=", declaration.id)]
        )
        self.assertEqual(len(bill), 1, "One duty bill")
        self.assertEqual(bill.partner_id, office)
        # Customs value 2000, duty 10 %: 200, import VAT 20 % of 2200: 440.
        self.assertEqual(bill.invoice_line_ids.mapped("price_unit"), [200.0, 440.0])
