from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.api import call_kw
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.crm_customs.models.crm_customs_declaration_workflow import (
    STATE_WRITE_CONTEXT_KEY,
)

from .common import CustomsCase, make_mrn


@tagged("post_install", "-at_install")
class TestDeclarationState(CustomsCase):
    def test_life_cycle(self):
        """Draft, lodged, accepted, released, cleared, each with its date."""
        declaration = self._declaration(direction="export")
        with freeze_time("2026-03-02"):
            declaration.action_lodge()
        self.assertEqual(declaration.state, "lodged")
        self.assertEqual(declaration.date_lodged, date(2026, 3, 2))
        self.assertEqual(declaration.date, date(2026, 3, 2))
        declaration.mrn = make_mrn("26BG004000E000001")
        with freeze_time("2026-03-03"):
            declaration.action_accept()
        self.assertEqual(declaration.state, "accepted")
        self.assertEqual(declaration.date_accepted, date(2026, 3, 3))
        self.assertEqual(declaration.date, date(2026, 3, 3))
        self.assertEqual(declaration.line_ids.date, date(2026, 3, 3))
        with freeze_time("2026-03-04"):
            declaration.action_release()
        self.assertEqual(declaration.state, "released")
        self.assertEqual(declaration.date_released, date(2026, 3, 4))
        declaration.action_clear()
        self.assertEqual(declaration.state, "cleared")
        self.assertEqual(declaration.line_ids.state, "cleared")

    def test_wrong_transitions(self):
        """A draft is not accepted or released; a cleared one is not rejected."""
        declaration = self._declaration()
        with self.assertRefused(UserError, "cannot be accepted: it is Draft"):
            declaration.action_accept()
        with self.assertRefused(UserError, "cannot be released: it is Draft"):
            declaration.action_release()
        self.assertEqual(declaration.state, "draft")

    def test_lodge_checks(self):
        """Lodging needs the office, the goods and their HS codes."""
        declaration = self._declaration(customs_office_id=False)
        declaration.line_ids.hs_code = False
        with self.assertRaises(UserError) as caught:
            declaration.action_lodge()
        message = str(caught.exception)
        self.assertIn("choose the customs office", message)
        self.assertIn("has no HS code", message)
        self.assertEqual(declaration.state, "draft")
        empty = self._declaration(lines=0)
        with self.assertRefused(UserError, "add the goods"):
            empty.action_lodge()

    def test_eori_required_in_eu(self):
        """Declarant and importer of an EU declaration need an EORI number."""
        importer = self.Partner.create(
            {"name": "Plovdiv Trade OOD", "is_company": True, "country_id": self.bg.id}
        )
        declaration = self._declaration(partner_id=importer.id)
        with self.assertRefused(
            UserError,
            "Plovdiv Trade OOD, the importer of an EU declaration, has no EORI",
        ):
            declaration.action_lodge()
        self.assertEqual(declaration.state, "draft")
        importer.eori = "BG160000012"
        declaration.action_lodge()
        self.assertEqual(declaration.state, "lodged")

    def test_no_eori_needed_outside_eu(self):
        """A declaration at a Serbian customs office needs no EORI."""
        office_rs = self.office.copy(
            {"name": "Carinarnica Beograd", "country_id": self.env.ref("base.rs").id}
        )
        office_rs.agency_type = "customs_office"
        importer = self.Partner.create({"name": "No EORI Ltd", "is_company": True})
        declaration = self._declaration(
            customs_office_id=office_rs.id, partner_id=importer.id
        )
        declaration.action_lodge()
        self.assertEqual(declaration.state, "lodged")

    def test_accept_needs_mrn(self):
        """Customs' acceptance is recorded with the MRN they gave."""
        declaration = self._declaration()
        declaration.action_lodge()
        with self.assertRefused(UserError, "Enter the MRN"):
            declaration.action_accept()
        self.assertEqual(declaration.state, "lodged")

    def test_locked_once_lodged(self):
        """Identifying data and lines are locked once lodged."""
        declaration = self._declaration()
        declaration.action_lodge()
        with self.assertRefused(UserError, "Customs Office"):
            declaration.customs_office_id = self.office.copy()
        with self.assertRefused(UserError, "Direction"):
            declaration.direction = "export"
        self.assertEqual(declaration.customs_office_id, self.office)
        self.assertEqual(declaration.direction, "import")
        line = declaration.line_ids
        with self.assertRefused(UserError, "its goods can no longer change"):
            line.quantity = 5
        with self.assertRefused(UserError, "its goods can no longer change"):
            self.Line.create({"declaration_id": declaration.id, "name": "Extra"})
        with self.assertRefused(UserError, "its goods can no longer change"):
            line.unlink()
        with self.assertRefused(UserError, "Goods"):
            declaration.line_ids = [Command.create({"name": "Extra"})]
        self.assertEqual(line.quantity, 2)
        self.assertEqual(len(declaration.line_ids), 1)
        # The same value, notes and the responsible are not locked.
        declaration.write({"direction": "import", "note": "<p>Seen</p>"})
        declaration.user_id = self.customs_user

    def test_mrn_filled_in_once(self):
        """The MRN may be entered while lodged, and no longer changed."""
        declaration = self._declaration()
        declaration.action_lodge()
        self.assertFalse(declaration.mrn_locked)
        first = make_mrn("26BG004000T000777")
        declaration.mrn = first
        self.assertTrue(declaration.mrn_locked)
        with self.assertRefused(UserError, "MRN"):
            declaration.mrn = make_mrn("26BG004000T000778")
        self.assertEqual(declaration.mrn, first)

    def test_reject_and_correct(self):
        """A rejected declaration goes back to draft to be corrected."""
        declaration = self._accept(self._declaration())
        declaration.action_reject()
        self.assertEqual(declaration.state, "rejected")
        with self.assertRaises(UserError):
            declaration.line_ids.quantity = 3
        declaration.action_set_draft()
        declaration.line_ids.quantity = 3
        self.assertEqual(declaration.line_ids.quantity, 3)

    def test_only_manager_cancels(self):
        """A customs user may not cancel; a manager may."""
        declaration = self._declaration().with_user(self.customs_user)
        with self.assertRefused(AccessError, "Only a customs manager"):
            declaration.action_cancel()
        with self.assertRefused(AccessError, "state cannot be written"):
            declaration.write({"state": "cancelled"})
        self.assertEqual(declaration.state, "draft")
        declaration.with_user(self.customs_manager).action_cancel()
        self.assertEqual(declaration.state, "cancelled")
        with self.assertRefused(AccessError, "Only a customs manager"):
            declaration.action_set_draft()
        declaration.with_user(self.customs_manager).action_set_draft()
        self.assertEqual(declaration.state, "draft")

    def test_state_written_only_by_actions(self):
        """A customs user or manager cannot write a cleared declaration back
        to draft (nor to any other state) and then edit its goods and MRN:
        the state changes through the workflow actions only."""
        declaration = self._accept(self._declaration())
        declaration.action_release()
        declaration.action_clear()
        mrn = declaration.mrn
        for user in (self.customs_user, self.customs_manager):
            as_user = declaration.with_user(user)
            for state in ("draft", "rejected", "cancelled"):
                with self.assertRefused(
                    AccessError, "is Cleared: its state cannot be written"
                ):
                    as_user.write({"state": state})
                self.assertEqual(declaration.state, "cleared")
        # The path of a JSON-RPC call, with a forged context key.
        Declaration = self.Declaration.with_user(self.customs_user)
        with self.assertRefused(AccessError, "state cannot be written"):
            call_kw(
                Declaration,
                "write",
                [declaration.ids, {"state": "draft"}],
                {"context": {STATE_WRITE_CONTEXT_KEY: True}},
            )
        self.assertEqual(declaration.state, "cleared")
        with self.assertRefused(UserError, "goods can no longer change"):
            declaration.line_ids.with_user(self.customs_user).quantity = 5
        with self.assertRefused(UserError, "MRN"):
            declaration.with_user(self.customs_user).mrn = make_mrn("26BG004000T000999")
        self.assertEqual(declaration.mrn, mrn)

    def test_state_not_written_through_lines_or_create(self):
        """A draft is not made cleared through its lines, nor is a
        declaration created in another state than draft."""
        declaration = self._declaration()
        with self.assertRefused(AccessError, "Status of the line"):
            declaration.line_ids.with_user(self.customs_user).write(
                {"state": "cleared"}
            )
        self.assertEqual(declaration.line_ids.state, "draft")
        self.assertEqual(declaration.state, "draft")
        count = self.Declaration.search_count([])
        Declaration = self.Declaration.with_user(self.customs_user)
        with self.assertRefused(AccessError, "state cannot be written"):
            Declaration.create({"direction": "import", "state": "cleared"})
        with self.assertRefused(AccessError, "state cannot be written"):
            Declaration.with_context(default_state="released").create(
                {"direction": "import"}
            )
        self.assertEqual(self.Declaration.search_count([]), count)
        # The superuser (data files, migrations) still may.
        forced = self.Declaration.sudo().create(
            {"direction": "export", "state": "cleared"}
        )
        self.assertEqual(forced.state, "cleared")
        forced.sudo().write({"state": "rejected"})
        self.assertEqual(forced.state, "rejected")

    def test_unlink_only_draft(self):
        """A lodged declaration cannot be deleted."""
        declaration = self._declaration()
        declaration.action_lodge()
        with self.assertRefused(UserError, "only draft or cancelled"):
            declaration.unlink()
        self.assertTrue(declaration.exists())

    def test_customs_office_type(self):
        """Only a government agency of the type customs office is an office."""
        tax_office = self.office.copy({"name": "Tax Office Ruse"})
        tax_office.agency_type = "tax_authority"
        with self.assertRefused(
            ValidationError, "Tax Office Ruse is not a customs office"
        ):
            self._declaration(customs_office_id=tax_office.id)
        with self.assertRefused(ValidationError, "is not a customs office"):
            self._declaration(customs_office_id=self.supplier.id)

    def test_procedure_code(self):
        """The procedure code has 4 digits and follows the direction."""
        declaration = self._declaration()
        self.assertEqual(declaration.procedure_code, "4000")
        for code in ("400", "40000", "40A0"):
            with self.assertRefused(ValidationError, f"procedure code {code} "):
                declaration.procedure_code = code
        with Form(declaration) as form:
            form.direction = "export"
            self.assertEqual(form.procedure_code, "1000")
            form.direction = "transit"
            self.assertFalse(form.procedure_code)
            form.procedure_code = "4071"
            form.direction = "import"
            self.assertEqual(form.procedure_code, "4071")

    def test_copy(self):
        """A copy is a new draft with its own number and no MRN."""
        declaration = self._accept(self._declaration())
        copy = declaration.copy()
        self.assertEqual(copy.state, "draft")
        self.assertFalse(copy.mrn)
        self.assertNotEqual(copy.name, declaration.name)
        self.assertEqual(len(copy.line_ids), 1)
