from odoo import fields, models


class CrmPersonalDocumentType(models.Model):
    _name = "crm.personal.document.type"
    _description = "Personal Document Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
