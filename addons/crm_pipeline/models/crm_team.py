from odoo import _, fields, models


class CrmTeam(models.Model):
    """A sales team is a pipeline: Odoo already gives it its own stages
    (``crm.stage.team_id``). It gains an owner rule for deals without one.

    Odoo's rule-based assignment (``assignment_max`` and
    ``crm.team.member._assign_and_convert_leads``) distributes *unassigned
    leads matching domains* by a 30-day capacity in a periodic job. Here the
    rule is simpler and immediate: round robin among the members who have not
    opted out (``assignment_optout`` is reused), skipping members whose open
    deals already reach the team's limit.
    """

    _inherit = "crm.team"

    owner_assignment = fields.Boolean(
        "Assign Owners",
        help="Deals created in this pipeline without an owner get one, in turn "
        "among the team's members.",
    )
    owner_open_deal_limit = fields.Integer(
        "Open Deals per Owner",
        default=0,
        help="Members with this many open deals in the pipeline are skipped. 0 "
        "means no limit.",
    )
    owner_last_member_id = fields.Many2one(
        "crm.team.member",
        string="Last Assigned Member",
        readonly=True,
        copy=False,
        help="Where the round robin continues.",
    )

    _sql_constraints = [
        (
            "owner_open_deal_limit_positive",
            "CHECK (owner_open_deal_limit >= 0)",
            "The open-deal limit of a pipeline cannot be negative.",
        )
    ]

    def _pipeline_open_deal_counts(self, users):
        """Open deals per owner in this pipeline, in one grouped query."""
        self.ensure_one()
        groups = (
            self.env["crm.lead"]
            .sudo()
            ._read_group(
                [
                    ("team_id", "=", self.id),
                    ("user_id", "in", users.ids),
                    ("type", "=", "opportunity"),
                    ("stage_id.is_won", "=", False),
                ],
                ["user_id"],
                ["__count"],
            )
        )
        return {user.id: count for user, count in groups}

    def _assign_owners(self, leads):
        """Give each of ``leads`` (all of this team, without owner) an owner in
        turn; post who was chosen and why in each deal's chatter.

        Return the leads left without an owner because every member is full.
        """
        self.ensure_one()
        members = self.crm_team_member_ids.filtered(
            lambda m: m.active and not m.assignment_optout and m.user_id.active
        ).sorted(lambda m: (m.id,))
        if not members or not leads:
            return leads
        counts = self._pipeline_open_deal_counts(members.user_id)
        limit = self.owner_open_deal_limit
        last = self.owner_last_member_id
        start = (list(members).index(last) + 1) if last in members else 0
        order = list(members[start:]) + list(members[:start])
        position = 0
        unassigned = self.env["crm.lead"]
        for lead in leads:
            chosen = None
            for _attempt in range(len(order)):
                member = order[position % len(order)]
                position += 1
                if not limit or counts.get(member.user_id.id, 0) < limit:
                    chosen = member
                    break
            if not chosen:
                unassigned |= lead
                lead._message_log(
                    body=_(
                        "No owner assigned: every member of %(team)s has %(limit)s "
                        "open deals or more.",
                        team=self.name,
                        limit=limit,
                    )
                )
                continue
            if lead.type == "opportunity":
                counts[chosen.user_id.id] = counts.get(chosen.user_id.id, 0) + 1
            lead.with_context(crm_pipeline_assigning=True).user_id = chosen.user_id
            self.sudo().owner_last_member_id = chosen
            lead._message_log(
                body=_(
                    "Owner %(user)s assigned by the round robin of %(team)s "
                    "(%(count)s open deals).",
                    user=chosen.user_id.name,
                    team=self.name,
                    count=counts.get(chosen.user_id.id, 0),
                )
            )
        return unassigned
