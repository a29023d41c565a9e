"""What a customs user cannot do over RPC to a lodged declaration: each
refused call is made as an RPC caller makes it, without a savepoint of the
test's own, and the database is read afterwards."""

from odoo.tests import tagged

from .common import CustomsCase


@tagged("post_install", "-at_install")
class TestRpcGuards(CustomsCase):
    def test_duty_bill_follows_the_lines(self):
        """The duty bill of a release bills the lines' duty, excise and import
        VAT, even when the stored totals were rewritten (here by the
        superuser, in SQL) before a customs user releases the import."""
        declaration = self._accept(self._declaration())
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_customs_declaration SET amount_duty = 988434, "
            "amount_excise = 1, amount_vat = 0, amount_charges = 988435 "
            "WHERE id = %s",
            [declaration.id],
        )
        self.env.invalidate_all()
        self.assertEqual(declaration.amount_duty, 988434.0, "the forged total")
        declaration.with_user(self.customs_user).action_release()
        bill = declaration.duty_bill_id
        self.assertEqual(
            bill.invoice_line_ids.mapped("price_unit"),
            [100.0, 50.0, 230.0],
            "duty 10 % of 1000, excise 50, VAT 20 % of 1150",
        )
        self.assertAlmostEqual(bill.amount_total, 380.0)
