from odoo import models

#: Charges of a declaration line that are costs of its goods. Import VAT is
#: not: it is recovered as input tax.
LANDED_CHARGES = ("duty_amount", "excise_amount")


class CrmCustomsDeclarationLine(models.Model):
    _inherit = "crm.customs.declaration.line"

    def _landed_charges(self):
        """What of this line's charges is a cost of its goods, in the company
        currency."""
        self.ensure_one()
        return sum(self[fname] for fname in LANDED_CHARGES)
