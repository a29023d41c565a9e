from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CustomsCase


@tagged("post_install", "-at_install")
class TestDeclarationFromOrders(CustomsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur = cls.env.ref("base.EUR")
        cls.incoterm = cls.env.ref("account.incoterm_FOB")

    @classmethod
    def _purchase_order(cls, lines=2, confirm=True):
        order = cls.env["purchase.order"].create(
            {
                "partner_id": cls.supplier.id,
                "incoterm_id": cls.incoterm.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_qty": 2 + index,
                            "price_unit": 400.0,
                            "taxes_id": [Command.clear()],
                        }
                    )
                    for index in range(lines)
                ],
            }
        )
        if confirm:
            order.button_confirm()
        return order

    def test_from_purchase_order(self):
        """An import declaration copies the order's goods and links it."""
        order = self._purchase_order()
        order.order_line = [
            Command.create(
                {"display_type": "line_note", "name": "Fragile", "product_qty": 0}
            )
        ]
        action = order.action_create_crm_customs_declaration()
        declaration = self.Declaration.browse(action["res_id"])
        self.assertEqual(declaration.direction, "import")
        self.assertEqual(declaration.state, "draft")
        self.assertEqual(declaration.procedure_code, "4000")
        self.assertEqual(declaration.counterparty_id, self.supplier)
        self.assertEqual(declaration.partner_id, self.company.partner_id)
        self.assertEqual(declaration.incoterm_id, self.incoterm)
        self.assertEqual(declaration.currency_id, order.currency_id)
        self.assertEqual(declaration.purchase_order_ids, order)
        lines = declaration.line_ids
        self.assertEqual(len(lines), 2, "The note is not goods")
        self.assertEqual(
            lines.purchase_line_id, order.order_line.filtered("product_id")
        )
        self.assertEqual(lines.mapped("quantity"), [2.0, 3.0])
        self.assertEqual(lines.mapped("invoice_value"), [800.0, 1200.0])
        self.assertEqual(set(lines.mapped("hs_code")), {"84713000"})
        self.assertEqual(lines.origin_country_id, self.cn)
        self.assertEqual(declaration.amount_invoice, 2000.0)
        self.assertEqual(order.crm_customs_declaration_count, 1)
        self.assertEqual(order.crm_customs_declaration_ids, declaration)
        open_action = order.action_open_crm_customs_declarations()
        self.assertEqual(self.Declaration.search(open_action["domain"]), declaration)

    def test_unconfirmed_order_refused(self):
        """A request for quotation is not declared."""
        order = self._purchase_order(confirm=False)
        with self.assertRefused(UserError, "Confirm the order"):
            order.action_create_crm_customs_declaration()
        self.assertFalse(
            self.Declaration.search([("purchase_order_ids", "=", order.id)])
        )

    def test_from_sale_order(self):
        """An export declaration copies the sale order's goods."""
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": 4,
                            "price_unit": 650.0,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        action = order.action_create_crm_customs_declaration()
        declaration = self.Declaration.browse(action["res_id"])
        self.assertEqual(declaration.direction, "export")
        self.assertEqual(declaration.procedure_code, "1000")
        self.assertEqual(declaration.counterparty_id, self.customer)
        self.assertEqual(declaration.sale_order_ids, order)
        self.assertEqual(declaration.line_ids.sale_line_id, order.order_line)
        self.assertEqual(declaration.line_ids.invoice_value, 2600.0)
        self.assertEqual(declaration.line_ids.hs_code, "84713000")
        self.assertEqual(order.crm_customs_declaration_count, 1)

    def test_query_count_does_not_grow_with_lines(self):
        """Declaring 10 or 100 order lines costs the same number of queries."""
        order_10 = self._purchase_order(lines=10)
        order_100 = self._purchase_order(lines=100)
        # Warm the caches a first declaration fills (sequence, rates...).
        self._purchase_order(lines=1).action_create_crm_customs_declaration()
        self.env.invalidate_all()
        # With Inventory, crm_customs_stock links the declaration to the
        # order's transfers: a few queries more, as many for 10 or 100 lines.
        queries = QUERIES + (5 if "picking_ids" in self.Declaration._fields else 0)
        with self.assertQueryCount(__system__=queries):
            order_10.action_create_crm_customs_declaration()
            self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=queries):
            order_100.action_create_crm_customs_declaration()
            self.env.flush_all()
        self.assertEqual(len(order_100.crm_customs_declaration_ids.line_ids), 100)

    def test_totals_of_500_lines_in_one_pass(self):
        """The totals of 500 lines are computed together, in constant queries."""
        declaration = self._declaration(lines=500)
        self.assertEqual(declaration.amount_customs_value, 500000.0)
        self.assertEqual(declaration.amount_duty, 50000.0)
        self.assertEqual(declaration.amount_excise, 25000.0)
        self.assertEqual(declaration.amount_vat, 115000.0)
        self.assertEqual(declaration.amount_charges, 190000.0)
        self.assertEqual(declaration.net_mass, 1500.0)
        small = self._declaration(lines=5)
        for record, count in ((small, 5), (declaration, 500)):
            self.env.invalidate_all()
            with self.assertQueryCount(__system__=TOTAL_QUERIES):
                self.env.add_to_compute(self.Declaration._fields["amount_duty"], record)
                self.assertEqual(record.amount_duty, 100.0 * count)
                self.env.flush_all()


#: Queries of a declaration made from an order, whatever its number of lines.
QUERIES = 19
#: Queries of the totals of a declaration, whatever its number of lines.
TOTAL_QUERIES = 7
