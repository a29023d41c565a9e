from odoo import fields, models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    crm_document_category_id = fields.Many2one(
        "crm.document.category", string="Document Category", index="btree_not_null"
    )
