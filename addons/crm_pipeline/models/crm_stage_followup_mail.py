from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmStageFollowupMail(models.Model):
    """One templated e-mail of a stage's follow-up sequence. The template is
    an ordinary ``mail.template`` on deals, so its placeholders are Odoo's
    inline templates, e.g. ``{{ object.partner_id.name }}``."""

    _name = "crm.stage.followup.mail"
    _description = "Stage Follow-up E-mail"
    _order = "stage_id, delay_days, sequence, id"

    stage_id = fields.Many2one("crm.stage", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        required=True,
        ondelete="restrict",
        domain="[('model', '=', 'crm.lead')]",
    )
    delay_days = fields.Integer(
        "Delay (Days)",
        default=0,
        help="Days after the deal entered the stage; 0 sends at the next run of "
        "the follow-up job.",
    )

    _sql_constraints = [
        (
            "delay_days_positive",
            "CHECK (delay_days >= 0)",
            "The delay of a follow-up e-mail cannot be negative.",
        )
    ]

    @api.constrains("delay_days", "template_id")
    def _check_followup(self):
        for line in self:
            if line.delay_days < 0:
                raise ValidationError(
                    _(
                        "The delay of the follow-up e-mail %(template)s cannot be "
                        "negative: %(delay)s days.",
                        template=line.template_id.name,
                        delay=line.delay_days,
                    )
                )
            if line.template_id.model != "crm.lead":
                raise ValidationError(
                    _(
                        "The follow-up e-mail template %(template)s is made for "
                        "%(model)s, not for deals.",
                        template=line.template_id.name,
                        model=line.template_id.model,
                    )
                )
