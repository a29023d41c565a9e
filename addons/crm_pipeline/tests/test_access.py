from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PipelineCase


@tagged("post_install", "-at_install")
class TestAccess(PipelineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account = cls._customer("Access Account")
        cls.deal = cls._deal(
            name="Secret deal", partner_id=cls.account.id, expected_revenue=99
        )
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.other_user = new_test_user(
            cls.env,
            login="other_co_sales",
            groups="base.group_user,sales_team.group_sale_salesman_all_leads",
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )

    def test_plain_user_sees_no_deals(self):
        """A user without sales rights sees the dossier but no deal figures
        and no pipeline analysis."""
        account = self.account.with_user(self.plain_user)
        self.assertEqual(account.pipeline_open_count, 0)
        self.assertEqual(account.pipeline_expected_revenue, 0)
        self.assertFalse(account.pipeline_open_deal_ids)
        with self.assertRaises(AccessError):
            self.env["crm.pipeline.report"].with_user(self.plain_user).search([])
        with self.assertRaises(AccessError):
            self.env["crm.lead.stage.history"].with_user(self.plain_user).search([])

    def test_salesman_cannot_configure(self):
        """Salespeople use the workflow but do not change stage rules."""
        with self.assertRaises(AccessError):
            self.stage_new.with_user(self.salesman_1).write(
                {"required_field_ids": [(6, 0, self.field_revenue.ids)]}
            )
        self.assertFalse(self.stage_new.required_field_ids)
        with self.assertRaises(AccessError):
            self.env["crm.lead.followup.step"].with_user(self.salesman_1).create(
                {
                    "lead_id": self.deal.id,
                    "stage_id": self.stage_new.id,
                    "template_id": self.env["mail.template"].search([], limit=1).id,
                    "scheduled_date": "2030-01-01",
                }
            )

    def test_salesman_sees_own_history(self):
        """Salespeople who see their own deals see only their history."""
        other = self._deal(name="Of Sales Two", user_id=self.salesman_2.id)
        History = self.env["crm.lead.stage.history"].with_user(self.salesman_1)
        leads = History.search([("lead_id", "in", (self.deal | other).ids)]).lead_id
        self.assertEqual(leads, self.deal)
        Report = self.env["crm.pipeline.report"].with_user(self.salesman_1)
        self.assertFalse(Report.search([("lead_id", "=", other.id)]))

    def test_salesman_sees_own_followups(self):
        """Salespeople who see their own deals see only their own deals'
        follow-up e-mails and recipients; those who see all deals see all."""
        template = self.env["mail.template"].create(
            {
                "name": "Access reminder",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "subject": "About {{ object.name }}",
                "partner_to": "{{ object.partner_id.id }}",
            }
        )
        self.stage_qualified.followup_mail_ids = [
            Command.create({"template_id": template.id, "delay_days": 2})
        ]
        other = self._deal(
            name="Of Sales Two", user_id=self.salesman_2.id, partner_id=self.account.id
        )
        unassigned = self._deal(name="Nobody's", user_id=False)
        deals = self.deal | other | unassigned
        deals.stage_id = self.stage_qualified
        self.assertEqual(len(deals.followup_step_ids), 3)
        Step = self.env["crm.lead.followup.step"].with_user(self.salesman_1)
        self.assertEqual(
            Step.search([("lead_id", "in", deals.ids)]).lead_id,
            self.deal | unassigned,
        )
        with self.assertRaises(AccessError):
            other.followup_step_ids.with_user(self.salesman_1).read(["partner_id"])
        all_deals = new_test_user(
            self.env,
            login="pipeline_sales_all",
            groups="base.group_user,sales_team.group_sale_salesman_all_leads",
        )
        Step = self.env["crm.lead.followup.step"].with_user(all_deals)
        self.assertEqual(Step.search([("lead_id", "in", deals.ids)]).lead_id, deals)

    def test_portal_user_reads_no_remarks(self):
        """A customer's portal user reads neither the remarks, their key=value
        attributes nor the pin reason of their own company."""
        self.account.write(
            {
                "remarks": "credit=blocked",
                "relationship_stage": "declining",
                "relationship_stage_pinned": True,
                "relationship_pin_reason": "Unpaid invoices since March",
            }
        )
        portal = new_test_user(
            self.env, login="access_portal", groups="base.group_portal"
        )
        portal.partner_id.parent_id = self.account
        account = self.account.with_user(portal)
        self.assertEqual(account.read(["name"])[0]["name"], "Access Account")
        for fname in (
            "remarks",
            "remark_attribute_ids",
            "remark_attribute",
            "relationship_pin_reason",
        ):
            with self.assertRaises(AccessError, msg=fname):
                account.read([fname])
        with self.assertRaises(AccessError):
            self.env["crm.partner.attribute"].with_user(portal).search([])
        with self.assertRaises(AccessError):
            self.Partner.with_user(portal).search(
                [("remark_attribute", "=", "credit=blocked")]
            )

    def test_other_company_reads_no_remarks(self):
        """The remarks, attributes and pin reason of a counterparty of this
        company are hidden from another company's users; those of a shared
        counterparty are as visible as its remarks."""
        own = self._customer(
            "Own Account",
            company_id=self.env.company.id,
            remarks="credit=blocked",
            relationship_stage="declining",
            relationship_stage_pinned=True,
            relationship_pin_reason="Unpaid invoices since March",
        )
        shared = self._customer("Shared Account", remarks="segment=retail")
        Attribute = self.env["crm.partner.attribute"].with_user(self.other_user)
        self.assertEqual(
            Attribute.search([("partner_id", "in", (own | shared).ids)]).partner_id,
            shared,
        )
        self.assertEqual(own.remark_attribute_ids.company_id, self.env.company)
        self.assertFalse(shared.remark_attribute_ids.company_id)
        with self.assertRaises(AccessError):
            own.remark_attribute_ids.with_user(self.other_user).read(["value"])
        with self.assertRaises(AccessError):
            own.with_user(self.other_user).read(["remarks", "relationship_pin_reason"])
        Partner = self.Partner.with_user(self.other_user)
        self.assertFalse(Partner.search([("remark_attribute", "=", "credit=blocked")]))
        self.assertEqual(
            self.Partner.with_user(self.cp_user).search(
                [("remark_attribute", "=", "credit=blocked")]
            ),
            own,
        )
        # attributes follow their counterparty to another company
        shared.company_id = self.other_company
        self.assertEqual(
            Attribute.search([("partner_id", "=", shared.id)]).company_id,
            self.other_company,
        )

    def test_other_company_hidden(self):
        """Users of another company see none of this company's history."""
        History = self.env["crm.lead.stage.history"].with_user(self.other_user)
        self.assertFalse(History.search([("lead_id", "=", self.deal.id)]))
        Report = self.env["crm.pipeline.report"].with_user(self.other_user)
        self.assertFalse(Report.search([("lead_id", "=", self.deal.id)]))

    def test_counterparty_user_pins_stage(self):
        """A counterparty user may pin a stage with a reason."""
        account = self.account.with_user(self.cp_user)
        account.write(
            {
                "relationship_stage": "growing",
                "relationship_stage_pinned": True,
                "relationship_pin_reason": "New framework agreement",
            }
        )
        self.assertEqual(self.account.relationship_stage, "growing")
