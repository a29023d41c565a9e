from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.text_checks import refuse_control_characters
from .crm_counterparty_document_kind import CODE_RE

DECORATIONS = [
    ("muted", "Muted"),
    ("info", "Info"),
    ("success", "Success"),
    ("warning", "Warning"),
    ("danger", "Danger"),
]


class CrmCounterpartyDocumentKindFigure(models.Model):
    """A count of some of a kind's documents, shown beside the kind's total
    in the dossier and summed in the holding: e.g. the open, late and done
    deliveries of a customer."""

    _name = "crm.counterparty.document.kind.figure"
    _description = "Dossier Document Kind Figure"
    _order = "kind_id, sequence, id"

    kind_id = fields.Many2one(
        "crm.counterparty.document.kind",
        string="Document Kind",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Technical key within its kind, e.g. 'late'."
    )
    domain = fields.Char(
        required=True,
        default="[]",
        help="Which of the kind's documents this figure counts, "
        "e.g. [('state', '=', 'done')].",
    )
    decoration = fields.Selection(DECORATIONS, default="muted", required=True)

    _sql_constraints = [
        (
            "code_kind_uniq",
            "unique(kind_id, code)",
            "The code of a figure must be unique within its document kind.",
        ),
    ]

    @api.constrains("code", "domain", "kind_id")
    def _check_code_domain(self):
        for figure in self:
            if not CODE_RE.match(figure.code or ""):
                raise ValidationError(
                    _(
                        "The code %(code)r of the figure %(figure)s must be "
                        "lowercase letters, digits and underscores, starting with "
                        "a letter.",
                        code=figure.code,
                        figure=figure.name,
                    )
                )
            kind = figure.kind_id
            kind._check_domain_text(figure.domain, figure._fields["domain"].string)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_control_characters(self, vals, ("name", "code", "domain"))
        return super().create(vals_list)

    def write(self, vals):
        refuse_control_characters(self, vals, ("name", "code", "domain"))
        return super().write(vals)
