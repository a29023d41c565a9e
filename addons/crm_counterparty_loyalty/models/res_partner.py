from odoo import models

#: Loyalty programmes whose cards are held by one customer: the client cards.
CLIENT_CARD_PROGRAM_TYPES = ("loyalty", "ewallet", "gift_card")


class ResPartner(models.Model):
    _inherit = "res.partner"

    def action_issue_client_card(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_counterparty_loyalty.crm_client_card_issue_action"
        )
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
