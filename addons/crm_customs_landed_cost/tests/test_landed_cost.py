from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_customs.tests.common import CustomsCase


@tagged("post_install", "-at_install")
class TestCustomsLandedCost(CustomsCase):
    """Duties and excise of a released import land on the goods of each
    declaration line, and only on them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        category = cls.env["product.category"].create(
            {
                "name": "Imported goods",
                "property_cost_method": "fifo",
                "property_valuation": "real_time",
            }
        )
        cls.lamp, cls.chair = cls.env["product.product"].create(
            [
                {
                    "name": name,
                    "is_storable": True,
                    "categ_id": category.id,
                    "hs_code": hs_code,
                    "standard_price": 0.0,
                }
                for name, hs_code in (
                    ("Desk lamp", "9405.21.00"),
                    ("Office chair", "9401.31.00"),
                )
            ]
        )

    def _receive(self, quantities):
        """A confirmed purchase of ``{product: (quantity, price)}`` from the
        supplier and its receipt, done."""
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.supplier.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": qty,
                            "price_unit": price,
                            "taxes_id": [Command.clear()],
                        }
                    )
                    for product, (qty, price) in quantities.items()
                ],
            }
        )
        order.button_confirm()
        receipt = order.picking_ids
        for move in receipt.move_ids:
            move.quantity = move.product_uom_qty
        receipt.button_validate()
        self.assertEqual(receipt.state, "done")
        return order, receipt

    def _import(self, order_lines, rates):
        """A released import declaration of ``order_lines``, each at its
        order value with the duty rate of ``rates`` (by product), 20 % import
        VAT and, for the chair, 30 of excise."""
        declaration = self.Declaration.create(
            {
                "direction": "import",
                "customs_office_id": self.office.id,
                "counterparty_id": self.supplier.id,
                "line_ids": [
                    Command.create(
                        {
                            "product_id": line.product_id.id,
                            "purchase_line_id": line.id,
                            "quantity": line.product_qty,
                            "invoice_value": line.price_subtotal,
                            "duty_rate": rates[line.product_id],
                            "excise_amount": 30.0
                            if line.product_id == self.chair
                            else 0.0,
                            "vat_rate": 20.0,
                        }
                    )
                    for line in order_lines
                ],
            }
        )
        self._accept(declaration)
        declaration.action_release()
        return declaration

    def _value(self, product):
        return sum(
            self.env["stock.valuation.layer"]
            .search([("product_id", "=", product.id)])
            .mapped("value")
        )

    def test_each_product_raised_by_its_own_duty(self):
        """Two products at different duty rates on one receipt: each one's
        valuation rises by its own duty (and excise), not by a share of the
        whole; import VAT stays out."""
        order, receipt = self._receive({self.lamp: (10, 20.0), self.chair: (5, 100.0)})
        declaration = self._import(order.order_line, {self.lamp: 10.0, self.chair: 4.0})
        self.assertEqual(declaration.picking_ids, receipt)
        lamp_duty, chair_charges = 20.0, 500.0 * 0.04 + 30.0
        cost = declaration.landed_cost_ids
        self.assertEqual(len(cost), 1)
        self.assertEqual(cost.state, "draft")
        self.assertEqual(cost.vendor_bill_id, declaration.duty_bill_id)
        self.assertEqual(cost.picking_ids, receipt)
        self.assertEqual(
            sorted(cost.cost_lines.mapped("price_unit")), [lamp_duty, chair_charges]
        )
        self.assertAlmostEqual(cost.amount_total, lamp_duty + chair_charges)
        self.assertLess(
            cost.amount_total, declaration.amount_charges, "import VAT is no cost"
        )
        by_product = {
            product: sum(
                cost.valuation_adjustment_lines.filtered(
                    lambda a, p=product: a.product_id == p
                ).mapped("additional_landed_cost")
            )
            for product in (self.lamp, self.chair)
        }
        self.assertEqual(by_product, {self.lamp: lamp_duty, self.chair: chair_charges})
        self.assertEqual(declaration.action_open_landed_costs()["res_id"], cost.id)
        cost.compute_landed_cost()  # a user's recompute keeps the targeting
        self.assertAlmostEqual(
            sum(
                cost.valuation_adjustment_lines.filtered(
                    lambda a: a.product_id == self.lamp
                ).mapped("additional_landed_cost")
            ),
            lamp_duty,
        )
        before = {p: self._value(p) for p in (self.lamp, self.chair)}
        self.assertEqual(before, {self.lamp: 200.0, self.chair: 500.0})
        cost.button_validate()
        self.assertEqual(cost.state, "done")
        self.assertAlmostEqual(self._value(self.lamp), 200.0 + lamp_duty)
        self.assertAlmostEqual(self._value(self.chair), 500.0 + chair_charges)

    def test_receipt_split_over_two_declarations(self):
        """A receipt whose goods are declared in two declarations: each
        declaration's duties land on its own goods, once."""
        order, receipt = self._receive({self.lamp: (10, 20.0), self.chair: (5, 100.0)})
        lamp_line = order.order_line.filtered(lambda line: line.product_id == self.lamp)
        chair_line = order.order_line - lamp_line
        first = self._import(lamp_line, {self.lamp: 10.0})
        second = self._import(chair_line, {self.chair: 4.0})
        self.assertEqual(first.picking_ids, receipt)
        self.assertEqual(second.picking_ids, receipt)
        costs = first.landed_cost_ids | second.landed_cost_ids
        self.assertEqual(len(costs), 2)
        self.assertEqual(
            first.landed_cost_ids.valuation_adjustment_lines.product_id, self.lamp
        )
        self.assertEqual(
            second.landed_cost_ids.valuation_adjustment_lines.product_id, self.chair
        )
        # A second run makes no second landed cost.
        self.assertFalse((first | second)._create_landed_costs())
        costs.button_validate()
        self.assertAlmostEqual(self._value(self.lamp), 200.0 + 20.0)
        self.assertAlmostEqual(self._value(self.chair), 500.0 + 20.0 + 30.0)

    def test_nothing_received_nothing_landed(self):
        """An import whose goods are not received yet, or an export, gets no
        landed cost; the duty bill is made all the same."""
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.supplier.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.lamp.id,
                            "product_qty": 3,
                            "price_unit": 20.0,
                        }
                    )
                ],
            }
        )
        order.button_confirm()
        declaration = self._import(order.order_line, {self.lamp: 10.0})
        self.assertTrue(declaration.duty_bill_id)
        self.assertFalse(declaration.landed_cost_ids)
        export = self._accept(
            self._declaration(direction="export", counterparty_id=self.customer.id)
        )
        export.action_release()
        self.assertFalse(export.landed_cost_ids)
