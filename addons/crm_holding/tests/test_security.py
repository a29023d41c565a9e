from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import HoldingCase


@tagged("post_install", "-at_install")
class TestHoldingSecurity(HoldingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.top = cls._company("Rila Holding AD")
        cls.a = cls._company("Rila Trade EOOD")
        cls.b = cls._company("Rila Foods OOD")
        cls.membership = cls._member(cls.a, cls.top)
        cls._sale(cls.a, 100.0, confirm=True)
        cls._move("out_invoice", cls.a, 40.0)
        cls.accountant = new_test_user(
            cls.env,
            login="holding_accountant",
            groups="base.group_user,account.group_account_invoice",
        )
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.other_user = new_test_user(
            cls.env,
            login="holding_other_user",
            groups="base.group_user,crm_counterparty.group_counterparty_manager",
            company_id=cls.other_company.id,
            company_ids=[cls.other_company.id],
        )

    def test_plain_user_reads_but_does_not_change(self):
        """An employee sees the holdings but changes no membership."""
        membership = self.membership.with_user(self.plain_user)
        self.assertEqual(membership.read(["partner_id"])[0]["partner_id"][0], self.a.id)
        a = self.a.with_user(self.plain_user)
        self.assertEqual(a.holding_id, self.top)
        self.assertEqual(a.holding_parent_id, self.top)
        Membership = self.Membership.with_user(self.plain_user)
        with self.assertRaises(AccessError):
            Membership.create({"partner_id": self.b.id, "parent_id": self.top.id})
        with self.assertRaises(AccessError):
            membership.write({"ownership_pct": 10.0})
        with self.assertRaises(AccessError):
            membership.unlink()
        self.assertFalse(self.b.holding_id)

    def test_plain_user_consolidated_totals(self):
        """An employee without sales or invoicing rights reads the consolidated
        dossier: documents it may not read count as none."""
        values = self._consolidated(self.top.with_user(self.plain_user))
        self.assertEqual(values["sale_amount"], 0.0)
        self.assertEqual(values["receivable_amount"], 0.0)
        sections = self.top.with_user(self.plain_user).get_holding_documents()
        self.assertFalse(
            {"sale", "customer_move"} & {s["code"] for s in sections},
            "kinds he may not read are not shown",
        )
        with self.assertRaises(AccessError):
            self.top.with_user(self.plain_user).read(["holding_credit_limit"])
        with self.assertRaises(AccessError):
            self.env["crm.holding.report"].with_user(self.plain_user).search([])

    def test_accountant_reads_receivables_and_analysis(self):
        """An invoicing user reads receivables and the consolidated analysis."""
        top = self.top.with_user(self.accountant)
        self.assertEqual(self._consolidated(top)["receivable_amount"], 40.0)
        self.assertEqual(
            self._consolidated(top)["sale_amount"],
            100.0,
            "Odoo lets billing users read orders",
        )
        self.assertEqual(top.holding_credit_limit, 0.0)
        Report = self.env["crm.holding.report"].with_user(self.accountant)
        rows = Report.search(
            [
                ("member_id", "=", self.a.id),
                ("res_model", "in", ("sale.order", "account.move")),
            ]
        )
        self.assertEqual(sorted(rows.mapped("kind_id.code")), ["customer_move", "sale"])
        self.assertEqual(len(rows), 2)

    def test_counterparty_user_and_manager(self):
        """A counterparty user places companies in holdings; only an
        administrator deletes memberships."""
        membership = self.Membership.with_user(self.cp_user).create(
            {"partner_id": self.b.id, "parent_id": self.a.id, "ownership_pct": 51.0}
        )
        self.assertEqual(self.b.holding_id, self.top)
        membership.ownership_pct = 60.0
        with self.assertRaises(AccessError):
            membership.unlink()
        membership.with_user(self.cp_manager).unlink()
        self.assertFalse(self.b.holding_id)

    def test_other_company(self):
        """Memberships of a company's own partners stay in that company."""
        own = self._company("Own Co Client OOD", company_id=self.company.id)
        membership = self._member(own, self.top)
        Membership = self.Membership.with_user(self.other_user)
        self.assertFalse(Membership.search([("id", "=", membership.id)]))
        with self.assertRaises(AccessError):
            membership.with_user(self.other_user).read(["partner_id"])
        self.assertTrue(Membership.search([("id", "=", self.membership.id)]))

    def test_menus(self):
        """Holdings are in the Counterparties app; the analysis is for
        accountants."""
        holdings = self.env.ref("crm_holding.res_partner_holding_menu")
        analysis = self.env.ref("crm_holding.crm_holding_report_menu")
        Menu = self.env["ir.ui.menu"]
        self.assertEqual(
            holdings.parent_id.parent_id,
            self.env.ref("crm_counterparty.crm_counterparty_menu_root"),
        )
        self.assertIn(holdings.id, Menu.with_user(self.cp_user)._visible_menu_ids())
        self.assertNotIn(analysis.id, Menu.with_user(self.cp_user)._visible_menu_ids())
        self.assertIn(analysis.id, Menu.with_user(self.accountant)._visible_menu_ids())
