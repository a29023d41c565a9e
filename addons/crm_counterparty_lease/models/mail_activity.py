from odoo import api, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model
    def _selection_job_failure_ref(self):
        """The rent billing job reports the leases it cannot bill."""
        return [
            *super()._selection_job_failure_ref(),
            ("crm.lease", self.env["crm.lease"]._description),
        ]
