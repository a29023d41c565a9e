from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CustomsCase


@tagged("post_install", "-at_install")
class TestDutyBill(CustomsCase):
    def _bills(self, declaration):
        return self.env["account.move"].search(
            [("crm_customs_declaration_id", "=", declaration.id)]
        )

    def test_bill_on_release(self):
        """Releasing an import bills the office for duty, excise and import VAT."""
        declaration = self._accept(self._declaration(lines=2))
        with freeze_time("2026-05-06"):
            declaration.action_release()
        bill = self._bills(declaration)
        self.assertEqual(len(bill), 1)
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.state, "draft")
        self.assertEqual(bill.partner_id, self.office)
        self.assertEqual(bill.invoice_date, date(2026, 5, 6))
        self.assertEqual(bill.ref, declaration.mrn)
        self.assertEqual(bill.currency_id, self.company.currency_id)
        # Linked both ways.
        self.assertEqual(declaration.duty_bill_id, bill)
        self.assertEqual(bill.crm_customs_declaration_id, declaration)
        lines = bill.invoice_line_ids
        self.assertEqual(
            lines.product_id.mapped("name"),
            ["Customs Duties", "Excise Duties", "Import VAT"],
        )
        self.assertEqual(lines.mapped("price_unit"), [200.0, 100.0, 460.0])
        self.assertFalse(lines.tax_ids)
        self.assertAlmostEqual(bill.amount_total, declaration.amount_charges)
        self.assertIn(declaration.mrn, lines[0].name)
        self.assertIn(declaration.name, lines[0].name)

    def test_once_on_repeated_click(self):
        """A second click, or a second bill run, creates no second bill."""
        declaration = self._accept(self._declaration())
        declaration.action_release()
        declaration.action_release()
        self.assertFalse(declaration._create_duty_bills())
        self.assertEqual(len(self._bills(declaration)), 1)
        self.assertEqual(declaration.state, "released")

    def test_unique_in_database(self):
        """The database refuses a second open bill for the same declaration."""
        declaration = self._accept(self._declaration())
        declaration.action_release()
        bill = self._bills(declaration)
        other = bill.copy()
        other.flush_recordset()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE account_move SET crm_customs_declaration_id = %s "
                    "WHERE id = %s",
                    [declaration.id, other.id],
                )

    def test_no_bill_for_export_or_nothing_due(self):
        """Exports and imports with nothing to pay get no bill."""
        export = self._accept(self._declaration(direction="export"))
        export.action_release()
        self.assertFalse(self._bills(export))
        free = self._declaration()
        free.line_ids.write({"duty_rate": 0, "excise_amount": 0, "vat_rate": 0})
        self._accept(free).action_release()
        self.assertFalse(self._bills(free))
        self.assertEqual(free.state, "released")

    def test_new_bill_after_cancel(self):
        """A cancelled bill can be replaced with Create Duty Bill, once."""
        declaration = self._accept(self._declaration())
        declaration.action_release()
        bill = declaration.duty_bill_id
        bill.button_cancel()
        self.assertFalse(declaration.duty_bill_id)
        action = declaration.action_create_duty_bill()
        new_bill = declaration.duty_bill_id
        self.assertTrue(new_bill)
        self.assertNotEqual(new_bill, bill)
        self.assertEqual(action["res_model"], "account.move")
        with self.assertRefused(UserError, "or a bill exists"):
            declaration.action_create_duty_bill()

    def test_customs_user_releases(self):
        """A customs user without accounting rights releases an import and
        the bill is made; cancelling then needs the bill cancelled first."""
        declaration = self._accept(self._declaration()).with_user(self.customs_user)
        declaration.action_release()
        self.assertEqual(len(self._bills(declaration)), 1)
        self.assertTrue(declaration.duty_bill_id)
        with self.assertRefused(UserError, "cancel or reverse the bill first"):
            declaration.with_user(self.customs_manager).action_cancel()
        self.assertEqual(declaration.state, "released")
