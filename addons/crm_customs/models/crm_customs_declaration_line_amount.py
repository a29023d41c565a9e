from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

#: Amounts, masses and rates that cannot be negative.
NON_NEGATIVE_FIELDS = (
    "quantity",
    "net_mass",
    "gross_mass",
    "invoice_value",
    "customs_value",
    "duty_rate",
    "duty_amount",
    "excise_amount",
    "vat_rate",
    "vat_amount",
)


class CrmCustomsDeclarationLine(models.Model):
    """The values of an item of goods, its duty and its import VAT."""

    _inherit = "crm.customs.declaration.line"  # pylint: disable=consider-merging-classes-inherited

    invoice_value = fields.Monetary(
        currency_field="currency_id", help="Value on the invoice, in its currency."
    )
    customs_value = fields.Monetary(
        compute="_compute_customs_value",
        store=True,
        readonly=False,
        precompute=True,
        currency_field="company_currency_id",
        help="Value the duties are levied on, in the company currency: by "
        "default the invoice value at the declaration's exchange rate.",
    )
    duty_rate = fields.Float("Duty Rate (%)", digits=(5, 2))
    duty_amount = fields.Monetary(
        "Duty",
        compute="_compute_duty_amount",
        store=True,
        readonly=False,
        precompute=True,
        currency_field="company_currency_id",
    )
    excise_amount = fields.Monetary("Excise", currency_field="company_currency_id")
    vat_rate = fields.Float("Import VAT Rate (%)", digits=(5, 2))
    vat_amount = fields.Monetary(
        "Import VAT",
        compute="_compute_vat_amount",
        store=True,
        readonly=False,
        precompute=True,
        currency_field="company_currency_id",
        help="By default the rate applied to the customs value plus the duty "
        "and excise.",
    )

    @api.depends("invoice_value", "declaration_id.exchange_rate")
    def _compute_customs_value(self):
        for line in self:
            currency = line._get_amount_currency()
            line.customs_value = currency.round(
                line.invoice_value * (line.declaration_id.exchange_rate or 1.0)
            )

    @api.depends("customs_value", "duty_rate")
    def _compute_duty_amount(self):
        for line in self:
            currency = line._get_amount_currency()
            line.duty_amount = currency.round(line.customs_value * line.duty_rate / 100)

    @api.depends("customs_value", "duty_amount", "excise_amount", "vat_rate")
    def _compute_vat_amount(self):
        for line in self:
            currency = line._get_amount_currency()
            base = line.customs_value + line.duty_amount + line.excise_amount
            line.vat_amount = currency.round(base * line.vat_rate / 100)

    @api.constrains(*NON_NEGATIVE_FIELDS)
    def _check_not_negative(self):
        for line in self:
            for fname in NON_NEGATIVE_FIELDS:
                if line[fname] < 0:
                    raise ValidationError(
                        _(
                            "The %(field)s of the line %(line)s cannot be "
                            "negative: %(value)s.",
                            field=self._fields[fname].get_description(self.env)[
                                "string"
                            ],
                            line=line.name,
                            value=line[fname],
                        )
                    )

    def _get_amount_currency(self):
        """The currency the customs amounts are in and rounded to."""
        self.ensure_one()
        return self.company_currency_id or self.env.company.currency_id
