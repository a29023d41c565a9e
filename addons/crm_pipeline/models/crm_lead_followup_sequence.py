from datetime import timedelta

from odoo import fields, models


class CrmLead(models.Model):
    """The follow-up sequence of a stage: the activities and e-mails a deal
    gets when it enters the stage, removed when it leaves it."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    def _start_followups(self):
        """Schedule the entered stage's activity plan for the owner and queue
        its e-mails. Activities remember the stage so that leaving it removes
        them."""
        today = fields.Date.context_today(self)
        now = fields.Datetime.now()
        model_id = self.env["ir.model"]._get_id("crm.lead")
        activity_vals, step_vals = [], []
        for lead in self:
            stage = lead.stage_id
            for template in stage.activity_plan_id.template_ids:
                responsible = template._determine_responsible(lead.user_id, lead)[
                    "responsible"
                ]
                activity_vals.append(
                    {
                        "res_model_id": model_id,
                        "res_id": lead.id,
                        "activity_type_id": template.activity_type_id.id,
                        "summary": template.summary,
                        "note": template.note,
                        "user_id": (responsible or lead.user_id or self.env.user).id,
                        "date_deadline": template._get_date_deadline(today),
                        "automated": True,
                        "followup_stage_id": stage.id,
                    }
                )
            for line in stage.followup_mail_ids:
                step_vals.append(
                    {
                        "lead_id": lead.id,
                        "stage_id": stage.id,
                        "template_id": line.template_id.id,
                        "scheduled_date": now + timedelta(days=line.delay_days),
                    }
                )
        if activity_vals:
            self.env["mail.activity"].sudo().create(activity_vals)
        if step_vals:
            self.env["crm.lead.followup.step"].sudo().create(step_vals)

    def _stop_followups(self, old_stages):
        """Cancel the pending e-mails and remove the open activities of the
        sequences of the stages the deals left (``old_stages``: lead id to
        stage)."""
        stage_ids = {stage.id for stage in old_stages.values() if stage}
        if not stage_ids:
            return
        steps = (
            self.env["crm.lead.followup.step"]
            .sudo()
            .search(
                [
                    ("lead_id", "in", self.ids),
                    ("stage_id", "in", list(stage_ids)),
                    ("state", "=", "pending"),
                ]
            )
        )
        steps.filtered(lambda s: old_stages.get(s.lead_id.id) == s.stage_id)._cancel()
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "crm.lead"),
                    ("res_id", "in", self.ids),
                    ("followup_stage_id", "in", list(stage_ids)),
                ]
            )
        )
        activities.filtered(
            lambda a: old_stages.get(a.res_id) == a.followup_stage_id
        ).unlink()
