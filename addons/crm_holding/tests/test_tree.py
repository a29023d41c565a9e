from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import Form, tagged

from .common import HoldingCase


@tagged("post_install", "-at_install")
class TestHoldingTree(HoldingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # top -> a -> a1, a2 ; top -> b
        cls.top = cls._company("Rila Holding AD", cls.kind_holding)
        cls.a = cls._company("Rila Trade EOOD")
        cls.a1 = cls._company("Rila Foods OOD")
        cls.a2 = cls._company("Rila Wines OOD")
        cls.b = cls._company("Rila Properties EOOD")
        cls.m_a = cls._member(cls.a, cls.top, ownership_pct=100.0)
        cls.m_a1 = cls._member(cls.a1, cls.a, ownership_pct=75.0)
        cls.m_a2 = cls._member(cls.a2, cls.a, role="affiliate", ownership_pct=40.0)
        cls.m_b = cls._member(cls.b, cls.top, role="branch")

    def test_tree_is_stored_on_partners(self):
        """Parent, path and holding of every company follow the memberships."""
        top, a, a1, a2, b = self.top, self.a, self.a1, self.a2, self.b
        self.assertEqual(top.holding_id, top, "a holding is its own holding")
        self.assertFalse(top.holding_parent_id)
        self.assertFalse(top.holding_path)
        self.assertEqual((a | a1 | a2 | b).holding_id, top)
        self.assertEqual(a1.holding_parent_id, a)
        self.assertEqual(a1.holding_path, f"{top.id}/{a.id}/{a1.id}/")
        self.assertEqual(b.holding_path, f"{top.id}/{b.id}/")
        self.assertEqual(top.holding_child_ids, a | b)
        self.assertEqual(a.holding_child_ids, a1 | a2)
        self.assertEqual(a1.holding_sibling_ids, a2)
        self.assertEqual(a.holding_sibling_ids, b)
        self.assertFalse(top.holding_sibling_ids)
        self.assertEqual(top.holding_member_ids, a | a1 | a2 | b)
        self.assertEqual(top.holding_member_count, 4)
        self.assertEqual(a.holding_member_ids, a1 | a2)
        self.assertEqual(a1.holding_member_count, 0)
        self.assertEqual(a2.holding_role, "affiliate")
        self.assertEqual(a2.holding_ownership_pct, 40.0)
        self.assertEqual(self.m_a1.holding_id, top)
        self.assertTrue(self.m_a1.is_current)
        self.assertEqual(self.m_a1.display_name, "Rila Foods OOD in Rila Trade EOOD")

    def test_members_become_holding_members(self):
        """Members and their parents get the holding member kind."""
        self.assertEqual(self.top.counterparty_kind_ids, self.kind_holding)
        for partner in self.a | self.a1 | self.b:
            self.assertEqual(
                partner.counterparty_kind_ids, self.kind_customer | self.kind_holding
            )

    def test_contacts_follow_their_company(self):
        """A contact's documents carry its company's holding."""
        contact = self.Partner.create(
            {"name": "Maria Ivanova", "parent_id": self.a1.id}
        )
        self.assertFalse(contact.holding_id, "contacts are not members themselves")
        order = self._sale(contact, 10.0)
        self.assertEqual(order.holding_id, self.top)

    def test_moving_a_subtree(self):
        """A company moved to another holding takes its whole subtree along,
        and the documents dated from the move on."""
        other = self._company("Pirin Holding AD")
        order = self._sale(self.a1, 100.0)
        invoice = self._move("out_invoice", self.a2, 50.0)
        purchase = self._purchase(self.a1, 30.0)
        payment = self._payment("inbound", self.a2, 20.0)
        self.assertEqual(
            (order.holding_id, invoice.holding_id, purchase.holding_id),
            (self.top, self.top, self.top),
        )
        self.assertEqual(payment.holding_id, self.top)

        self.m_a.date_end = self.today - timedelta(days=1)
        self._member(self.a, other, date_start=self.today)

        self.assertEqual((self.a | self.a1 | self.a2).holding_id, other)
        self.assertEqual(self.a2.holding_path, f"{other.id}/{self.a.id}/{self.a2.id}/")
        self.assertEqual(self.top.holding_child_ids, self.b)
        self.assertEqual(self.top.holding_member_ids, self.b)
        self.assertEqual(other.holding_id, other)
        self.assertEqual(order.holding_id, other)
        self.assertEqual(invoice.holding_id, other)
        self.assertEqual(purchase.holding_id, other)
        self.assertEqual(payment.holding_id, other)
        self.assertEqual(self.m_a1.holding_id, other)

    def test_last_member_leaves(self):
        """A holding whose last member leaves is a plain company again."""
        top = self._company("Vitosha Holding AD")
        member = self._company("Vitosha Bakery OOD")
        membership = self._member(member, top)
        self.assertEqual(top.holding_id, top)
        membership.date_end = self.today - timedelta(days=1)
        self.assertFalse(member.holding_id)
        self.assertFalse(member.holding_parent_id)
        self.assertFalse(top.holding_id)
        self.assertFalse(membership.is_current)

    def test_deleting_a_membership(self):
        """Deleting a membership takes the company out of the tree."""
        self.m_a1.unlink()
        self.assertFalse(self.a1.holding_id)
        self.assertFalse(self.a1.holding_path)
        self.assertEqual(self.a.holding_child_ids, self.a2)

    def test_sub_holding_joins_a_holding(self):
        """A holding that joins another brings its members to the new top."""
        group = self._company("Balkan Group AD")
        self._member(self.top, group, date_start=self.today)
        self.assertEqual(self.a1.holding_id, group)
        self.assertEqual(
            self.a1.holding_path, f"{group.id}/{self.top.id}/{self.a.id}/{self.a1.id}/"
        )
        self.assertEqual(self.top.holding_id, group)
        self.assertEqual(group.holding_member_count, 5)

    def test_memberships_follow_the_days(self):
        """Memberships start and end with the days: the daily job updates the
        tree."""
        top = self._company("Strandzha Holding AD")
        member = self._company("Strandzha Honey OOD")
        tomorrow = self.today + timedelta(days=1)
        membership = self._member(
            member, top, date_start=tomorrow, date_end=tomorrow + timedelta(days=9)
        )
        self.assertFalse(membership.is_current)
        self.assertFalse(member.holding_id)
        Membership = self.env["crm.holding.membership"]
        self.assertFalse(Membership._cron_sync_holding_tree(), "nothing changed today")
        with freeze_time(tomorrow):
            self.assertEqual(Membership._cron_sync_holding_tree(), membership)
            self.assertEqual(member.holding_id, top)
            self.assertEqual(top.holding_id, top)
            self.assertFalse(Membership._cron_sync_holding_tree(), "done once")
        with freeze_time(tomorrow + timedelta(days=10)):
            self.assertEqual(Membership._cron_sync_holding_tree(), membership)
            self.assertFalse(member.holding_id)
            self.assertFalse(top.holding_id)

    def _membership_form(self, **defaults):
        """The membership form the Holding tab's lists open in a dialog,
        with the defaults they give (crm_dossier_list)."""
        Membership = self.env["crm.holding.membership"].with_user(self.cp_user)
        return Form(Membership.with_context(**defaults))

    def test_member_added_on_the_holding_form(self):
        """A user makes a company a holding member, which shows its Holding
        tab, and adds a member company there."""
        top = self._company("Sakar Holding AD")
        member = self._company("Sakar Dairy OOD")
        with Form(top.with_user(self.cp_user)) as form:
            form.counterparty_kind_ids.add(self.kind_holding)
        with self._membership_form(default_parent_id=top.id) as line:
            line.partner_id = member
            line.role = "subsidiary"
            line.ownership_pct = 60.0
        membership = top.holding_member_membership_ids
        self.assertEqual(membership.partner_id, member)
        self.assertEqual(membership.date_start, fields.Date.context_today(top))
        self.assertEqual(member.holding_id, top)
        self.assertEqual(top.holding_child_ids, member)

    def test_parent_set_on_the_member_form(self):
        """A user places a holding member under its parent from the company's
        form."""
        member = self._company("Osogovo Mills OOD")
        with Form(member.with_user(self.cp_user)) as form:
            form.counterparty_kind_ids.add(self.kind_holding)
        with self._membership_form(default_partner_id=member.id) as line:
            line.parent_id = self.b
            line.role = "affiliate"
            line.ownership_pct = 25.5
        self.assertEqual(member.holding_parent_id, self.b)
        self.assertEqual(member.holding_id, self.top)
        self.assertEqual(member.holding_ownership_pct, 25.5)

    def test_tree_view(self):
        """The hierarchy view reads the holding around the company shown."""
        action = self.a.action_open_holding_tree()
        self.assertEqual(action["context"]["hierarchy_res_id"], self.a.id)
        self.assertEqual(action["context"]["search_default_in_holding"], 1)
        self.assertIn("hierarchy", action["view_mode"])
        self.assertIn("Rila Holding AD", action["display_name"])
        # What the view asks for when it opens on the company.
        rows = self.Partner.hierarchy_read(
            [("id", "=", self.a.id)],
            ["name", "holding_role", "holding_child_ids"],
            "holding_parent_id",
            "holding_child_ids",
        )
        by_id = {row["id"]: row for row in rows}
        self.assertEqual(
            set(by_id), {self.top.id, self.a.id, self.b.id, self.a1.id, self.a2.id}
        )
        self.assertEqual(
            sorted(by_id[self.a.id]["holding_child_ids"]),
            sorted((self.a1 | self.a2).ids),
        )
        self.assertEqual(by_id[self.a.id]["holding_parent_id"][0], self.top.id)

    def test_filter_and_group_documents_by_holding(self):
        """Orders, invoices and payments are searched and grouped by holding,
        in their lists and in Odoo's analysis reports."""
        loner = self._company("Loner Trading OOD")
        self._sale(self.a1, 100.0, confirm=True)
        self._sale(self.b, 40.0, confirm=True)
        self._sale(loner, 7.0, confirm=True)
        self._purchase(self.a2, 30.0)
        self._move("out_invoice", self.a1, 60.0)
        self._move("in_invoice", self.b, 25.0)
        self._payment("inbound", self.a2, 15.0)
        self.env.flush_all()

        SaleOrder = self.env["sale.order"]
        self.assertEqual(
            SaleOrder.search([("holding_id", "=", self.top.id)]).partner_id,
            self.a1 | self.b,
        )
        groups = dict(
            SaleOrder._read_group(
                [("partner_id", "in", (self.a1 | self.b | loner).ids)],
                ["holding_id"],
                ["amount_total:sum"],
            )
        )
        self.assertEqual(groups[self.top], 140.0)
        self.assertEqual(groups[self.Partner], 7.0)
        for model, amount_field, expected in (
            ("purchase.order", "amount_total:sum", 30.0),
            ("account.payment", "amount:sum", 15.0),
        ):
            [(holding, total)] = self.env[model]._read_group(
                [("holding_id", "=", self.top.id)], ["holding_id"], [amount_field]
            )
            self.assertEqual((holding, total), (self.top, expected), model)
        moves = self.env["account.move"].search([("holding_id", "=", self.top.id)])
        self.assertEqual(
            sorted(moves.mapped("move_type")),
            ["entry", "in_invoice", "out_invoice"],
            "the invoices and the payment's journal entry",
        )

        # Odoo's own analysis reports (pivot and graph views).
        for model, measure, expected in (
            ("sale.report", "price_total:sum", 140.0),
            ("purchase.report", "price_total:sum", 30.0),
        ):
            [(total,)] = self.env[model]._read_group(
                [("holding_id", "=", self.top.id)], [], [measure]
            )
            self.assertAlmostEqual(total, expected, msg=model)
        invoices = dict(
            self.env["account.invoice.report"]._read_group(
                [("holding_id", "=", self.top.id)],
                ["move_type"],
                ["price_subtotal:sum"],
            )
        )
        self.assertAlmostEqual(invoices["out_invoice"], 60.0)
        self.assertAlmostEqual(invoices["in_invoice"], -25.0)

    def test_search_views_offer_the_holding(self):
        """The search views of the documents filter and group by holding."""
        for model in (
            "sale.order",
            "purchase.order",
            "account.move",
            "account.payment",
            "sale.report",
            "purchase.report",
            "account.invoice.report",
            "res.partner",
        ):
            arch = self.env[model].get_view(view_type="search")["arch"]
            self.assertIn('name="holding_id"', arch, model)
            self.assertIn("'group_by': 'holding_id'", arch, model)

    def test_partner_form_shows_the_holding(self):
        """The dossier shows the holding, the parent and the siblings."""
        form = Form(self.a1)
        self.assertEqual(form.holding_id, self.top)
        self.assertEqual(form.holding_parent_id, self.a)
        # Sister companies and members: lists read when the tab is shown.
        arch = self.a1.get_views([(False, "form")])["views"]["form"]["arch"]
        for field in (
            "holding_sibling_ids",
            "holding_member_ids",
            "holding_membership_ids",
            "holding_member_membership_ids",
        ):
            self.assertIn(f'field="{field}"', arch)
            self.assertNotIn(f'name="{field}"', arch)
        self.assertEqual(len(self.a1.holding_membership_ids), 1)
        self.assertEqual(len(self.top.holding_member_membership_ids), 2)
        self.assertEqual(Form(self.top).holding_member_count, 4)
