from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.crm_counterparty.tests.common import CounterpartyCase


@tagged("post_install", "-at_install")
class TestSupplyDiscount(CounterpartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Discount = cls.env["crm.supply.discount"]
        cls.supplier = cls.Partner.create(
            {
                "name": "Rhodope Crates OOD",
                "is_company": True,
                "counterparty_kind_ids": [Command.set(cls.kind_supplier.ids)],
            }
        )
        cls.supplier_contact = cls.Partner.create(
            {"name": "Georgi Nikolov", "parent_id": cls.supplier.id}
        )
        Category = cls.env["product.category"]
        cls.packaging = Category.create({"name": "Packaging"})
        cls.boxes = Category.create({"name": "Boxes", "parent_id": cls.packaging.id})
        cls.steel = Category.create({"name": "Steel"})
        cls.box, cls.tape, cls.bar, cls.crate = cls.env["product.product"].create(
            [
                {"name": "Box", "categ_id": cls.boxes.id, "standard_price": 2.0},
                {"name": "Tape", "categ_id": cls.packaging.id, "standard_price": 1.0},
                {"name": "Bar", "categ_id": cls.steel.id, "standard_price": 9.0},
                {"name": "Crate", "categ_id": cls.boxes.id, "standard_price": 15.0},
            ]
        )
        cls.env["product.supplierinfo"].create(
            [
                {
                    "partner_id": cls.supplier.id,
                    "product_tmpl_id": cls.box.product_tmpl_id.id,
                    "price": 10.0,
                },
                {
                    "partner_id": cls.supplier.id,
                    "product_tmpl_id": cls.crate.product_tmpl_id.id,
                    "price": 20.0,
                    "discount": 12.0,
                },
            ]
        )

    def _discounts(self):
        return self.Discount.create(
            [
                {"partner_id": self.supplier.id, "discount": 2.0},
                {
                    "partner_id": self.supplier.id,
                    "product_categ_id": self.packaging.id,
                    "discount": 5.0,
                },
                {
                    "partner_id": self.supplier.id,
                    "product_categ_id": self.boxes.id,
                    "discount": 8.0,
                    "date_start": date(2026, 1, 1),
                    "date_end": date(2026, 2, 28),
                },
            ]
        )

    def _order_discounts(self, partner=None, products=None):
        """Discount of each line of a purchase order entered in the form."""
        form = Form(self.env["purchase.order"])
        form.partner_id = partner or self.supplier
        for product in products or (self.box, self.tape, self.bar, self.crate):
            with form.order_line.new() as line:
                line.product_id = product
                line.product_qty = 3
        order = form.save()
        return {line.product_id: line.discount for line in order.order_line}

    @freeze_time("2026-02-10")
    def test_most_specific_discount(self):
        """Deepest category beats its parent, which beats the general one."""
        self._discounts()
        discounts = self._order_discounts()
        self.assertEqual(discounts[self.box], 8.0, "Boxes, the deepest category")
        self.assertEqual(discounts[self.tape], 5.0, "Packaging")
        self.assertEqual(discounts[self.bar], 2.0, "general, without a price line")
        self.assertEqual(discounts[self.crate], 12.0, "the price line's own")

    @freeze_time("2026-02-10")
    def test_contact_person_orders(self):
        """An order placed with a contact person gets the company's discount."""
        self._discounts()
        discounts = self._order_discounts(self.supplier_contact, self.bar)
        self.assertEqual(discounts[self.bar], 2.0)

    @freeze_time("2026-03-10")
    def test_dates(self):
        """A discount applies only between its dates, on the order date."""
        self._discounts()
        discounts = self._order_discounts()
        self.assertEqual(discounts[self.box], 5.0, "the Boxes discount has ended")
        self.Discount.create(
            {
                "partner_id": self.supplier.id,
                "product_categ_id": self.steel.id,
                "discount": 4.0,
                "date_start": date(2026, 4, 1),
            }
        )
        self.assertEqual(self._order_discounts(products=self.bar)[self.bar], 2.0)

    @freeze_time("2026-02-10")
    def test_archived_and_other_supplier(self):
        """Archived discounts and other suppliers' discounts do not apply."""
        discounts = self._discounts()
        discounts.filtered(lambda d: d.product_categ_id).action_archive()
        other = self.Partner.create({"name": "Other Supplier", "is_company": True})
        self.Discount.create({"partner_id": other.id, "discount": 9.0})
        result = self._order_discounts()
        self.assertEqual(result[self.box], 2.0)
        self.assertEqual(self._order_discounts(other, self.bar)[self.bar], 9.0)

    def test_discount_out_of_range_refused(self):
        """A discount below 0 or above 100 is refused and nothing is written."""
        for value in (120.0, -1.0):
            with self.assertRaises(ValidationError) as caught:
                self.Discount.create(
                    {"partner_id": self.supplier.id, "discount": value}
                )
            self.assertIn(f"{value:g}%", str(caught.exception))
        self.assertFalse(self.Discount.search([("partner_id", "=", self.supplier.id)]))
        discount = self.Discount.create(
            {"partner_id": self.supplier.id, "discount": 4.0}
        )
        with self.assertRaises(ValidationError):
            discount.discount = 100.5
        self.assertEqual(discount.discount, 4.0)

    def test_end_before_start_refused(self):
        """An end date before the start date is refused."""
        with self.assertRaises(ValidationError) as caught:
            self.Discount.create(
                {
                    "partner_id": self.supplier.id,
                    "discount": 4.0,
                    "date_start": date(2026, 5, 1),
                    "date_end": date(2026, 4, 30),
                }
            )
        self.assertIn("2026-04-30", str(caught.exception))
        self.assertFalse(self.Discount.search([("partner_id", "=", self.supplier.id)]))

    def test_contact_and_overlap_refused(self):
        """A contact person as supplier and overlapping discounts are refused."""
        with self.assertRaises(ValidationError) as caught:
            self.Discount.create(
                {"partner_id": self.supplier_contact.id, "discount": 4.0}
            )
        self.assertIn("Georgi Nikolov", str(caught.exception))
        self.Discount.create(
            {
                "partner_id": self.supplier.id,
                "discount": 4.0,
                "date_end": date(2026, 6, 30),
            }
        )
        with self.assertRaises(ValidationError):
            self.Discount.create(
                {
                    "partner_id": self.supplier.id,
                    "discount": 6.0,
                    "date_start": date(2026, 6, 1),
                }
            )
        self.Discount.create(
            {
                "partner_id": self.supplier.id,
                "discount": 6.0,
                "date_start": date(2026, 7, 1),
            }
        )
        self.assertEqual(
            self.Discount.search_count([("partner_id", "=", self.supplier.id)]), 2
        )

    def test_access(self):
        """Plain users cannot read discounts; counterparty users cannot delete."""
        discount = self.Discount.create(
            {"partner_id": self.supplier.id, "discount": 4.0}
        )
        with self.assertRaises(AccessError):
            discount.with_user(self.plain_user).read(["discount"])
        as_user = self.Discount.with_user(self.cp_user)
        created = as_user.create(
            {
                "partner_id": self.supplier.id,
                "product_categ_id": self.steel.id,
                "discount": 3.0,
            }
        )
        self.assertEqual(created.discount, 3.0)
        with self.assertRaises(AccessError):
            created.unlink()
        created.with_user(self.cp_manager).unlink()
        self.assertFalse(created.exists())

    def test_discount_applies_for_buyer(self):
        """A buyer without access to the register still gets the discount."""
        self.Discount.create({"partner_id": self.supplier.id, "discount": 4.0})
        buyer = new_test_user(
            self.env,
            login="buyer",
            groups="base.group_user,purchase.group_purchase_user",
        )
        order = (
            self.env["purchase.order"]
            .with_user(buyer)
            .create(
                {
                    "partner_id": self.supplier.id,
                    "order_line": [Command.create({"product_id": self.bar.id})],
                }
            )
        )
        self.assertEqual(order.order_line.discount, 4.0)

    def test_replenishment_line(self):
        """Lines prepared for replenishment get the supply discount too."""
        self.Discount.create({"partner_id": self.supplier.id, "discount": 4.0})
        order = self.env["purchase.order"].create({"partner_id": self.supplier.id})
        Line = self.env["purchase.order.line"]
        for product, expected in ((self.box, 4.0), (self.crate, 12.0)):
            vals = Line._prepare_purchase_order_line(
                product,
                2,
                product.uom_id,
                self.env.company,
                product.seller_ids,
                order,
            )
            self.assertEqual(vals["discount"], expected, product.name)

    def test_multi_company(self):
        """A discount of one company is neither seen nor applied in another."""
        self.Discount.create({"partner_id": self.supplier.id, "discount": 4.0})
        other_company = self.env["res.company"].create({"name": "Other Company"})
        other_user = new_test_user(
            self.env,
            login="other_company_user",
            groups="base.group_user,crm_counterparty.group_counterparty_user,"
            "purchase.group_purchase_user",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        self.assertFalse(
            self.Discount.with_user(other_user).search(
                [("partner_id", "=", self.supplier.id)]
            )
        )
        order = (
            self.env["purchase.order"]
            .with_user(other_user)
            .with_company(other_company)
            .create(
                {
                    "partner_id": self.supplier.id,
                    "order_line": [Command.create({"product_id": self.bar.id})],
                }
            )
        )
        self.assertEqual(order.company_id, other_company)
        self.assertEqual(order.order_line.discount, 0.0)
        shared = self.Discount.create(
            {
                "partner_id": self.supplier.id,
                "product_categ_id": self.steel.id,
                "discount": 1.5,
                "company_id": False,
            }
        )
        self.assertIn(shared, self.Discount.with_user(other_user).search([]))
