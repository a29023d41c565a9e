from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_counterparty.models.res_partner_phone import KEEP_PHONE
from odoo.addons.crm_counterparty.tools.trusted_context import is_trusted, trusted

#: Context key that lets internal moves (merges) skip the stage workflow; set
#: with ``trusted`` only, so that no RPC caller can send it.
SKIP_CHECKS = "crm_pipeline_skip_checks"


class CrmLead(models.Model):
    """A deal of the pipeline. Its create and write run the stage workflow
    (``crm_lead_stage_workflow``) and the follow-up sequences
    (``crm_lead_followup_sequence``) on each stage move; its conversion makes
    the customer a counterparty (``crm_lead_conversion``)."""

    _inherit = "crm.lead"

    vat = fields.Char(
        "Tax ID",
        help="The prospect company's VAT number: converting the lead proposes "
        "the counterparty that has it.",
    )
    stage_history_ids = fields.One2many(
        "crm.lead.stage.history", "lead_id", string="Stage History"
    )
    followup_step_ids = fields.One2many(
        "crm.lead.followup.step", "lead_id", string="Follow-up E-mails"
    )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        if not is_trusted(self.env, SKIP_CHECKS):
            for lead in leads.filtered("stage_id.required_field_ids"):
                lead._check_stage_requirements(lead.stage_id, {})
        leads._assign_owners_by_team()
        staged = leads.filtered("stage_id")
        staged._log_stage_entry()
        staged._start_followups()
        return leads

    def write(self, vals):
        moving = self.browse()
        old_stages = {}
        if "stage_id" in vals:
            new_stage = self.env["crm.stage"].browse(vals["stage_id"])
            moving = self.filtered(lambda lead: lead.stage_id != new_stage)
            if new_stage and not is_trusted(self.env, SKIP_CHECKS):
                for lead in moving:
                    lead._check_stage_transition(lead.stage_id, new_stage)
                    if new_stage._is_forward_of(lead.stage_id):
                        lead._check_stage_requirements(new_stage, vals)
            old_stages = {lead.id: lead.stage_id for lead in moving}
        res = super().write(vals)
        if moving:
            moving._stop_followups(old_stages)
            moving._log_stage_exit()
            entered = moving.filtered("stage_id")
            entered._log_stage_entry()
            entered._start_followups()
        return res

    def merge_opportunity(self, user_id=False, team_id=False, auto_unlink=True):
        """Merging takes the data of the best deal; it is no stage move."""
        return super(
            CrmLead, self.with_context(**trusted(SKIP_CHECKS))
        ).merge_opportunity(user_id=user_id, team_id=team_id, auto_unlink=auto_unlink)

    # ------------------------------------------------------------------
    # Owner assignment
    # ------------------------------------------------------------------

    def _assign_owners_by_team(self):
        """Deals without owner in a pipeline with an owner rule get one."""
        to_assign = self.filtered(
            lambda lead: not lead.user_id and lead.team_id.owner_assignment
        )
        for team in to_assign.team_id:
            team._assign_owners(
                to_assign.filtered(lambda lead, t=team: lead.team_id == t)
            )

    def action_assign_owner(self):
        leads = self.filtered(lambda lead: not lead.user_id)
        if not leads.team_id.filtered("owner_assignment"):
            raise UserError(
                _(
                    "Only deals without an owner in a pipeline that assigns "
                    "owners get one."
                )
            )
        leads._assign_owners_by_team()
        return True

    def _inverse_phone(self):
        """A number typed into a deal reaches its partner as typed, as in
        Odoo: on a counterparty it is flagged when unreadable, not refused."""
        return super(CrmLead, self.with_context(**trusted(KEEP_PHONE)))._inverse_phone()
