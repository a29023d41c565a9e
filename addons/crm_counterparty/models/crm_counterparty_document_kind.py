import re

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import datetime, safe_eval

from ..tools.text_checks import refuse_control_characters

CODE_RE = re.compile(r"\A[a-z][a-z0-9_]{0,63}\Z")
#: Text fields refused with control characters (a NUL byte cannot be stored).
TEXT_FIELDS = ("name", "code", "icon", "domain", "amount_domain", "amount_label")


class CrmCounterpartyDocumentKind(models.Model):
    """A kind of document shown in the dossier: sales, invoices, contracts...

    Every consumer reads these entries: the dossier's counters and lists, the
    generic action opening a kind's documents, the PDF report, the holding's
    consolidated dossier. The built-in kinds are records of the bridges'
    data; administrators add their own (any model with a partner field) from
    Configuration. Counters take one grouped query per kind for any number of
    partners, and a user who may not read a kind's model sees none of it.
    """

    _name = "crm.counterparty.document.kind"
    _description = "Dossier Document Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Technical key, e.g. 'sale': lowercase letters, digits, _."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    icon = fields.Char(default="fa-file-text-o", help="Font Awesome icon, e.g. fa-usd.")
    model_id = fields.Many2one(
        "ir.model",
        string="Document Model",
        required=True,
        ondelete="cascade",
        domain=[("transient", "=", False)],
    )
    model = fields.Char(related="model_id.model", store=True, string="Model Name")
    partner_field_ids = fields.Many2many(
        "ir.model.fields",
        "crm_counterparty_document_kind_partner_field_rel",
        "kind_id",
        "field_id",
        string="Partner Fields",
        required=True,
        domain="[('model_id', '=', model_id), ('ttype', '=', 'many2one'), "
        "('relation', '=', 'res.partner'), ('store', '=', True)]",
        help="The documents of a counterparty are those where it, or one of its "
        "contacts, is in one of these fields.",
    )
    domain = fields.Char(
        default="[]",
        help="Which documents of the model count, e.g. [('state', '=', 'sale')]. "
        "context_today(), datetime and relativedelta may be used.",
    )
    amount_field_id = fields.Many2one(
        "ir.model.fields",
        string="Amount Field",
        ondelete="set null",
        domain="[('model_id', '=', model_id), "
        "('ttype', 'in', ('monetary', 'float', 'integer')), ('store', '=', True)]",
        help="Summed in the company currency at today's rate.",
    )
    amount_domain = fields.Char(
        "Summed Documents",
        default="[]",
        help="Which of the documents are summed; the others are counted only, "
        "e.g. [('state', '=', 'posted')].",
    )
    amount_sign = fields.Selection(
        [("1", "As stored"), ("-1", "Opposite")],
        default="1",
        required=True,
        help="'Opposite' shows amounts stored as negative, such as bills, as "
        "positive.",
    )
    amount_label = fields.Char(translate=True, help="e.g. Sold, Receivable.")
    date_field_id = fields.Many2one(
        "ir.model.fields",
        string="Date Field",
        ondelete="set null",
        domain="[('model_id', '=', model_id), ('ttype', 'in', ('date', 'datetime')), "
        "('store', '=', True)]",
        help="Orders the latest documents, newest first.",
    )
    counterparty_kind_ids = fields.Many2many(
        "crm.counterparty.kind",
        string="Shown For",
        help="Counterparty kinds whose dossier shows these documents; all when "
        "empty.",
    )
    action_id = fields.Many2one(
        "ir.actions.act_window",
        string="Window Action",
        ondelete="set null",
        help="The app's own action opening the documents; a plain list and "
        "form when empty.",
    )
    action_context = fields.Char(
        default="{}", help="Context of the opened list, e.g. default values."
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a document kind must be unique."),
    ]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("code")
    def _check_code(self):
        for kind in self:
            if not CODE_RE.match(kind.code or ""):
                raise ValidationError(
                    _(
                        "The code %(code)r of the document kind %(kind)s must be "
                        "lowercase letters, digits and underscores, starting with "
                        "a letter.",
                        code=kind.code,
                        kind=kind.name,
                    )
                )

    @api.constrains("model_id", "partner_field_ids", "amount_field_id", "date_field_id")
    def _check_fields(self):
        for kind in self:
            fields_ = kind.partner_field_ids | kind.amount_field_id | kind.date_field_id
            wrong = fields_.filtered(lambda f, k=kind: f.model_id != k.model_id)
            if wrong:
                raise ValidationError(
                    _(
                        "The field %(field)s of the document kind %(kind)s is not a "
                        "field of %(model)s.",
                        field=wrong[0].name,
                        kind=kind.name,
                        model=kind.model,
                    )
                )
            not_partner = kind.partner_field_ids.filtered(
                lambda f: f.ttype != "many2one" or f.relation != "res.partner"
            )
            if not_partner:
                raise ValidationError(
                    _(
                        "The partner field %(field)s of the document kind %(kind)s "
                        "must be a many-to-one to partners.",
                        field=not_partner[0].name,
                        kind=kind.name,
                    )
                )
            if kind.amount_field_id and len(kind.partner_field_ids) > 1:
                raise ValidationError(
                    _(
                        "The document kind %(kind)s sums %(field)s: it needs a "
                        "single partner field, not %(count)s.",
                        kind=kind.name,
                        field=kind.amount_field_id.name,
                        count=len(kind.partner_field_ids),
                    )
                )

    @api.constrains("model_id", "domain", "amount_domain")
    def _check_domains(self):
        for kind in self:
            for fname in ("domain", "amount_domain"):
                kind._check_domain_text(kind[fname], kind._fields[fname].string)

    def _check_domain_text(self, text, label):
        """Refuse ``text`` (the field ``label``) unless it is a domain of
        conditions on the kind's model."""
        self.ensure_one()
        try:
            domain = self._eval_domain(text)
            if not isinstance(domain, list):
                raise ValueError(_("a domain is a list of conditions"))
            self.env[self.model]._search(domain)
        except Exception as error:  # noqa: BLE001 - any error means invalid
            raise ValidationError(
                _(
                    "The %(field)s %(value)r of the document kind %(kind)s "
                    "is not a valid domain on %(model)s: %(error)s",
                    field=label,
                    value=text,
                    kind=self.name,
                    model=self.model,
                    error=error,
                )
            ) from error

    @api.constrains("action_context", "action_id", "model_id")
    def _check_action(self):
        for kind in self:
            try:
                value = safe_eval(kind.action_context or "{}", kind._eval_context())
            except Exception as error:  # noqa: BLE001 - any error means invalid
                value = error
            if not isinstance(value, dict):
                raise ValidationError(
                    _(
                        "The context %(value)r of the document kind %(kind)s must be "
                        "a dictionary, e.g. {'default_move_type': 'out_invoice'}.",
                        value=kind.action_context,
                        kind=kind.name,
                    )
                )
            if kind.action_id and kind.action_id.res_model != kind.model:
                raise ValidationError(
                    _(
                        "The action %(action)s of the document kind %(kind)s opens "
                        "%(action_model)s, not %(model)s.",
                        action=kind.action_id.name,
                        kind=kind.name,
                        action_model=kind.action_id.res_model,
                        model=kind.model,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_control_characters(self, vals, TEXT_FIELDS + ("action_context",))
        return super().create(vals_list)

    def write(self, vals):
        refuse_control_characters(self, vals, TEXT_FIELDS + ("action_context",))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Reading the entries
    # ------------------------------------------------------------------

    @api.model
    def _for_partner(self, partner):
        """The active kinds shown in the dossier of ``partner`` (its commercial
        partner's kinds) whose model the user may read, in order."""
        counterparty_kinds = partner.commercial_partner_id.counterparty_kind_ids
        return self._readable().filtered(
            lambda k: not k.counterparty_kind_ids
            or k.counterparty_kind_ids & counterparty_kinds
        )

    @api.model
    def _readable(self):
        """The active kinds whose model the user may read. The entries are
        configuration, read as superuser; the documents are read as the user."""
        kinds = self.sudo().search([])
        return kinds.filtered(
            lambda k: k.model in self.env and self.env[k.model].has_access("read")
        ).with_env(self.env)

    def _eval_context(self):
        return {
            "context_today": lambda: fields.Date.context_today(self),
            "datetime": datetime,
            "relativedelta": relativedelta,
            "uid": self.env.uid,
            "company_id": self.env.company.id,
            "company_ids": self.env.companies.ids,
        }

    def _eval_domain(self, text):
        return safe_eval(text or "[]", self._eval_context())

    def _partner_field_names(self):
        return self.sudo().partner_field_ids.mapped("name")

    def _partner_domain(self, commercial_domain):
        """Documents of the commercial partners matching ``commercial_domain``
        and of all their contacts (archived ones included), in any partner
        field. A list of ids is a plain sub-query on the indexed column."""
        self.ensure_one()
        if isinstance(commercial_domain, list | tuple) and all(
            isinstance(i, int) for i in commercial_domain
        ):
            condition = ("in", list(commercial_domain))
        else:
            condition = ("any", commercial_domain)
        return expression.OR(
            [
                [
                    (
                        fname
                        if fname == "commercial_partner_id"
                        else f"{fname}.commercial_partner_id",
                        *condition,
                    )
                ]
                for fname in self._partner_field_names()
            ]
        )

    def _documents_domain(self, commercial_domain):
        """Domain of the documents of this kind of the commercial partners
        ``commercial_domain`` (ids or a domain on partners)."""
        self.ensure_one()
        return expression.AND(
            [self._partner_domain(commercial_domain), self._eval_domain(self.domain)]
        )
