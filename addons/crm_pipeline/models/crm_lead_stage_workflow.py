from odoo import Command, _, fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    """The stage workflow of a deal: the moves a stage allows, the fields it
    requires, and the stage history."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

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
        # The fields' names and labels, which fields_get gives any user: a
        # salesperson may not read ir.model.fields itself. The values are
        # read as the user.
        for field in stage.sudo().required_field_ids:
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
