from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.test_partner_deletion import DeletionCase


@tagged("post_install", "-at_install")
class TestSupplierDeletion(DeletionCase):
    """Deleting a supplier deletes its supply discounts through the ORM, or
    is refused: nothing of them is left behind."""

    def test_deleting_supplier_leaves_no_trace_of_discounts(self):
        """Deleting a supplier deletes its supply discounts, archived ones
        included, with their messages, activities and followers."""
        supplier = self.Partner.create(
            {
                "name": "Rhodope Crates OOD",
                "is_company": True,
                "counterparty_kind_ids": [Command.set(self.kind_supplier.ids)],
            }
        )
        discounts = (
            self.env["crm.supply.discount"]
            .with_context(tracking_disable=False)
            .create(
                [
                    {"partner_id": supplier.id, "discount": 3.0},
                    {
                        "partner_id": supplier.id,
                        "discount": 5.0,
                        "date_end": date(2020, 12, 31),
                        "active": False,
                    },
                ]
            )
        )
        for discount in discounts:
            self._with_traces(discount)
        before = self._traces("crm.supply.discount", discounts.ids)
        self.assertTrue(all(before.values()), before)

        supplier.with_user(self.cp_manager).unlink()

        self.assertFalse(discounts.exists())
        self.assertEqual(
            self._traces("crm.supply.discount", discounts.ids),
            dict.fromkeys(before, 0),
        )

    def test_supplier_deletion_needs_the_right_to_delete_discounts(self):
        """A counterparty user cannot delete supply discounts, so neither a
        supplier that has some."""
        supplier = self.Partner.create({"name": "Pirin Steel AD", "is_company": True})
        discount = self.env["crm.supply.discount"].create(
            {"partner_id": supplier.id, "discount": 3.0}
        )
        with self.assertRaises(AccessError):
            supplier.with_user(self.cp_user).unlink()
        self.assertTrue(discount.exists())
