from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    relationship_growth_ratio = fields.Float(
        "Growth Ratio",
        config_parameter="crm_pipeline.relationship_growth_ratio",
        default=1.2,
        help="A counterparty grows when its business of the last year (or last "
        "90 days) reaches this multiple of the year before.",
    )
    relationship_decline_ratio = fields.Float(
        "Decline Ratio",
        config_parameter="crm_pipeline.relationship_decline_ratio",
        default=0.8,
        help="A counterparty declines when its business falls to this multiple "
        "of the year before or less.",
    )
    relationship_quiet_days = fields.Integer(
        "Quiet Days",
        config_parameter="crm_pipeline.relationship_quiet_days",
        default=180,
        help="Days without business or contact after which a counterparty is "
        "declining.",
    )
    relationship_closed_days = fields.Integer(
        "Closed After (Days)",
        config_parameter="crm_pipeline.relationship_closed_days",
        default=365,
        help="Days without business or contact after which a relationship is "
        "closed.",
    )

    @api.constrains(
        "relationship_growth_ratio",
        "relationship_decline_ratio",
        "relationship_quiet_days",
        "relationship_closed_days",
    )
    def _check_relationship_thresholds(self):
        for settings in self:
            if not 0 < settings.relationship_decline_ratio < 1:
                raise ValidationError(
                    _(
                        "The decline ratio must lie between 0 and 1, not %(value)s.",
                        value=settings.relationship_decline_ratio,
                    )
                )
            if settings.relationship_growth_ratio <= 1:
                raise ValidationError(
                    _(
                        "The growth ratio must be above 1, not %(value)s.",
                        value=settings.relationship_growth_ratio,
                    )
                )
            if (
                not 0
                < settings.relationship_quiet_days
                < settings.relationship_closed_days
            ):
                raise ValidationError(
                    _(
                        "The quiet days (%(quiet)s) must be positive and fewer than "
                        "the days after which a relationship is closed (%(closed)s).",
                        quiet=settings.relationship_quiet_days,
                        closed=settings.relationship_closed_days,
                    )
                )
