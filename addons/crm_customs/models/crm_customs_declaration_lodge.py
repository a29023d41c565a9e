from odoo import _, models
from odoo.exceptions import UserError

from .crm_customs_declaration import DEFAULT_PROCEDURE_CODES

#: What identifies a declaration to customs: fixed once it is lodged.
LOCKED_FIELDS = (
    "direction",
    "declaration_type",
    "procedure_code",
    "mrn",
    "date_lodged",
    "customs_office_id",
    "declarant_id",
    "representative_id",
    "partner_id",
    "counterparty_id",
    "incoterm_id",
    "currency_id",
    "exchange_rate",
    "transport_mode",
    "company_id",
    "line_ids",
)


class CrmCustomsDeclaration(models.Model):
    """What a declaration needs before it is lodged, and what lodging locks:
    what identifies the declaration (``LOCKED_FIELDS``) and its goods."""

    _inherit = "crm.customs.declaration"  # pylint: disable=consider-merging-classes-inherited

    def _is_eu_declaration(self):
        """Lodged with a customs office of the European Union (by default the
        company's country when the office has no country)."""
        self.ensure_one()
        country = self.customs_office_id.country_id or self.company_id.country_id
        return country in self.env.ref("base.europe").country_ids

    def _get_lodge_problems(self):
        """What keeps this declaration from being lodged, one sentence each."""
        self.ensure_one()
        problems = []
        if not self.customs_office_id:
            problems.append(_("choose the customs office"))
        elif not self.customs_office_id.commercial_partner_id.agency_code:
            problems.append(
                _(
                    "the customs office %(office)s has no office code",
                    office=self.customs_office_id.display_name,
                )
            )
        if self.direction in DEFAULT_PROCEDURE_CODES and not self.procedure_code:
            problems.append(_("enter the procedure code"))
        roles = [
            ("declarant_id", _("the declarant")),
            ("partner_id", self._get_trader_label()),
        ]
        for fname, role in roles:
            partner = self[fname]
            if not partner:
                problems.append(_("choose %(role)s", role=role))
            elif self._is_eu_declaration() and not partner.commercial_partner_id.eori:
                problems.append(
                    _(
                        "%(partner)s, %(role)s of an EU declaration, has no EORI "
                        "number",
                        partner=partner.commercial_partner_id.display_name,
                        role=role,
                    )
                )
        if not self.line_ids:
            problems.append(_("add the goods"))
        for line in self.line_ids.filtered(lambda line: not line.hs_code):
            problems.append(_("the line %(line)s has no HS code", line=line.name))
        return problems

    def _get_trader_label(self):
        self.ensure_one()
        return {
            "import": _("the importer"),
            "export": _("the exporter"),
            "transit": _("the holder of the transit procedure"),
        }[self.direction]

    def _check_ready_to_lodge(self):
        for declaration in self:
            problems = declaration._get_lodge_problems()
            if problems:
                raise UserError(
                    _(
                        "Declaration %(declaration)s cannot be lodged yet:\n"
                        "%(problems)s",
                        declaration=declaration.name,
                        problems="\n".join(f"- {problem}" for problem in problems),
                    )
                )

    def _check_locked_vals(self, vals):
        """Refuse a change of the identifying data of a lodged declaration.

        Values equal to the current ones pass, and so does a first MRN on a
        lodged declaration: customs give it when they accept the declaration.
        """
        locked = [fname for fname in LOCKED_FIELDS if fname in vals]
        if not locked:
            return
        for declaration in self.filtered(lambda d: d.state != "draft"):
            changed = [
                fname
                for fname in locked
                if declaration._is_changed(fname, vals[fname])
                and not (
                    fname == "mrn"
                    and declaration.state == "lodged"
                    and not declaration.mrn
                )
            ]
            if changed:
                raise UserError(
                    _(
                        "Declaration %(declaration)s is %(state)s: %(fields)s can "
                        "no longer change. Reset a rejected declaration to draft "
                        "to correct it.",
                        declaration=declaration.name,
                        state=declaration._get_state_label(),
                        fields=", ".join(
                            self._fields[fname].get_description(self.env)["string"]
                            for fname in changed
                        ),
                    )
                )

    def _check_lines_editable(self):
        for declaration in self:
            if declaration.state != "draft":
                raise UserError(
                    _(
                        "Declaration %(declaration)s is %(state)s: its goods can "
                        "no longer change. Reset a rejected declaration to draft "
                        "to correct it.",
                        declaration=declaration.name,
                        state=declaration._get_state_label(),
                    )
                )

    def _is_changed(self, fname, value):
        self.ensure_one()
        field = self._fields[fname]
        if field.type in ("one2many", "many2many"):
            return bool(value)
        new = field.convert_to_record(field.convert_to_cache(value, self), self)
        return new != self[fname]
