from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from .common import HoldingCase


@tagged("post_install", "-at_install")
class TestConsolidatedDossier(HoldingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # top -> a -> a1 ; top -> b ; an outsider with documents of its own
        cls.top = cls._company("Rila Holding AD")
        cls.a = cls._company("Rila Trade EOOD")
        cls.a1 = cls._company("Rila Foods OOD")
        cls.a1_contact = cls.Partner.create(
            {"name": "Elena Dimitrova", "parent_id": cls.a1.id}
        )
        cls.b = cls._company("Rila Properties EOOD")
        cls.outsider = cls._company("Pirin Trade OOD")
        cls._member(cls.a, cls.top)
        cls._member(cls.a1, cls.a, ownership_pct=75.0)
        cls._member(cls.b, cls.top)
        past = cls.today - timedelta(days=30)
        cls.docs = {
            "sale_top": cls._sale(cls.top, 1000.0, confirm=True),
            "sale_a1": cls._sale(cls.a1_contact, 300.0, confirm=True),
            "sale_b": cls._sale(cls.b, 400.0, confirm=True),
            "sale_outsider": cls._sale(cls.outsider, 9999.0, confirm=True),
            "offer_a": cls._sale(cls.a, 200.0),
            "offer_a1": cls._sale(cls.a1, 50.0),
            "invoice_a1": cls._move("out_invoice", cls.a1, 500.0),
            "invoice_a_overdue": cls._move("out_invoice", cls.a, 120.0, due=past),
            "refund_b": cls._move("out_refund", cls.b, 20.0),
            "invoice_outsider": cls._move("out_invoice", cls.outsider, 777.0, due=past),
            "bill_b_overdue": cls._move("in_invoice", cls.b, 70.0, due=past),
            "bill_a": cls._move("in_invoice", cls.a, 30.0),
            "purchase_a1": cls._purchase(cls.a1, 80.0),
            "purchase_b": cls._purchase(cls.b, 40.0),
            "payment_a1": cls._payment("inbound", cls.a1_contact, 15.0),
            "payment_b": cls._payment("outbound", cls.b, 5.0),
        }
        cls.docs["offer_a1"].action_quotation_sent()

    def _figures(self, partner):
        return self._consolidated(
            partner,
            "offer_count",
            "offer_amount",
            "sale_count",
            "sale_amount",
            "receivable_amount",
            "overdue_count",
            "overdue_amount",
            "payable_amount",
            "overdue_payable_amount",
            "purchase_count",
            "purchase_amount",
            "inbound_payment_amount",
            "outbound_payment_amount",
        )

    def test_holding_totals(self):
        """The holding's totals are those of all its companies, at any depth,
        and of their contacts; outsiders are left out."""
        self.assertEqual(
            self._figures(self.top),
            {
                "offer_count": 2,
                "offer_amount": 250.0,
                "sale_count": 3,
                "sale_amount": 1700.0,
                "receivable_amount": 600.0,
                "overdue_count": 1,
                "overdue_amount": 120.0,
                "payable_amount": 100.0,
                "overdue_payable_amount": 70.0,
                "purchase_count": 2,
                "purchase_amount": 120.0,
                "inbound_payment_amount": 15.0,
                "outbound_payment_amount": 5.0,
            },
        )
        self.assertEqual(self.top.holding_member_count, 3)

    def test_member_totals(self):
        """A member's consolidated totals cover its own subtree only."""
        self.assertEqual(
            self._figures(self.a),
            {
                "offer_count": 2,
                "offer_amount": 250.0,
                "sale_count": 1,
                "sale_amount": 300.0,
                "receivable_amount": 620.0,
                "overdue_count": 1,
                "overdue_amount": 120.0,
                "payable_amount": 30.0,
                "overdue_payable_amount": 0.0,
                "purchase_count": 1,
                "purchase_amount": 80.0,
                "inbound_payment_amount": 15.0,
                "outbound_payment_amount": 0.0,
            },
        )
        self.assertEqual(self._consolidated(self.a1)["sale_amount"], 300.0)
        self.assertEqual(self._consolidated(self.a1)["receivable_amount"], 500.0)
        self.assertEqual(self._consolidated(self.b)["receivable_amount"], -20.0)
        self.assertEqual(self._consolidated(self.b)["overdue_payable_amount"], 70.0)
        self.assertEqual(
            self._consolidated(self.a1_contact)["sale_amount"],
            300.0,
            "shown on contacts too",
        )
        # A company outside any holding: its own figures.
        self.assertEqual(self._consolidated(self.outsider)["sale_amount"], 9999.0)
        self.assertEqual(self._consolidated(self.outsider)["overdue_amount"], 777.0)

    def test_per_member_figures(self):
        """The breakdown lists every member with its own figures."""
        members = self.top.holding_member_ids
        self.assertEqual(members, self.a | self.a1 | self.b)
        self.assertEqual(
            {
                m.name: (self._amount(m, "sale"), self._amount(m, "customer_move"))
                for m in members
            },
            {
                "Rila Trade EOOD": (0.0, 120.0),
                "Rila Foods OOD": (300.0, 500.0),
                "Rila Properties EOOD": (400.0, -20.0),
            },
        )

    def test_smart_buttons_reach_every_member(self):
        """The consolidated smart buttons open the documents of every company
        of the subtree."""
        docs = self.docs
        cases = [
            ("sale", "sale_top sale_a1 sale_b"),
            ("offer", "offer_a offer_a1"),
            (
                "customer_move",
                "invoice_a1 invoice_a_overdue refund_b",
            ),
            ("overdue_customer_move", "invoice_a_overdue"),
            ("vendor_move", "bill_b_overdue bill_a"),
            ("overdue_vendor_move", "bill_b_overdue"),
            ("purchase", "purchase_a1 purchase_b"),
            ("inbound_payment", "payment_a1"),
            ("outbound_payment", "payment_b"),
        ]
        for code, keys in cases:
            action = self.top.action_open_holding_documents(code)
            expected = sum(
                (docs[key] for key in keys.split()[1:]), docs[keys.split()[0]]
            )
            self.assertEqual(self._action_records(action), expected, code)
            self.assertIn("Rila Holding AD and its members", action["display_name"])
        action = self.a.action_open_holding_documents("sale")
        self.assertEqual(self._action_records(action), docs["sale_a1"])

    def test_other_documents(self):
        """Contracts, leases and supplier articles of the members are counted
        and opened."""
        contract = self.env["crm.contract"].create(
            {
                "title": "Framework",
                "partner_id": self.a1_contact.id,
                "side": "customer",
                "date_start": self.today,
            }
        )
        lease = self.env["crm.lease"].create(
            {
                "partner_id": self.b.id,
                "partner_role": "lessee",
                "asset_description": "Warehouse",
                "date_start": self.today,
                "rent": 10.0,
            }
        )
        article = self.env["product.supplierinfo"].create(
            {
                "partner_id": self.a.id,
                "product_tmpl_id": self.product.product_tmpl_id.id,
                "price": 9.0,
            }
        )
        # Confirmed purchase orders added the vendors' prices too.
        articles = self.env["product.supplierinfo"].search(
            [("partner_id", "in", (self.a | self.a1 | self.b | self.outsider).ids)]
        )
        self.assertIn(article, articles)
        self.assertEqual(len(articles), 3)
        self.assertEqual(self._consolidated(self.top)["supplier_article_count"], 3)
        self.assertEqual(
            self._action_records(
                self.top.action_open_holding_documents("supplier_article")
            ),
            articles,
        )
        self.assertEqual(self._consolidated(self.top)["contract_count"], 1)
        self.assertEqual(self._consolidated(self.top)["lease_count"], 1)
        self.assertEqual(
            self._action_records(self.top.action_open_holding_documents("contract")),
            contract,
        )
        self.assertEqual(
            self._action_records(self.top.action_open_holding_documents("lease")), lease
        )

    def test_analysis_per_member(self):
        """The consolidated analysis breaks the subtree's documents down by
        member and kind of the registry, in a pivot, with the amounts the
        registry sums."""
        action = self.top.action_open_holding_analysis()
        self.assertEqual(action["res_model"], "crm.holding.report")
        self.assertTrue(action["view_mode"].startswith("pivot"))
        Report = self.env["crm.holding.report"]
        summed = [("kind_id.amount_field_id", "!=", False)]
        groups = {
            (member.name, kind.code): amount
            for member, kind, amount in Report._read_group(
                action["domain"] + summed, ["member_id", "kind_id"], ["amount:sum"]
            )
        }
        self.assertEqual(
            groups,
            {
                ("Rila Holding AD", "sale"): 1000.0,
                ("Rila Trade EOOD", "offer"): 200.0,
                ("Rila Trade EOOD", "customer_move"): 120.0,
                ("Rila Trade EOOD", "overdue_customer_move"): 120.0,
                ("Rila Trade EOOD", "vendor_move"): 30.0,
                ("Rila Foods OOD", "sale"): 300.0,
                ("Rila Foods OOD", "offer"): 50.0,
                ("Rila Foods OOD", "customer_move"): 500.0,
                ("Rila Foods OOD", "purchase"): 80.0,
                ("Rila Foods OOD", "inbound_payment"): 15.0,
                ("Rila Properties EOOD", "sale"): 400.0,
                ("Rila Properties EOOD", "customer_move"): -20.0,
                ("Rila Properties EOOD", "vendor_move"): 70.0,
                ("Rila Properties EOOD", "overdue_vendor_move"): 70.0,
                ("Rila Properties EOOD", "purchase"): 40.0,
                ("Rila Properties EOOD", "outbound_payment"): 5.0,
            },
        )
        [(amount,)] = Report._read_group(
            action["domain"]
            + [
                (
                    "kind_id.code",
                    "in",
                    ("overdue_customer_move", "overdue_vendor_move"),
                )
            ],
            [],
            ["amount:sum"],
        )
        self.assertEqual(amount, 190.0, "120 receivable and 70 payable")
        [(holding, parent)] = Report._read_group(
            [("member_id", "=", self.a1.id)], ["holding_id", "holding_parent_id"]
        )
        self.assertEqual((holding, parent), (self.top, self.a))

    def test_constant_queries(self):
        """The totals of a holding take as many queries for 200 members five
        levels deep as for 10."""
        admin = self.env.ref("base.user_admin")

        def build(size):
            top = self._company(f"Holding {size}")
            members = self.Partner.create(
                [
                    {"name": f"Member {size}-{i}", "is_company": True}
                    for i in range(size)
                ]
            )
            # Four members under each company: five levels for 200 members.
            self.Membership.create(
                [
                    {
                        "partner_id": member.id,
                        "parent_id": (top if i < 4 else members[(i - 4) // 4]).id,
                        "date_start": self.today,
                    }
                    for i, member in enumerate(members)
                ]
            )
            # Documents for every member, posted ones for a few.
            self.env["sale.order"].create(
                [
                    {
                        "partner_id": member.id,
                        "order_line": [
                            Command.create(
                                {"product_id": self.product.id, "price_unit": 10.0}
                            )
                        ],
                    }
                    for member in members
                ]
            )
            moves = self.env["account.move"].create(
                [
                    {
                        "move_type": move_type,
                        "partner_id": member.id,
                        "invoice_date": self.today - timedelta(days=40),
                        "invoice_date_due": self.today - timedelta(days=10),
                        "invoice_line_ids": [
                            Command.create(
                                {"name": "Service", "price_unit": 5.0, "tax_ids": []}
                            )
                        ],
                    }
                    for member in members
                    for move_type in ("out_invoice", "in_invoice")
                ]
            )
            moves[:4].action_post()
            self._sale(members[-1], 7.0, confirm=True)
            self._purchase(members[-1], 3.0)
            self._payment("inbound", members[-1], 2.0)
            self._payment("outbound", members[-1], 1.0)
            return top.with_user(admin), members

        def count_queries(top):
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            values = self._consolidated(top)
            return self.cr.sql_log_count - start, values

        top_10, members_10 = build(10)
        top_200, members_200 = build(200)
        self.assertEqual(members_200[-1].holding_path.count("/"), 5, "five levels")
        count_queries(top_10)  # warm the caches of access rights
        queries_10, values_10 = count_queries(top_10)
        queries_200, values_200 = count_queries(top_200)
        self.assertEqual(values_10["offer_count"], 10)
        self.assertEqual(values_200["offer_count"], 200)
        self.assertEqual(values_200["customer_move_count"], 200)
        self.assertEqual(values_200["sale_amount"], 7.0)
        self.assertEqual(values_200["overdue_amount"], 10.0)
        kinds = self.env["crm.counterparty.document.kind"].with_user(admin)._readable()
        # Two grouped queries per kind at most and one per figure, whatever
        # the bridges installed, plus the tree's.
        self.assertLessEqual(queries_10, 2 * len(kinds) + len(kinds.figure_ids) + 14)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(queries_10):
            self._consolidated(top_200)
        self.assertEqual(queries_200, queries_10)
