import re

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_customs.tests.common import CustomsCase


@tagged("post_install", "-at_install")
class TestDeclarationTransfers(CustomsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock = cls.env.ref("stock.stock_location_stock")
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.suppliers = cls.env.ref("stock.stock_location_suppliers")
        cls.company_2 = cls.env["res.company"].create(
            {"name": "Danube Logistics SRL", "country_id": cls.env.ref("base.ro").id}
        )
        cls.customs_stock_user = new_test_user(
            cls.env,
            login="customs_stock_user",
            groups="base.group_user,crm_customs.group_customs_user,"
            "stock.group_stock_user",
        )
        cls.stock_user = new_test_user(
            cls.env,
            login="customs_plain_stock_user",
            groups="base.group_user,stock.group_stock_user",
        )

    def _picking(self, code, partner, company=None):
        company = company or self.company
        picking_type = self.env["stock.picking.type"].search(
            [("code", "=", code), ("company_id", "=", company.id)], limit=1
        )
        return self.env["stock.picking"].create(
            {
                "partner_id": partner.id,
                "picking_type_id": picking_type.id,
                "location_id": picking_type.default_location_src_id.id
                or self.suppliers.id,
                "location_dest_id": picking_type.default_location_dest_id.id
                or self.customers.id,
            }
        )

    def _linked(self, declaration):
        """The transfers linked to ``declaration`` in the database."""
        self.env.cr.execute(
            "SELECT picking_id FROM crm_customs_declaration_picking_rel "
            "WHERE declaration_id = %s",
            [declaration.id],
        )
        return [row[0] for row in self.env.cr.fetchall()]

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

    def test_link_from_transfer_checks_the_kind(self):
        """A customs user with Inventory rights cannot link a delivery to an
        import from the delivery's side, with a link or a set, as he cannot
        from the declaration's."""
        delivery = self._picking("outgoing", self.customer)
        declaration = self._declaration()
        as_user = delivery.with_user(self.customs_stock_user)
        for value in ([[4, declaration.id]], [[6, 0, [declaration.id]]]):
            error = self._call_as_rpc(
                ValidationError,
                re.escape(f"{delivery.name} is no receipt"),
                as_user.write,
                {"crm_customs_declaration_ids": value},
            )
            self.assertEqual(self._linked(declaration), [])
            self.assertTrue(error)
        error = self._call_as_rpc(
            ValidationError,
            "is no receipt",
            self.env["stock.picking"].with_user(self.customs_stock_user).create,
            {
                "picking_type_id": delivery.picking_type_id.id,
                "crm_customs_declaration_ids": [[4, declaration.id]],
            },
        )
        self.assertEqual(self._linked(declaration), [])
        self.assertTrue(error)
        # The right kind passes, and unlinks from the same side.
        receipt = self._picking("incoming", self.supplier)
        receipt.with_user(self.customs_stock_user).write(
            {"crm_customs_declaration_ids": [[4, declaration.id]]}
        )
        self.assertEqual(self._linked(declaration), receipt.ids)
        self.assertEqual(declaration.picking_ids, receipt)
        receipt.with_user(self.customs_stock_user).write(
            {"crm_customs_declaration_ids": [[6, 0, []]]}
        )
        self.assertEqual(self._linked(declaration), [])

    def test_link_from_transfer_checks_the_company(self):
        """A customs user with Inventory rights cannot link his receipt to a
        declaration of a company he is not in, nor, working in both, a
        receipt of one company to a declaration of the other."""
        theirs = self._declaration(company_id=self.company_2.id)
        receipt = self._picking("incoming", self.supplier)
        as_user = receipt.with_user(self.customs_stock_user)
        error = self._call_as_rpc(
            AccessError,
            "Customs Declaration",
            as_user.write,
            {"crm_customs_declaration_ids": [[4, theirs.id]]},
        )
        self.assertEqual(self._linked(theirs), [])
        self.assertTrue(error)
        self.customs_stock_user.company_ids = [Command.link(self.company_2.id)]
        as_user = as_user.with_context(
            allowed_company_ids=[self.company.id, self.company_2.id]
        )
        error = self._call_as_rpc(
            ValidationError,
            re.escape(f"{receipt.name} is of {self.company.name}:"),
            as_user.write,
            {"crm_customs_declaration_ids": [[4, theirs.id]]},
        )
        self.assertEqual(self._linked(theirs), [])
        self.assertTrue(error)

    def test_link_from_transfer_needs_customs_rights(self):
        """An Inventory user without customs rights links no declaration to a
        transfer, neither in the values nor in the context's defaults."""
        receipt = self._picking("incoming", self.supplier)
        declaration = self._declaration()
        error = self._call_as_rpc(
            AccessError,
            "crm_customs_declaration_ids",
            receipt.with_user(self.stock_user).write,
            {"crm_customs_declaration_ids": [[4, declaration.id]]},
        )
        self.assertEqual(self._linked(declaration), [])
        self.assertTrue(error)
        Picking = (
            self.env["stock.picking"]
            .with_user(self.stock_user)
            .with_context(default_crm_customs_declaration_ids=[declaration.id])
        )
        self._call_as_rpc(
            AccessError,
            "crm_customs_declaration_ids",
            Picking.create,
            {"picking_type_id": receipt.picking_type_id.id},
        )
        self.assertEqual(self._linked(declaration), [])
