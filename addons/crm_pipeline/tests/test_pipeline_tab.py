from odoo.tests import tagged

from .common import PipelineCase


@tagged("post_install", "-at_install")
class TestPipelineTab(PipelineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account = cls._customer("Maritsa Mills")
        cls.contact = cls.Partner.create(
            {"name": "Ana Koleva", "parent_id": cls.account.id, "type": "contact"}
        )
        cls._deal(name="Open A", partner_id=cls.account.id, expected_revenue=1000)
        cls._deal(name="Open B", partner_id=cls.contact.id, expected_revenue=500)
        won = cls._deal(name="Won", partner_id=cls.account.id, expected_revenue=3000)
        won.stage_id = cls.stage_won
        lost = cls._deal(name="Lost", partner_id=cls.contact.id, expected_revenue=700)
        lost.action_set_lost()
        cls.other = cls._customer("Other Account")
        cls._deal(name="Other", partner_id=cls.other.id, expected_revenue=9)

    def test_pipeline_figures(self):
        """Open, won and lost deals of the account and its contacts, the win
        rate and the expected revenue."""
        self.env.invalidate_all()
        account = self.account
        self.assertEqual(account.pipeline_open_count, 2)
        self.assertEqual(account.pipeline_won_count, 1)
        self.assertEqual(account.pipeline_lost_count, 1)
        self.assertAlmostEqual(account.pipeline_win_rate, 50.0)
        self.assertEqual(account.pipeline_expected_revenue, 1500)
        self.assertEqual(account.pipeline_won_revenue, 3000)
        self.assertEqual(
            sorted(account.pipeline_open_deal_ids.mapped("name")), ["Open A", "Open B"]
        )
        self.assertEqual(
            self.contact.pipeline_open_count, 2, "Contacts show the account's"
        )

    def test_pipeline_figures_batched(self):
        """Figures of many partners come from one grouped query."""
        counts = {}
        (self.account | self.other).mapped("pipeline_open_count")  # warm caches
        for partners in (self.account, self.account | self.other | self.contact):
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            partners.mapped("pipeline_open_count")
            counts[len(partners)] = self.env.cr.sql_log_count - start
        self.assertLessEqual(counts[3], counts[1], counts)

    def test_pipeline_report(self):
        """The analysis gives the conversion rate and the revenue won."""
        Report = self.env["crm.pipeline.report"]
        groups = Report._read_group(
            [("partner_id", "=", self.account.id)],
            [],
            ["won_rate:avg", "won_revenue:sum", "deal_count:sum"],
        )
        won_rate, won_revenue, deals = groups[0]
        self.assertEqual(deals, 4)
        self.assertAlmostEqual(won_rate, 25.0)
        self.assertEqual(won_revenue, 3000)
