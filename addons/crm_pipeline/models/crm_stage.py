from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmStage(models.Model):
    """Odoo's stages already belong to a pipeline (``team_id``); they gain a
    guarded workflow: fields required to enter, allowed next stages and a
    follow-up sequence started on entry."""

    _inherit = "crm.stage"

    required_field_ids = fields.Many2many(
        "ir.model.fields",
        "crm_stage_required_field_rel",
        "stage_id",
        "field_id",
        string="Required to Enter",
        domain="[('model', '=', 'crm.lead'), ('store', '=', True), "
        "('ttype', 'not in', ('one2many', 'binary'))]",
        help="Fields a deal must have filled to move forward into this stage. "
        "Moving back to an earlier stage is never blocked.",
    )
    next_stage_ids = fields.Many2many(
        "crm.stage",
        "crm_stage_next_stage_rel",
        "stage_id",
        "next_stage_id",
        string="Allowed Next Stages",
        help="Stages a deal in this stage may move to. Leave empty to allow "
        "every stage.",
    )
    activity_plan_id = fields.Many2one(
        "mail.activity.plan",
        string="Follow-up Activities",
        domain="[('res_model', '=', 'crm.lead')]",
        help="Activity plan scheduled for the deal's owner when a deal enters "
        "this stage; its open activities are removed when the deal leaves.",
    )
    followup_mail_ids = fields.One2many(
        "crm.stage.followup.mail",
        "stage_id",
        string="Follow-up E-mails",
        help="E-mails sent to the deal's contact after a delay, as long as the "
        "deal stays in this stage.",
    )

    @api.constrains("required_field_ids")
    def _check_required_field_ids(self):
        for stage in self:
            wrong = stage.required_field_ids.filtered(lambda f: f.model != "crm.lead")
            if wrong:
                raise ValidationError(
                    _(
                        "The stage %(stage)s can only require fields of deals, not "
                        "%(fields)s.",
                        stage=stage.name,
                        fields=", ".join(wrong.mapped("field_description")),
                    )
                )

    @api.constrains("next_stage_ids", "team_id")
    def _check_next_stage_ids(self):
        for stage in self:
            if stage in stage.next_stage_ids:
                raise ValidationError(
                    _("The stage %(stage)s cannot follow itself.", stage=stage.name)
                )
            foreign = stage.next_stage_ids.filtered(
                lambda s, st=stage: s.team_id and st.team_id and s.team_id != st.team_id
            )
            if foreign:
                raise ValidationError(
                    _(
                        "The stage %(stage)s of %(team)s cannot lead to %(next)s of "
                        "another pipeline.",
                        stage=stage.name,
                        team=stage.team_id.name,
                        next=", ".join(foreign.mapped("name")),
                    )
                )

    def _is_forward_of(self, other):
        """Whether moving from ``other`` to ``self`` moves the deal forward."""
        self.ensure_one()
        if not other:
            return True
        return (self.sequence, self.id) > (other.sequence, other.id)
