from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.common import DocumentCase


@tagged("post_install", "-at_install")
class TestWarehouseOperations(DocumentCase):
    """Deliveries, receipts and their returns in the dossier, with their
    open, late and done figures, as Inventory's transfers give them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls._company("Varna Retail AD", cls.kind_customer)
        cls.contact = cls.Partner.create(
            {"name": "Elena Dimitrova", "parent_id": cls.customer.id}
        )
        cls.supplier = cls._company("Rhodope Crates OOD", cls.kind_supplier)
        cls.stock = cls.env.ref("stock.stock_location_stock")
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.suppliers = cls.env.ref("stock.stock_location_suppliers")
        cls.crate = cls.env["product.product"].create(
            {"name": "Crate", "is_storable": True}
        )
        cls.env["stock.quant"]._update_available_quantity(cls.crate, cls.stock, 1000)
        cls.now = fields.Datetime.now()

    @classmethod
    def _picking(cls, partner, code, days=1, confirm=True, qty=2.0):
        """A transfer of ``code`` (outgoing, incoming) with ``partner``,
        scheduled ``days`` from now (before now when negative)."""
        src, dest = (
            (cls.stock, cls.customers)
            if code == "outgoing"
            else (cls.suppliers, cls.stock)
        )
        picking_type = cls.env["stock.picking.type"].search(
            [("code", "=", code), ("company_id", "=", cls.env.company.id)], limit=1
        )
        picking = cls.env["stock.picking"].create(
            {
                "partner_id": partner.id,
                "picking_type_id": picking_type.id,
                "location_id": src.id,
                "location_dest_id": dest.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": cls.crate.name,
                            "product_id": cls.crate.id,
                            "product_uom_qty": qty,
                            "product_uom": cls.crate.uom_id.id,
                            "location_id": src.id,
                            "location_dest_id": dest.id,
                        }
                    )
                ],
            }
        )
        if confirm:
            picking.action_confirm()
        picking.scheduled_date = cls.now + timedelta(days=days)
        return picking

    @classmethod
    def _done(cls, picking):
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.button_validate()
        return picking

    @classmethod
    def _return(cls, picking):
        wizard = (
            cls.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({})
        )
        for line in wizard.product_return_moves:
            line.quantity = line.move_id.quantity
        return wizard._create_return()

    def _figures(self, partner, code):
        section = {s["code"]: s for s in partner.get_dossier_documents()}[code]
        return section["count"], {f["code"]: f["count"] for f in section["figures"]}

    def test_customer_operations(self):
        """A customer's deliveries and returns: counted with their open, late
        and done figures, listed, opened; cancelled ones are left out."""
        done = self._done(self._picking(self.customer, "outgoing"))
        future = self._picking(self.contact, "outgoing", days=3)
        late = self._picking(self.customer, "outgoing", days=-2)
        self._picking(self.customer, "outgoing").action_cancel()
        returned = self._return(done)
        self.assertEqual(returned.picking_type_code, "incoming")
        self.assertEqual(done.state, "done")

        self.assertEqual(
            self._figures(self.customer, "delivery"),
            (3, {"open": 2, "late": 1, "done": 1}),
        )
        self.assertEqual(
            self._figures(self.contact, "customer_return"),
            (1, {"open": 1, "late": 0, "done": 0}),
        )
        self.assertEqual(self._open(self.customer, "delivery"), done | future | late)
        self.assertEqual(self._latest(self.customer, "delivery"), done | future | late)
        action = self.contact.action_open_documents("delivery", figure="late")
        self.assertEqual(self._action_records(action), late)
        self.assertEqual(action["context"]["restricted_picking_type_code"], "outgoing")
        self.assertEqual(self._open(self.customer, "customer_return"), returned)
        codes = {s["code"] for s in self.customer.get_dossier_documents()}
        self.assertFalse(codes & {"receipt", "supplier_return"}, "no supplier's")

    def test_supplier_operations(self):
        """A supplier's receipts and the returns sent back to it."""
        received = self._done(self._picking(self.supplier, "incoming"))
        late = self._picking(self.supplier, "incoming", days=-1)
        draft = self._picking(self.supplier, "incoming", confirm=False)
        sent_back = self._return(received)
        self._done(sent_back)
        self.assertEqual(
            self._figures(self.supplier, "receipt"),
            (3, {"open": 2, "late": 1, "done": 1}),
        )
        self.assertEqual(
            self._figures(self.supplier, "supplier_return"),
            (1, {"open": 0, "late": 0, "done": 1}),
        )
        self.assertEqual(self._open(self.supplier, "receipt"), received | late | draft)
        self.assertEqual(self._open(self.supplier, "supplier_return"), sent_back)
        codes = {s["code"] for s in self.supplier.get_dossier_documents()}
        self.assertFalse(codes & {"delivery", "customer_return"}, "no customer's")

    def test_user_without_inventory_rights(self):
        """A counterparty user without Inventory rights sees no operation."""
        self._picking(self.customer, "outgoing")
        customer = self.customer.with_user(self.cp_user)
        shown = {s["code"] for s in customer.get_dossier_documents(latest=True)}
        self.assertFalse(shown & {"delivery", "customer_return"})
        self.assertEqual(self._count(customer, "delivery"), 0)

    def test_counters_batched(self):
        """The operations of 5 or 40 partners, with their figures, take the
        same number of queries, and each partner gets its own."""
        partners = self.Partner.create(
            [
                {
                    "name": f"Batch {i}",
                    "is_company": True,
                    "counterparty_kind_ids": [
                        Command.set((self.kind_customer | self.kind_supplier).ids)
                    ],
                }
                for i in range(40)
            ]
        )
        for index, partner in enumerate(partners):
            self._picking(partner, "outgoing", days=-1 if index % 2 else 1)
            self._picking(partner, "incoming", confirm=False)
        kinds = self.env["crm.counterparty.document.kind"].search(
            [
                (
                    "code",
                    "in",
                    ("delivery", "customer_return", "receipt", "supplier_return"),
                )
            ]
        )
        self.assertEqual(len(kinds), 4)
        self._totals_queries(partners[35:], kinds)  # warm the caches of access rights
        queries_5, __ = self._totals_queries(partners[:5], kinds)
        queries_35, totals = self._totals_queries(partners[:35], kinds)
        self.assertEqual(queries_35, queries_5)
        for index, partner in enumerate(partners[:35]):
            delivery = totals[partner.id]["delivery"]
            self.assertEqual(delivery["count"], 1)
            self.assertEqual(
                delivery["figures"].get("late", 0), index % 2, partner.name
            )
            self.assertEqual(totals[partner.id]["receipt"]["figures"]["open"], 1)
