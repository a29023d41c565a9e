import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

DIRECTIONS = [("import", "Import"), ("export", "Export"), ("transit", "Transit")]
#: Mode of transport at the border, as coded in the Union Customs Code.
TRANSPORT_MODES = [
    ("1", "Sea"),
    ("2", "Rail"),
    ("3", "Road"),
    ("4", "Air"),
    ("5", "Postal consignment"),
    ("7", "Fixed transport installation"),
    ("8", "Inland waterway"),
    ("9", "Own propulsion"),
]
#: Procedure code a new declaration proposes for each direction: release for
#: free circulation (4000) and permanent export (1000).
DEFAULT_PROCEDURE_CODES = {"import": "4000", "export": "1000"}
PROCEDURE_CODE_RE = re.compile(r"^\d{4}$")


class CrmCustomsDeclaration(models.Model):
    """A customs declaration, kept as a document of the counterparties it
    concerns: the customs office, the declarant and its representative, the
    importer or exporter and the supplier or customer on the other side.

    This file holds what identifies the declaration and its parties, with
    their checks and the CRUD that runs every check in one order; each other
    concern has its file: the documents it is linked to
    (``_documents``), its totals (``_totals``), its MRN (``_mrn``), its
    states and actions (``_workflow``), what lodging asks and locks
    (``_lodge``) and the duty bill of an import (``_duty_bill``).
    """

    _name = "crm.customs.declaration"
    _description = "Customs Declaration"
    _inherit = ["mail.thread", "mail.activity.mixin", "crm.company.guard.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        index="trigram",
        default=lambda self: _("New"),
    )
    direction = fields.Selection(
        DIRECTIONS, required=True, default="import", tracking=True, index=True
    )
    declaration_type = fields.Selection(
        [
            ("standard", "Standard"),
            ("simplified", "Simplified"),
            ("supplementary", "Supplementary"),
        ],
        required=True,
        default="standard",
        tracking=True,
    )
    procedure_code = fields.Char(
        compute="_compute_procedure_code",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Requested and previous procedure, 4 digits: e.g. 4000 release "
        "for free circulation, 1000 permanent export, 4071 release after "
        "customs warehousing.",
    )
    mrn = fields.Char(
        string="MRN",
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="Movement Reference Number given by customs: 18 characters, the "
        "year, the country code and 14 letters or digits. The check character "
        "of the MRNs of EU countries is verified.",
    )
    customs_office_id = fields.Many2one(
        "res.partner",
        string="Customs Office",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('is_agency_counterparty', '=', True), "
        "('agency_type', '=', 'customs_office')]",
        help="A government agency counterparty of the type customs office.",
    )
    customs_office_code = fields.Char(
        related="customs_office_id.agency_code", string="Office Code"
    )
    declarant_id = fields.Many2one(
        "res.partner",
        string="Declarant",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        default=lambda self: self.env.company.partner_id,
        help="Who lodges the declaration in its own name.",
    )
    representative_id = fields.Many2one(
        "res.partner",
        string="Representative",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The customs broker acting for the declarant, if any.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Importer / Exporter",
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env.company.partner_id,
        help="The importer of an import, the exporter of an export, the "
        "holder of the procedure of a transit.",
    )
    counterparty_id = fields.Many2one(
        "res.partner",
        string="Supplier / Customer",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The supplier who sells the imported goods, or the customer who "
        "buys the exported goods.",
    )
    incoterm_id = fields.Many2one("account.incoterms", string="Incoterm")
    currency_id = fields.Many2one(
        "res.currency",
        string="Invoice Currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
        tracking=True,
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id")
    exchange_rate = fields.Float(
        compute="_compute_exchange_rate",
        store=True,
        readonly=False,
        precompute=True,
        digits=(12, 6),
        tracking=True,
        help="Company currency units for one unit of the invoice currency, "
        "as applied by customs.",
    )
    transport_mode = fields.Selection(
        TRANSPORT_MODES,
        help="Mode of transport at the border.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
    )
    line_ids = fields.One2many(
        "crm.customs.declaration.line", "declaration_id", string="Goods", copy=True
    )
    note = fields.Html()

    _sql_constraints = [
        (
            "mrn_company_uniq",
            "UNIQUE (company_id, mrn)",
            "An MRN is used by one declaration of a company only.",
        ),
        (
            "exchange_rate_positive",
            "CHECK (exchange_rate IS NULL OR exchange_rate > 0)",
            "The exchange rate must be greater than zero.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("direction")
    def _compute_procedure_code(self):
        for declaration in self:
            default = DEFAULT_PROCEDURE_CODES.get(declaration.direction)
            current = declaration.procedure_code
            if not current or current in DEFAULT_PROCEDURE_CODES.values():
                declaration.procedure_code = default or False

    @api.depends("currency_id", "company_id")
    def _compute_exchange_rate(self):
        Currency = self.env["res.currency"]
        today = fields.Date.context_today(self)
        for declaration in self:
            company = declaration.company_id or self.env.company
            currency = declaration.currency_id or company.currency_id
            declaration.exchange_rate = Currency._get_conversion_rate(
                currency, company.currency_id, company, declaration.date_lodged or today
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("procedure_code")
    def _check_procedure_code(self):
        for declaration in self:
            code = declaration.procedure_code
            if code and not PROCEDURE_CODE_RE.match(code):
                raise ValidationError(
                    _(
                        "The procedure code %(code)s of %(declaration)s must have "
                        "4 digits, e.g. 4000 or 1000.",
                        code=code,
                        declaration=declaration.name,
                    )
                )

    @api.constrains("customs_office_id")
    def _check_customs_office(self):
        for declaration in self:
            office = declaration.customs_office_id.commercial_partner_id
            if office and not (
                office.is_agency_counterparty and office.agency_type == "customs_office"
            ):
                raise ValidationError(
                    _(
                        "%(partner)s is not a customs office: choose a government "
                        "agency counterparty whose agency type is Customs office.",
                        partner=declaration.customs_office_id.display_name,
                    )
                )

    @api.constrains("exchange_rate")
    def _check_exchange_rate(self):
        for declaration in self:
            if declaration.exchange_rate <= 0:
                raise ValidationError(
                    _(
                        "The exchange rate of %(declaration)s must be greater "
                        "than zero, not %(rate)s.",
                        declaration=declaration.name,
                        rate=declaration.exchange_rate,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        new_mrns = set()
        for vals in vals_list:
            if vals.get("company_id"):
                self._check_company_allowed(
                    self.env["res.company"].browse(vals["company_id"])
                )
            if vals.get("mrn"):
                vals["mrn"] = self._check_new_mrn(vals, new_mrns)
            if "exchange_rate" in vals and vals["exchange_rate"] <= 0:
                raise ValidationError(
                    _(
                        "The exchange rate must be greater than zero, not %(rate)s.",
                        rate=vals["exchange_rate"],
                    )
                )
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "crm.customs.declaration"
                ) or _("New")
            self._check_created_workflow_dates(vals)
        declarations = super().create(vals_list)
        # After the defaults: a default_state in the context counts too.
        declarations._check_created_state()
        return declarations

    def write(self, vals):
        if "state" in vals:
            self._check_state_write(vals["state"])
        self._check_workflow_dates_write(vals)
        if vals.get("mrn"):
            vals = dict(vals, mrn=self._validate_mrn(vals["mrn"]))
        if vals.get("mrn") or vals.get("company_id"):
            self._check_mrn_unique_on_write(vals)
        if vals.get("state") == "cancelled":
            self._check_cancel_rights()
        self._check_locked_vals(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_lodged(self):
        for declaration in self:
            if declaration.state not in ("draft", "cancelled"):
                raise UserError(
                    _(
                        "Declaration %(declaration)s is %(state)s: only draft "
                        "or cancelled declarations can be deleted.",
                        declaration=declaration.name,
                        state=declaration._get_state_label(),
                    )
                )
