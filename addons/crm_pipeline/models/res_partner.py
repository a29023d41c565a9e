from odoo import api, fields, models


class ResPartner(models.Model):
    """Where the account came from: the marketing origin of the lead it was
    converted from. The pipeline's other concerns of a partner each have
    their file: ``res_partner_pipeline`` (its deals), ``res_partner_remarks``
    (searchable notes) and ``res_partner_relationship*`` (the relationship
    stage, its activity figures and its nightly job)."""

    _inherit = "res.partner"

    # Origin of the account, kept from the converted lead.
    source_id = fields.Many2one("utm.source", string="Source", ondelete="set null")
    campaign_id = fields.Many2one(
        "utm.campaign", string="Campaign", ondelete="set null"
    )
    medium_id = fields.Many2one("utm.medium", string="Medium", ondelete="set null")

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["source_id", "campaign_id", "medium_id"]
