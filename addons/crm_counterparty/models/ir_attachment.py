from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression

from .crm_personal_document import PERSONAL_DOCUMENT_GROUP


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    crm_document_category_id = fields.Many2one(
        "crm.document.category", string="Document Category", index="btree_not_null"
    )

    @api.model
    def _crm_restricted_res_models(self):
        """``{model: groups}``: the files attached to records of these models
        are for the users of the groups only, whatever else of the records
        the users may read. The scans of personal documents are, though every
        counterparty user sees the type and the holder. May be extended."""
        return {"crm.personal.document": PERSONAL_DOCUMENT_GROUP}

    @api.model
    def _crm_forbidden_res_models(self):
        """The restricted models whose files the current user may not access."""
        if self.env.is_superuser():
            return []
        return [
            model
            for model, groups in self._crm_restricted_res_models().items()
            if not self.env.user.has_groups(groups)
        ]

    @api.model
    def check(self, mode, values=None):
        forbidden = self._crm_forbidden_res_models()
        if forbidden:
            res_models = set()
            if self:
                self.flush_model(["res_model"])
                self.env.cr.execute(
                    "SELECT DISTINCT res_model FROM ir_attachment WHERE id IN %s",
                    [tuple(self.ids)],
                )
                res_models.update(row[0] for row in self.env.cr.fetchall())
            if values and values.get("res_model"):
                res_models.add(values["res_model"])
            denied = sorted(res_models.intersection(forbidden))
            if denied:
                restricted = self._crm_restricted_res_models()
                raise AccessError(
                    _(
                        "The files of %(model)s are for the users of the group "
                        "%(group)s only.",
                        model=self.env["ir.model"]._get(denied[0]).name,
                        group=", ".join(
                            self.env.ref(xmlid).full_name
                            for xmlid in restricted[denied[0]].split(",")
                        ),
                    )
                )
        return super().check(mode, values=values)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        forbidden = self._crm_forbidden_res_models()
        if forbidden:
            domain = expression.AND([domain, [("res_model", "not in", forbidden)]])
        return super()._search(domain, offset=offset, limit=limit, order=order)
