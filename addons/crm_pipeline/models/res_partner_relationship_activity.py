from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import api, models


class ResPartner(models.Model):
    """The activity figures the relationship stage is computed from: the
    business and the last contact of each counterparty, in one query for a
    batch of counterparties."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

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
