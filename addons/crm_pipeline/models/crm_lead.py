import re
from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

#: Context key that lets internal moves (merges) skip the stage workflow.
SKIP_CHECKS = "crm_pipeline_skip_checks"


class CrmLead(models.Model):
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
        if not self.env.context.get(SKIP_CHECKS):
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
            if new_stage and not self.env.context.get(SKIP_CHECKS):
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
            CrmLead, self.with_context(**{SKIP_CHECKS: True})
        ).merge_opportunity(user_id=user_id, team_id=team_id, auto_unlink=auto_unlink)

    # ------------------------------------------------------------------
    # Stage workflow
    # ------------------------------------------------------------------

    def _check_stage_transition(self, old_stage, new_stage):
        """Refuse a move the old stage does not allow."""
        self.ensure_one()
        if (
            old_stage
            and old_stage.next_stage_ids
            and new_stage not in old_stage.next_stage_ids
        ):
            raise UserError(
                _(
                    "The deal %(deal)s cannot move from %(from_stage)s to "
                    "%(to_stage)s. From %(from_stage)s it may move to: %(allowed)s.",
                    deal=self.name,
                    from_stage=old_stage.name,
                    to_stage=new_stage.name,
                    allowed=", ".join(old_stage.next_stage_ids.mapped("name")),
                )
            )

    def _check_stage_requirements(self, stage, vals):
        """Refuse to enter ``stage`` while one of its required fields is
        empty, counting the values being written in ``vals``."""
        self.ensure_one()
        missing = []
        for field in stage.required_field_ids:
            if field.name in vals:
                value = vals[field.name]
                if isinstance(value, list):
                    # x2many commands: filled unless they only clear it
                    filled = any(
                        cmd[0] in (Command.CREATE, Command.LINK)
                        or (cmd[0] == Command.SET and cmd[2])
                        for cmd in value
                    ) or bool(self[field.name])
                else:
                    filled = bool(value)
            else:
                filled = bool(self[field.name])
            if not filled:
                missing.append(field.field_description)
        if missing:
            raise UserError(
                _(
                    "The deal %(deal)s cannot enter the stage %(stage)s until "
                    "these fields are filled: %(fields)s.",
                    deal=self.name,
                    stage=stage.name,
                    fields=", ".join(missing),
                )
            )

    def _log_stage_entry(self):
        now = fields.Datetime.now()
        self.env["crm.lead.stage.history"].sudo().create(
            [
                {
                    "lead_id": lead.id,
                    "stage_id": lead.stage_id.id,
                    "team_id": lead.team_id.id,
                    "user_id": lead.user_id.id,
                    "source_id": lead.source_id.id,
                    "company_id": lead.company_id.id,
                    "date_in": now,
                }
                for lead in self
            ]
        )

    def _log_stage_exit(self):
        self.env["crm.lead.stage.history"].sudo().search(
            [("lead_id", "in", self.ids), ("date_out", "=", False)]
        ).write({"date_out": fields.Datetime.now()})

    # ------------------------------------------------------------------
    # Follow-up sequences
    # ------------------------------------------------------------------

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
        return super(
            CrmLead, self.with_context(crm_counterparty_keep_phone=True)
        )._inverse_phone()

    # ------------------------------------------------------------------
    # Conversion to a customer counterparty
    # ------------------------------------------------------------------

    def _vat_normalized(self):
        self.ensure_one()
        return re.sub(r"[\s.\-/]", "", self.vat or "").upper()

    def _lead_phones_e164(self):
        """The lead's readable phone and mobile in E.164."""
        self.ensure_one()
        country = self.country_id or self.env.company.country_id
        numbers = {
            self._phone_format(number=number, country=country, force_format="E164")
            for number in (self.phone, self.mobile)
            if number
        }
        return numbers - {False}

    def _find_counterparty_match(self):
        """Return ``(partner, reason)``: an existing partner with the lead's
        VAT, e-mail or phone, checked in that order, or an empty partner."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        vat = self._vat_normalized()
        if vat:
            partner = Partner.search(
                [("vat", "=", vat), ("parent_id", "=", False)], limit=1
            )
            if partner:
                return partner, _("VAT %(vat)s", vat=vat)
        if self.email_normalized:
            partner = Partner.search(
                [("email_normalized", "=", self.email_normalized)],
                order="is_company desc, id",
                limit=1,
            )
            if partner:
                return partner, _("e-mail %(email)s", email=self.email_normalized)
        phones = list(self._lead_phones_e164())
        if phones:
            partner = Partner.search(
                [("id", "in", Partner._ids_by_phone_e164(phones))],
                order="is_company desc, id",
                limit=1,
            )
            if partner:
                return partner, _("phone %(phone)s", phone=", ".join(sorted(phones)))
        return Partner, False

    def _find_matching_partner(self, email_only=False):
        """Propose the counterparty with the lead's VAT, e-mail or normalized
        phone before Odoo's e-mail and name look-ups, so that converting a
        lead of a known account links it instead of creating a duplicate."""
        self.ensure_one()
        if not self.partner_id:
            partner = self._find_counterparty_match()[0]
            if partner:
                return partner
        return super()._find_matching_partner(email_only=email_only)

    def _prepare_customer_values(self, partner_name, is_company=False, parent_id=False):
        values = super()._prepare_customer_values(
            partner_name, is_company=is_company, parent_id=parent_id
        )
        if not parent_id:
            values.update(self._counterparty_origin_values())
            if self.vat and (is_company or not self.partner_name):
                values["vat"] = self._vat_normalized()
        return values

    def _counterparty_origin_values(self):
        """Where the account came from: the lead's marketing origin."""
        return {
            "source_id": self.source_id.id,
            "campaign_id": self.campaign_id.id,
            "medium_id": self.medium_id.id,
        }

    def _handle_partner_assignment(self, force_partner_id=False, create_missing=True):
        """After Odoo links or creates the customer, make its company a
        customer counterparty that keeps the lead's origin, and give it the
        lead's contact person."""
        res = super()._handle_partner_assignment(
            force_partner_id=force_partner_id, create_missing=create_missing
        )
        # The lead's numbers are kept as given, flagged when unreadable.
        self.filtered("partner_id").with_context(
            crm_counterparty_keep_phone=True
        )._make_customer_counterparty()
        return res

    def _make_customer_counterparty(self):
        kind = self.env.ref("crm_counterparty.kind_customer", raise_if_not_found=False)
        for lead in self:
            account = lead.partner_id.commercial_partner_id
            updates = {}
            if kind and kind not in account.counterparty_kind_ids:
                updates["counterparty_kind_ids"] = [Command.link(kind.id)]
            for fname, value in lead._counterparty_origin_values().items():
                if value and not account[fname]:
                    updates[fname] = value
            if updates:
                account.write(updates)
            if lead.partner_id.is_company and lead.contact_name:
                lead.partner_id = lead._find_or_create_contact_person(account)

    def _find_or_create_contact_person(self, account):
        """The account's contact with the lead's e-mail or name, created from
        the lead when there is none."""
        self.ensure_one()
        contacts = account.child_ids.filtered(lambda c: c.type == "contact")
        for contact in contacts:
            if (
                self.email_normalized
                and contact.email_normalized == self.email_normalized
            ) or (
                contact.name
                and contact.name.strip().lower() == self.contact_name.strip().lower()
            ):
                return contact
        return self.env["res.partner"].create(
            self._prepare_customer_values(
                self.contact_name, is_company=False, parent_id=account.id
            )
        )
