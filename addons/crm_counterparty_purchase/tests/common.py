from odoo import Command

from odoo.addons.crm_counterparty.tests.common import DocumentCase


class PurchaseDocumentCase(DocumentCase):
    """DocumentCase with purchase orders: shared by the addons whose tests
    count, sum or link a supplier's purchases."""

    @classmethod
    def _purchase(cls, partner, amount, confirm=True, foreign=False, **vals):
        if foreign:
            vals.setdefault("currency_id", cls.foreign.id)
        order = cls.env["purchase.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_qty": 1,
                            "price_unit": amount,
                            "discount": 0.0,
                            "taxes_id": [Command.clear()],
                        }
                    )
                ],
                **vals,
            }
        )
        if confirm:
            order.button_confirm()
        return order
