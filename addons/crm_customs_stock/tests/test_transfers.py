from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.crm_customs.tests.common import CustomsCase


@tagged("post_install", "-at_install")
class TestDeclarationTransfers(CustomsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock = cls.env.ref("stock.stock_location_stock")
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.suppliers = cls.env.ref("stock.stock_location_suppliers")

    def _picking(self, code, partner):
        src, dest = (
            (self.suppliers, self.stock)
            if code == "incoming"
            else (self.stock, self.customers)
        )
        picking_type = self.env["stock.picking.type"].search(
            [("code", "=", code), ("company_id", "=", self.company.id)], limit=1
        )
        return self.env["stock.picking"].create(
            {
                "partner_id": partner.id,
                "picking_type_id": picking_type.id,
                "location_id": src.id,
                "location_dest_id": dest.id,
            }
        )

    def test_links_both_ways(self):
        """An import links to receipts, an export to deliveries; each transfer
        opens its declarations."""
        receipt = self._picking("incoming", self.supplier)
        delivery = self._picking("outgoing", self.customer)
        declaration = self._declaration()
        declaration.picking_ids = receipt
        export = self._declaration(direction="export", counterparty_id=self.customer.id)
        export.picking_ids = delivery
        self.assertEqual(receipt.crm_customs_declaration_ids, declaration)
        self.assertEqual(delivery.crm_customs_declaration_ids, export)
        self.assertEqual(declaration.picking_count, 1)
        action = receipt.action_open_crm_customs_declarations()
        self.assertEqual(action["res_id"], declaration.id, "one: its form")
        action = declaration.action_open_pickings()
        self.assertEqual(self.env["stock.picking"].search(action["domain"]), receipt)

    def test_wrong_kind_of_transfer_refused(self):
        """A delivery on an import, or a receipt on an export, is refused,
        naming the transfer, and not linked."""
        delivery = self._picking("outgoing", self.customer)
        declaration = self._declaration()
        with self.assertRefused(ValidationError, delivery.name):
            with self.env.cr.savepoint():
                declaration.picking_ids = delivery
        declaration.invalidate_recordset()
        self.assertFalse(declaration.picking_ids)

    def test_receipts_of_the_order_lines(self):
        """An import made of purchase order lines links to their receipts by
        default."""
        product = self.env["product.product"].create(
            {"name": "Crate", "is_storable": True, "hs_code": "4415.10.10"}
        )
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.supplier.id,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_qty": 4, "price_unit": 9.0}
                    )
                ],
            }
        )
        order.button_confirm()
        declaration = self._declaration(
            line_ids=[
                Command.create(
                    {
                        "product_id": product.id,
                        "purchase_line_id": order.order_line.id,
                        "quantity": 4,
                        "invoice_value": 36.0,
                    }
                )
            ]
        )
        self.assertEqual(declaration.picking_ids, order.picking_ids)
        self.assertEqual(declaration.picking_ids.picking_type_code, "incoming")
