"""The holes of the holding tree an ordinary login could use over RPC, each
tried as the weakest role that could (issue: trust, second round)."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.crm_counterparty.tests.rpc import RpcMixin


@tagged("post_install", "-at_install")
class TestHoldingTrust(RpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.top, cls.member, cls.outsider = Partner.create(
            [
                {"name": name, "is_company": True}
                for name in ("Pirin Holding AD", "Pirin Foods OOD", "Vitosha Ltd")
            ]
        )
        cls.membership = cls.env["crm.holding.membership"].create(
            {
                "partner_id": cls.member.id,
                "parent_id": cls.top.id,
                "date_start": fields.Date.today() - timedelta(days=30),
            }
        )
        # A plain employee who may create and edit contacts.
        cls.employee = new_test_user(
            cls.env,
            login="trust_contact_editor",
            password="trust_contact_editor",
            groups="base.group_user,base.group_partner_manager",
        )
        cls.portal = new_test_user(
            cls.env,
            login="trust_holding_portal",
            password="trust_holding_portal",
            groups="base.group_portal",
        )
        cls.portal.partner_id.parent_id = cls.member

    def _tree(self, partner):
        """The tree fields of ``partner`` as the database holds them."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT holding_parent_id, holding_id, holding_path, holding_membership_id"
            " FROM res_partner WHERE id = %s",
            [partner.id],
        )
        return self.env.cr.fetchone()

    def test_employee_cannot_write_the_tree(self):
        """A contact editor writing a company's holding parent, holding or
        path over RPC is refused; the tree stays what the memberships say."""
        before = {p: self._tree(p) for p in (self.member, self.outsider)}
        self.assertEqual(before[self.member][0], self.top.id)
        for partner, vals in (
            (self.outsider, {"holding_parent_id": self.top.id}),
            (self.member, {"holding_parent_id": self.outsider.id}),
            (self.member, {"holding_id": self.outsider.id}),
            (self.member, {"holding_path": f"{self.outsider.id}/{self.member.id}/"}),
            (self.outsider, {"holding_membership_id": self.membership.id}),
        ):
            with self.subTest(partner=partner.name, vals=vals):
                message = self.assertRpcRefused(
                    self.employee,
                    "res.partner",
                    "write",
                    partner.ids,
                    vals,
                    error="AccessError",
                )
                self.assertIn("is computed", message)
                self.assertEqual(self._tree(partner), before[partner])

    def test_employee_cannot_create_into_the_tree(self):
        """A new company given a holding parent in its values is refused;
        given one as a context default, it is created outside any tree."""
        self.assertRpcRefused(
            self.employee,
            "res.partner",
            "create",
            {"name": "Forged Member EOOD", "holding_parent_id": self.top.id},
            error="AccessError",
        )
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", "Forged Member EOOD")])
        )
        partner_id, error = self.rpc(
            self.employee,
            "res.partner",
            "create",
            {"name": "Defaulted Member EOOD", "is_company": True},
            context={"default_holding_parent_id": self.top.id},
        )
        self.assertIsNone(error)
        partner = self.env["res.partner"].browse(partner_id)
        self.assertEqual(self._tree(partner), (None, None, None, None))
        self.assertNotIn(partner, self.top.holding_child_ids)

    def test_membership_stays_in_its_company(self):
        """A Counterparties user cannot move a membership into a company he
        does not work in."""
        other = self.env["res.company"].create({"name": "Elsewhere AD"})
        user = new_test_user(
            self.env,
            login="trust_holding_cp_user",
            password="trust_holding_cp_user",
            groups="base.group_user,crm_counterparty.group_counterparty_user",
        )
        self.assertRpcRefused(
            user,
            "crm.holding.membership",
            "write",
            self.membership.ids,
            {"company_id": other.id},
            error="AccessError",
        )
        self.env.cr.execute(
            "SELECT company_id FROM crm_holding_membership WHERE id = %s",
            self.membership.ids,
        )
        self.assertEqual(self.env.cr.fetchone()[0], None)

    def test_portal_user_reads_no_holding_role(self):
        """A portal user of a member reads neither its role nor its
        ownership in the holding."""
        commercial = self.portal.partner_id.commercial_partner_id
        self.assertEqual(commercial, self.member)
        for fname in ("holding_role", "holding_ownership_pct"):
            with self.subTest(field=fname):
                self.assertRpcRefused(
                    self.portal,
                    "res.partner",
                    "read",
                    commercial.ids,
                    [fname],
                    error="AccessError",
                )
