import re

from stdnum.exceptions import ValidationError as StdnumError

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize
from odoo.tools.sql import create_index

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
#: The stored flag of each built-in kind (see migrations/18.0.2.0.0).
KIND_FLAGS = {
    "is_customer_counterparty": "customer",
    "is_supplier_counterparty": "supplier",
    "is_bank_counterparty": "bank",
    "is_agency_counterparty": "government_agency",
    "is_holding_counterparty": "holding_member",
}
AGENCY_TYPES = [
    ("tax_authority", "Tax authority"),
    ("customs_office", "Customs office"),
    ("municipality", "Municipality"),
    ("social_security", "Social security"),
    ("court_registry", "Court / registry"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Kinds
    counterparty_kind_ids = fields.Many2many(
        "crm.counterparty.kind",
        "res_partner_counterparty_kind_rel",
        "partner_id",
        "kind_id",
        string="Counterparty Kinds",
        help="What this company is to you. Kinds belong to the company and show "
        "on its contacts.",
    )
    # Stored so that a kind filter is a plain column test on res_partner, like
    # ``is_company``, and each has a partial index in the list order (``init``).
    # Not precomputed: the kinds they follow are computed from Odoo's ranks
    # (res_partner_rank.py) after the partner's insertion.
    is_customer_counterparty = fields.Boolean(
        "Is a Customer", compute="_compute_kind_flags", store=True
    )
    is_supplier_counterparty = fields.Boolean(
        "Is a Supplier", compute="_compute_kind_flags", store=True
    )
    is_bank_counterparty = fields.Boolean(
        "Is a Bank", compute="_compute_kind_flags", store=True
    )
    is_agency_counterparty = fields.Boolean(
        "Is a Government Agency", compute="_compute_kind_flags", store=True
    )
    is_holding_counterparty = fields.Boolean(
        "Is a Holding Member", compute="_compute_kind_flags", store=True
    )
    counterparty_profile_ids = fields.One2many(
        "crm.counterparty.profile", "partner_id", string="Field Templates"
    )

    # Bank and government agency
    bank_id = fields.Many2one(
        "res.bank",
        string="Bank (BIC)",
        help="The bank this counterparty is; accounts held at it are listed "
        "in its dossier.",
    )
    bank_bic = fields.Char(related="bank_id.bic", string="BIC")
    held_bank_account_ids = fields.Many2many(
        "res.partner.bank",
        compute="_compute_held_bank_account_ids",
        string="Accounts Held at This Bank",
    )
    agency_type = fields.Selection(AGENCY_TYPES)
    agency_code = fields.Char(
        "Official Code", help="The agency's own code, e.g. a customs office code."
    )

    # Identifiers
    eori = fields.Char(
        "EORI Number",
        help="Economic Operators Registration and Identification number: "
        "country prefix and up to 15 characters.",
    )

    # Dossier
    contact_person_ids = fields.One2many(
        "res.partner",
        "parent_id",
        string="Contact Persons",
        domain=[("type", "=", "contact")],
    )
    address_ids = fields.One2many(
        "res.partner",
        "parent_id",
        string="Addresses",
        domain=[("type", "in", ("invoice", "delivery", "other"))],
    )
    personal_document_ids = fields.One2many(
        "crm.personal.document", "partner_id", string="Personal Documents"
    )
    personal_document_count = fields.Integer(compute="_compute_personal_document_count")
    document_attachment_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Files and Documents",
        domain=[("res_model", "=", "res.partner")],
    )
    event_message_ids = fields.One2many(
        "mail.message",
        "res_id",
        string="Calls, Notes and E-mails",
        domain=[
            ("model", "=", "res.partner"),
            "|",
            ("message_type", "in", ("email", "comment")),
            ("mail_activity_type_id", "!=", False),
        ],
        help="E-mails, notes and done activities such as logged calls.",
    )
    linked_user_ids = fields.Many2many(
        "res.users",
        compute="_compute_linked_user_ids",
        string="Linked Users",
        help="Users of this company and of its contacts.",
    )
    duplicate_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_duplicate_partner_ids",
        string="Possible Duplicates",
        help="Other counterparties with the same VAT, registry number, phone "
        "or e-mail.",
    )

    supply_discount_ids = fields.One2many(
        "crm.supply.discount", "partner_id", string="Supply Discounts"
    )
    held_bank_account_count = fields.Integer(
        "Held Accounts", compute="_compute_held_bank_account_count"
    )

    def init(self):
        """One partial index per kind flag, in the order of partner lists: a
        list filtered on a rare kind (banks, agencies) among hundreds of
        thousands of partners reads its first page from the index instead of
        walking every partner by name."""
        res = super().init()
        for field_name in KIND_FLAGS:
            create_index(
                self.env.cr,
                f"res_partner_{field_name}_name_index",
                self._table,
                ["complete_name", "id DESC"],
                where=f"{field_name} AND active",
            )
        return res

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("counterparty_kind_ids.code")
    def _compute_kind_flags(self):
        # Kind ids from the registry cache: this runs on every created partner.
        Kind = self.env["crm.counterparty.kind"]
        flag_kinds = {
            field_name: Kind._get_id_by_code(code)
            for field_name, code in KIND_FLAGS.items()
        }
        for partner in self:
            # _origin: on a partner being created the kinds are new records.
            kind_ids = set(partner.counterparty_kind_ids._origin._ids)
            partner.update(
                {
                    field_name: kind_id in kind_ids
                    for field_name, kind_id in flag_kinds.items()
                }
            )

    @api.depends("bank_id")
    def _compute_held_bank_account_ids(self):
        accounts = self.env["res.partner.bank"].search(
            [("bank_id", "in", self.bank_id.ids)]
        )
        for partner in self:
            partner.held_bank_account_ids = accounts.filtered(
                lambda a, p=partner: p.bank_id and a.bank_id == p.bank_id
            )

    def _compute_personal_document_count(self):
        counts = dict(
            self.env["crm.personal.document"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.personal_document_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def _compute_linked_user_ids(self):
        users = (
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("partner_id", "child_of", self.commercial_partner_id.ids)])
        )
        for partner in self:
            partner.linked_user_ids = users.filtered(
                lambda u, p=partner: u.partner_id.commercial_partner_id
                == p.commercial_partner_id
            )

    @api.depends("vat", "company_registry", "phone", "mobile", "email")
    def _compute_duplicate_partner_ids(self):
        """One search for the whole recordset, matched in memory."""
        keys = {partner: partner._duplicate_keys() for partner in self}
        vats = {v for k in keys.values() for v in k["vat"]}
        registries = {v for k in keys.values() for v in k["registry"]}
        phones = {v for k in keys.values() for v in k["phone"]}
        emails = {v for k in keys.values() for v in k["email"]}
        domain_parts = []
        if vats:
            domain_parts.append([("vat", "in", list(vats))])
        if registries:
            domain_parts.append([("company_registry", "in", list(registries))])
        if phones:
            domain_parts.append([("id", "in", self._ids_by_phone_e164(phones))])
        if emails:
            domain_parts.append([("email_normalized", "in", list(emails))])
        candidates = self.browse()
        if domain_parts:
            domain = ["|"] * (len(domain_parts) - 1)
            for part in domain_parts:
                domain += part
            candidates = self.search(domain)
        candidate_keys = {c: c._duplicate_keys() for c in candidates}
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

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

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

    # ------------------------------------------------------------------
    # Commercial fields, identifier normalization, kind profiles
    # ------------------------------------------------------------------

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["counterparty_kind_ids", "eori"]

    def _normalize_identifier_vals(self, vals):
        refuse_control_characters(self, vals, CHECKED_TEXT_FIELDS)
        vals = dict(vals)
        if vals.get("eori"):
            vals["eori"] = re.sub(r"[\s.-]", "", vals["eori"]).upper()
        if vals.get("company_registry"):
            vals["company_registry"] = vals["company_registry"].strip()
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._normalize_identifier_vals(vals) for vals in vals_list]
        partners = super().create(vals_list)
        partners.filtered(
            lambda p: p == p.commercial_partner_id and p.counterparty_kind_ids
        )._sync_counterparty_profiles()
        return partners

    def write(self, vals):
        vals = self._normalize_identifier_vals(vals)
        res = super().write(vals)
        if "counterparty_kind_ids" in vals:
            self.filtered(
                lambda p: p == p.commercial_partner_id
            )._sync_counterparty_profiles()
        return res

    def unlink(self):
        """Delete what dies with the partners through the ORM first, so that
        its own unlink() runs (its files, messages, activities and followers
        go too) and the user's rights on it apply; a database cascade would
        delete the rows alone."""
        for records in self._records_deleted_with_partners():
            records.unlink()
        return super().unlink()

    def _records_deleted_with_partners(self):
        """Recordsets deleted, in this order, before the partners ``self``.
        Their many2one to the partner is ``ondelete="restrict"``, so that no
        other way deletes them behind the ORM's back. May be extended."""
        return [
            self._records_referring_to("crm.personal.document", "partner_id"),
            self._records_referring_to("crm.supply.discount", "partner_id"),
        ]

    def _records_referring_to(self, model, field_name):
        """All records of ``model`` whose ``field_name`` is one of ``self``,
        archived ones and those the user's rules hide included, in the user's
        environment: deleting them checks the user's rights on each."""
        records = (
            self.env[model]
            .sudo()
            .with_context(active_test=False)
            .search([(field_name, "in", self.ids)])
        )
        return records.with_env(self.env)

    def _kind_by_code(self, code):
        """The kind of ``code``, from a registry cache cleared when kinds change:
        kind searches and the kinds of Odoo's ranks run on every partner list
        and invoice."""
        return self.env["crm.counterparty.kind"].browse(
            self.env["crm.counterparty.kind"]._get_id_by_code(code)
        )

    def _sync_counterparty_profiles(self):
        """Keep one field-template profile per kind of each commercial partner
        whose kind has a template; kinds without one need none, which keeps
        the creation of counterparties cheap."""
        Profile = self.env["crm.counterparty.profile"].sudo()
        templated = self.counterparty_kind_ids.filtered("properties_definition")
        existing = Profile.search([("partner_id", "in", self.ids)])
        have = {(p.partner_id.id, p.kind_id.id) for p in existing}
        Profile.create(
            [
                {"partner_id": partner.id, "kind_id": kind.id}
                for partner in self
                for kind in partner.counterparty_kind_ids & templated
                if (partner.id, kind.id) not in have
            ]
        )
        existing.filtered(
            lambda p: p.kind_id not in p.partner_id.counterparty_kind_ids
        ).unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_duplicates(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Possible Duplicates of %s", self.display_name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", self.duplicate_partner_ids.ids)],
        }

    def action_open_personal_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_counterparty.crm_personal_document_action"
        )
        action["domain"] = [
            ("commercial_partner_id", "=", self.commercial_partner_id.id)
        ]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_log_call(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_counterparty.crm_counterparty_log_call_action"
        )
        action["context"] = {"default_partner_id": self.id}
        return action

    def _compute_held_bank_account_count(self):
        counts = dict(
            self.env["res.partner.bank"]._read_group(
                [("bank_id", "in", self.bank_id.ids)], ["bank_id"], ["__count"]
            )
        )
        for partner in self:
            partner.held_bank_account_count = counts.get(partner.bank_id, 0)

    def action_open_held_bank_accounts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "base.action_res_partner_bank_account_form"
        )
        action["domain"] = [("bank_id", "=", self.bank_id.id)]
        action["context"] = {"default_bank_id": self.bank_id.id}
        return action
