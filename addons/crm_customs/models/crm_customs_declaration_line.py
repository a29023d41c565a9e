from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.crm_counterparty.tools.text_checks import refuse_control_characters

from ..tools.hs_code import is_valid_hs_code, normalize_hs_code


class CrmCustomsDeclarationLine(models.Model):
    """One item of goods of a customs declaration.

    Values computed from others (the HS code, origin and unit from the
    product, the customs value from the invoice value and the exchange rate,
    the duty and import VAT from their rates) stay editable: customs' own
    assessment is what counts. They are precomputed so that a declaration
    made from an order of many lines is inserted in one batch.

    The declaration's direction, office, period and state are stored on the
    lines for the analysis by HS chapter and country of origin. The line's
    values, duty and import VAT are in ``crm_customs_declaration_line_amount``.
    """

    _name = "crm.customs.declaration.line"
    _inherit = ["crm.company.guard.mixin"]
    _description = "Customs Declaration Line"
    _order = "declaration_id, sequence, id"
    _check_company_auto = True

    declaration_id = fields.Many2one(
        "crm.customs.declaration",
        string="Declaration",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        related="declaration_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(
        related="declaration_id.currency_id", store=True, precompute=True
    )
    company_currency_id = fields.Many2one(related="declaration_id.company_currency_id")
    direction = fields.Selection(
        related="declaration_id.direction", store=True, precompute=True
    )
    state = fields.Selection(
        related="declaration_id.state", store=True, precompute=True, string="Status"
    )
    customs_office_id = fields.Many2one(
        related="declaration_id.customs_office_id",
        store=True,
        precompute=True,
        string="Customs Office",
    )
    date = fields.Date(
        related="declaration_id.date", store=True, precompute=True, string="Period Date"
    )
    product_id = fields.Many2one("product.product", check_company=True)
    hs_code = fields.Char(
        string="HS Code",
        compute="_compute_hs_code",
        store=True,
        readonly=False,
        precompute=True,
        help="Commodity code: 6 digits (HS), 8 (Combined Nomenclature) or 10 "
        "(TARIC). Taken from the product's HS code.",
    )
    hs_chapter = fields.Char(
        string="HS Chapter",
        compute="_compute_hs_chapter",
        store=True,
        precompute=True,
        index=True,
        help="First two digits of the HS code.",
    )
    name = fields.Char(
        string="Description",
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    origin_country_id = fields.Many2one(
        "res.country",
        string="Country of Origin",
        compute="_compute_origin_country_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
    )
    quantity = fields.Float(digits="Product Unit of Measure", default=1.0)
    uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        compute="_compute_uom_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    net_mass = fields.Float(
        "Net Mass (kg)",
        compute="_compute_net_mass",
        store=True,
        readonly=False,
        precompute=True,
        digits="Stock Weight",
    )
    gross_mass = fields.Float("Gross Mass (kg)", digits="Stock Weight")
    purchase_line_id = fields.Many2one(
        "purchase.order.line",
        string="Purchase Order Line",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
    )
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Sale Order Line",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("product_id")
    def _compute_hs_code(self):
        """From the product when it has one. The product's later changes do
        not reach the lines: a lodged declaration keeps its codes."""
        for line in self:
            if line.product_id.hs_code:
                line.hs_code = normalize_hs_code(line.product_id.hs_code)

    @api.depends("hs_code")
    def _compute_hs_chapter(self):
        for line in self:
            line.hs_chapter = (line.hs_code or "")[:2] or False

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id:
                line.name = line.product_id.display_name

    @api.depends("product_id")
    def _compute_origin_country_id(self):
        for line in self:
            if line.product_id.country_of_origin:
                line.origin_country_id = line.product_id.country_of_origin

    @api.depends("product_id")
    def _compute_uom_id(self):
        for line in self:
            if line.product_id:
                line.uom_id = line.product_id.uom_id

    @api.depends("product_id", "quantity")
    def _compute_net_mass(self):
        for line in self:
            if line.product_id.weight:
                line.net_mass = line.product_id.weight * line.quantity

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("hs_code")
    def _check_hs_code(self):
        for line in self:
            code = line.hs_code
            if code and not is_valid_hs_code(code):
                raise ValidationError(
                    _(
                        "The HS code %(code)s of the line %(line)s is not valid: "
                        "it must have 6, 8 or 10 digits and nothing else.",
                        code=code,
                        line=line.name,
                    )
                )

    @api.constrains("net_mass", "gross_mass")
    def _check_masses(self):
        for line in self:
            if line.gross_mass and line.gross_mass < line.net_mass:
                raise ValidationError(
                    _(
                        "The gross mass %(gross)s kg of the line %(line)s is less "
                        "than its net mass %(net)s kg.",
                        gross=line.gross_mass,
                        net=line.net_mass,
                        line=line.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        declaration_ids = set()
        default_declaration_id = None
        for vals in vals_list:
            if vals.get("hs_code"):
                vals["hs_code"] = normalize_hs_code(vals["hs_code"])
            # Inserted before the constraint runs: a NUL byte would not even
            # reach it.
            refuse_control_characters(self, vals, ["hs_code"])
            if "declaration_id" in vals:
                declaration_ids.add(vals["declaration_id"])
            else:
                # The declaration may come from the context's defaults, as a
                # form or an RPC caller sends them: it is locked all the same.
                if default_declaration_id is None:
                    default_declaration_id = self.default_get(["declaration_id"]).get(
                        "declaration_id"
                    )
                declaration_ids.add(default_declaration_id)
        self.env["crm.customs.declaration"].browse(
            [i for i in declaration_ids if i]
        )._check_lines_editable()
        lines = super().create(vals_list)
        # Whatever else set the declaration, its lock holds.
        lines.declaration_id._check_lines_editable()
        return lines

    def write(self, vals):
        self._check_declaration_copies(vals)
        if vals.get("hs_code"):
            vals = dict(vals, hs_code=normalize_hs_code(vals["hs_code"]))
            refuse_control_characters(self, vals, ["hs_code"])
        self.declaration_id._check_lines_editable()
        if "declaration_id" in vals:
            self.env["crm.customs.declaration"].browse(
                vals["declaration_id"]
            )._check_lines_editable()
        return super().write(vals)

    def _check_declaration_copies(self, vals):
        """The fields the lines copy from their declaration (its state,
        company, office...) change on the declaration only: the ORM writes
        a readonly related field on the line without passing it on, so a
        write would make the copy lie. Refused to all but the superuser."""
        if self.env.su:
            return
        for fname in vals:
            field = self._fields.get(fname)
            if not (field and field.related and field.store):
                continue
            changed = self.filtered(
                lambda line, f=field: line[f.name]
                != f.convert_to_record(f.convert_to_cache(vals[f.name], line), line)
            )
            if changed:
                raise AccessError(
                    _(
                        "The %(field)s of the line %(line)s is its declaration's: "
                        "it cannot be written on the line, and the state of a "
                        "declaration changes through its workflow actions only.",
                        field=field.get_description(self.env)["string"],
                        line=changed[0].display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.declaration_id._check_lines_editable()
