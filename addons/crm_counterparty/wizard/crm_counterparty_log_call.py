from odoo import _, fields, models


class CrmCounterpartyLogCall(models.TransientModel):
    """Record a call that took place, as a done "Call" activity.

    Marking an activity done is how Odoo logs it in the chatter, so the call
    shows among the partner's events like any other finished activity.
    """

    _name = "crm.counterparty.log.call"
    _description = "Log a Call"

    partner_id = fields.Many2one("res.partner", required=True)
    contact_id = fields.Many2one(
        "res.partner",
        string="Spoke With",
        domain="[('id', 'child_of', partner_id)]",
    )
    summary = fields.Char(required=True, default=lambda self: _("Call"))
    note = fields.Html()

    def action_log(self):
        self.ensure_one()
        call_type = self.env.ref("mail.mail_activity_data_call")
        summary = self.summary
        if self.contact_id and self.contact_id != self.partner_id:
            summary = _(
                "%(summary)s (with %(contact)s)",
                summary=summary,
                contact=self.contact_id.name,
            )
        activity = self.partner_id.activity_schedule(
            activity_type_id=call_type.id,
            summary=summary,
            note=self.note,
            user_id=self.env.user.id,
        )
        activity.action_feedback(feedback=self.note)
        return {"type": "ir.actions.act_window_close"}
