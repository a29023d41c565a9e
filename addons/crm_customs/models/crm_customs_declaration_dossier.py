from odoo import api, models


class CrmCustomsDeclaration(models.Model):
    """Declarations created from a counterparty's dossier (the registry's
    generic action) start with that counterparty in its role."""

    _inherit = "crm.customs.declaration"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _crm_dossier_action_context(self, partner):
        commercial = partner.commercial_partner_id
        if commercial.agency_type == "customs_office":
            return {"default_customs_office_id": commercial.id}
        if commercial.is_supplier_counterparty or commercial.is_customer_counterparty:
            context = {"default_counterparty_id": commercial.id}
            if not commercial.is_supplier_counterparty:
                context["default_direction"] = "export"
            return context
        return {}
