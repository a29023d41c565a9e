from odoo import _, api, fields, models


class CrmLead2opportunityPartner(models.TransientModel):
    """Odoo's conversion wizard already proposes ``_find_matching_partner``;
    it also says why, so that the user sees the duplicate it avoids."""

    _inherit = "crm.lead2opportunity.partner"

    counterparty_match = fields.Char(
        "Existing Counterparty", compute="_compute_counterparty_match"
    )

    @api.depends("lead_id", "partner_id", "action")
    def _compute_counterparty_match(self):
        for wizard in self:
            wizard.counterparty_match = False
            lead = wizard.lead_id
            if not lead or lead.partner_id or wizard.action != "exist":
                continue
            partner, reason = lead._find_counterparty_match()
            if partner and partner == wizard.partner_id:
                wizard.counterparty_match = _(
                    "%(partner)s already exists with the same %(reason)s: the "
                    "deal is linked to it instead of a new account.",
                    partner=partner.display_name,
                    reason=reason,
                )
