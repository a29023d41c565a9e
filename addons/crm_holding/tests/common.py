from datetime import timedelta

from odoo import Command, fields

from odoo.addons.crm_counterparty.tests.common import CounterpartyCase


class HoldingCase(CounterpartyCase):
    """Companies to put in holdings, a chart of accounts and factories of
    memberships and documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        if not cls.company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.company, install_demo=False
            )
        cls.today = fields.Date.context_today(cls.env.user)
        cls.currency = cls.company.currency_id
        cls.Membership = cls.env["crm.holding.membership"]
        cls.product = cls.env["product.product"].create(
            {
                "name": "Pallet of crates",
                "list_price": 100.0,
                "standard_price": 60.0,
                "taxes_id": [Command.clear()],
                "supplier_taxes_id": [Command.clear()],
            }
        )

    @classmethod
    def _company(cls, name, kind=None, **vals):
        return cls.Partner.create(
            {
                "name": name,
                "is_company": True,
                "counterparty_kind_ids": [Command.set((kind or cls.kind_customer).ids)],
                **vals,
            }
        )

    @classmethod
    def _member(cls, partner, parent, **vals):
        return cls.Membership.create(
            {
                "partner_id": partner.id,
                "parent_id": parent.id,
                "date_start": cls.today - timedelta(days=365),
                **vals,
            }
        )

    @classmethod
    def _rila_chain(cls):
        """Rila Holding AD above Rila Trade EOOD (a) above Rila Foods OOD (b)."""
        cls.top = cls._company("Rila Holding AD")
        cls.a = cls._company("Rila Trade EOOD")
        cls.b = cls._company("Rila Foods OOD")
        cls.m_a = cls._member(cls.a, cls.top)
        cls.m_b = cls._member(cls.b, cls.a)

    # ------------------------------------------------------------------
    # Documents
    # ------------------------------------------------------------------

    @classmethod
    def _sale(cls, partner, amount, confirm=False, **vals):
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

    @classmethod
    def _purchase(cls, partner, amount, confirm=True, **vals):
        order = cls.env["purchase.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_qty": 1,
                            "price_unit": amount,
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

    @classmethod
    def _move(cls, move_type, partner, amount, post=True, due=None):
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": due or cls.today,
                "invoice_date_due": due or cls.today,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Goods and services",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def _payment(cls, payment_type, partner, amount, **vals):
        payment = cls.env["account.payment"].create(
            {
                "payment_type": payment_type,
                "partner_type": "customer" if payment_type == "inbound" else "supplier",
                "partner_id": partner.id,
                "amount": amount,
                **vals,
            }
        )
        payment.action_post()
        return payment

    @classmethod
    def _action_records(cls, action):
        return cls.env[action["res_model"]].search(action["domain"])
