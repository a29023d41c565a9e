from odoo import api, fields, models
from odoo.tools.sql import create_index

#: The stored flag of each built-in kind (see migrations/18.0.2.0.0).
KIND_FLAGS = {
    "is_customer_counterparty": "customer",
    "is_supplier_counterparty": "supplier",
    "is_bank_counterparty": "bank",
    "is_agency_counterparty": "government_agency",
    "is_holding_counterparty": "holding_member",
}


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

    # ------------------------------------------------------------------
    # Commercial fields, identifier normalization, kind profiles
    # ------------------------------------------------------------------

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["counterparty_kind_ids", "eori"]

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._normalize_identifier_vals(vals) for vals in vals_list]
        partners = super().create(vals_list)
        partners.filtered(
            lambda p: p == p.commercial_partner_id and p.counterparty_kind_ids
        )._sync_counterparty_profiles(new=True)
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

    def _sync_counterparty_profiles(self, new=False):
        """Keep one field-template profile per kind of each commercial partner
        whose kind has a template; kinds without one need none, which keeps
        the creation of counterparties cheap (``new`` partners have no
        profile yet: nothing to look up when none of their kinds has a
        template)."""
        Profile = self.env["crm.counterparty.profile"].sudo()
        templated = self.counterparty_kind_ids.filtered("properties_definition")
        if new and not templated:
            return
        existing = Profile
        if not new:
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
