from collections import Counter

from odoo.tests import tagged

from .common import PipelineCase


@tagged("post_install", "-at_install")
class TestAssignment(PipelineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.owner_assignment = True

    def _unowned(self, count, **values):
        return self.Lead.create(
            [
                dict(
                    {
                        "name": f"Unowned {i}",
                        "type": "opportunity",
                        "team_id": self.team.id,
                        "user_id": False,
                    },
                    **values,
                )
                for i in range(count)
            ]
        )

    def test_round_robin_balance(self):
        """Deals without owner are spread evenly, in turn, across calls."""
        deals = self._unowned(4)
        deals |= self._unowned(2)
        owners = Counter(deal.user_id.login for deal in deals)
        self.assertEqual(
            owners,
            {"pipeline_sales_1": 2, "pipeline_sales_2": 2, "pipeline_sales_3": 2},
        )
        self.assertEqual(deals[0].user_id, self.salesman_1)
        self.assertEqual(deals[3].user_id, self.salesman_1)

    def test_skip_members_over_load(self):
        """A member at the open-deal limit is skipped; when all are full the
        deal stays unassigned with a note."""
        self.team.owner_open_deal_limit = 2
        self._deal(user_id=self.salesman_1.id)
        self._deal(user_id=self.salesman_1.id)
        deals = self._unowned(4)
        owners = Counter(deal.user_id.login for deal in deals)
        self.assertEqual(owners, {"pipeline_sales_2": 2, "pipeline_sales_3": 2})
        full = self._unowned(1)
        self.assertFalse(full.user_id)
        self.assertIn("open deals or more", full.message_ids[0].body)
        member = self.team.crm_team_member_ids.filtered(
            lambda m: m.user_id == self.salesman_2
        )
        self.assertEqual(member.open_deal_count, 2)

    def test_opted_out_member_skipped(self):
        """Members who opted out of assignment get no deals."""
        self.team.crm_team_member_ids.filtered(
            lambda m: m.user_id == self.salesman_3
        ).assignment_optout = True
        deals = self._unowned(4)
        self.assertNotIn(self.salesman_3, deals.user_id)

    def test_assignment_in_chatter(self):
        """The chosen owner is recorded in the deal's chatter."""
        deal = self._unowned(1)
        self.assertIn("Sales One", deal.message_ids[0].body)
        self.assertIn("round robin", deal.message_ids[0].body)

    def test_no_rule_no_assignment(self):
        """Pipelines without the rule leave deals unassigned."""
        self.team.owner_assignment = False
        deal = self._unowned(1)
        self.assertFalse(deal.user_id)
