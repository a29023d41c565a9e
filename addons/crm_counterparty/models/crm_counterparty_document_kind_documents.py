from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

#: How many of the latest documents of a kind the dossier lists.
LATEST_DOCUMENTS = 10


class CrmCounterpartyDocumentKind(models.Model):
    """What the entries read of their documents, as the user: counts and
    amounts for any number of partners, the latest documents, and the
    action opening them."""

    _inherit = "crm.counterparty.document.kind"  # pylint: disable=consider-merging-classes-inherited

    figure_ids = fields.One2many(
        "crm.counterparty.document.kind.figure",
        "kind_id",
        string="Figures",
        copy=True,
        help="Counts of some of the kind's documents shown beside its total, "
        "e.g. open, late and done deliveries.",
    )

    # ------------------------------------------------------------------
    # Counters and amounts
    # ------------------------------------------------------------------

    def _totals(self, commercial_ids):
        """``{kind code: {commercial partner id: {"count": n, "amount": x,
        "figures": {figure code: n}}}}`` for the kinds ``self``: one grouped
        query per kind (two when only some documents are summed, one more per
        figure) whatever the number of partners. Amounts are in the current
        company's currency; kinds whose model the user may not read count
        none."""
        result = {}
        commercial_ids = [pid for pid in commercial_ids if pid]
        rates = {}  # currency rates, looked up once for all the kinds
        for kind in self:
            Model = self.env[kind.model] if kind.model in self.env else None
            totals = defaultdict(self._empty_totals)
            result[kind.code] = totals
            if not commercial_ids or Model is None or not Model.has_access("read"):
                continue
            for pid, count in kind._count_by_partner(Model, commercial_ids).items():
                totals[pid]["count"] += count
            for figure in kind.sudo().figure_ids:
                counts = kind._count_by_partner(
                    Model, commercial_ids, self._eval_domain(figure.domain)
                )
                for pid, count in counts.items():
                    totals[pid]["figures"][figure.code] = count
            if kind.sudo().amount_field_id:
                kind._sum_into(Model, commercial_ids, totals, rates)
        return result

    @api.model
    def _empty_totals(self):
        return {"count": 0, "amount": 0.0, "figures": {}}

    @api.model
    def _add_totals(self, target, values):
        """Add the count, amount and figures ``values`` of a kind into
        ``target`` (e.g. a holding's totals of its members)."""
        target["count"] += values["count"]
        target["amount"] += values["amount"]
        for code, count in values.get("figures", {}).items():
            target["figures"][code] = target["figures"].get(code, 0) + count

    def _count_by_partner(self, Model, commercial_ids, extra_domain=None):
        """``{commercial partner id: number of documents}`` of this kind,
        among those matching ``extra_domain`` too."""
        partner_fields = self._partner_field_names()
        base = expression.AND([self._eval_domain(self.domain), extra_domain or []])
        counts = defaultdict(int)
        if len(partner_fields) == 1:
            fname = partner_fields[0]
            domain = expression.AND([self._partner_domain(commercial_ids), base])
            for partner, count in Model._read_group(domain, [fname], ["__count"]):
                counts[partner.commercial_partner_id.id] += count
            return counts
        # Several roles: a document where a partner plays two counts once.
        ids_by_partner = defaultdict(set)
        for fname in partner_fields:
            domain = expression.AND(
                [[(f"{fname}.commercial_partner_id", "in", commercial_ids)], base]
            )
            for partner, ids in Model._read_group(domain, [fname], ["id:array_agg"]):
                ids_by_partner[partner.commercial_partner_id.id].update(ids)
        for partner_id, ids in ids_by_partner.items():
            counts[partner_id] = len(ids)
        return counts

    def _sum_into(self, Model, commercial_ids, totals, rates):
        kind = self.sudo()
        fname = kind.partner_field_ids.name
        amount_fname = kind.amount_field_id.name
        currency_fname = self._amount_currency_groupby(Model, amount_fname)
        domain = expression.AND(
            [
                self._documents_domain(commercial_ids),
                self._eval_domain(self.amount_domain),
            ]
        )
        groupby = [fname, currency_fname] if currency_fname else [fname]
        groups = Model._read_group(domain, groupby, [f"{amount_fname}:sum"])
        currencies = {
            self._group_currency(group[1]) for group in groups if currency_fname
        }
        missing = [currency for currency in currencies if currency not in rates]
        if missing:
            rates.update(self._rates(missing))
        sign = int(kind.amount_sign)
        for partner, *rest in groups:
            amount = rest[-1] or 0.0
            if currency_fname:
                amount *= rates[self._group_currency(rest[0])]
            totals[partner.commercial_partner_id.id]["amount"] += sign * amount

    @api.model
    def _amount_currency_groupby(self, Model, amount_fname):
        """The stored field to group amounts by for their currency: the
        monetary field's currency, else the company (its currency); None for
        amounts in no currency."""
        field = Model._fields[amount_fname]
        if field.type == "monetary":
            currency_fname = field.get_currency_field(Model)
            currency_field = Model._fields.get(currency_fname)
            if currency_field and currency_field.store:
                return currency_fname
        company_field = Model._fields.get("company_id")
        if company_field and company_field.store:
            return "company_id"
        return None

    @api.model
    def _group_currency(self, record):
        return record.currency_id if record._name == "res.company" else record

    @api.model
    def _rates(self, currencies):
        """Rate of each of ``currencies`` to the company currency today: one
        look-up for all of them, never one per document."""
        company = self.env.company
        target = company.currency_id
        currencies = self.env["res.currency"].union(*currencies)
        today = fields.Date.context_today(self)
        rates = (currencies | target)._get_rates(company, today)
        rates = {
            currency: rates[target.id] / rates[currency.id] for currency in currencies
        }
        rates[self.env["res.currency"]] = 1.0
        return rates

    # ------------------------------------------------------------------
    # Latest documents and the action opening them
    # ------------------------------------------------------------------

    def _latest(self, commercial_domain, limit=LATEST_DOCUMENTS):
        """The latest documents of this kind of the commercial partners
        ``commercial_domain`` (ids or a domain on partners)."""
        self.ensure_one()
        Model = self.env[self.model]
        if not Model.has_access("read"):
            return Model
        date_field = self.sudo().date_field_id.name
        order = f"{date_field} desc, id desc" if date_field else "id desc"
        return Model.search(
            self._documents_domain(commercial_domain), order=order, limit=limit
        )

    def _document_rows(self, documents):
        """What the dossier lists of each of ``documents``: name, date,
        amount and state, formatted for the user."""
        self.ensure_one()
        kind = self.sudo()
        date_fname = kind.date_field_id.name
        amount_fname = kind.amount_field_id.name
        state_field = documents._fields.get("state")
        states = (
            dict(state_field._description_selection(self.env))
            if state_field and state_field.type == "selection"
            else {}
        )
        rows = []
        for document in documents:
            amount = ""
            if amount_fname:
                field = documents._fields[amount_fname]
                value = int(kind.amount_sign) * document[amount_fname]
                currency = (
                    document[field.get_currency_field(document)]
                    if field.type == "monetary"
                    else self.env.company.currency_id
                )
                amount = currency.format(value) if currency else str(value)
            date = document[date_fname] if date_fname else False
            rows.append(
                {
                    "id": document.id,
                    "name": document.display_name,
                    "date": fields.Date.to_string(date) if date else "",
                    "amount": amount,
                    "state": states.get(document.state, "") if states else "",
                }
            )
        return rows

    def _action_open(self, commercial_domain, title, context=None, figure_code=None):
        """The kind's own action (or a plain list and form) on its documents
        of the commercial partners ``commercial_domain``; with
        ``figure_code``, only those its figure of that code counts."""
        self.ensure_one()
        kind = self.sudo()
        if kind.action_id:
            action = kind.action_id._get_action_dict()
        else:
            action = {
                "type": "ir.actions.act_window",
                "res_model": kind.model,
                "view_mode": "list,form",
                "views": [(False, "list"), (False, "form")],
            }
        action["domain"] = self._documents_domain(commercial_domain)
        if figure_code:
            figure = kind.figure_ids.filtered(lambda f: f.code == figure_code)
            if not figure:
                raise UserError(
                    _(
                        "The document kind %(kind)s has no figure %(code)r.",
                        kind=kind.name,
                        code=figure_code,
                    )
                )
            action["domain"] = expression.AND(
                [action["domain"], self._eval_domain(figure.domain)]
            )
            title = f"{title}: {figure.name}"
        # Odoo's default filters (e.g. "My Quotations") would hide documents.
        action["context"] = dict(
            safe_eval(kind.action_context or "{}", self._eval_context()),
            **(context or {}),
        )
        action["display_name"] = title
        return action
