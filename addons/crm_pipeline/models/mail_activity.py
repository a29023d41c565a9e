from odoo import api, fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    followup_stage_id = fields.Many2one(
        "crm.stage",
        string="Follow-up of Stage",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The deal stage whose follow-up sequence scheduled this activity; "
        "it is removed when the deal leaves the stage.",
    )

    @api.model
    def _selection_job_failure_ref(self):
        return super()._selection_job_failure_ref() + [
            (model, self.env[model]._description)
            for model in ("crm.lead.followup.step", "res.partner")
        ]
