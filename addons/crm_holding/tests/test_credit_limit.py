from odoo.tests import Form, tagged

from .common import HoldingCase


@tagged("post_install", "-at_install")
class TestHoldingCreditLimit(HoldingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # top (limit 1,000) -> a -> b ; b owes 600
        cls._rila_chain()
        cls.b_contact = cls.Partner.create(
            {"name": "Ivan Petrov", "parent_id": cls.b.id}
        )
        cls.top.holding_credit_limit = 1000.0
        # Odoo's Sales Credit Limit setting, which the holding limit follows.
        cls.company.account_use_credit_limit = True
        cls.invoice = cls._move("out_invoice", cls.b, 600.0)

    def test_order_within_the_limit(self):
        """An order that keeps the holding within its limit warns of nothing."""
        order = self._sale(self.a, 400.0)
        self.assertFalse(order.partner_credit_warning)
        self.assertIs(order.action_confirm(), True)
        self.assertEqual(order.state, "sale")

    def test_order_over_the_limit(self):
        """The holding's receivable plus the order over the limit: a warning on
        the order, at confirmation a note and a notification, and the order is
        confirmed all the same."""
        order = self._sale(self.a, 500.0)
        warning = order.partner_credit_warning
        self.assertIn(
            "The holding Rila Holding AD has reached its credit limit", warning
        )
        self.assertIn(self.currency.format(1000.0), warning)
        self.assertIn(self.currency.format(600.0), warning, "what the companies owe")
        self.assertIn(self.currency.format(1100.0), warning, "with this order")

        action = order.action_confirm()
        self.assertEqual(order.state, "sale", "the limit warns, it does not block")
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("Rila Holding AD", action["params"]["message"])
        self.assertEqual(
            action["params"]["next"]["type"], "ir.actions.act_window_close"
        )
        note = order.message_ids.filtered(
            lambda m: "Confirmed over the holding credit limit" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertFalse(order.partner_credit_warning, "confirmed orders warn no more")

    def test_any_member_and_its_contacts(self):
        """The limit is holding-wide: an order of the top or of a contact of a
        member counts the receivable of every company."""
        self.assertTrue(self._sale(self.top, 401.0).partner_credit_warning)
        self.assertTrue(self._sale(self.b_contact, 401.0).partner_credit_warning)
        self.assertFalse(self._sale(self.b_contact, 400.0).partner_credit_warning)

    def test_payments_lower_the_receivable(self):
        """Once the invoice is paid, the same order fits in the limit."""
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=self.invoice.ids
        ).create({"amount": 600.0})._create_payments()
        self.assertEqual(self.invoice.payment_state, "paid")
        self.assertFalse(self._sale(self.a, 900.0).partner_credit_warning)

    def test_no_limit(self):
        """Without a limit, or outside a holding, nothing is checked."""
        self.top.holding_credit_limit = 0.0
        self.assertFalse(self._sale(self.a, 5000.0).partner_credit_warning)
        loner = self._company("Pirin Trade OOD")
        self.assertFalse(self._sale(loner, 5000.0).partner_credit_warning)

    def test_company_setting_off(self):
        """With the company's Sales Credit Limit setting off, the holding limit
        is not checked either: no warning, no note, no notification."""
        self.company.account_use_credit_limit = False
        order = self._sale(self.a, 500.0)
        self.assertFalse(order.partner_credit_warning)
        self.assertIs(order.action_confirm(), True)
        self.assertEqual(order.state, "sale")
        self.assertFalse(
            order.message_ids.filtered(
                lambda m: "holding credit limit" in (m.body or "")
            )
        )
        form = Form(self.env["sale.order"])
        form.partner_id = self.b_contact
        with form.order_line.new() as line:
            line.product_id = self.product
            line.price_unit = 900.0
            line.tax_id.clear()
        self.assertFalse(form.partner_credit_warning)
        self.company.account_use_credit_limit = True
        self.assertIn(
            "Rila Holding AD", self._sale(self.a, 500.0).partner_credit_warning
        )

    def test_field_follows_setting(self):
        """The holding's limit is on its form only with the setting on."""
        with Form(self.top) as form:
            form.holding_credit_limit = 2000.0
        self.assertEqual(self.top.holding_credit_limit, 2000.0)
        self.company.account_use_credit_limit = False
        with (
            self.assertRaisesRegex(AssertionError, "invisible"),
            Form(self.top) as form,
        ):
            form.holding_credit_limit = 3000.0
        self.assertEqual(self.top.holding_credit_limit, 2000.0)

    def test_warning_while_typing(self):
        """The warning shows on the order form as the order grows."""
        form = Form(self.env["sale.order"])
        form.partner_id = self.a
        with form.order_line.new() as line:
            line.product_id = self.product
            line.price_unit = 300.0
            line.tax_id.clear()
        self.assertFalse(form.partner_credit_warning)
        with form.order_line.edit(0) as line:
            line.product_uom_qty = 2
        self.assertIn("Rila Holding AD", form.partner_credit_warning)

    def test_odoo_partner_limit_still_warns(self):
        """Odoo's own partner limit keeps its warning beside the holding's."""
        self.company.account_use_credit_limit = True
        self.a.credit_limit = 100.0
        warning = self._sale(self.a, 500.0).partner_credit_warning
        self.assertIn("Rila Trade EOOD has reached its credit limit", warning)
        self.assertIn(
            "The holding Rila Holding AD has reached its credit limit", warning
        )
