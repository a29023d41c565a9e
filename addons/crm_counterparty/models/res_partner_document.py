from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    """The dossier's documents, read from the registry of document kinds
    (``crm.counterparty.document.kind``): no counter, list or action here is
    written for one kind."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    document_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_document_currency_id",
        help="The currency of the dossier's amounts: the current company's.",
    )

    @api.depends_context("company")
    def _compute_document_currency_id(self):
        self.document_currency_id = self.env.company.currency_id

    def _dossier_commercial_ids(self):
        """Ids of the saved commercial partners of ``self``."""
        return [pid for pid in self.commercial_partner_id._origin.ids if pid]

    def _dossier_document_totals(self, kinds=None):
        """``{commercial partner id: {kind code: {"count", "amount"}}}`` of the
        partners ``self`` for ``kinds`` (every readable kind by default): one
        grouped query per kind for the whole recordset."""
        kinds = (
            self.env["crm.counterparty.document.kind"]._readable()
            if kinds is None
            else kinds
        )
        commercial_ids = self._dossier_commercial_ids()
        by_kind = kinds._totals(commercial_ids)
        Kind = self.env["crm.counterparty.document.kind"]
        return {
            pid: {
                code: dict(values[pid]) if pid in values else Kind._empty_totals()
                for code, values in by_kind.items()
            }
            for pid in commercial_ids
        }

    def _dossier_sections(self, kinds, totals, latest=False):
        """The dossier's sections of ``kinds`` with ``totals`` (see
        ``_dossier_document_totals``): what the web client and the PDF show."""
        currency = self.env.company.currency_id
        sections = []
        for kind in kinds:
            values = totals.get(kind.code) or kind._empty_totals()
            figures = values.get("figures", {})
            has_amount = bool(kind.sudo().amount_field_id)
            section = {
                "code": kind.code,
                "name": kind.name,
                "model": kind.model,
                "icon": kind.icon or "fa-file-text-o",
                "count": values["count"],
                "amount": currency.round(values["amount"]) if has_amount else False,
                "amount_display": currency.format(values["amount"])
                if has_amount
                else "",
                "amount_label": kind.amount_label or "",
                "figures": [
                    {
                        "code": figure.code,
                        "name": figure.name,
                        "count": figures.get(figure.code, 0),
                        "decoration": figure.decoration,
                    }
                    for figure in kind.sudo().figure_ids
                ],
            }
            if latest:
                section["latest"] = kind._document_rows(
                    kind._latest(self.commercial_partner_id.ids)
                )
            sections.append(section)
        return sections

    @api.readonly
    def get_dossier_documents(self, latest=False):
        """The document sections of this partner's dossier, for the web
        client: per kind shown for its counterparty kinds, its count, amount
        and, with ``latest``, its latest documents."""
        self.ensure_one()
        if not self.id:
            return []
        kinds = self.env["crm.counterparty.document.kind"]._for_partner(self)
        totals = self._dossier_document_totals(kinds)[self.commercial_partner_id.id]
        return self._dossier_sections(kinds, totals, latest=latest)

    def _dossier_document_kind(self, code):
        kind = (
            self.env["crm.counterparty.document.kind"]
            ._readable()
            .filtered(lambda k: k.code == code)
        )
        if not kind:
            raise UserError(
                _("There is no document kind %(code)r that you may read.", code=code)
            )
        return kind

    def _dossier_action_context(self, kind):
        """Defaults of a document created from the dossier: the partner in the
        kind's single partner field, then what the document model adds
        (``_crm_dossier_action_context(partner)``, optional)."""
        partner = self.commercial_partner_id
        context = {}
        field_names = kind._partner_field_names()
        if len(field_names) == 1:
            fname = field_names[0]
            fname = "partner_id" if fname == "commercial_partner_id" else fname
            context[f"default_{fname}"] = partner.id
        Model = self.env[kind.model]
        if hasattr(Model, "_crm_dossier_action_context"):
            context.update(Model._crm_dossier_action_context(partner))
        return context

    def action_open_documents(self, code, figure=None):
        """The documents of kind ``code`` of this partner's company and its
        contacts, in the kind's own action; with ``figure``, those the kind's
        figure of that code counts."""
        self.ensure_one()
        kind = self._dossier_document_kind(code)
        partner = self.commercial_partner_id
        return kind._action_open(
            partner.ids,
            _(
                "%(documents)s of %(partner)s",
                documents=kind.name,
                partner=partner.display_name,
            ),
            self._dossier_action_context(kind),
            figure_code=figure,
        )
