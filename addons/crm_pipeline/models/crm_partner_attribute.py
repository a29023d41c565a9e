import re

from odoo import api, fields, models

#: ``key=value`` pairs in free-text remarks, separated by new lines, ``;`` or ``,``.
ATTRIBUTE_RE = re.compile(r"([A-Za-z_][\w.\-]*)\s*=\s*([^;,\n]+)")


class CrmPartnerAttribute(models.Model):
    """A ``key=value`` pair read from a counterparty's remarks, so that
    remarks such as ``segment=retail; region=north`` can be searched by key.

    Remarks are internal notes: only internal users read attributes, and only
    those of the companies they work in. An attribute belongs to the company
    of its counterparty, as the remarks it is read from do; those of a
    counterparty shared by all companies are as visible as its remarks.
    """

    _name = "crm.partner.attribute"
    _inherit = ["crm.company.guard.mixin"]
    _description = "Counterparty Remark Attribute"
    _order = "partner_id, key, id"

    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="partner_id.company_id", store=True, index=True, precompute=True
    )
    key = fields.Char(required=True, index=True)
    value = fields.Char(required=True)

    @api.model
    def _parse(self, text):
        """The ``(key, value)`` pairs of ``text``; keys in lower case."""
        return [
            (key.strip().lower(), value.strip())
            for key, value in ATTRIBUTE_RE.findall(text or "")
            if value.strip()
        ]
