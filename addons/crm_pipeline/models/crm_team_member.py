from odoo import fields, models


class CrmTeamMember(models.Model):
    _inherit = "crm.team.member"

    open_deal_count = fields.Integer(
        "Open Deals",
        compute="_compute_open_deal_count",
        help="Open opportunities of this member in the team's pipeline.",
    )

    def _compute_open_deal_count(self):
        """Counted as the user: an own-documents salesperson sees only the
        deals he may read, his own, not his colleagues' counts."""
        groups = self.env["crm.lead"]._read_group(
            [
                ("team_id", "in", self.crm_team_id.ids),
                ("user_id", "in", self.user_id.ids),
                ("type", "=", "opportunity"),
                ("stage_id.is_won", "=", False),
            ],
            ["team_id", "user_id"],
            ["__count"],
        )
        counts = {(team.id, user.id): count for team, user, count in groups}
        for member in self:
            member.open_deal_count = counts.get(
                (member.crm_team_id.id, member.user_id.id), 0
            )
