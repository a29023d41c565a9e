from odoo import fields, models


class CrmDocumentCategory(models.Model):
    """Sorts the files attached to a counterparty (contracts, certificates, ...)."""

    _name = "crm.document.category"
    _description = "Document Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
