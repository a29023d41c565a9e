import re
from collections import defaultdict

from stdnum.exceptions import ValidationError as StdnumError

from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
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
#: Loyalty programmes whose cards are held by one customer: the client cards.
CLIENT_CARD_PROGRAM_TYPES = ("loyalty", "ewallet", "gift_card")
#: How many of the latest documents of each kind the dossier lists.
LATEST_DOCUMENTS = 10
#: Field of the Documents tab: (document key, order of the latest first).
LATEST_DOCUMENT_FIELDS = {
    "latest_sale_order_ids": ("sale_order", "date_order desc, id desc"),
    "latest_customer_move_ids": ("customer_move", "date desc, id desc"),
    "latest_inbound_payment_ids": ("inbound_payment", "date desc, id desc"),
    "latest_client_card_ids": ("client_card", "id desc"),
    "latest_purchase_order_ids": ("purchase", "date_order desc, id desc"),
    "latest_vendor_move_ids": ("vendor_move", "date desc, id desc"),
    "latest_outbound_payment_ids": ("outbound_payment", "date desc, id desc"),
    "latest_supplier_article_ids": ("supplier_article", "id desc"),
    "latest_financial_move_ids": ("financial_move", "date desc, id desc"),
    "latest_payment_ids": ("payment", "date desc, id desc"),
    "latest_contract_ids": ("contract", "date_start desc, id desc"),
    "latest_lease_ids": ("lease", "date_start desc, id desc"),
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

    # ==================================================================
    # Linked documents
    # ==================================================================
    # Counters, amounts and latest documents of each kind, read from Odoo's
    # own documents. Every counter of a document model comes from one
    # ``_read_group`` for the whole recordset, whatever its size: sale and
    # purchase orders, payments, supplier prices and loyalty cards have no
    # stored commercial partner, so they are filtered on
    # ``partner_id.commercial_partner_id`` (a sub-query on the indexed column
    # of res.partner), grouped by ``partner_id`` and folded into the
    # commercial partner in Python. That costs one read of the grouped
    # partners, where a stored related field would add a column to each of
    # those tables and recompute it on every existing row at install time.
    # Amounts are in the current company's currency; ``sale_order_count``,
    # ``purchase_order_count`` and ``supplier_invoice_count`` of Odoo count
    # every state and have no amount, so the split counters below are new.

    document_currency_id = fields.Many2one(
        "res.currency", compute="_compute_document_currency_id"
    )
    # Customer
    offer_count = fields.Integer("Offers", compute="_compute_sale_totals")
    offer_amount = fields.Monetary(
        "Offered",
        compute="_compute_sale_totals",
        currency_field="document_currency_id",
        help="Total of the quotations (draft and sent) in the company currency.",
    )
    sale_count = fields.Integer("Sales", compute="_compute_sale_totals")
    sale_amount = fields.Monetary(
        "Sold",
        compute="_compute_sale_totals",
        currency_field="document_currency_id",
        help="Total of the confirmed sale orders in the company currency.",
    )
    customer_move_count = fields.Integer(
        "Customer Invoices", compute="_compute_move_totals"
    )
    customer_open_amount = fields.Monetary(
        "Receivable",
        compute="_compute_move_totals",
        currency_field="document_currency_id",
        help="What is still due on the posted customer invoices, less the "
        "credit notes, in the company currency.",
    )
    inbound_payment_count = fields.Integer(
        "Customer Payments", compute="_compute_payment_totals"
    )
    inbound_payment_amount = fields.Monetary(
        "Received",
        compute="_compute_payment_totals",
        currency_field="document_currency_id",
        help="Confirmed payments received, in the company currency.",
    )
    client_card_count = fields.Integer(
        "Client Cards",
        compute="_compute_client_card_count",
        help="Active loyalty cards, gift cards and eWallets of the company and "
        "its contacts, with or without points.",
    )
    # Supplier
    purchase_count = fields.Integer("Purchases", compute="_compute_purchase_totals")
    purchase_amount = fields.Monetary(
        "Purchased",
        compute="_compute_purchase_totals",
        currency_field="document_currency_id",
        help="Total of the confirmed purchase orders in the company currency.",
    )
    vendor_move_count = fields.Integer("Vendor Bills", compute="_compute_move_totals")
    vendor_open_amount = fields.Monetary(
        "Payable",
        compute="_compute_move_totals",
        currency_field="document_currency_id",
        help="What is still to be paid on the posted vendor bills, less the "
        "refunds, in the company currency.",
    )
    outbound_payment_count = fields.Integer(
        "Vendor Payments", compute="_compute_payment_totals"
    )
    outbound_payment_amount = fields.Monetary(
        "Paid",
        compute="_compute_payment_totals",
        currency_field="document_currency_id",
        help="Confirmed payments sent, in the company currency.",
    )
    supplier_article_count = fields.Integer(
        "Supplier Articles", compute="_compute_supplier_article_count"
    )
    supply_discount_ids = fields.One2many(
        "crm.supply.discount", "partner_id", string="Supply Discounts"
    )
    supply_discount_count = fields.Integer(compute="_compute_supply_discount_count")
    # Bank and government agency
    financial_move_count = fields.Integer(
        "Financial Documents",
        compute="_compute_move_totals",
        help="Invoices, bills and journal entries (fees, interest, loans, "
        "taxes, duties) whose partner is this counterparty.",
    )
    financial_open_amount = fields.Monetary(
        "Open Balance",
        compute="_compute_move_totals",
        currency_field="document_currency_id",
        help="Open amount of the posted financial documents in the company "
        "currency: positive when you owe it money.",
    )
    payment_count = fields.Integer("Payments", compute="_compute_payment_totals")
    payment_amount = fields.Monetary(
        "Net Paid",
        compute="_compute_payment_totals",
        currency_field="document_currency_id",
        help="Confirmed payments sent less payments received, in the company "
        "currency.",
    )
    # Customer and supplier: contracts and leases
    contract_count = fields.Integer("Contracts", compute="_compute_contract_count")
    lease_count = fields.Integer(
        "Leases",
        compute="_compute_lease_count",
        help="Leases of the company, cancelled ones left out.",
    )
    held_bank_account_count = fields.Integer(
        "Held Accounts", compute="_compute_held_bank_account_count"
    )
    # Latest documents, for the Documents tab
    latest_sale_order_ids = fields.Many2many(
        "sale.order", compute="_compute_latest_documents", string="Latest Sales"
    )
    latest_customer_move_ids = fields.Many2many(
        "account.move",
        compute="_compute_latest_documents",
        string="Latest Customer Invoices",
    )
    latest_inbound_payment_ids = fields.Many2many(
        "account.payment",
        compute="_compute_latest_documents",
        string="Latest Customer Payments",
    )
    latest_client_card_ids = fields.Many2many(
        "loyalty.card",
        compute="_compute_latest_documents",
        string="Latest Client Cards",
    )
    latest_purchase_order_ids = fields.Many2many(
        "purchase.order",
        compute="_compute_latest_documents",
        string="Latest Purchases",
    )
    latest_vendor_move_ids = fields.Many2many(
        "account.move",
        compute="_compute_latest_documents",
        string="Latest Vendor Bills",
    )
    latest_outbound_payment_ids = fields.Many2many(
        "account.payment",
        compute="_compute_latest_documents",
        string="Latest Vendor Payments",
    )
    latest_supplier_article_ids = fields.Many2many(
        "product.supplierinfo",
        compute="_compute_latest_documents",
        string="Latest Supplier Articles",
    )
    latest_financial_move_ids = fields.Many2many(
        "account.move",
        compute="_compute_latest_documents",
        string="Latest Financial Documents",
    )
    latest_payment_ids = fields.Many2many(
        "account.payment",
        compute="_compute_latest_documents",
        string="Latest Payments",
    )
    latest_contract_ids = fields.Many2many(
        "crm.contract", compute="_compute_latest_documents", string="Latest Contracts"
    )
    latest_lease_ids = fields.Many2many(
        "crm.lease", compute="_compute_latest_documents", string="Latest Leases"
    )

    def _get_linked_document_domains(self):
        """Return ``{key: (model, partner field, domain)}``: what each counter,
        list and action of the dossier covers, without the partner condition.

        The grouped queries of ``_compute_*_totals`` split their groups the
        same way; override both together.
        """
        not_cancelled_move = [("state", "!=", "cancel")]
        not_cancelled_payment = [("state", "not in", ("canceled", "rejected"))]
        return {
            "sale_order": (
                "sale.order",
                "partner_id",
                [("state", "in", ("draft", "sent", "sale"))],
            ),
            "offer": ("sale.order", "partner_id", [("state", "in", ("draft", "sent"))]),
            "sale": ("sale.order", "partner_id", [("state", "=", "sale")]),
            "customer_move": (
                "account.move",
                "commercial_partner_id",
                [("move_type", "in", ("out_invoice", "out_refund"))]
                + not_cancelled_move,
            ),
            "inbound_payment": (
                "account.payment",
                "partner_id",
                [("payment_type", "=", "inbound")] + not_cancelled_payment,
            ),
            "client_card": (
                "loyalty.card",
                "partner_id",
                [("program_type", "in", CLIENT_CARD_PROGRAM_TYPES)],
            ),
            "purchase": (
                "purchase.order",
                "partner_id",
                [("state", "in", ("purchase", "done"))],
            ),
            "vendor_move": (
                "account.move",
                "commercial_partner_id",
                [("move_type", "in", ("in_invoice", "in_refund"))] + not_cancelled_move,
            ),
            "outbound_payment": (
                "account.payment",
                "partner_id",
                [("payment_type", "=", "outbound")] + not_cancelled_payment,
            ),
            "supplier_article": ("product.supplierinfo", "partner_id", []),
            "supply_discount": ("crm.supply.discount", "partner_id", []),
            # Journal entries of payments are counted as payments.
            "financial_move": (
                "account.move",
                "commercial_partner_id",
                [("origin_payment_id", "=", False)] + not_cancelled_move,
            ),
            "payment": ("account.payment", "partner_id", not_cancelled_payment),
            "contract": ("crm.contract", "commercial_partner_id", []),
            "lease": ("crm.lease", "partner_id", [("state", "!=", "cancelled")]),
        }

    def _linked_commercial_ids(self):
        """Ids of the saved commercial partners of ``self``."""
        return [pid for pid in self.commercial_partner_id._origin.ids if pid]

    def _linked_partner_domain(self, partner_field, commercial_ids):
        """Documents of the commercial partners and of all their contacts,
        archived ones included, as a sub-query: no query of its own, where
        ``child_of`` would read the partner tree level by level."""
        if partner_field == "commercial_partner_id":
            return [(partner_field, "in", commercial_ids)]
        return [(f"{partner_field}.commercial_partner_id", "in", commercial_ids)]

    def _linked_read_group(self, key, groupby, aggregates):
        """One ``_read_group`` of the documents of ``key`` of all the commercial
        partners of ``self``; the first group key is the commercial partner id.

        Documents the user may not read count as none.
        """
        model_name, partner_field, domain = self._get_linked_document_domains()[key]
        commercial_ids = self._linked_commercial_ids()
        Model = self.env[model_name]
        if not commercial_ids or not Model.has_access("read"):
            return []
        groups = Model._read_group(
            expression.AND(
                [
                    self._linked_partner_domain(partner_field, commercial_ids),
                    domain,
                ]
            ),
            [partner_field, *groupby],
            aggregates,
        )
        return [(partner.commercial_partner_id.id, *rest) for partner, *rest in groups]

    def _linked_rates(self, currencies):
        """Rate of each of ``currencies`` to the company currency today: one
        look-up for all of them, never one per document."""
        company = self.env.company
        today = fields.Date.context_today(self)
        target = company.currency_id
        currencies = self.env["res.currency"].union(*currencies)
        rates = (currencies | target)._get_rates(company, today)
        return {
            currency: rates[target.id] / rates[currency.id] for currency in currencies
        }

    def _set_linked_values(self, totals, field_names):
        currency = self.env.company.currency_id
        for partner in self:
            values = totals.get(partner.commercial_partner_id._origin.id, {})
            for fname in field_names:
                value = values.get(fname, 0)
                if self._fields[fname].type == "monetary":
                    value = currency.round(value)
                partner[fname] = value

    @api.depends_context("company")
    def _compute_document_currency_id(self):
        self.document_currency_id = self.env.company.currency_id

    @api.depends_context("company")
    def _compute_sale_totals(self):
        groups = self._linked_read_group(
            "sale_order", ["currency_id", "state"], ["__count", "amount_total:sum"]
        )
        rates = self._linked_rates({group[1] for group in groups})
        totals = defaultdict(lambda: defaultdict(float))
        for partner_id, currency, state, count, amount in groups:
            prefix = "sale" if state == "sale" else "offer"
            totals[partner_id][f"{prefix}_count"] += count
            totals[partner_id][f"{prefix}_amount"] += amount * rates[currency]
        self._set_linked_values(
            totals, ["offer_count", "offer_amount", "sale_count", "sale_amount"]
        )

    @api.depends_context("company")
    def _compute_move_totals(self):
        groups = self._linked_read_group(
            "financial_move",
            ["company_id", "move_type", "state"],
            ["__count", "amount_residual_signed:sum"],
        )
        rates = self._linked_rates({group[1].currency_id for group in groups})
        totals = defaultdict(lambda: defaultdict(float))
        for partner_id, company, move_type, state, count, residual in groups:
            values = totals[partner_id]
            # Only posted documents are due; drafts are counted, not summed.
            residual = residual * rates[company.currency_id] if state == "posted" else 0
            values["financial_move_count"] += count
            values["financial_open_amount"] -= residual
            if move_type in ("out_invoice", "out_refund"):
                values["customer_move_count"] += count
                values["customer_open_amount"] += residual
            elif move_type in ("in_invoice", "in_refund"):
                values["vendor_move_count"] += count
                values["vendor_open_amount"] -= residual
        self._set_linked_values(
            totals,
            [
                "customer_move_count",
                "customer_open_amount",
                "vendor_move_count",
                "vendor_open_amount",
                "financial_move_count",
                "financial_open_amount",
            ],
        )

    @api.depends_context("company")
    def _compute_payment_totals(self):
        groups = self._linked_read_group(
            "payment",
            ["company_id", "payment_type", "state"],
            ["__count", "amount_company_currency_signed:sum"],
        )
        rates = self._linked_rates({group[1].currency_id for group in groups})
        totals = defaultdict(lambda: defaultdict(float))
        for partner_id, company, payment_type, state, count, amount in groups:
            values = totals[partner_id]
            # Drafts are counted, not summed; sent amounts are negative.
            amount = amount * rates[company.currency_id] if state != "draft" else 0
            values["payment_count"] += count
            values["payment_amount"] -= amount
            if payment_type == "inbound":
                values["inbound_payment_count"] += count
                values["inbound_payment_amount"] += amount
            else:
                values["outbound_payment_count"] += count
                values["outbound_payment_amount"] -= amount
        self._set_linked_values(
            totals,
            [
                "inbound_payment_count",
                "inbound_payment_amount",
                "outbound_payment_count",
                "outbound_payment_amount",
                "payment_count",
                "payment_amount",
            ],
        )

    def _compute_linked_count(self, key, field_name):
        totals = defaultdict(lambda: defaultdict(float))
        for partner_id, count in self._linked_read_group(key, [], ["__count"]):
            totals[partner_id][field_name] += count
        self._set_linked_values(totals, [field_name])

    @api.depends_context("uid")
    def _compute_client_card_count(self):
        self._compute_linked_count("client_card", "client_card_count")

    @api.depends_context("company")
    def _compute_purchase_totals(self):
        groups = self._linked_read_group(
            "purchase", ["company_id"], ["__count", "amount_total_cc:sum"]
        )
        rates = self._linked_rates({group[1].currency_id for group in groups})
        totals = defaultdict(lambda: defaultdict(float))
        for partner_id, company, count, amount in groups:
            totals[partner_id]["purchase_count"] += count
            totals[partner_id]["purchase_amount"] += amount * rates[company.currency_id]
        self._set_linked_values(totals, ["purchase_count", "purchase_amount"])

    def _compute_supplier_article_count(self):
        self._compute_linked_count("supplier_article", "supplier_article_count")

    def _compute_supply_discount_count(self):
        self._compute_linked_count("supply_discount", "supply_discount_count")

    def _compute_contract_count(self):
        self._compute_linked_count("contract", "contract_count")

    def _compute_lease_count(self):
        self._compute_linked_count("lease", "lease_count")

    def _compute_held_bank_account_count(self):
        counts = dict(
            self.env["res.partner.bank"]._read_group(
                [("bank_id", "in", self.bank_id.ids)], ["bank_id"], ["__count"]
            )
        )
        for partner in self:
            partner.held_bank_account_count = counts.get(partner.bank_id, 0)

    def _latest_linked_documents(self, key, order):
        """Return, per partner of ``self``, the command setting the latest
        documents of ``key`` of its commercial partner: one search for the
        whole recordset, cut per partner in Python (and in SQL when there is a
        single partner, as in a dossier)."""
        model_name, partner_field, domain = self._get_linked_document_domains()[key]
        commercial_ids = self._linked_commercial_ids()
        Model = self.env[model_name]
        latest = defaultdict(list)
        if commercial_ids and Model.has_access("read"):
            documents = Model.search(
                expression.AND(
                    [self._linked_partner_domain(partner_field, commercial_ids), domain]
                ),
                order=order,
                limit=LATEST_DOCUMENTS if len(commercial_ids) == 1 else None,
            )
            for document in documents:
                ids = latest[document[partner_field].commercial_partner_id.id]
                if len(ids) < LATEST_DOCUMENTS:
                    ids.append(document.id)
        return {
            partner: [
                Command.set(latest.get(partner.commercial_partner_id._origin.id, []))
            ]
            for partner in self
        }

    @api.depends_context("uid")
    def _compute_latest_documents(self):
        """One search per document model for the whole recordset; users who
        may not read a model get empty lists."""
        for fname, (key, order) in LATEST_DOCUMENT_FIELDS.items():
            for partner, value in self._latest_linked_documents(key, order).items():
                partner[fname] = value

    def _action_open_linked_documents(self, key, xmlid, context=None):
        """Odoo's own action ``xmlid`` on the documents of ``key`` of this
        partner's company and its contacts."""
        self.ensure_one()
        __, partner_field, domain = self._get_linked_document_domains()[key]
        partner = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = expression.AND(
            [self._linked_partner_domain(partner_field, partner.ids), domain]
        )
        # Odoo's default filters (e.g. "My Quotations") would hide documents.
        action["context"] = dict(context or {}, default_partner_id=partner.id)
        action["display_name"] = _(
            "%(documents)s of %(partner)s",
            documents=action.get("name"),
            partner=partner.display_name,
        )
        return action

    def action_open_offers(self):
        return self._action_open_linked_documents("offer", "sale.action_quotations")

    def action_open_sales(self):
        return self._action_open_linked_documents("sale", "sale.action_orders")

    def action_open_customer_moves(self):
        return self._action_open_linked_documents(
            "customer_move",
            "account.action_move_out_invoice_type",
            {"default_move_type": "out_invoice"},
        )

    @api.model
    def _payment_action_context(self, payment_type):
        return {
            "default_payment_type": payment_type,
            "default_partner_type": "customer"
            if payment_type == "inbound"
            else "supplier",
            "default_move_journal_types": ("bank", "cash"),
        }

    def action_open_inbound_payments(self):
        return self._action_open_linked_documents(
            "inbound_payment",
            "account.action_account_payments",
            self._payment_action_context("inbound"),
        )

    def action_open_client_cards(self):
        return self._action_open_linked_documents(
            "client_card", "loyalty.loyalty_card_action", {"create": False}
        )

    def action_issue_client_card(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_counterparty.crm_client_card_issue_action"
        )
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_open_purchases(self):
        return self._action_open_linked_documents(
            "purchase", "purchase.purchase_form_action"
        )

    def action_open_vendor_moves(self):
        return self._action_open_linked_documents(
            "vendor_move",
            "account.action_move_in_invoice_type",
            {"default_move_type": "in_invoice"},
        )

    def action_open_outbound_payments(self):
        return self._action_open_linked_documents(
            "outbound_payment",
            "account.action_account_payments_payable",
            self._payment_action_context("outbound"),
        )

    def action_open_supplier_articles(self):
        return self._action_open_linked_documents(
            "supplier_article",
            "product.product_supplierinfo_type_action",
            {"visible_product_tmpl_id": False},
        )

    def action_open_supply_discounts(self):
        return self._action_open_linked_documents(
            "supply_discount", "crm_counterparty.crm_supply_discount_action"
        )

    def action_open_financial_moves(self):
        """Fees, interest, loans, taxes and duties: new ones are bills."""
        return self._action_open_linked_documents(
            "financial_move",
            "account.action_move_journal_line",
            {"default_move_type": "in_invoice"},
        )

    def action_open_payments(self):
        return self._action_open_linked_documents(
            "payment",
            "account.action_account_payments",
            self._payment_action_context("outbound"),
        )

    def action_open_held_bank_accounts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "base.action_res_partner_bank_account_form"
        )
        action["domain"] = [("bank_id", "=", self.bank_id.id)]
        action["context"] = {"default_bank_id": self.bank_id.id}
        return action
