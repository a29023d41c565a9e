"""The Consolidated Analysis shows each role the documents Odoo lets it read,
and nothing else: its rows come from the registry's kinds, each searched as
the user."""

from datetime import timedelta

from odoo import Command
from odoo.tests import Form, new_test_user, tagged

from .common import HoldingCase

#: The kinds these tests look at: those of the register, its sale and
#: purchase bridges, contracts, leases and the administrator's kind made
#: below. Other bridges (stock, customs, loyalty) add rows of their own when
#: installed: ``test_shown_for_and_registry_figures`` compares every kind.
CODES = (
    "offer",
    "sale",
    "customer_move",
    "overdue_customer_move",
    "inbound_payment",
    "vendor_move",
    "overdue_vendor_move",
    "outbound_payment",
    "financial_move",
    "payment",
    "purchase_request",
    "purchase",
    "supplier_article",
    "supply_discount",
    "contract",
    "lease",
    "ship_to",
)

#: The rows of every order, invoice, bill, payment and purchase of the
#: company, which accounting reads (see ``TestReportAccess._expected``).
COMPANY_DOCUMENTS = (
    "sale:order_own",
    "offer:offer_own",
    "sale:order_other",
    "offer:offer_other",
    "customer_move:invoice_a",
    "overdue_customer_move:invoice_a",
    "vendor_move:bill_b",
    "purchase:purchase_a",
    "inbound_payment:payment_top",
    "supplier_article:article_a",
    "ship_to:order_own:a",
    "ship_to:order_own:b",
    "ship_to:order_other:b",
)


@tagged("post_install", "-at_install")
class TestReportAccess(HoldingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rila_chain()  # top -> a -> b
        cls.members = cls.top | cls.a | cls.b
        cls.own_salesman = new_test_user(
            cls.env,
            login="report_own_salesman",
            groups="sales_team.group_sale_salesman,account.group_account_invoice",
        )
        cls.all_salesman = new_test_user(
            cls.env,
            login="report_all_salesman",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.purchase_user = new_test_user(
            cls.env, login="report_purchase_user", groups="purchase.group_purchase_user"
        )
        cls.accountant = new_test_user(
            cls.env,
            login="report_accountant",
            groups="account.group_account_invoice,"
            "crm_counterparty.group_counterparty_user",
        )
        cls.auditor = new_test_user(
            cls.env, login="report_auditor", groups="account.group_account_readonly"
        )
        cls.other_company = cls.env["res.company"].create({"name": "Pirin Trade AD"})
        cls.other_user = new_test_user(
            cls.env,
            login="report_other_user",
            groups="sales_team.group_sale_salesman_all_leads,"
            "account.group_account_invoice,purchase.group_purchase_user,"
            "crm_counterparty.group_counterparty_manager",
            company_id=cls.other_company.id,
            company_ids=[cls.other_company.id],
        )
        # An administrator's kind with two partner fields: the orders each
        # company is sold or shipped to.
        with Form(cls.env["crm.counterparty.document.kind"]) as form:
            form.name = "Ship-to Orders"
            form.code = "ship_to"
            form.model_id = cls.env["ir.model"]._get("sale.order")
            for fname in ("partner_id", "partner_shipping_id"):
                form.partner_field_ids.add(
                    cls.env["ir.model.fields"]._get("sale.order", fname)
                )
            form.domain = "[('state', '=', 'sale')]"
        cls.ship_to = form.record
        past = cls.today - timedelta(days=30)
        # Sold to a, shipped to b: one ship-to row for each.
        cls.order_own = cls._sale(
            cls.a,
            100.0,
            confirm=True,
            user_id=cls.own_salesman.id,
            partner_shipping_id=cls.b.id,
        )
        cls.offer_own = cls._sale(cls.b, 10.0, user_id=cls.own_salesman.id)
        cls.order_other = cls._sale(
            cls.b, 200.0, confirm=True, user_id=cls.all_salesman.id
        )
        cls.offer_other = cls._sale(cls.top, 20.0, user_id=cls.env.user.id)
        cls.invoice_a = cls._move("out_invoice", cls.a, 50.0, due=past)
        cls.bill_b = cls._move("in_invoice", cls.b, 30.0)
        cls.purchase_a = cls._purchase(cls.a, 40.0)
        cls.payment_top = cls._payment("inbound", cls.top, 5.0)
        cls.article_a = cls.env["product.supplierinfo"].search(
            [("partner_id", "=", cls.a.id)]
        )
        cls.contract_b = cls.env["crm.contract"].create(
            {
                "title": "Framework",
                "partner_id": cls.b.id,
                "side": "customer",
                "date_start": cls.today,
            }
        )
        cls.lease_top = cls.env["crm.lease"].create(
            {
                "partner_id": cls.top.id,
                "partner_role": "lessee",
                "asset_description": "Warehouse",
                "date_start": cls.today,
                "rent": 10.0,
            }
        )
        # An offer of the other company to a, by its own salesman.
        cls.offer_elsewhere = (
            cls.env["sale.order"]
            .with_company(cls.other_company)
            .create(
                {
                    "partner_id": cls.a.id,
                    "user_id": cls.other_user.id,
                    "order_line": [
                        Command.create(
                            {"product_id": cls.product.id, "price_unit": 70.0}
                        )
                    ],
                }
            )
        )

    def _rows(self, user, domain=()):
        """``{(kind code, document, member)}`` of the rows ``user`` reads of
        the members' documents, among the kinds of ``CODES``."""
        Report = self.env["crm.holding.report"].with_user(user)
        rows = Report.search(
            [
                ("member_id", "in", self.members.ids),
                ("kind_id.code", "in", CODES),
                *domain,
            ]
        )
        return {
            (
                row.kind_id.code,
                self.env[row.res_model].browse(row.res_id),
                row.member_id,
            )
            for row in rows
        }

    def _expected(self, *keys):
        """The rows named by ``keys``: ``kind code:document[:member]``, the
        document and the member by their attribute names on the class; the
        member is the document's partner's company by default."""
        rows = set()
        for key in keys:
            code, document, *member = key.split(":")
            document = getattr(self, document)
            member = (
                getattr(self, member[0])
                if member
                else document.partner_id.commercial_partner_id
            )
            rows.add((code, document, member))
        return rows

    def test_own_documents_salesperson(self):
        """A salesperson who sees his own documents only, with Billing, reads
        his own orders and offers (on the old SQL view: every order of the
        company), and the invoices, bills, payments and purchases Billing
        lets him read."""
        Report = self.env["crm.holding.report"].with_user(self.own_salesman)
        colleagues = (self.order_other | self.offer_other).mapped("name")
        self.assertFalse(
            Report.search(
                [
                    ("member_id", "in", self.members.ids),
                    ("document_name", "in", colleagues),
                ]
            ),
            "no row of his colleagues' orders and offers",
        )
        self.assertEqual(len(self.article_a), 1)
        self.assertEqual(
            self._rows(self.own_salesman),
            self._expected(
                "sale:order_own",
                "offer:offer_own",
                "customer_move:invoice_a",
                "overdue_customer_move:invoice_a",
                "vendor_move:bill_b",
                "purchase:purchase_a",
                "inbound_payment:payment_top",
                "supplier_article:article_a",
                "ship_to:order_own:a",
                "ship_to:order_own:b",
            ),
        )
        [(amount,)] = Report._read_group(
            [("member_id", "in", self.members.ids), ("kind_id.code", "=", "sale")],
            [],
            ["amount:sum"],
        )
        self.assertEqual(amount, 100.0, "his order only, not the 200 of a colleague")

    def test_all_documents_salesperson(self):
        """A salesperson who sees all documents, without Billing, reads every
        order and customer invoice of the company, and no bill, payment or
        purchase."""
        self.assertEqual(
            self._rows(self.all_salesman),
            self._expected(
                "sale:order_own",
                "offer:offer_own",
                "sale:order_other",
                "offer:offer_other",
                "customer_move:invoice_a",
                "overdue_customer_move:invoice_a",
                "supplier_article:article_a",
                "ship_to:order_own:a",
                "ship_to:order_own:b",
                "ship_to:order_other:b",
            ),
        )

    def test_purchase_user(self):
        """A purchase user reads purchases and vendor bills, no order, customer
        invoice or payment."""
        self.assertEqual(
            self._rows(self.purchase_user),
            self._expected(
                "vendor_move:bill_b",
                "purchase:purchase_a",
                "supplier_article:article_a",
            ),
        )

    def test_billing_user(self):
        """An accountant (Billing and Counterparties user) reads every document
        of the company, contracts and leases included, and none of another
        company."""
        self.assertEqual(
            self._rows(self.accountant),
            self._expected(
                *COMPANY_DOCUMENTS, "contract:contract_b", "lease:lease_top"
            ),
        )

    def test_auditor(self):
        """An auditor (read-only accounting) reads the documents accounting
        lets him read; not contracts or leases, which are the register's."""
        self.assertEqual(self._rows(self.auditor), self._expected(*COMPANY_DOCUMENTS))

    def test_other_company_user(self):
        """A user of another company, with every right there, reads none of
        this company's rows, of any kind: only his company's offer."""
        Report = self.env["crm.holding.report"].with_user(self.other_user)
        rows = Report.search([("member_id", "in", self.members.ids)])
        self.assertFalse(rows.filtered(lambda r: r.company_id == self.company))
        self.assertEqual(
            self._rows(self.other_user), self._expected("offer:offer_elsewhere")
        )
        self.assertNotIn(
            self._expected("offer:offer_elsewhere").pop(),
            self._rows(self.accountant),
            "nor does this company's accountant read the other company's",
        )

    def test_shown_for_and_registry_figures(self):
        """Per member and kind, the analysis counts and sums, for each user,
        what that member's dossier counts and sums for him."""
        Kind = self.env["crm.counterparty.document.kind"]
        for user in (self.own_salesman, self.purchase_user, self.accountant):
            Report = self.env["crm.holding.report"].with_user(user)
            groups = {
                (member, kind.code): (count, amount)
                for member, kind, count, amount in Report._read_group(
                    [("member_id", "in", self.members.ids)],
                    ["member_id", "kind_id"],
                    ["__count", "amount:sum"],
                )
            }
            for member in self.members:
                member = member.with_user(user)
                kinds = Kind.with_user(user)._for_partner(member)
                totals = member._dossier_document_totals(kinds)[member.id]
                for kind in kinds:
                    values = totals[kind.code]
                    count, amount = groups.get((member, kind.code), (0, 0.0))
                    self.assertEqual(count, values["count"], (user.login, kind.code))
                    self.assertAlmostEqual(
                        amount, values["amount"], msg=(user.login, kind.code)
                    )
                shown = {code for (m, code) in groups if m == member}
                self.assertLessEqual(
                    shown, set(kinds.mapped("code")), "only kinds its dossier shows"
                )

    def test_stable_unique_ids(self):
        """Row ids are unique across kinds and the same at each request."""
        Report = self.env["crm.holding.report"]
        rows = Report.search([("member_id", "in", self.members.ids)])
        self.assertEqual(len(rows.ids), len(set(rows.ids)))
        self.assertEqual(
            len({(r.kind_id, r.res_model, r.res_id, r.member_id) for r in rows}),
            len(rows),
        )
        self.env.invalidate_all()
        self.assertEqual(Report.search([("member_id", "in", self.members.ids)]), rows)
        order_rows = rows.filtered(lambda r: r.res_id == self.order_own.id)
        self.assertEqual(
            set(order_rows.mapped("kind_id.code")) & {"sale", "ship_to"},
            {"sale", "ship_to"},
        )
        row = rows.filtered(
            lambda r: r.kind_id.code == "sale" and r.res_id == self.order_own.id
        )
        self.assertEqual(
            (row.document_name, row.date, row.holding_id, row.holding_parent_id),
            (self.order_own.name, self.order_own.date_order.date(), self.top, self.top),
        )
        self.assertEqual(row.currency_id, self.company.currency_id)

    def test_constant_queries(self):
        """Reading the analysis as a user (pivot groups and list rows) takes
        as many queries for 50 members' documents as for 5."""

        def build(size):
            top = self._company(f"Holding {size}")
            members = self.Partner.create(
                [
                    {
                        "name": f"Member {size}-{i}",
                        "is_company": True,
                        "counterparty_kind_ids": [Command.set(self.kind_customer.ids)],
                    }
                    for i in range(size)
                ]
            )
            self.Membership.create(
                [
                    {
                        "partner_id": member.id,
                        "parent_id": top.id,
                        "date_start": self.today,
                    }
                    for member in members
                ]
            )
            self.env["sale.order"].create(
                [
                    {
                        "partner_id": member.id,
                        "user_id": self.own_salesman.id,
                        "order_line": [
                            Command.create(
                                {"product_id": self.product.id, "price_unit": 10.0}
                            )
                        ],
                    }
                    for member in members
                ]
            )
            self.env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": member.id,
                        "invoice_line_ids": [
                            Command.create(
                                {"name": "Service", "price_unit": 5.0, "tax_ids": []}
                            )
                        ],
                    }
                    for member in members
                ]
            ).action_post()
            return top

        def read(top):
            Report = self.env["crm.holding.report"].with_user(self.own_salesman)
            domain = [("holding_id", "=", top.id)]
            groups = Report.read_group(
                domain, ["amount:sum"], ["member_id", "kind_id"], lazy=False
            )
            rows = Report.search_read(
                domain, ["document_name", "member_id", "kind_id", "amount"]
            )
            return groups, rows

        def count_queries(top):
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            result = read(top)
            return self.cr.sql_log_count - start, result

        top_5, top_50 = build(5), build(50)
        count_queries(top_5)  # warm the caches of access rights
        queries_5, (groups_5, rows_5) = count_queries(top_5)
        queries_50, (groups_50, rows_50) = count_queries(top_50)
        self.assertEqual(len(rows_5), 10, "an offer and an invoice per member")
        self.assertEqual(len(rows_50), 100)
        self.assertEqual(len(groups_50), 100)
        self.assertEqual(queries_50, queries_5)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(queries_5):
            read(top_50)
