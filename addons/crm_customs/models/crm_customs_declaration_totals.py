from odoo import api, fields, models

#: Totals of the lines, summed in one pass.
TOTAL_FIELDS = {
    "amount_invoice": "invoice_value",
    "amount_customs_value": "customs_value",
    "amount_duty": "duty_amount",
    "amount_excise": "excise_amount",
    "amount_vat": "vat_amount",
    "net_mass": "net_mass",
    "gross_mass": "gross_mass",
}


class CrmCustomsDeclaration(models.Model):
    """The totals of a declaration: the sums of its lines."""

    _inherit = "crm.customs.declaration"  # pylint: disable=consider-merging-classes-inherited

    # Totals, company currency unless said otherwise
    amount_invoice = fields.Monetary(
        "Invoice Value",
        compute="_compute_totals",
        store=True,
        currency_field="currency_id",
    )
    amount_customs_value = fields.Monetary(
        "Customs Value",
        compute="_compute_totals",
        store=True,
        currency_field="company_currency_id",
    )
    amount_duty = fields.Monetary(
        "Duties",
        compute="_compute_totals",
        store=True,
        currency_field="company_currency_id",
    )
    amount_excise = fields.Monetary(
        "Excise",
        compute="_compute_totals",
        store=True,
        currency_field="company_currency_id",
    )
    amount_vat = fields.Monetary(
        "Import VAT",
        compute="_compute_totals",
        store=True,
        currency_field="company_currency_id",
    )
    amount_charges = fields.Monetary(
        "Total Charges",
        compute="_compute_totals",
        store=True,
        currency_field="company_currency_id",
        help="Duties, excise and import VAT.",
    )
    net_mass = fields.Float(
        "Net Mass (kg)", compute="_compute_totals", store=True, digits="Stock Weight"
    )
    gross_mass = fields.Float(
        "Gross Mass (kg)", compute="_compute_totals", store=True, digits="Stock Weight"
    )

    @api.depends(*(f"line_ids.{fname}" for fname in set(TOTAL_FIELDS.values())))
    def _compute_totals(self):
        """All totals in one pass over the lines."""
        for declaration in self:
            totals = dict.fromkeys(TOTAL_FIELDS, 0.0)
            for line in declaration.line_ids:
                for total, fname in TOTAL_FIELDS.items():
                    totals[total] += line[fname]
            totals["amount_charges"] = (
                totals["amount_duty"] + totals["amount_excise"] + totals["amount_vat"]
            )
            declaration.update(totals)
