from collections import defaultdict

from odoo import api, fields, models

AGENCY_TYPES = [
    ("tax_authority", "Tax authority"),
    ("customs_office", "Customs office"),
    ("municipality", "Municipality"),
    ("social_security", "Social security"),
    ("court_registry", "Court / registry"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    """The tabs every kind shares: contact persons, addresses, bank accounts
    (and those held at a bank), events, files, personal documents, users;
    the bank and agency identity."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

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
    held_bank_account_count = fields.Integer(
        "Held Accounts", compute="_compute_held_bank_account_count"
    )

    @api.depends("bank_id")
    def _compute_held_bank_account_ids(self):
        """One query reading only the accounts' bank, grouped in memory."""
        held = defaultdict(list)
        if self.bank_id:
            accounts = self.env["res.partner.bank"].search_fetch(
                [("bank_id", "in", self.bank_id.ids)], ["bank_id"]
            )
            for account in accounts:
                held[account.bank_id.id].append(account.id)
        for partner in self:
            partner.held_bank_account_ids = held.get(partner.bank_id.id, [])

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
        """One search for the users of all the commercial partners. A dossier
        shows one commercial partner: its users need no sorting out, so no
        user or partner row is read here."""
        commercial_ids = self._dossier_commercial_ids()
        users = self.env["res.users"]
        if commercial_ids:
            users = users.with_context(active_test=False).search(
                [("partner_id.commercial_partner_id", "in", commercial_ids)]
            )
        by_commercial = defaultdict(list)
        if len(commercial_ids) == 1:
            by_commercial[commercial_ids[0]] = users.ids
        else:
            for user in users:
                by_commercial[user.partner_id.commercial_partner_id.id].append(user.id)
        for partner in self:
            partner.linked_user_ids = by_commercial.get(
                partner.commercial_partner_id._origin.id, []
            )

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
