"""What an ordinary login could get past in the pipeline over RPC, each
tried as the weakest role that could (issue: trust, second round)."""

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.crm_counterparty.tests.rpc import RpcMixin

from .common import PipelineCase


@tagged("post_install", "-at_install")
class TestPipelineTrust(RpcMixin, PipelineCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_new.next_stage_ids = cls.stage_qualified
        cls.stage_proposal.required_field_ids = cls.field_revenue
        for user in (cls.salesman_1, cls.salesman_2, cls.sales_manager):
            user.password = user.login

    def test_forged_skip_checks_key(self):
        """A salesperson who sends the key that lets merges skip the stage
        workflow still gets the allowed transitions and required fields."""
        deal = self._deal("Forged Move")
        forged = {"crm_pipeline_skip_checks": True}
        message = self.assertRpcRefused(
            self.salesman_1,
            "crm.lead",
            "write",
            deal.ids,
            {"stage_id": self.stage_won.id},
            context=forged,
            error="UserError",
        )
        self.assertIn("from T New to T Won", message)
        self.assertEqual(deal.stage_id, self.stage_new)
        self.assertRpcRefused(
            self.salesman_1,
            "crm.lead",
            "create",
            {
                "name": "Forged Shortcut",
                "type": "opportunity",
                "team_id": self.team.id,
                "stage_id": self.stage_proposal.id,
                "user_id": self.salesman_1.id,
            },
            context=forged,
            error="UserError",
        )
        self.assertFalse(self.Lead.search([("name", "=", "Forged Shortcut")]))

    def test_open_deal_count_as_the_user(self):
        """An own-documents salesperson does not learn a colleague's number of
        open deals; a sales manager does."""
        self._deal("Two's First", user_id=self.salesman_2.id)
        self._deal("Two's Second", user_id=self.salesman_2.id)
        member = self.team.crm_team_member_ids.filtered(
            lambda m: m.user_id == self.salesman_2
        )
        seen = {}
        for user in (self.salesman_1, self.sales_manager):
            [row], error = self.rpc(
                user, "crm.team.member", "read", member.ids, ["open_deal_count"]
            )
            self.assertIsNone(error)
            seen[user.login] = row["open_deal_count"]
        self.assertEqual(seen, {"pipeline_sales_1": 0, "pipeline_manager": 2})

    def test_portal_user_reads_no_relationship_stage(self):
        """A portal user reads neither the relationship stage of his company
        nor its dates."""
        customer = self._customer("Portal Customer OOD", relationship_stage="mature")
        portal = new_test_user(
            self.env,
            login="trust_pipeline_portal",
            password="trust_pipeline_portal",
            groups="base.group_portal",
        )
        portal.partner_id.parent_id = customer
        for fname in (
            "relationship_stage",
            "relationship_stage_pinned",
            "relationship_stage_date",
            "relationship_activity_date",
        ):
            with self.subTest(field=fname):
                self.assertRpcRefused(
                    portal,
                    "res.partner",
                    "read",
                    customer.ids,
                    [fname],
                    error="AccessError",
                )
