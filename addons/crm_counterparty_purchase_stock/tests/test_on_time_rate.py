from datetime import timedelta

from lxml import etree

from odoo import Command, fields
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.crm_counterparty_purchase.tests.common import PurchaseDocumentCase


@tagged("post_install", "-at_install")
class TestOnTimeRate(PurchaseDocumentCase):
    def test_rate_in_supplier_dossier(self):
        """The dossier's Linked Documents tab shows Odoo's on-time rate of a
        supplier whose receipt came in time, to purchase users."""
        supplier = self._company("Rhodope Crates OOD", self.kind_supplier)
        crate = self.env["product.product"].create(
            {"name": "Crate", "is_storable": True}
        )
        order = self.env["purchase.order"].create(
            {
                "partner_id": supplier.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": crate.id,
                            "product_qty": 4,
                            "price_unit": 5.0,
                            "date_planned": fields.Datetime.now() + timedelta(days=2),
                        }
                    )
                ],
            }
        )
        order.button_confirm()
        receipt = order.picking_ids
        receipt.move_ids.quantity = 4
        receipt.button_validate()
        self.assertEqual(receipt.state, "done")

        def rate_nodes(user):
            views = supplier.with_user(user).get_views([(False, "form")])
            arch = etree.fromstring(views["views"]["form"]["arch"])
            return arch.xpath(
                "//page[@name='dossier_documents']//div[@name='on_time_rate']"
            )

        buyer = new_test_user(
            self.env,
            login="rate_buyer",
            groups="crm_counterparty.group_counterparty_user,"
            "purchase.group_purchase_user",
        )
        self.assertTrue(rate_nodes(buyer), "in the Linked Documents tab")
        self.assertFalse(rate_nodes(self.cp_user), "purchase users only")
        with Form(supplier.with_user(buyer)) as form:
            self.assertEqual(form.on_time_rate, 100.0)
            self.assertTrue(form.is_supplier_counterparty)
