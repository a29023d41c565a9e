from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.crm_counterparty.tools.trusted_context import is_trusted, trusted

RELATIONSHIP_STAGES = [
    ("growing", "Growing"),
    ("mature", "Mature"),
    ("declining", "Declining"),
    ("closed", "Closed"),
]
#: Context key (set with ``trusted``) of the nightly job's writes: they keep
#: the stage dates the job gives.
RELATIONSHIP_JOB = "crm_pipeline_relationship_job"
#: ir.config_parameter key and default of each relationship-stage threshold.
RELATIONSHIP_THRESHOLDS = {
    "growth_ratio": ("crm_pipeline.relationship_growth_ratio", 1.2),
    "decline_ratio": ("crm_pipeline.relationship_decline_ratio", 0.8),
    "quiet_days": ("crm_pipeline.relationship_quiet_days", 180),
    "closed_days": ("crm_pipeline.relationship_closed_days", 365),
}


class ResPartner(models.Model):
    """Where the relationship with a counterparty stands: growing, mature,
    declining or closed, from its business and contacts
    (``res_partner_relationship_activity``), recomputed every night
    (``res_partner_relationship_job``) unless pinned by hand."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # Relationship stage
    # Internal assessments: portal users do not read them on their partner.
    relationship_stage = fields.Selection(
        RELATIONSHIP_STAGES,
        groups="base.group_user",
        index=True,
        tracking=True,
        copy=False,
        help="Where the relationship stands, computed nightly from sales, won "
        "deals and contacts unless pinned.",
    )
    relationship_stage_pinned = fields.Boolean(
        "Pinned",
        groups="base.group_user",
        tracking=True,
        copy=False,
        help="Keep the stage set by hand; the nightly job leaves it alone.",
    )
    relationship_pin_reason = fields.Char(
        "Pin Reason", tracking=True, copy=False, groups="base.group_user"
    )
    relationship_stage_date = fields.Date(
        "Stage Since", readonly=True, copy=False, groups="base.group_user"
    )
    relationship_activity_date = fields.Date(
        "Last Business or Contact",
        readonly=True,
        groups="base.group_user",
        copy=False,
        help="Last sale, won deal, e-mail, call or meeting note, as of the last "
        "nightly computation.",
    )

    @api.constrains(
        "relationship_stage_pinned", "relationship_pin_reason", "relationship_stage"
    )
    def _check_relationship_pin(self):
        for partner in self.filtered("relationship_stage_pinned"):
            if not partner.relationship_stage:
                raise ValidationError(
                    _(
                        "Choose the relationship stage to pin on %(partner)s.",
                        partner=partner.display_name,
                    )
                )
            if not (partner.relationship_pin_reason or "").strip():
                raise ValidationError(
                    _(
                        "Give a reason for pinning %(partner)s to the relationship "
                        "stage %(stage)s.",
                        partner=partner.display_name,
                        stage=dict(RELATIONSHIP_STAGES)[partner.relationship_stage],
                    )
                )

    def write(self, vals):
        if "relationship_stage" in vals and not is_trusted(self.env, RELATIONSHIP_JOB):
            vals = dict(vals, relationship_stage_date=fields.Date.context_today(self))
        return super().write(vals)

    @api.model
    def _relationship_thresholds(self):
        params = self.env["ir.config_parameter"].sudo()
        values = {}
        for name, (key, default) in RELATIONSHIP_THRESHOLDS.items():
            raw = params.get_param(key, default)
            try:
                values[name] = type(default)(float(raw))
            except (TypeError, ValueError):
                values[name] = default
        return values

    @api.model
    def _relationship_stage_rule(self, activity, created, today, thresholds):
        """The stage of one counterparty, from its activity figures.

        ``activity`` holds the business (confirmed sales plus won deals without
        an order, in the currency of the job's company, see
        ``_relationship_currency_rates``) of the last 90 days (``s90``), of the
        same 90 days a year before (``q90``), of the last 365 days (``s365``)
        and of the year before (``p365``), and the last date of business or
        contact (``last``). Rules, first match wins:

        1. closed: no business or contact for ``closed_days`` (a counterparty
           with none at all is closed once it is that old, growing before);
        2. declining: the year, or the 90 days, fell to ``decline_ratio`` of the
           year before or less, or nothing happened for ``quiet_days``;
        3. growing: the year, or the 90 days, reached ``growth_ratio`` of the
           year before, or the year brought business where the one before had
           none;
        4. mature otherwise.

        Override to add rules.
        """
        last = activity.get("last")
        if not last:
            return (
                "growing"
                if created
                and created > today - timedelta(days=thresholds["closed_days"])
                else "closed"
            )
        if last <= today - timedelta(days=thresholds["closed_days"]):
            return "closed"
        s90, q90 = activity.get("s90", 0.0), activity.get("q90", 0.0)
        s365, p365 = activity.get("s365", 0.0), activity.get("p365", 0.0)
        decline, growth = thresholds["decline_ratio"], thresholds["growth_ratio"]
        if (
            (p365 > 0 and s365 <= p365 * decline)
            or (q90 > 0 and s90 <= q90 * decline)
            or last <= today - timedelta(days=thresholds["quiet_days"])
        ):
            return "declining"
        if (
            (p365 > 0 and s365 >= p365 * growth)
            or (q90 > 0 and s90 >= q90 * growth)
            or (p365 <= 0 and s365 > 0)
        ):
            return "growing"
        return "mature"

    def _recompute_relationship_stage(self, today=None, thresholds=None, rates=None):
        """Recompute the stage of the commercial partners ``self`` with a
        fixed number of queries: one for the activity, one to read the current
        stages and activity dates, one to store the dates that changed (if
        any), and one write per new stage.

        Only real changes are written through the ORM (and so tracked); the
        first stage of a counterparty is stored without a chatter message.
        The job reads ``today``, ``thresholds`` and ``rates`` once per run;
        without them, they are read here.
        """
        today = today or fields.Date.context_today(self)
        thresholds = thresholds or self._relationship_thresholds()
        activity = self._relationship_activity(today, rates)
        # By primary key, not a scan of res_partner (see _relationship_activity)
        self.env.cr.execute(
            """
            SELECT p.id, p.relationship_stage,
                   COALESCE(p.relationship_stage_pinned, FALSE), p.create_date::date,
                   p.user_id, p.relationship_activity_date
              FROM unnest(%s::int[]) b(id)
             CROSS JOIN LATERAL (
                SELECT p.id, p.relationship_stage, p.relationship_stage_pinned,
                       p.create_date, p.user_id, p.relationship_activity_date
                  FROM res_partner p
                 WHERE p.id = b.id
                OFFSET 0
             ) p
            """,
            [list(set(self.ids))],
        )
        first, changed = defaultdict(list), defaultdict(list)
        declining_owners = {}
        dates = []
        for row in self.env.cr.fetchall():
            partner_id, stage, pinned, created, user_id, activity_date = row
            values = activity.get(partner_id, {})
            if values.get("last") != activity_date:
                dates.append((partner_id, values.get("last")))
            if pinned:
                continue
            new_stage = self._relationship_stage_rule(
                values, created, today, thresholds
            )
            if new_stage == stage:
                continue
            if stage:
                changed[new_stage].append(partner_id)
                if new_stage == "declining" and user_id:
                    declining_owners[partner_id] = user_id
            else:
                first[new_stage].append(partner_id)
        if dates:
            self.env.cr.execute(
                """
                UPDATE res_partner p SET relationship_activity_date = v.day
                  FROM unnest(%s::int[], %s::date[]) v(id, day)
                 WHERE p.id = v.id
                """,
                [[d[0] for d in dates], [d[1] for d in dates]],
            )
            self.invalidate_recordset(["relationship_activity_date"])
        job = self.with_context(**trusted(RELATIONSHIP_JOB))
        for stage, ids in first.items():
            job.browse(ids).with_context(tracking_disable=True).write(
                {"relationship_stage": stage, "relationship_stage_date": today}
            )
        for stage, ids in changed.items():
            job.browse(ids).write(
                {"relationship_stage": stage, "relationship_stage_date": today}
            )
        self.browse(list(declining_owners))._schedule_declining_activity(
            declining_owners
        )
        return {stage: len(ids) for stage, ids in changed.items()}

    def _schedule_declining_activity(self, owners):
        """A to-do for the owner of each counterparty that became declining."""
        if not self:
            return
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model_id = self.env["ir.model"]._get_id("res.partner")
        deadline = fields.Date.context_today(self) + timedelta(days=7)
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": todo.id if todo else False,
                    "summary": self.env._("Relationship declining: get in touch"),
                    "note": self.env._(
                        "%(partner)s moved to the declining relationship stage.",
                        partner=partner.display_name,
                    ),
                    "user_id": owners[partner.id],
                    "date_deadline": deadline,
                    "automated": True,
                }
                for partner in self
            ]
        )
