"""What a customs user cannot do over RPC to a lodged declaration: each
refused call is made as an RPC caller makes it, without a savepoint of the
test's own, and the database is read afterwards."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import CustomsCase, make_mrn


@tagged("post_install", "-at_install")
class TestRpcGuards(CustomsCase):
    def _stored(self, declaration, fname):
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM crm_customs_declaration WHERE id = %s",
                SQL.identifier(fname),
                declaration.id,
            )
        )
        return self.env.cr.fetchone()[0]

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

    def test_workflow_dates_not_written(self):
        """A customs user cannot rewrite the dates of acceptance and release,
        neither before nor after the release, nor with a forged context key."""
        with freeze_time("2026-03-03"):
            declaration = self._accept(self._declaration(direction="export"))
        as_user = declaration.with_user(self.customs_user)
        expected = {"date_accepted": date(2026, 3, 3), "date_released": None}
        for fname, value in expected.items():
            error = self._call_as_rpc(
                AccessError,
                "set by the workflow actions only",
                as_user.write,
                {fname: "2020-01-01"},
            )
            self.assertEqual(self._stored(declaration, fname), value)
            self.assertTrue(error, f"{fname} written")
        with freeze_time("2026-03-04"):
            as_user.action_release()
        expected["date_released"] = date(2026, 3, 4)
        for fname, value in expected.items():
            error = self._call_as_rpc(
                AccessError,
                "set by the workflow actions only",
                as_user.with_context(crm_customs_state_write=True).write,
                {fname: "2020-01-01"},
            )
            self.assertEqual(self._stored(declaration, fname), value)
            self.assertTrue(error, f"{fname} written")
        # The same value is no change.
        as_user.write({"date_released": "2026-03-04", "note": "<p>Seen</p>"})

    def test_workflow_dates_not_created(self):
        """A customs user cannot create a declaration accepted or released on
        a date of his choosing, in the values (refused before anything is
        written) or in the context's defaults."""
        Declaration = self.Declaration.with_user(self.customs_user)
        count = self.Declaration.search_count([])
        for fname in ("date_accepted", "date_released"):
            error = self._call_as_rpc(
                AccessError,
                "set by the workflow actions only",
                Declaration.create,
                {"direction": "import", fname: "2020-01-01"},
            )
            self.assertEqual(self.Declaration.search_count([]), count)
            self.assertTrue(error, f"{fname} written")
            with self.assertRefused(AccessError, "set by the workflow actions only"):
                Declaration.with_context(**{f"default_{fname}": "2020-01-01"}).create(
                    {"direction": "import"}
                )

    def test_line_not_created_on_lodged_declaration(self):
        """A customs user cannot add goods to a lodged or accepted declaration
        by creating a line, with the declaration in the values or in the
        context's defaults, as a write of its lines is refused."""
        declaration = self._declaration()
        declaration.action_lodge()
        Line = self.Line.with_user(self.customs_user)
        for state in ("lodged", "accepted"):
            if state == "accepted":
                self._accept_lodged(declaration)
            calls = (
                (Line.create, {"declaration_id": declaration.id, "name": "Extra"}),
                (
                    Line.with_context(default_declaration_id=declaration.id).create,
                    {"name": "Extra", "duty_amount": 988434},
                ),
            )
            for create, vals in calls:
                error = self._call_as_rpc(
                    UserError, "its goods can no longer change", create, vals
                )
                self.assertEqual(
                    self.Line.search_count([("declaration_id", "=", declaration.id)]),
                    1,
                    f"a line was added to a {state} declaration",
                )
                self.assertTrue(error)
        self.assertEqual(declaration.amount_duty, 100.0)

    def _accept_lodged(self, declaration):
        declaration.mrn = make_mrn(f"26BG004000T{declaration.id:06d}")
        declaration.action_accept()
