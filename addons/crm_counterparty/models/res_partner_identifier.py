import re

from stdnum.exceptions import ValidationError as StdnumError

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

from ..tools.text_checks import EORI_RE, refuse_control_characters

#: Identifiers refused when they hold control characters.
CHECKED_TEXT_FIELDS = ("vat", "company_registry", "eori", "phone", "mobile", "email")
#: Countries whose company registry number python-stdnum can check, and how.
#: Override ``_get_company_registry_checker`` to add more.
REGISTRY_CHECKERS = {
    "BG": "stdnum.bg.vat",  # EIK / BULSTAT, 9 or 13 digits
    "RO": "stdnum.ro.onrc",
    "DE": "stdnum.de.handelsregisternummer",
    "FR": "stdnum.fr.siren",
    "EE": "stdnum.ee.registrikood",
    "FI": "stdnum.fi.ytunnus",
    "DK": "stdnum.dk.cvr",
    "NO": "stdnum.no.orgnr",
    "SE": "stdnum.se.orgnr",
    "PL": "stdnum.pl.regon",
    "SI": "stdnum.si.maticna",
    "HR": "stdnum.hr.oib",
    "ES": "stdnum.es.cif",
}


class ResPartner(models.Model):
    """Identifiers of counterparties: the company registry number checked by
    country with python-stdnum, the EORI number, control characters refused,
    and the partners that share one of them (possible duplicates)."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # Identifiers
    eori = fields.Char(
        "EORI Number",
        help="Economic Operators Registration and Identification number: "
        "country prefix and up to 15 characters.",
    )

    duplicate_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_duplicate_partner_ids",
        string="Possible Duplicates",
        help="Other counterparties with the same VAT, registry number, phone "
        "or e-mail.",
    )

    @api.depends("vat", "company_registry", "phone", "mobile", "email")
    def _compute_duplicate_partner_ids(self):
        """One search for the whole recordset, matched in memory.

        The candidates' keys are their stored columns, fetched with the
        search, and the numbers by which the phone query found them: no
        candidate's phone is parsed again (this runs on every opened dossier).
        """
        keys = {partner: partner._duplicate_keys() for partner in self}
        vats = {v for k in keys.values() for v in k["vat"]}
        registries = {v for k in keys.values() for v in k["registry"]}
        phones = {v for k in keys.values() for v in k["phone"]}
        emails = {v for k in keys.values() for v in k["email"]}
        phone_matches = self._phone_matches_e164(phones) if phones else {}
        domain_parts = []
        if vats:
            domain_parts.append([("vat", "in", list(vats))])
        if registries:
            domain_parts.append([("company_registry", "in", list(registries))])
        if phone_matches:
            domain_parts.append([("id", "in", list(phone_matches))])
        if emails:
            domain_parts.append([("email_normalized", "in", list(emails))])
        candidates = self.browse()
        if domain_parts:
            domain = ["|"] * (len(domain_parts) - 1)
            for part in domain_parts:
                domain += part
            candidates = self.search_fetch(
                domain,
                [
                    "commercial_partner_id",
                    "vat",
                    "company_registry",
                    "email_normalized",
                ],
            )
        candidate_keys = {
            candidate: {
                "vat": {candidate.vat} - {False},
                "registry": {candidate.company_registry} - {False},
                "phone": phone_matches.get(candidate.id, set()),
                "email": {candidate.email_normalized} - {False},
            }
            for candidate in candidates
        }
        for partner in self:
            own = keys[partner]
            commercial = partner._origin.commercial_partner_id
            partner.duplicate_partner_ids = [
                candidate.id
                for candidate, theirs in candidate_keys.items()
                if candidate.commercial_partner_id != commercial
                and candidate != partner._origin
                and any(own[key] & theirs[key] for key in own)
            ]

    def _duplicate_keys(self):
        self.ensure_one()
        return {
            "vat": {self.vat} if self.vat and len(self.vat) > 1 else set(),
            "registry": {self.company_registry} if self.company_registry else set(),
            "phone": self._phone_numbers_e164(),
            "email": {email_normalize(self.email)} - {False} if self.email else set(),
        }

    @api.constrains("company_registry", "country_id")
    def _check_company_registry(self):
        for partner in self:
            if not partner.company_registry or partner.parent_id:
                continue
            checker = partner._get_company_registry_checker()
            if not checker:
                continue
            try:
                checker.validate(partner.company_registry)
            except StdnumError as error:
                raise ValidationError(
                    _(
                        "The company registry number %(number)s of %(partner)s is "
                        "not valid for %(country)s: %(reason)s",
                        number=partner.company_registry,
                        partner=partner.display_name,
                        country=partner.country_id.name,
                        reason=error.message,
                    )
                ) from error

    @api.constrains("eori")
    def _check_eori(self):
        known = set(self.env["res.country"].search([]).mapped("code")) | {"XI"}
        for partner in self:
            if not partner.eori:
                continue
            match = EORI_RE.match(partner.eori)
            if not match or match.group(1) not in known:
                raise ValidationError(
                    _(
                        "The EORI number %(eori)s of %(partner)s is not valid: it "
                        "must be a country code followed by 1 to 15 letters or "
                        "digits, e.g. BG123456789.",
                        eori=partner.eori,
                        partner=partner.display_name,
                    )
                )

    def _get_company_registry_checker(self):
        """Return the python-stdnum module that checks this partner's company
        registry number, or None when the country has none."""
        self.ensure_one()
        module = REGISTRY_CHECKERS.get(self.country_id.code or "")
        if not module:
            return None
        return __import__(module, fromlist=["validate"])

    def _normalize_identifier_vals(self, vals):
        refuse_control_characters(self, vals, CHECKED_TEXT_FIELDS)
        vals = dict(vals)
        if vals.get("eori"):
            vals["eori"] = re.sub(r"[\s.-]", "", vals["eori"]).upper()
        if vals.get("company_registry"):
            vals["company_registry"] = vals["company_registry"].strip()
        return vals

    def action_open_duplicates(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Possible Duplicates of %s", self.display_name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", self.duplicate_partner_ids.ids)],
        }
