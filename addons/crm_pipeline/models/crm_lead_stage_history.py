from odoo import api, fields, models


class CrmLeadStageHistory(models.Model):
    """One stay of a deal in a stage: from when it entered to when it left.

    Odoo keeps only the last stage change (``date_last_stage_update``) and
    tracking messages; a row per stay makes the average time per stage a
    plain grouped average in the pipeline analysis.
    """

    _name = "crm.lead.stage.history"
    _inherit = ["crm.company.guard.mixin"]
    _description = "Deal Stage History"
    _order = "date_in desc, id desc"

    lead_id = fields.Many2one(
        "crm.lead", string="Deal", required=True, ondelete="cascade", index=True
    )
    stage_id = fields.Many2one(
        "crm.stage", required=True, ondelete="cascade", index=True
    )
    team_id = fields.Many2one("crm.team", string="Pipeline", index=True)
    user_id = fields.Many2one("res.users", string="Owner", index=True)
    source_id = fields.Many2one("utm.source", string="Source")
    company_id = fields.Many2one("res.company", index=True)
    date_in = fields.Datetime("Entered", required=True)
    date_out = fields.Datetime("Left")
    duration_days = fields.Float(
        "Days in Stage",
        compute="_compute_duration_days",
        store=True,
        aggregator="avg",
        help="Days between entering and leaving the stage; empty while the deal "
        "is still in it.",
    )

    @api.depends("date_in", "date_out")
    def _compute_duration_days(self):
        for stay in self:
            if stay.date_in and stay.date_out:
                delta = stay.date_out - stay.date_in
                stay.duration_days = round(delta.total_seconds() / 86400.0, 2)
            else:
                stay.duration_days = 0.0
