from odoo import Command

from odoo.addons.crm_counterparty.tests.common import DocumentCase


class SaleDocumentCase(DocumentCase):
    """DocumentCase with sale orders: shared by the addons whose tests count,
    sum or link a customer's offers and sales."""

    @classmethod
    def _sale(cls, partner, amount, confirm=False, foreign=False, **vals):
        if foreign:
            vals.setdefault("pricelist_id", cls.foreign_pricelist.id)
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
                **vals,
            }
        )
        if confirm:
            order.action_confirm()
        return order
