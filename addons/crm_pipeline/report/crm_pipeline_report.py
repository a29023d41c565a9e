from odoo import fields, models, tools


class CrmPipelineReport(models.Model):
    """One row per deal for the pipeline analysis: averaging ``won_rate``
    over rows gives the conversion rate from lead to won of any group (owner,
    stage, source, period), and ``won_revenue`` sums the revenue won per
    marketing source. Time per stage is analysed on the stage history."""

    _name = "crm.pipeline.report"
    _description = "Pipeline Analysis"
    _auto = False
    _order = "create_date desc"

    lead_id = fields.Many2one("crm.lead", string="Deal", readonly=True)
    create_date = fields.Datetime("Created On", readonly=True)
    date_closed = fields.Datetime("Closed On", readonly=True)
    user_id = fields.Many2one("res.users", string="Owner", readonly=True)
    team_id = fields.Many2one("crm.team", string="Pipeline", readonly=True)
    stage_id = fields.Many2one("crm.stage", string="Stage", readonly=True)
    source_id = fields.Many2one("utm.source", string="Source", readonly=True)
    campaign_id = fields.Many2one("utm.campaign", string="Campaign", readonly=True)
    medium_id = fields.Many2one("utm.medium", string="Medium", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Account", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("won", "Won"), ("lost", "Lost")], readonly=True
    )
    deal_count = fields.Integer("Deals", readonly=True)
    won_rate = fields.Float(
        "Conversion Rate (%)",
        aggregator="avg",
        readonly=True,
        help="Share of leads and deals that were won.",
    )
    expected_revenue = fields.Float(readonly=True)
    won_revenue = fields.Float("Revenue Won", readonly=True)
    days_to_close = fields.Float("Days to Close", aggregator="avg", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT l.id,
                       l.id AS lead_id,
                       l.create_date,
                       l.date_closed,
                       l.user_id,
                       l.team_id,
                       l.stage_id,
                       l.source_id,
                       l.campaign_id,
                       l.medium_id,
                       p.commercial_partner_id AS partner_id,
                       l.company_id,
                       CASE WHEN l.active AND st.is_won THEN 'won'
                            WHEN NOT l.active THEN 'lost'
                            ELSE 'open' END AS state,
                       1 AS deal_count,
                       CASE WHEN l.active AND st.is_won THEN 100.0 ELSE 0.0 END
                           AS won_rate,
                       COALESCE(l.expected_revenue, 0) AS expected_revenue,
                       CASE WHEN l.active AND st.is_won
                            THEN COALESCE(l.expected_revenue, 0) ELSE 0 END
                           AS won_revenue,
                       CASE WHEN l.date_closed IS NOT NULL
                            THEN EXTRACT(EPOCH FROM l.date_closed - l.create_date)
                                 / 86400.0 END AS days_to_close
                  FROM crm_lead l
                  LEFT JOIN crm_stage st ON st.id = l.stage_id
                  LEFT JOIN res_partner p ON p.id = l.partner_id
            )
            """  # noqa: S608 - the table name is the model's own
        )
