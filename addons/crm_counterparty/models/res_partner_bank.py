import re

from odoo import _, api, models
from odoo.exceptions import ValidationError

from odoo.addons.base_iban.models.res_partner_bank import (
    _map_iban_template,
    normalize_iban,
    validate_iban,
)

from ..tools.text_checks import refuse_control_characters

IBAN_LIKE = re.compile(r"^[A-Z]{2}[0-9]{2}")


class ResPartnerBank(models.Model):
    _inherit = "res.partner.bank"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_control_characters(self, vals, ["acc_number"])
        return super().create(vals_list)

    def write(self, vals):
        refuse_control_characters(self, vals, ["acc_number"])
        return super().write(vals)

    @api.constrains("acc_number")
    def _check_iban_like_number(self):
        """base_iban silently files a wrong IBAN as a plain account number;
        a number that starts like an IBAN of a known country must be one."""
        for account in self:
            number = normalize_iban(account.acc_number or "")
            if (
                not IBAN_LIKE.match(number)
                or number[:2].lower() not in _map_iban_template
            ):
                continue
            try:
                validate_iban(number)
            except ValidationError as error:
                raise ValidationError(
                    _(
                        "The bank account number %(number)s of %(holder)s is not a "
                        "valid IBAN: %(reason)s",
                        number=account.acc_number,
                        holder=account.partner_id.display_name,
                        reason=error.args[0],
                    )
                ) from error
