import re
from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..tools.mrn import MrnError, validate_mrn

DIRECTIONS = [("import", "Import"), ("export", "Export"), ("transit", "Transit")]
STATES = [
    ("draft", "Draft"),
    ("lodged", "Lodged"),
    ("accepted", "Accepted"),
    ("released", "Released"),
    ("cleared", "Cleared"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]
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
#: Context key of the writes of the workflow actions, the only ones allowed
#: to change the state (see ``_write_state``). Its value is an object that no
#: context sent over RPC can hold: JSON has no such value.
STATE_WRITE_CONTEXT_KEY = "crm_customs_state_write"
_STATE_WRITE_TOKEN = object()
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
#: Charges of the duty bill: (amount field, product XML id).
DUTY_BILL_CHARGES = (
    ("amount_duty", "crm_customs.product_customs_duty"),
    ("amount_excise", "crm_customs.product_customs_excise"),
    ("amount_vat", "crm_customs.product_customs_import_vat"),
)


class CrmCustomsDeclaration(models.Model):
    """A customs declaration, kept as a document of the counterparties it
    concerns: the customs office, the declarant and its representative, the
    importer or exporter and the supplier or customer on the other side.

    Draft → lodged → accepted → released → cleared, or rejected or cancelled.
    What identifies the declaration (see ``LOCKED_FIELDS``) and its lines are
    locked once it is lodged. The release of an import declaration creates
    one vendor bill to the customs office for the duties, excise and import
    VAT: the declaration row is locked while the bill is made and a unique
    index on account.move keeps it to one bill, even for two clicks at once.
    """

    _name = "crm.customs.declaration"
    _description = "Customs Declaration"
    _inherit = ["mail.thread", "mail.activity.mixin"]
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
    mrn_locked = fields.Boolean(compute="_compute_mrn_locked")
    state = fields.Selection(
        STATES,
        required=True,
        readonly=True,
        copy=False,
        default="draft",
        index=True,
        tracking=True,
    )
    date_lodged = fields.Date(string="Lodged On", copy=False, tracking=True)
    date_accepted = fields.Date(string="Accepted On", copy=False, tracking=True)
    date_released = fields.Date(string="Released On", copy=False, tracking=True)
    date = fields.Date(
        string="Period Date",
        compute="_compute_date",
        store=True,
        index=True,
        help="Date the declaration counts on in reports: its acceptance date, "
        "or the date it was lodged.",
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
    purchase_order_ids = fields.Many2many(
        "purchase.order",
        "crm_customs_declaration_purchase_order_rel",
        "declaration_id",
        "order_id",
        string="Purchase Orders",
        check_company=True,
    )
    sale_order_ids = fields.Many2many(
        "sale.order",
        "crm_customs_declaration_sale_order_rel",
        "declaration_id",
        "order_id",
        string="Sale Orders",
        check_company=True,
    )
    vendor_bill_ids = fields.Many2many(
        "account.move",
        "crm_customs_declaration_vendor_bill_rel",
        "declaration_id",
        "move_id",
        string="Vendor Bills",
        check_company=True,
        domain="[('move_type', 'in', ('in_invoice', 'in_refund'))]",
        help="The supplier's bills of the goods declared.",
    )
    purchase_order_count = fields.Integer(
        compute="_compute_document_counts", compute_sudo=True
    )
    sale_order_count = fields.Integer(
        compute="_compute_document_counts", compute_sudo=True
    )
    vendor_bill_count = fields.Integer(
        compute="_compute_document_counts", compute_sudo=True
    )
    line_ids = fields.One2many(
        "crm.customs.declaration.line", "declaration_id", string="Goods", copy=True
    )
    duty_move_ids = fields.One2many(
        "account.move",
        "crm_customs_declaration_id",
        string="Duty Bills",
        readonly=True,
    )
    duty_bill_id = fields.Many2one(
        "account.move",
        compute="_compute_duty_bill_id",
        compute_sudo=True,
        string="Duty Bill",
        help="The vendor bill to the customs office for the duties, excise "
        "and import VAT, created on release of an import.",
    )
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

    @api.depends("state", "mrn")
    def _compute_mrn_locked(self):
        """The MRN may be filled in until the declaration is accepted, and
        changed only while it is a draft."""
        for declaration in self:
            declaration.mrn_locked = declaration.state not in ("draft", "lodged") or (
                declaration.state == "lodged" and bool(declaration._origin.mrn)
            )

    @api.depends("date_accepted", "date_lodged")
    def _compute_date(self):
        for declaration in self:
            declaration.date = declaration.date_accepted or declaration.date_lodged

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

    def _compute_document_counts(self):
        for declaration in self:
            declaration.purchase_order_count = len(declaration.purchase_order_ids)
            declaration.sale_order_count = len(declaration.sale_order_ids)
            declaration.vendor_bill_count = len(declaration.vendor_bill_ids)

    @api.depends("duty_move_ids.state")
    def _compute_duty_bill_id(self):
        for declaration in self:
            declaration.duty_bill_id = declaration.duty_move_ids.filtered(
                lambda move: move.state != "cancel"
            )[:1]

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

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

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
                vals["mrn"] = self._validate_mrn(vals["mrn"])
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                self._check_mrn_unique(vals["mrn"], company)
                if (vals["mrn"], company) in new_mrns:
                    raise ValidationError(
                        self._mrn_repeated_message(vals["mrn"], company)
                    )
                new_mrns.add((vals["mrn"], company))
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
        declarations = super().create(vals_list)
        # After the defaults: a default_state in the context counts too.
        if not self.env.su:
            for declaration in declarations.filtered(lambda d: d.state != "draft"):
                raise AccessError(
                    _(
                        "Declaration %(declaration)s is new: its state cannot be "
                        "written as %(new_state)s; a declaration starts as a draft "
                        "and moves on through the workflow actions.",
                        declaration=declaration.name,
                        new_state=declaration._get_state_label(),
                    )
                )
        return declarations

    def write(self, vals):
        if "state" in vals:
            self._check_state_write(vals["state"])
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

    def _check_state_write(self, state):
        """The state changes through the workflow actions only (they write it
        with ``_write_state``): a direct write, over RPC or from code, is
        refused to everyone but the superuser."""
        if (
            self.env.su
            or self.env.context.get(STATE_WRITE_CONTEXT_KEY) is _STATE_WRITE_TOKEN
        ):
            return
        for declaration in self.filtered(lambda d: d.state != state):
            raise AccessError(
                _(
                    "Declaration %(declaration)s is %(state)s: its state cannot be "
                    "written to %(new_state)s; it changes through the workflow "
                    "actions only (lodge, accept, release, clear, reject, cancel, "
                    "reset to draft).",
                    declaration=declaration.name,
                    state=declaration._get_state_label(),
                    new_state=dict(
                        self._fields["state"]._description_selection(self.env)
                    ).get(state, state),
                )
            )

    def _write_state(self, vals):
        """Write ``vals``, a new state and what goes with it: the one way the
        workflow actions change the state. Override the actions, not this."""
        return self.with_context(**{STATE_WRITE_CONTEXT_KEY: _STATE_WRITE_TOKEN}).write(
            vals
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

    def _check_cancel_rights(self):
        if not self.env.user.has_group("crm_customs.group_customs_manager"):
            raise AccessError(
                _(
                    "Only a customs manager may cancel a customs declaration "
                    "(%(declarations)s).",
                    declarations=", ".join(self.mapped("name")),
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_lodge(self):
        self._check_state("draft", _("lodged"))
        self._check_ready_to_lodge()
        today = fields.Date.context_today(self)
        for declaration in self:
            declaration._write_state(
                {"state": "lodged", "date_lodged": declaration.date_lodged or today}
            )
        return True

    def action_accept(self):
        self._check_state("lodged", _("accepted"))
        missing = self.filtered(lambda d: not d.mrn)
        if missing:
            raise UserError(
                _(
                    "Enter the MRN given by customs on %(declarations)s before "
                    "marking it accepted.",
                    declarations=", ".join(missing.mapped("name")),
                )
            )
        today = fields.Date.context_today(self)
        for declaration in self:
            declaration._write_state(
                {
                    "state": "accepted",
                    "date_accepted": declaration.date_accepted or today,
                }
            )
        return True

    def action_release(self):
        """Release the goods; an import also gets its duty bill.

        A declaration that is released already is left as it is: a second
        click, or a second request that waited for the first one's lock,
        creates nothing.
        """
        to_release = self.filtered(lambda d: d.state != "released")
        to_release._check_state("accepted", _("released"))
        to_release._lock_rows()
        to_release.invalidate_recordset(["state"])
        to_release = to_release.filtered(lambda d: d.state == "accepted")
        today = fields.Date.context_today(self)
        for declaration in to_release:
            declaration._write_state(
                {
                    "state": "released",
                    "date_released": declaration.date_released or today,
                }
            )
        to_release._create_duty_bills()
        return True

    def action_clear(self):
        self._check_state("released", _("cleared"))
        self._write_state({"state": "cleared"})
        return True

    def action_reject(self):
        self._check_state(("lodged", "accepted"), _("rejected"))
        self._write_state({"state": "rejected"})
        return True

    def action_cancel(self):
        self._check_cancel_rights()
        self._check_state(
            ("draft", "lodged", "accepted", "released", "rejected"), _("cancelled")
        )
        billed = self.filtered("duty_bill_id")
        if billed:
            raise UserError(
                _(
                    "Declaration %(declaration)s has the duty bill %(bill)s: "
                    "cancel or reverse the bill first.",
                    declaration=billed[0].name,
                    bill=billed[0].duty_bill_id.display_name,
                )
            )
        self._write_state({"state": "cancelled"})
        return True

    def action_set_draft(self):
        """Back to draft to correct a rejected declaration; a cancelled one
        only by a customs manager."""
        if "cancelled" in self.mapped("state"):
            self._check_cancel_rights()
        self._check_state(("rejected", "cancelled"), _("set back to draft"))
        self._write_state({"state": "draft"})
        return True

    def action_create_duty_bill(self):
        """Create the duty bill of a released import that has none, e.g.
        after its bill was cancelled."""
        self._check_state(("released", "cleared"), _("billed"))
        bills = self._create_duty_bills()
        if not bills:
            raise UserError(
                _("There is no duty, excise or import VAT to bill, or a bill exists.")
            )
        return self.action_open_duty_bill()

    def action_open_duty_bill(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_in_invoice_type"
        )
        bills = self.duty_move_ids
        if len(bills) == 1:
            action.update(
                views=[(self.env.ref("account.view_move_form").id, "form")],
                res_id=bills.id,
            )
        else:
            action["domain"] = [("id", "in", bills.ids)]
        action["context"] = {"create": False}
        return action

    def _action_open_documents(self, records, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("id", "in", records.ids)]
        action["context"] = {"create": False}
        return action

    def action_open_purchase_orders(self):
        return self._action_open_documents(
            self.purchase_order_ids, "purchase.purchase_form_action"
        )

    def action_open_sale_orders(self):
        return self._action_open_documents(self.sale_order_ids, "sale.action_orders")

    def action_open_vendor_bills(self):
        return self._action_open_documents(
            self.vendor_bill_ids, "account.action_move_in_invoice_type"
        )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _get_state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _check_state(self, states, verb):
        states = (states,) if isinstance(states, str) else states
        for declaration in self:
            if declaration.state not in states:
                raise UserError(
                    _(
                        "Declaration %(declaration)s cannot be %(verb)s: it is "
                        "%(state)s.",
                        declaration=declaration.name,
                        verb=verb,
                        state=declaration._get_state_label(),
                    )
                )

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

    def _lock_rows(self):
        """Lock the declarations' rows until the end of the transaction: a
        concurrent release waits here, then fails to serialize and is retried,
        and sees the bill made by the first one."""
        if self.ids:
            self.flush_recordset()
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM crm_customs_declaration WHERE id IN %s "
                    "FOR NO KEY UPDATE",
                    tuple(self.ids),
                )
            )

    def _create_duty_bills(self):
        """Create the duty bill of each import declaration that has none;
        return the bills created.

        Made as superuser: releasing an import is a customs user's task, the
        bill it leads to is accounting's, who checks and posts it.
        """
        Move = self.env["account.move"].sudo()
        bills = Move
        imports = self.filtered(lambda d: d.direction == "import")
        imports._lock_rows()
        for declaration in imports:
            if Move.search_count(
                [
                    ("crm_customs_declaration_id", "=", declaration.id),
                    ("state", "!=", "cancel"),
                ],
                limit=1,
            ):
                continue
            vals = declaration._prepare_duty_bill_vals()
            if not vals["invoice_line_ids"]:
                declaration.message_post(
                    body=_("No duty, excise or import VAT to bill.")
                )
                continue
            bill = Move.with_company(declaration.company_id).create(vals)
            declaration.invalidate_recordset(["duty_move_ids", "duty_bill_id"])
            declaration.message_post(
                body=_("Duty bill created: %(bill)s", bill=bill._get_html_link())
            )
            bills |= bill
        return bills

    def _prepare_duty_bill_vals(self):
        """Values of the vendor bill to the customs office: one line per kind
        of charge that is not zero. Override to add fields."""
        self.ensure_one()
        if not self.customs_office_id:
            raise UserError(
                _(
                    "Declaration %(declaration)s has no customs office to bill.",
                    declaration=self.name,
                )
            )
        office = self.customs_office_id.commercial_partner_id
        lines = []
        for amount_field, product_xmlid in self._get_duty_bill_charges():
            amount = self[amount_field]
            if self.company_currency_id.is_zero(amount):
                continue
            lines.append(
                Command.create(
                    self.with_context(
                        lang=office.lang or self.env.lang
                    )._prepare_duty_bill_line_vals(product_xmlid, amount)
                )
            )
        return {
            "move_type": "in_invoice",
            "partner_id": office.id,
            "invoice_date": self.date_released or fields.Date.context_today(self),
            "currency_id": self.company_currency_id.id,
            "ref": self.mrn or self.name,
            "invoice_origin": self.name,
            "crm_customs_declaration_id": self.id,
            "invoice_line_ids": lines,
        }

    def _get_duty_bill_charges(self):
        """(amount field, product XML id) of each charge of the duty bill."""
        return DUTY_BILL_CHARGES

    def _prepare_duty_bill_line_vals(self, product_xmlid, amount):
        self.ensure_one()
        product = self.env.ref(product_xmlid)
        return {
            "product_id": product.id,
            # The product names the charge; the label names the declaration.
            "name": _(
                "Customs declaration %(declaration)s, MRN %(mrn)s",
                declaration=self.name,
                mrn=self.mrn or "-",
            ),
            "quantity": 1,
            "price_unit": amount,
            "tax_ids": [Command.clear()],
        }
