from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.crm_counterparty.tests.common import CounterpartyCase


class PipelineCase(CounterpartyCase):
    """A pipeline (sales team) with four stages, salespeople and helpers to
    build deals, sales and contacts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Lead = cls.env["crm.lead"]
        cls.Stage = cls.env["crm.stage"]
        cls.sales_manager = new_test_user(
            cls.env,
            login="pipeline_manager",
            groups="base.group_user,sales_team.group_sale_manager,"
            "crm_counterparty.group_counterparty_user",
        )
        cls.salesman_1 = new_test_user(
            cls.env,
            login="pipeline_sales_1",
            name="Sales One",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        cls.salesman_2 = new_test_user(
            cls.env,
            login="pipeline_sales_2",
            name="Sales Two",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        cls.salesman_3 = new_test_user(
            cls.env,
            login="pipeline_sales_3",
            name="Sales Three",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Test New Sales",
                "use_opportunities": True,
                "crm_team_member_ids": [
                    Command.create({"user_id": cls.salesman_1.id}),
                    Command.create({"user_id": cls.salesman_2.id}),
                    Command.create({"user_id": cls.salesman_3.id}),
                ],
            }
        )

        def stage(name, sequence, **values):
            return cls.Stage.create(
                dict(name=name, sequence=sequence, team_id=cls.team.id, **values)
            )

        cls.stage_new = stage("T New", 1)
        cls.stage_qualified = stage("T Qualified", 2)
        cls.stage_proposal = stage("T Proposal", 3)
        cls.stage_won = stage("T Won", 4, is_won=True)
        cls.field_revenue = cls.env.ref("crm.field_crm_lead__expected_revenue")
        cls.field_deadline = cls.env.ref("crm.field_crm_lead__date_deadline")
        cls.product = cls.env["product.product"].create(
            {"name": "Pipeline Test Service", "type": "service", "list_price": 100.0}
        )

    @classmethod
    def _deal(cls, name="Deal", **values):
        vals = {
            "name": name,
            "type": "opportunity",
            "team_id": cls.team.id,
            "stage_id": cls.stage_new.id,
            "user_id": cls.salesman_1.id,
        }
        vals.update(values)
        return cls.Lead.create(vals)

    @classmethod
    def _customer(cls, name, **values):
        vals = {
            "name": name,
            "is_company": True,
            "country_id": cls.bg.id,
            "counterparty_kind_ids": [Command.link(cls.kind_customer.id)],
        }
        vals.update(values)
        return cls.Partner.create(vals)
