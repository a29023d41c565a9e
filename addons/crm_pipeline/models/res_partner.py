import logging
from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import _, api, fields, models, modules
from odoo.exceptions import UserError, ValidationError
from odoo.tools import split_every

from .mail_activity import error_text

_logger = logging.getLogger(__name__)

RELATIONSHIP_STAGES = [
    ("growing", "Growing"),
    ("mature", "Mature"),
    ("declining", "Declining"),
    ("closed", "Closed"),
]
#: ir.config_parameter key and default of each relationship-stage threshold.
RELATIONSHIP_THRESHOLDS = {
    "growth_ratio": ("crm_pipeline.relationship_growth_ratio", 1.2),
    "decline_ratio": ("crm_pipeline.relationship_decline_ratio", 0.8),
    "quiet_days": ("crm_pipeline.relationship_quiet_days", 180),
    "closed_days": ("crm_pipeline.relationship_closed_days", 365),
}
RELATIONSHIP_BATCH = 2000


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Origin of the account, kept from the converted lead.
    source_id = fields.Many2one("utm.source", string="Source", ondelete="set null")
    campaign_id = fields.Many2one(
        "utm.campaign", string="Campaign", ondelete="set null"
    )
    medium_id = fields.Many2one("utm.medium", string="Medium", ondelete="set null")

    # Pipeline tab
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

    # Relationship stage
    relationship_stage = fields.Selection(
        RELATIONSHIP_STAGES,
        index=True,
        tracking=True,
        copy=False,
        help="Where the relationship stands, computed nightly from sales, won "
        "deals and contacts unless pinned.",
    )
    relationship_stage_pinned = fields.Boolean(
        "Pinned",
        tracking=True,
        copy=False,
        help="Keep the stage set by hand; the nightly job leaves it alone.",
    )
    relationship_pin_reason = fields.Char(
        "Pin Reason", tracking=True, copy=False, groups="base.group_user"
    )
    relationship_stage_date = fields.Date("Stage Since", readonly=True, copy=False)
    relationship_activity_date = fields.Date(
        "Last Business or Contact",
        readonly=True,
        copy=False,
        help="Last sale, won deal, e-mail, call or meeting note, as of the last "
        "nightly computation.",
    )

    # Remarks: internal notes, never shown to portal or public users
    remarks = fields.Text(
        groups="base.group_user",
        help="Free notes; key=value pairs (one per line or separated by ;) are "
        "searchable, e.g. segment=retail.",
    )
    remark_attribute_ids = fields.One2many(
        "crm.partner.attribute",
        "partner_id",
        string="Remark Attributes",
        readonly=True,
        groups="base.group_user",
    )
    remark_attribute = fields.Char(
        "Remark key=value",
        compute="_compute_remark_attribute",
        search="_search_remark_attribute",
        groups="base.group_user",
        help="Search remarks as key=value; stage=<stage> also finds the "
        "relationship stage.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

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
        for partner in self:
            commercial = partner.commercial_partner_id._origin
            partner.pipeline_open_deal_ids = leads.filtered(
                lambda lead, c=commercial: lead.partner_id.commercial_partner_id == c
            )

    def _compute_remark_attribute(self):
        for partner in self:
            partner.remark_attribute = "; ".join(
                f"{a.key}={a.value}" for a in partner.remark_attribute_ids
            )

    def _search_remark_attribute(self, operator, value):
        if operator not in ("=", "ilike") or not isinstance(value, str):
            raise UserError(_("Search remarks with a key=value text."))
        if "=" not in value:
            return [("remarks", "ilike", value)]
        key, __, wanted = value.partition("=")
        key, wanted = key.strip().lower(), wanted.strip()
        comparator = "=ilike" if operator == "=" else "ilike"
        domain = [
            (
                "remark_attribute_ids",
                "any",
                [("key", "=", key), ("value", comparator, wanted)],
            )
        ]
        if key == "stage":
            domain = ["|", ("relationship_stage", "=", wanted.lower()), *domain]
        return domain

    # ------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------

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

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["source_id", "campaign_id", "medium_id"]

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners.filtered("remarks")._sync_remark_attributes()
        return partners

    def write(self, vals):
        if "relationship_stage" in vals and not self.env.context.get(
            "crm_pipeline_relationship_job"
        ):
            vals = dict(vals, relationship_stage_date=fields.Date.context_today(self))
        res = super().write(vals)
        if "remarks" in vals:
            self._sync_remark_attributes()
        return res

    def _sync_remark_attributes(self):
        Attribute = self.env["crm.partner.attribute"].sudo()
        Attribute.search([("partner_id", "in", self.ids)]).unlink()
        Attribute.create(
            [
                {"partner_id": partner.id, "key": key, "value": value}
                for partner in self
                for key, value in Attribute._parse(partner.remarks)
            ]
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_pipeline(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm.crm_lead_opportunities"
        )
        partner = self.commercial_partner_id
        action["domain"] = [("partner_id", "child_of", partner.id)]
        action["context"] = {"default_partner_id": partner.id, "active_test": False}
        return action

    # ------------------------------------------------------------------
    # Relationship stages
    # ------------------------------------------------------------------

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

    @api.model
    def _relationship_currency_rates(self, today):
        """The rate that turns an amount in a company's currency into the
        currency of the job's company (``self.env.company``), at ``today``'s
        rate of that company, for each company with another currency.

        Orders are in their company's currency once divided by their own rate
        (as Odoo's sales analysis does), won deals are in it already; every
        period is then converted at the same rate, so that a move of the
        exchange rate does not read as growth or decline. The job reads the
        rates once per run and hands them to each batch.
        """
        currency = self.env.company.currency_id
        companies = (
            self.env["res.company"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([("currency_id", "!=", currency.id)], ["currency_id"])
        )
        return {
            company.id: company.currency_id._get_conversion_rate(
                company.currency_id, currency, self.env.company, today
            )
            for company in companies
        }

    def _relationship_activity(self, today, rates=None):
        """Activity figures of the commercial partners ``self``, in one query
        for the whole batch; amounts in the currency of the job's company, by
        ``rates`` (see ``_relationship_currency_rates``, read if not given).

        Order dates, closing dates and message dates are UTC timestamps; a day
        ``d`` is compared as the timestamps before the next midnight (the same
        as ``ts::date <= d``) so that the indexes on those columns apply.
        Amounts are read for the 730 days the rules compare; before that, only
        the date of the last sale counts, and only for a partner without sales
        in those 730 days. The last message of each contact and deal is
        one step down ``mail_message_relationship_contact_index`` (see
        ``mail.message``), whose predicate the query repeats so that
        PostgreSQL may use it.
        """

        if rates is None:
            rates = self._relationship_currency_rates(today)

        def day_end(days):
            """The midnight that ends the day ``days`` before ``today``."""
            return datetime.combine(today - timedelta(days=days - 1), time.min)

        self.env.flush_all()
        # The contacts of each partner, and the orders and deals of each
        # contact, are looked up by index: OFFSET 0 keeps the planner from
        # joining whole tables instead, a scan of every partner, order or deal
        # for each batch. These lookups add up to a plan cost above
        # PostgreSQL's default jit_above_cost, and compiling the plan would
        # take longer than running it: SET LOCAL turns JIT off until the end
        # of the transaction (the job commits after each batch).
        self.env.cr.execute(
            """
            SET LOCAL jit = off;
            WITH fx AS (
                SELECT * FROM unnest(%(fx_companies)s::int[], %(fx_rates)s::numeric[])
                    AS fx(company_id, rate)
            ),
            contact AS MATERIALIZED (
                SELECT p.id, b.id AS partner_id
                  FROM unnest(%(ids)s::int[]) b(id)
                 CROSS JOIN LATERAL (
                    SELECT p.id FROM res_partner p
                     WHERE p.commercial_partner_id = b.id OFFSET 0
                 ) p
            ),
            deal AS MATERIALIZED (
                SELECT l.id, c.partner_id, l.active, l.stage_id, l.date_closed,
                       l.expected_revenue, l.company_id
                  FROM contact c
                 CROSS JOIN LATERAL (
                    SELECT l.id, l.active, l.stage_id, l.date_closed,
                           l.expected_revenue, l.company_id
                      FROM crm_lead l
                     WHERE l.partner_id = c.id
                    OFFSET 0
                 ) l
            ),
            sale AS (
                -- in the company's currency, then in the job company's
                SELECT c.partner_id, so.day, so.amount * COALESCE(fx.rate, 1) AS amount
                  FROM contact c
                 CROSS JOIN LATERAL (
                    SELECT so.date_order AS day, so.company_id,
                           so.amount_untaxed
                               / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount
                      FROM sale_order so
                     WHERE so.partner_id = c.id AND so.state = 'sale'
                       AND so.date_order >= %(d730)s AND so.date_order < %(today)s
                    OFFSET 0
                 ) so
                  LEFT JOIN fx ON fx.company_id = so.company_id
            ),
            business AS (
                SELECT partner_id, day, amount FROM sale
                UNION ALL
                SELECT c.partner_id, old.day, NULL
                  FROM contact c
                 CROSS JOIN LATERAL (
                    SELECT MAX(so.date_order) AS day
                      FROM sale_order so
                     WHERE so.partner_id = c.id AND so.state = 'sale'
                       AND so.date_order < %(d730)s
                 ) old
                 WHERE c.partner_id NOT IN (SELECT partner_id FROM sale)
                   AND old.day IS NOT NULL
                UNION ALL
                SELECT d.partner_id, d.date_closed,
                       COALESCE(d.expected_revenue, 0) * COALESCE(fx.rate, 1)
                  FROM deal d
                  JOIN crm_stage st ON st.id = d.stage_id
                  LEFT JOIN fx ON fx.company_id = d.company_id
                 WHERE d.active AND st.is_won AND d.date_closed < %(today)s
                   AND NOT EXISTS (
                       SELECT 1 FROM sale_order o
                        WHERE o.opportunity_id = d.id AND o.state = 'sale')
            ),
            record AS (
                SELECT partner_id, 'res.partner' AS res_model, id AS record_id
                  FROM contact
                UNION ALL
                SELECT partner_id, 'crm.lead', id FROM deal
            ),
            contacted AS (
                SELECT r.partner_id, m.date AS day
                  FROM record r
                 CROSS JOIN LATERAL (
                    SELECT m.date
                      FROM mail_message m
                     WHERE m.model = r.res_model AND m.res_id = r.record_id
                       AND m.date < %(today)s
                       -- the predicate of mail_message_relationship_contact_index
                       AND m.model IN ('res.partner', 'crm.lead')
                       AND (m.message_type IN ('email', 'comment')
                            OR m.mail_activity_type_id IS NOT NULL)
                       -- what counts as contact
                       AND (m.message_type = 'email'
                            OR m.mail_activity_type_id IS NOT NULL
                            OR NOT EXISTS (
                                SELECT 1 FROM mail_message_subtype st
                                 WHERE st.id = m.subtype_id AND st.internal))
                     ORDER BY m.date DESC
                     LIMIT 1
                 ) m
            )
            SELECT partner_id,
                   COALESCE(SUM(amount) FILTER (WHERE day >= %(d90)s), 0)::float8,
                   COALESCE(SUM(amount) FILTER (WHERE day >= %(d455)s
                                                  AND day < %(d365)s), 0)::float8,
                   COALESCE(SUM(amount) FILTER (WHERE day >= %(d365)s), 0)::float8,
                   COALESCE(SUM(amount) FILTER (WHERE day >= %(d730)s
                                                  AND day < %(d365)s), 0)::float8,
                   MAX(day)::date,
                   NULL
              FROM business
             GROUP BY partner_id
             UNION ALL
            SELECT partner_id, NULL, NULL, NULL, NULL, NULL, MAX(day)::date
              FROM contacted
             GROUP BY partner_id
            """,
            {
                "ids": list(set(self.ids)),
                "fx_companies": list(rates),
                "fx_rates": list(rates.values()),
                "today": day_end(0),
                "d90": day_end(90),
                "d365": day_end(365),
                "d455": day_end(455),
                "d730": day_end(730),
            },
        )
        activity = defaultdict(dict)
        rows = self.env.cr.fetchall()
        for partner_id, s90, q90, s365, p365, last, __ in rows:
            if last:
                activity[partner_id].update(
                    s90=s90, q90=q90, s365=s365, p365=p365, last=last
                )
        for partner_id, *__, last_contact in rows:
            if last_contact:
                last = activity[partner_id].get("last")
                activity[partner_id]["last"] = max(filter(None, [last, last_contact]))
        return activity

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
        job = self.with_context(crm_pipeline_relationship_job=True)
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

    @api.model
    def _relationship_partner_ids(self):
        """Ids of the counterparties whose stage the job computes: active
        companies (and individuals) with at least one counterparty kind."""
        self.env.cr.execute(
            """
            SELECT p.id FROM res_partner p
             WHERE p.parent_id IS NULL AND p.active
               AND EXISTS (SELECT 1 FROM res_partner_counterparty_kind_rel r
                            WHERE r.partner_id = p.id)
             ORDER BY p.id
            """
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _cron_compute_relationship_stage(self, batch_size=RELATIONSHIP_BATCH):
        """Nightly: recompute every counterparty's stage batch by batch.

        A batch that fails is done again counterparty by counterparty, so that
        one counterparty whose stage cannot be computed stops neither its batch
        nor the job: it keeps its stage until a later run succeeds, and its
        salesperson gets a to-do. Progress is reported to the cron and
        committed after each batch (not in tests, nor with the context key
        ``crm_pipeline_no_commit``).
        """
        commit = not (
            self.env.context.get("crm_pipeline_no_commit")
            or modules.module.current_test
        )
        today = fields.Date.context_today(self)
        thresholds = self._relationship_thresholds()
        rates = self._relationship_currency_rates(today)
        ids = self._relationship_partner_ids()
        done = failed = 0
        for batch in split_every(batch_size, ids, self.browse):
            try:
                with self.env.cr.savepoint():
                    batch._recompute_relationship_stage(today, thresholds, rates)
            except Exception:  # noqa: BLE001 - some counterparty's fault
                failures = batch._recompute_relationship_stage_each(
                    today, thresholds, rates
                )
                self._notify_relationship_failures(failures)
                failed += len(failures)
            done += len(batch)
            self.env["ir.cron"]._notify_progress(done=done, remaining=len(ids) - done)
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
            self.env.invalidate_all()
        _logger.info(
            "Relationship stages recomputed for %s counterparties, %s failed",
            len(ids) - failed,
            failed,
        )
        return len(ids)

    def _recompute_relationship_stage_each(self, today, thresholds, rates):
        """Recompute the stage of each counterparty of ``self`` on its own;
        return the ``(partner, exception)`` pairs of those that failed."""
        failures = []
        for partner in self:
            try:
                with self.env.cr.savepoint():
                    partner._recompute_relationship_stage(today, thresholds, rates)
            except Exception as error:  # noqa: BLE001 - this counterparty's fault
                _logger.warning(
                    "Relationship stage of %s (id %s) not computed, tried again "
                    "at the next run: %s",
                    partner.display_name,
                    partner.id,
                    error,
                    exc_info=True,
                )
                failures.append((partner, error))
        return failures

    @api.model
    def _notify_relationship_failures(self, failures):
        """A to-do for the salesperson of each counterparty whose stage could
        not be computed, from ``failures``: ``(partner, exception)`` pairs. The
        job's user stands in for a counterparty without (active) salesperson."""
        todo = []
        for partner, error in failures:
            user = partner.user_id.filtered("active") or self.env.user
            env = self.with_context(lang=user.lang).env
            todo.append(
                (
                    partner,
                    partner,
                    user,
                    env._("Relationship stage not computed"),
                    env._(
                        "The relationship stage of %(partner)s could not be "
                        "computed: %(error)s\nThe nightly job tries again at each "
                        "run; until then the counterparty keeps its stage.",
                        partner=partner.display_name,
                        error=error_text(error),
                    ),
                )
            )
        return self.env["mail.activity"]._schedule_job_failures(todo)
