import re

from stdnum.exceptions import ValidationError as StdnumError

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import email_normalize

PHONE_FIELDS = ("phone", "mobile")
EORI_RE = re.compile(r"^([A-Z]{2})([A-Z0-9]{1,15})$")
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
    is_customer_counterparty = fields.Boolean(
        "Is a Customer", compute="_compute_kind_flags", search="_search_kind_customer"
    )
    is_supplier_counterparty = fields.Boolean(
        "Is a Supplier", compute="_compute_kind_flags", search="_search_kind_supplier"
    )
    is_bank_counterparty = fields.Boolean(
        "Is a Bank", compute="_compute_kind_flags", search="_search_kind_bank"
    )
    is_agency_counterparty = fields.Boolean(
        "Is a Government Agency",
        compute="_compute_kind_flags",
        search="_search_kind_agency",
    )
    is_holding_counterparty = fields.Boolean(
        "Is a Holding Member",
        compute="_compute_kind_flags",
        search="_search_kind_holding",
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

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("counterparty_kind_ids.code")
    def _compute_kind_flags(self):
        for partner in self:
            codes = set(partner.counterparty_kind_ids.mapped("code"))
            partner.is_customer_counterparty = "customer" in codes
            partner.is_supplier_counterparty = "supplier" in codes
            partner.is_bank_counterparty = "bank" in codes
            partner.is_agency_counterparty = "government_agency" in codes
            partner.is_holding_counterparty = "holding_member" in codes

    def _search_kind(self, code, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Unsupported search on a counterparty kind."))
        positive = (operator == "=") == bool(value)
        domain = [("counterparty_kind_ids.code", "=", code)]
        return domain if positive else ["!"] + domain

    def _search_kind_customer(self, operator, value):
        return self._search_kind("customer", operator, value)

    def _search_kind_supplier(self, operator, value):
        return self._search_kind("supplier", operator, value)

    def _search_kind_bank(self, operator, value):
        return self._search_kind("bank", operator, value)

    def _search_kind_agency(self, operator, value):
        return self._search_kind("government_agency", operator, value)

    def _search_kind_holding(self, operator, value):
        return self._search_kind("holding_member", operator, value)

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
            domain_parts.append([("phone", "in", list(phones))])
            domain_parts.append([("mobile", "in", list(phones))])
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
            "phone": {n for n in (self.phone, self.mobile) if n},
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
    # Commercial fields, phone normalization, rank sync
    # ------------------------------------------------------------------

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["counterparty_kind_ids", "eori"]

    def _normalize_identifier_vals(self, vals):
        vals = dict(vals)
        if vals.get("eori"):
            vals["eori"] = re.sub(r"[\s.-]", "", vals["eori"]).upper()
        if vals.get("company_registry"):
            vals["company_registry"] = vals["company_registry"].strip()
        return vals

    def _normalize_phone_vals(self, vals, country):
        """Store phone numbers in E.164 for ``country``; refuse unreadable ones.

        Numbers loaded from data files are normalized where possible and kept
        as they are otherwise, so that other modules' demo data still loads.
        """
        strict = not self.env.context.get("install_filename")
        vals = dict(vals)
        for fname in PHONE_FIELDS:
            number = vals.get(fname)
            if not number:
                continue
            try:
                vals[fname] = self._phone_format_number(
                    number, country, force_format="E164", raise_exception=True
                )
            except UserError as error:
                if not strict:
                    continue
                raise ValidationError(
                    _(
                        "The %(field)s number %(number)s cannot be read for "
                        "%(country)s: %(reason)s",
                        field=self._fields[fname].get_description(self.env)["string"],
                        number=number,
                        country=country.name or _("an unknown country"),
                        reason=error.args[0] if error.args else "",
                    )
                ) from error
        return vals

    def _phone_country_for_vals(self, vals):
        if vals.get("country_id"):
            return self.env["res.country"].browse(vals["country_id"])
        if self:
            return self.country_id or self.env.company.country_id
        if vals.get("parent_id"):
            parent = self.browse(vals["parent_id"])
            if parent.country_id:
                return parent.country_id
        return self.env.company.country_id

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [
            self._normalize_phone_vals(
                self._normalize_identifier_vals(vals),
                self._phone_country_for_vals(vals),
            )
            if any(vals.get(f) for f in PHONE_FIELDS)
            else self._normalize_identifier_vals(vals)
            for vals in vals_list
        ]
        partners = super().create(vals_list)
        commercial = partners.filtered(lambda p: p == p.commercial_partner_id)
        with_kinds = commercial.filtered("counterparty_kind_ids")
        with_kinds._sync_ranks_from_kinds(
            {p: self.env["crm.counterparty.kind"] for p in with_kinds}
        )
        commercial.filtered(
            lambda p: p.customer_rank or p.supplier_rank
        )._sync_kinds_from_ranks()
        commercial.filtered("counterparty_kind_ids")._sync_counterparty_profiles()
        return partners

    def write(self, vals):
        vals = self._normalize_identifier_vals(vals)
        if any(vals.get(f) for f in PHONE_FIELDS):
            if len(self) > 1 and "country_id" not in vals:
                # Each partner's number is read for its own country.
                for partner in self:
                    partner.write(vals)
                return True
            vals = self._normalize_phone_vals(vals, self._phone_country_for_vals(vals))
        kinds_before = None
        if "counterparty_kind_ids" in vals:
            kinds_before = {p: p.counterparty_kind_ids for p in self}
        res = super().write(vals)
        if kinds_before is not None:
            commercial = self.filtered(lambda p: p == p.commercial_partner_id)
            commercial._sync_ranks_from_kinds(kinds_before)
            commercial._sync_counterparty_profiles()
        if vals.get("customer_rank") or vals.get("supplier_rank"):
            self._sync_kinds_from_ranks()
        return res

    def _increase_rank(self, field, n=1):
        res = super()._increase_rank(field, n)
        if field in ("customer_rank", "supplier_rank"):
            self.commercial_partner_id._sync_kinds_from_ranks()
        return res

    def _kind_by_code(self, code):
        return (
            self.env["crm.counterparty.kind"]
            .sudo()
            .with_context(active_test=False)
            .search([("code", "=", code)], limit=1)
        )

    def _sync_kinds_from_ranks(self):
        """A partner with a customer (supplier) rank has the customer
        (supplier) kind: Odoo raises ranks on invoices, sales and purchases."""
        for rank_field, code in (
            ("customer_rank", "customer"),
            ("supplier_rank", "supplier"),
        ):
            kind = self._kind_by_code(code)
            missing = self.filtered(
                lambda p, k=kind, f=rank_field: k
                and p[f] > 0
                and k not in p.counterparty_kind_ids
            )
            if missing:
                missing.sudo().write(
                    {"counterparty_kind_ids": [fields.Command.link(kind.id)]}
                )

    def _sync_ranks_from_kinds(self, kinds_before):
        """Setting the customer or supplier kind by hand sets Odoo's rank."""
        for rank_field, code in (
            ("customer_rank", "customer"),
            ("supplier_rank", "supplier"),
        ):
            kind = self._kind_by_code(code)
            if not kind:
                continue
            added = self.filtered(
                lambda p, k=kind: k in p.counterparty_kind_ids
                and k not in kinds_before[p]
            )
            removed = self.filtered(
                lambda p, k=kind: k not in p.counterparty_kind_ids
                and k in kinds_before[p]
            )
            added.filtered(lambda p, f=rank_field: not p[f]).sudo().write(
                {rank_field: 1}
            )
            removed.filtered(rank_field).sudo().write({rank_field: 0})

    def _sync_counterparty_profiles(self):
        """Keep one field-template profile per kind of each commercial partner."""
        Profile = self.env["crm.counterparty.profile"].sudo()
        existing = Profile.search([("partner_id", "in", self.ids)])
        have = {(p.partner_id.id, p.kind_id.id) for p in existing}
        Profile.create(
            [
                {"partner_id": partner.id, "kind_id": kind.id}
                for partner in self
                for kind in partner.counterparty_kind_ids
                if (partner.id, kind.id) not in have
            ]
        )
        existing.filtered(
            lambda p: p.kind_id not in p.partner_id.counterparty_kind_ids
        ).unlink()

    @api.model
    def _sync_kinds_from_ranks_all(self):
        """Set-up of an existing database: ranks give kinds, in SQL."""
        for rank_field, code in (
            ("customer_rank", "customer"),
            ("supplier_rank", "supplier"),
        ):
            kind = self._kind_by_code(code)
            if not kind:
                continue
            self.env.cr.execute(
                f"""
                INSERT INTO res_partner_counterparty_kind_rel (partner_id, kind_id)
                SELECT p.id, %s FROM res_partner p
                 WHERE p.{rank_field} > 0
                ON CONFLICT DO NOTHING
                """,  # noqa: S608 - rank_field is one of two constants
                [kind.id],
            )
        self.env["res.partner"].invalidate_model(["counterparty_kind_ids"])
        partners = self.search(
            [("counterparty_kind_ids", "!=", False), ("parent_id", "=", False)]
        )
        partners._sync_counterparty_profiles()

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

    def action_open_contracts(self):
        self.ensure_one()
        partner = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_counterparty.crm_contract_action"
        )
        action["domain"] = [("commercial_partner_id", "=", partner.id)]
        action["context"] = {"default_partner_id": partner.id}
        side = self.env["crm.contract"]._side_of_partner(partner)
        if side:
            action["context"]["default_side"] = side
        return action

    def action_open_leases(self):
        self.ensure_one()
        commercial = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_counterparty.crm_lease_action"
        )
        action["domain"] = [("partner_id", "=", commercial.id)]
        role = (
            "lessor"
            if commercial.is_supplier_counterparty
            and not commercial.is_customer_counterparty
            else "lessee"
        )
        action["context"] = {
            "default_partner_id": commercial.id,
            "default_partner_role": role,
        }
        return action

    def action_log_call(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_counterparty.crm_counterparty_log_call_action"
        )
        action["context"] = {"default_partner_id": self.id}
        return action
