from odoo import api, fields, models

from odoo.addons.crm_counterparty.tools.text_checks import refuse_control_characters


class ProductTemplate(models.Model):
    """The HS code and origin of goods, under the names Odoo's
    ``stock_delivery`` gives them.

    ``stock_delivery`` brings Inventory and Delivery with it, which a company
    that only records its declarations does not need; the two fields are
    therefore declared here too. With both modules installed, Odoo merges the
    two declarations into one column each and nothing is lost.
    """

    _inherit = "product.template"

    hs_code = fields.Char(
        string="HS Code",
        help="Standardized code for international shipping and goods "
        "declaration: 6 digits (HS), 8 (EU Combined Nomenclature) or 10 "
        "(TARIC). Customs declaration lines take it by default.",
    )
    country_of_origin = fields.Many2one(
        "res.country",
        "Origin of Goods",
        help="Country where the goods were produced or manufactured (their "
        "economic nationality), not where they were shipped from.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_control_characters(self, vals, ["hs_code"])
        return super().create(vals_list)

    def write(self, vals):
        refuse_control_characters(self, vals, ["hs_code"])
        return super().write(vals)
