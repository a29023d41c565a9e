from collections import defaultdict

from odoo import api, fields, models


class ResPartner(models.Model):
    """The deals of a counterparty: counters, revenue and win rate of its
    pipeline tab."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    pipeline_currency_id = fields.Many2one(
        "res.currency", compute="_compute_pipeline_stats"
    )
    pipeline_open_count = fields.Integer(
        "Open Deals", compute="_compute_pipeline_stats"
    )
    pipeline_won_count = fields.Integer("Won Deals", compute="_compute_pipeline_stats")
    pipeline_lost_count = fields.Integer(
        "Lost Deals", compute="_compute_pipeline_stats"
    )
    pipeline_win_rate = fields.Float(
        "Win Rate (%)",
        compute="_compute_pipeline_stats",
        help="Won deals out of the won and lost ones.",
    )
    pipeline_expected_revenue = fields.Monetary(
        "Expected Revenue",
        compute="_compute_pipeline_stats",
        currency_field="pipeline_currency_id",
        help="Expected revenue of the open deals.",
    )
    pipeline_won_revenue = fields.Monetary(
        "Won Revenue",
        compute="_compute_pipeline_stats",
        currency_field="pipeline_currency_id",
    )
    pipeline_open_deal_ids = fields.Many2many(
        "crm.lead", compute="_compute_pipeline_open_deal_ids", string="Open Deals List"
    )

    @api.depends_context("company")
    def _compute_pipeline_stats(self):
        """One grouped query over the deals of all the commercial partners,
        archived (lost) ones included."""
        currency = self.env.company.currency_id
        totals = defaultdict(lambda: defaultdict(float))
        commercial_ids = [pid for pid in self.commercial_partner_id._origin.ids if pid]
        Lead = self.env["crm.lead"].with_context(active_test=False)
        if commercial_ids and Lead.has_access("read"):
            groups = Lead._read_group(
                [
                    ("partner_id.commercial_partner_id", "in", commercial_ids),
                    ("type", "=", "opportunity"),
                ],
                ["partner_id", "active", "stage_id"],
                ["__count", "expected_revenue:sum"],
            )
            for partner, active, stage, count, revenue in groups:
                values = totals[partner.commercial_partner_id.id]
                if active and stage.is_won:
                    values["won"] += count
                    values["won_revenue"] += revenue
                elif active:
                    values["open"] += count
                    values["expected"] += revenue
                else:
                    values["lost"] += count
        for partner in self:
            values = totals.get(partner.commercial_partner_id._origin.id, {})
            won, lost = values.get("won", 0), values.get("lost", 0)
            partner.pipeline_currency_id = currency
            partner.pipeline_open_count = values.get("open", 0)
            partner.pipeline_won_count = won
            partner.pipeline_lost_count = lost
            partner.pipeline_win_rate = (
                100.0 * won / (won + lost) if won + lost else 0.0
            )
            partner.pipeline_expected_revenue = values.get("expected", 0.0)
            partner.pipeline_won_revenue = values.get("won_revenue", 0.0)

    def _compute_pipeline_open_deal_ids(self):
        Lead = self.env["crm.lead"]
        commercial_ids = [pid for pid in self.commercial_partner_id._origin.ids if pid]
        leads = Lead
        if commercial_ids and Lead.has_access("read"):
            leads = Lead.search(
                [
                    ("partner_id.commercial_partner_id", "in", commercial_ids),
                    ("type", "=", "opportunity"),
                    ("stage_id.is_won", "=", False),
                ]
            )
        # A dossier shows one commercial partner: its deals need no sorting
        # out, so no deal or partner row is read here.
        by_commercial = defaultdict(list)
        if len(commercial_ids) == 1:
            by_commercial[commercial_ids[0]] = leads.ids
        else:
            for lead in leads:
                by_commercial[lead.partner_id.commercial_partner_id.id].append(lead.id)
        for partner in self:
            partner.pipeline_open_deal_ids = by_commercial.get(
                partner.commercial_partner_id._origin.id, []
            )

    def action_open_pipeline(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm.crm_lead_opportunities"
        )
        partner = self.commercial_partner_id
        action["domain"] = [("partner_id", "child_of", partner.id)]
        action["context"] = {"default_partner_id": partner.id, "active_test": False}
        return action
