from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools.mrn import MrnError, validate_mrn


class CrmCustomsDeclaration(models.Model):
    """The Movement Reference Number customs give a declaration: its check
    (``tools/mrn.py``), its messages and its uniqueness in a company."""

    _inherit = "crm.customs.declaration"  # pylint: disable=consider-merging-classes-inherited

    mrn_locked = fields.Boolean(compute="_compute_mrn_locked")

    @api.depends("state", "mrn")
    def _compute_mrn_locked(self):
        """The MRN may be filled in until the declaration is accepted, and
        changed only while it is a draft."""
        for declaration in self:
            declaration.mrn_locked = declaration.state not in ("draft", "lodged") or (
                declaration.state == "lodged" and bool(declaration._origin.mrn)
            )

    @api.model
    def _get_mrn_country_codes(self):
        """ISO codes of the countries that may issue an MRN."""
        return set(self.env["res.country"].search([]).mapped("code")) | {"XI"}

    @api.model
    def _get_mrn_check_digit_country_codes(self):
        """ISO codes of the countries whose MRNs carry an ISO 6346 check
        character: the member states of the European Union. Override to add
        e.g. the common transit countries whose MRNs carry one too."""
        return set(self.env.ref("base.europe").country_ids.mapped("code"))

    @api.model
    def _mrn_error_message(self, mrn, error):
        messages = {
            "length": _(
                "The MRN %(mrn)s has %(length)s characters: an MRN has 18.",
                mrn=mrn,
                length=error.detail,
            ),
            "year": _(
                "The MRN %(mrn)s does not start with the two digits of a year "
                "but with %(start)s.",
                mrn=mrn,
                start=error.detail,
            ),
            "country": _(
                "The MRN %(mrn)s names an unknown country: %(country)s is not "
                "an ISO country code.",
                mrn=mrn,
                country=error.detail,
            ),
            "characters": _(
                "The MRN %(mrn)s may only contain letters and digits.", mrn=mrn
            ),
            "check_digit": _(
                "The MRN %(mrn)s has a wrong check digit: its last character "
                "%(digit)s does not match the 17 characters before it. Check the "
                "number on the customs document.",
                mrn=mrn,
                digit=error.detail,
            ),
        }
        return messages[error.reason]

    @api.model
    def _validate_mrn(self, mrn):
        """Return ``mrn`` normalized or raise a ValidationError that says
        whether its length, its country or its check digit is wrong."""
        try:
            return validate_mrn(
                mrn,
                self._get_mrn_country_codes(),
                self._get_mrn_check_digit_country_codes(),
            )
        except MrnError as error:
            raise ValidationError(self._mrn_error_message(mrn, error)) from error

    @api.constrains("mrn")
    def _check_mrn(self):
        for declaration in self.filtered("mrn"):
            self._validate_mrn(declaration.mrn)

    @api.model
    def _check_company_allowed(self, company):
        """Refuse a company the user does not work in: declarations are
        recorded and searched in the user's allowed companies only, so that
        the MRN check tells nothing of another company's declarations."""
        if not self.env.su and company not in self.env.companies:
            raise AccessError(
                _(
                    "You cannot record a customs declaration in the company id "
                    "%(company)s: it is not one of the companies you work in.",
                    company=company.id,
                )
            )

    def _check_mrn_unique(self, mrn, company):
        """Name the declaration that has ``mrn`` already, before the unique
        constraint of the database refuses it without saying which.

        Searched with the user's rights, in a company the user works in (see
        ``_check_company_allowed``): the unique constraint stays the guard
        against declarations the user may not read.
        """
        self._check_company_allowed(company)
        other = self.search(
            [
                ("mrn", "=", mrn),
                ("company_id", "=", company.id),
                ("id", "not in", self.ids),
            ],
            limit=1,
        )
        if other:
            raise ValidationError(
                _(
                    "The MRN %(mrn)s is already recorded on declaration "
                    "%(declaration)s of %(company)s.",
                    mrn=mrn,
                    declaration=other.name,
                    company=company.name,
                )
            )

    def _check_mrn_unique_on_write(self, vals):
        """Check the MRN and company each declaration will have once ``vals``
        is written: the unique constraint of the database would refuse one
        MRN on several declarations of a company without a message."""
        new_company = self.env["res.company"].browse(vals.get("company_id"))
        if new_company:
            self._check_company_allowed(new_company)
        targets = defaultdict(lambda: self.browse())
        for declaration in self:
            mrn = vals["mrn"] if "mrn" in vals else declaration.mrn
            if mrn:
                targets[mrn, new_company or declaration.company_id] |= declaration
        for (mrn, company), declarations in targets.items():
            if len(declarations) > 1:
                raise ValidationError(self._mrn_repeated_message(mrn, company))
            declarations._check_mrn_unique(mrn, company)

    @api.model
    def _mrn_repeated_message(self, mrn, company):
        return _(
            "The MRN %(mrn)s cannot be given to several declarations of "
            "%(company)s: an MRN is used by one declaration of a company only.",
            mrn=mrn,
            company=company.name,
        )

    @api.model
    def _check_new_mrn(self, vals, new_mrns):
        """Return the MRN of the values ``vals`` of a new declaration
        normalized, or raise if it is not valid or is taken already, by a
        declaration of its company or by one of the values created with it
        (``new_mrns``: the ``(mrn, company)`` pairs of those, added to)."""
        mrn = self._validate_mrn(vals["mrn"])
        company = self.env["res.company"].browse(
            vals.get("company_id") or self.env.company.id
        )
        self._check_mrn_unique(mrn, company)
        if (mrn, company) in new_mrns:
            raise ValidationError(self._mrn_repeated_message(mrn, company))
        new_mrns.add((mrn, company))
        return mrn
