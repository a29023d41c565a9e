from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import CustomsCase, make_mrn


@tagged("post_install", "-at_install")
class TestCustomsAccess(CustomsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.env["res.company"].create(
            {"name": "Danube Logistics SRL", "country_id": cls.env.ref("base.ro").id}
        )
        cls.user_2 = new_test_user(
            cls.env,
            login="customs_user_2",
            groups="base.group_user,crm_customs.group_customs_user",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )

    def test_plain_user_has_no_access(self):
        """A user without the customs group cannot read or create declarations."""
        declaration = self._declaration()
        with self.assertRaises(AccessError):
            declaration.with_user(self.plain_user).read(["name"])
        with self.assertRaises(AccessError):
            self.Declaration.with_user(self.plain_user).create({"direction": "import"})
        with self.assertRaises(AccessError):
            declaration.line_ids.with_user(self.plain_user).read(["hs_code"])

    def test_customs_user_works_until_locked(self):
        """A customs user records and lodges, but edits no lodged data and
        deletes nothing."""
        Declaration = self.Declaration.with_user(self.customs_user)
        declaration = Declaration.create(
            {
                "direction": "import",
                "customs_office_id": self.office.id,
                "line_ids": [Command.create({"product_id": self.product.id})],
            }
        )
        declaration.action_lodge()
        self.assertEqual(declaration.state, "lodged")
        with self.assertRefused(UserError, "can no longer change"):
            declaration.exchange_rate = 2.0
        with self.assertRaises(AccessError):
            declaration.unlink()
        self.assertTrue(declaration.exists())

    def test_customs_user_opens_released_import(self):
        """A customs user without accounting or purchase rights opens a
        released import linked to an order, and sees its duty bill."""
        self.assertFalse(self.customs_user.has_group("account.group_account_invoice"))
        self.assertFalse(self.customs_user.has_group("purchase.group_purchase_user"))
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.supplier.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        declaration = self._accept(
            self._declaration(purchase_order_ids=[Command.link(order.id)])
        )
        declaration.action_release()
        declaration.invalidate_recordset()
        with Form(declaration.with_user(self.customs_user)) as form:
            self.assertEqual(form.state, "released")
            self.assertTrue(form.duty_bill_id)
            self.assertEqual(form.amount_charges, declaration.amount_charges)
        self.assertEqual(
            declaration.with_user(self.customs_user).purchase_order_count, 1
        )

    def test_multi_company(self):
        """A user of another company sees none of this company's declarations."""
        declaration = self._declaration()
        Declaration = self.Declaration.with_user(self.user_2)
        self.assertFalse(Declaration.search([("id", "=", declaration.id)]))
        self.assertFalse(
            self.Line.with_user(self.user_2).search(
                [("declaration_id", "=", declaration.id)]
            )
        )
        with self.assertRaises(AccessError):
            declaration.with_user(self.user_2).read(["name"])
        own = Declaration.create({"direction": "export"})
        self.assertEqual(own.company_id, self.company_2)
        self.assertEqual(Declaration.search([]), own)

    def test_mrn_check_does_not_probe_other_companies(self):
        """A user of one company learns nothing of another company's
        declarations through the MRN check, and cannot use that company."""
        mrn = make_mrn("26BG004000T000321")
        theirs = self._declaration(mrn=mrn)
        Declaration = self.Declaration.with_user(self.user_2)
        count = self.Declaration.search_count([])
        refused = rf"company id {self.company.id}\b"
        for vals in ({"mrn": mrn}, {"mrn": make_mrn("26BG004000T000322")}):
            with self.assertRefused(AccessError, refused) as caught:
                Declaration.create(dict(vals, company_id=self.company.id))
            self.assertNotIn(theirs.name, str(caught.exception))
        own = Declaration.create({"direction": "import", "mrn": mrn})
        self.assertEqual(own.company_id, self.company_2, "an MRN repeats elsewhere")
        with self.assertRefused(AccessError, refused) as caught:
            own.write({"company_id": self.company.id})
        self.assertNotIn(theirs.name, str(caught.exception))
        self.assertEqual(self.Declaration.search_count([]), count + 1)
        self.assertEqual(own.company_id, self.company_2)

    def test_mrn_unique_among_allowed_companies(self):
        """A user of both companies is told which declaration has the MRN in
        the company they work in."""
        mrn = make_mrn("26BG004000T000323")
        theirs = self._declaration(mrn=mrn)
        self.user_2.company_ids = [Command.link(self.company.id)]
        Declaration = self.Declaration.with_user(self.user_2).with_context(
            allowed_company_ids=[self.company.id, self.company_2.id]
        )
        with self.assertRefused(ValidationError, theirs.name):
            Declaration.create({"mrn": mrn, "company_id": self.company.id})

    def test_manager_deletes_drafts(self):
        """A customs manager deletes a draft declaration and its lines."""
        declaration = self._declaration()
        lines = declaration.line_ids
        declaration.with_user(self.customs_manager).unlink()
        self.assertFalse(declaration.exists())
        self.assertFalse(lines.exists())
