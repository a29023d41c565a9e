from datetime import date, datetime, time, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.crm_counterparty.tools.trusted_context import trusted
from odoo.addons.crm_pipeline.models.crm_lead import SKIP_CHECKS

from .common import PipelineCase

TODAY = date(2025, 6, 30)


@tagged("post_install", "-at_install")
class TestRelationshipStage(PipelineCase):
    """Business is counted in the last 90 and 365 days against the year
    before; today is frozen at 2025-06-30 and the default thresholds apply
    (growth 1.2, decline 0.8, quiet 180 days, closed 365 days)."""

    def _sale(self, partner, amount, day, company=None, **values):
        Order = self.env["sale.order"]
        if company:
            Order = Order.with_company(company)
            values["company_id"] = company.id
        order = Order.create(
            {
                "partner_id": partner.id,
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "price_unit": amount})
                ],
                **values,
            }
        )
        order.action_confirm()
        order.date_order = datetime.combine(day, datetime.min.time()) + timedelta(
            hours=10
        )
        return order

    def _won(self, partner, amount, day):
        deal = self._deal(partner_id=partner.id, expected_revenue=amount)
        deal.with_context(**trusted(SKIP_CHECKS)).stage_id = self.stage_won
        deal.date_closed = datetime.combine(day, datetime.min.time())
        return deal

    def _contact(self, partner, day):
        message = partner.message_post(
            body="Phoned the buyer",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        message.sudo().date = datetime.combine(day, datetime.min.time())

    def _job_parameters(self):
        """What the nightly job reads once per run and hands to each batch."""
        return (
            TODAY,
            self.Partner._relationship_thresholds(),
            self.Partner._relationship_currency_rates(TODAY),
        )

    def _stage(self, partner):
        with freeze_time(TODAY):
            partner._recompute_relationship_stage()
        return partner.relationship_stage

    def test_growing_year(self):
        """The year reached 1.2 times the year before: growing."""
        partner = self._customer("Growing Year")
        self._sale(partner, 1000, TODAY - timedelta(days=500))
        self._sale(partner, 1300, TODAY - timedelta(days=30))
        self.assertEqual(self._stage(partner), "growing")

    def test_growing_new_business(self):
        """Business this year where the year before had none: growing."""
        partner = self._customer("New Business")
        self._won(partner, 800, TODAY - timedelta(days=10))
        self.assertEqual(self._stage(partner), "growing")

    def test_growing_quarter(self):
        """The last 90 days reached 1.2 times the same 90 days a year before."""
        partner = self._customer("Growing Quarter")
        self._sale(partner, 1000, TODAY - timedelta(days=400))
        self._sale(partner, 1000, TODAY - timedelta(days=600))
        self._sale(partner, 1250, TODAY - timedelta(days=20))
        self._sale(partner, 750, TODAY - timedelta(days=200))
        self.assertEqual(self._stage(partner), "growing")

    def test_mature(self):
        """Steady business and recent contact: mature."""
        partner = self._customer("Steady")
        self._sale(partner, 1000, TODAY - timedelta(days=420))
        self._sale(partner, 1000, TODAY - timedelta(days=40))
        self.assertEqual(self._stage(partner), "mature")
        self.assertEqual(partner.relationship_activity_date, TODAY - timedelta(days=40))

    def test_declining_year(self):
        """The year fell to 0.8 of the year before: declining."""
        partner = self._customer("Declining Year")
        self._sale(partner, 1000, TODAY - timedelta(days=500))
        self._sale(partner, 700, TODAY - timedelta(days=20))
        self.assertEqual(self._stage(partner), "declining")

    def test_declining_quarter(self):
        """The last 90 days fell against the same 90 days a year before."""
        partner = self._customer("Declining Quarter")
        self._sale(partner, 1000, TODAY - timedelta(days=400))
        self._sale(partner, 500, TODAY - timedelta(days=30))
        self._sale(partner, 500, TODAY - timedelta(days=200))
        self.assertEqual(self._stage(partner), "declining")

    def test_declining_quiet(self):
        """No business or contact for 180 days: declining."""
        partner = self._customer("Quiet")
        self._sale(partner, 1000, TODAY - timedelta(days=200))
        self.assertEqual(self._stage(partner), "declining")

    def test_contact_keeps_active(self):
        """A recent call counts as contact; an internal note does not."""
        partner = self._customer("Called")
        self._won(partner, 1000, TODAY - timedelta(days=200))
        self._contact(partner, TODAY - timedelta(days=5))
        note = partner.message_post(body="internal", subtype_xmlid="mail.mt_note")
        note.sudo().date = datetime.combine(TODAY, datetime.min.time())
        self.assertEqual(self._stage(partner), "growing")
        self.assertEqual(partner.relationship_activity_date, TODAY - timedelta(days=5))

    def test_closed(self):
        """Nothing for 365 days, or nothing ever from an old partner: closed."""
        partner = self._customer("Gone")
        self._sale(partner, 1000, TODAY - timedelta(days=400))
        silent = self._customer("Silent")
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id = %s",
            [TODAY - timedelta(days=800), silent.id],
        )
        silent.invalidate_recordset(["create_date"])
        self.assertEqual(self._stage(partner), "closed")
        self.assertEqual(self._stage(silent), "closed")

    def test_thresholds_from_settings(self):
        """The administrator's thresholds change the outcome."""
        partner = self._customer("Borderline")
        self._sale(partner, 1000, TODAY - timedelta(days=500))
        self._sale(partner, 1100, TODAY - timedelta(days=20))
        self.assertEqual(self._stage(partner), "mature")
        settings = Form(self.env["res.config.settings"])
        settings.relationship_growth_ratio = 1.05
        settings.save().execute()
        self.assertEqual(self._stage(partner), "growing")

    def test_bad_thresholds_refused(self):
        """Ratios and days that contradict each other are refused."""
        settings = self.env["res.config.settings"].create({})
        with self.assertRaises(ValidationError):
            settings.relationship_decline_ratio = 1.5
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create(
                {"relationship_quiet_days": 400, "relationship_closed_days": 365}
            )

    def test_pinned_stage_kept(self):
        """A pinned stage needs a reason and the job leaves it alone."""
        partner = self._customer("Pinned")
        with self.assertRaises(ValidationError):
            partner.write(
                {"relationship_stage": "mature", "relationship_stage_pinned": True}
            )
        self.assertFalse(partner.relationship_stage_pinned)
        partner.write(
            {
                "relationship_stage": "mature",
                "relationship_stage_pinned": True,
                "relationship_pin_reason": "Framework contract until 2027",
            }
        )
        self.assertEqual(self._stage(partner), "mature")

    def test_change_tracked_and_declining_activity(self):
        """A change is tracked in the chatter; becoming declining gives the
        owner a to-do."""
        env = self.env(context=dict(self.env.context, tracking_disable=False))
        partner = env["res.partner"].browse(
            self._customer("Tracked", user_id=self.salesman_2.id).id
        )
        self._sale(partner, 1000, TODAY - timedelta(days=420))
        self._sale(partner, 1000, TODAY - timedelta(days=40))
        self.assertEqual(self._stage(partner), "mature")
        # the nightly job commits: the first stage's untracked write ends here
        self.env.flush_all()
        self.env.cr.precommit.run()
        self._sale(partner, 2000, TODAY - timedelta(days=450))
        self.assertEqual(self._stage(partner), "declining")
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("field_id.name", "=", "relationship_stage"),
                ("mail_message_id.model", "=", "res.partner"),
                ("mail_message_id.res_id", "=", partner.id),
            ]
        )
        self.assertEqual(
            len(tracked), 1, "Only the change is tracked, not the first stage"
        )
        self.assertEqual(tracked.old_value_char, "Mature")
        self.assertEqual(tracked.new_value_char, "Declining")
        activity = partner.activity_ids
        self.assertEqual(activity.user_id, self.salesman_2)
        self.assertIn("declining", activity.summary)
        self.assertEqual(partner.relationship_stage_date, TODAY)

    def test_cron_constant_queries(self):
        """The job reads with a fixed number of queries whatever the batch."""
        small = self._customer("Q1") | self._customer("Q2")
        large = small
        for i in range(10):
            large |= self._customer(f"Q{i + 3}")
        for partner in large:
            self._sale(partner, 1000, TODAY - timedelta(days=40))
        with freeze_time(TODAY):
            large._recompute_relationship_stage()  # first stages are set
            self.env.flush_all()
            job = self._job_parameters()
            with self.assertQueryCount(4):
                small._recompute_relationship_stage(*job)
            with self.assertQueryCount(4):
                large._recompute_relationship_stage(*job)

    def test_cron_runs_in_batches(self):
        """The cron covers all counterparties, batch by batch."""
        partners = self._customer("B1") | self._customer("B2") | self._customer("B3")
        with freeze_time(TODAY):
            count = self.Partner._cron_compute_relationship_stage(batch_size=2)
        self.assertGreaterEqual(count, 3)
        self.assertEqual(set(partners.mapped("relationship_stage")), {"growing"})

    def test_cron_leaves_banks_and_agencies(self):
        """Customers and suppliers get a stage; a bank and an agency (a
        customs office) have no relationship to stage, not even "growing"
        when new."""
        customer = self._customer("Stage Customer")
        supplier = self._customer(
            "Stage Supplier",
            counterparty_kind_ids=[Command.set(self.kind_supplier.ids)],
        )
        bank = self._customer(
            "Stage Bank", counterparty_kind_ids=[Command.set(self.kind_bank.ids)]
        )
        office = self._customer(
            "Stage Office",
            counterparty_kind_ids=[Command.set(self.kind_agency.ids)],
            agency_type="customs_office",
        )
        ids = self.Partner._relationship_partner_ids()
        self.assertIn(customer.id, ids)
        self.assertIn(supplier.id, ids)
        self.assertNotIn(bank.id, ids)
        self.assertNotIn(office.id, ids)
        with freeze_time(TODAY):
            self.Partner._cron_compute_relationship_stage()
        self.assertEqual(customer.relationship_stage, "growing")
        self.assertEqual(supplier.relationship_stage, "growing")
        self.assertFalse(bank.relationship_stage)
        self.assertFalse(office.relationship_stage)

    def test_search_and_group(self):
        """The stage and remarks are searchable and groupable."""
        mature = self._customer("Remark One", remarks="segment=retail; stage=mature")
        other = self._customer("Remark Two", remarks="segment=wholesale\nregion=north")
        other.write(
            {
                "relationship_stage": "declining",
                "relationship_stage_pinned": True,
                "relationship_pin_reason": "Lost the tender",
            }
        )
        self.assertEqual(
            sorted(other.remark_attribute_ids.mapped("key")), ["region", "segment"]
        )
        found = self.Partner.search([("remark_attribute", "=", "segment=retail")])
        self.assertEqual(found, mature)
        found = self.Partner.search([("remark_attribute", "=", "stage=mature")])
        self.assertIn(mature, found)
        found = self.Partner.search([("remark_attribute", "=", "stage=declining")])
        self.assertIn(other, found)
        groups = self.Partner._read_group(
            [("id", "in", (mature | other).ids)], ["relationship_stage"], ["__count"]
        )
        self.assertIn(("declining", 1), groups)
        other.remarks = "region=south"
        self.assertEqual(other.remark_attribute_ids.mapped("value"), ["south"])

    def test_day_boundaries(self):
        """Order and message times count on their own day: the last second
        of a day belongs to it, midnight to the next one."""
        partner = self._customer("Boundaries")

        def at(days, hour=0, minute=0, second=0):
            return datetime.combine(
                TODAY - timedelta(days=days), datetime.min.time()
            ) + timedelta(hours=hour, minutes=minute, seconds=second)

        self._sale(partner, 1, TODAY).date_order = at(90, 23, 59, 59)
        self._sale(partner, 10, TODAY).date_order = at(89)
        self._sale(partner, 100, TODAY).date_order = at(730, 23, 59, 59)
        self._sale(partner, 1000, TODAY).date_order = at(729)
        self._sale(partner, 10000, TODAY).date_order = at(-1)
        activity = partner._relationship_activity(TODAY)[partner.id]
        self.assertEqual(activity["s90"], 10)
        self.assertEqual(activity["s365"], 11)
        self.assertEqual(activity["p365"], 1000)
        self.assertEqual(activity["last"], TODAY - timedelta(days=89))
        for body, when in (("Late call", at(0, 23, 59, 59)), ("Tomorrow", at(-1))):
            message = partner.message_post(
                body=body, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
            message.sudo().date = when
        activity = partner._relationship_activity(TODAY)[partner.id]
        self.assertEqual(activity["last"], TODAY)

    def test_old_business_sets_activity_date(self):
        """A sale older than the two years compared still dates the last
        activity, whether or not other sales came later."""
        partner = self._customer("Long Gone")
        self._sale(partner, 1000, TODAY - timedelta(days=900))
        self._sale(partner, 1000, TODAY - timedelta(days=800))
        self.assertEqual(self._stage(partner), "closed")
        self.assertEqual(
            partner.relationship_activity_date, TODAY - timedelta(days=800)
        )
        self._sale(partner, 1000, TODAY - timedelta(days=700))
        self.assertEqual(self._stage(partner), "closed")
        self.assertEqual(
            partner.relationship_activity_date, TODAY - timedelta(days=700)
        )
        self.assertEqual(
            partner._relationship_activity(TODAY)[partner.id]["p365"], 1000
        )

    def test_contacts_and_deals(self):
        """Sales and e-mails of a contact person and messages on a deal count
        for the company; internal notes do not, nor does a won deal twice
        when its order is confirmed."""
        company = self._customer("Holding Company")
        person = self.Partner.create({"name": "Buyer", "parent_id": company.id})
        self._sale(person, 500, TODAY - timedelta(days=30))
        deal = self._won(company, 700, TODAY - timedelta(days=20))
        self._sale(company, 900, TODAY - timedelta(days=20)).opportunity_id = deal
        self._won(person, 300, TODAY - timedelta(days=10))
        self._contact(person, TODAY - timedelta(days=5))
        offer = deal.message_post(body="Sent the offer", message_type="email")
        offer.sudo().date = datetime.combine(
            TODAY - timedelta(days=3), datetime.min.time()
        )
        note = deal.message_post(body="internal", subtype_xmlid="mail.mt_note")
        note.sudo().date = datetime.combine(TODAY, datetime.min.time())
        activity = company._relationship_activity(TODAY)[company.id]
        self.assertEqual(activity["s90"], 500 + 900 + 300)
        self.assertEqual(activity["last"], TODAY - timedelta(days=3))

    def test_steady_state_queries(self):
        """Once the stages and dates are stored, a batch reads with two
        queries; an activity date that moved adds one update."""
        partners = self._customer("S1") | self._customer("S2")
        for partner in partners:
            self._sale(partner, 1000, TODAY - timedelta(days=40))
        with freeze_time(TODAY):
            partners._recompute_relationship_stage()
            job = self._job_parameters()
            with self.assertQueryCount(2):
                partners._recompute_relationship_stage(*job)
            self._contact(partners[0], TODAY - timedelta(days=2))
            with self.assertQueryCount(3):
                partners._recompute_relationship_stage(*job)
        self.assertEqual(
            partners[0].relationship_activity_date, TODAY - timedelta(days=2)
        )
        self.assertEqual(
            partners[1].relationship_activity_date, TODAY - timedelta(days=40)
        )

    def _set_rates(self, rates):
        """This company's only rates: ``rates`` maps a currency to the units
        of it for one unit of the base currency, for the last three years."""
        Rate = self.env["res.currency.rate"]
        currencies = self.env["res.currency"].browse([c.id for c in rates])
        Rate.search(
            [
                ("currency_id", "in", currencies.ids),
                ("company_id", "in", [self.env.company.id, False]),
            ]
        ).unlink()
        Rate.create(
            [
                {
                    "currency_id": currency.id,
                    "name": TODAY - timedelta(days=1100),
                    "rate": rate,
                    "company_id": self.env.company.id,
                }
                for currency, rate in rates.items()
            ]
        )

    def test_amounts_of_other_currencies(self):
        """Sales and won deals of a company with another currency count at
        today's rate in the job company's currency, not as their raw amounts;
        orders in a foreign currency count at their own rate."""
        currency = self.env.company.currency_id
        foreign = self.env.ref(
            "base.EUR" if currency != self.env.ref("base.EUR") else "base.USD"
        )
        foreign.active = True
        # 1 unit of the company currency is 0.5 foreign: 1 foreign is worth 2
        self._set_rates({currency: 1.0, foreign: 0.5})
        subsidiary = self.env["res.company"].create(
            {"name": "Foreign Subsidiary", "currency_id": foreign.id}
        )
        partner = self._customer("Two Currencies")
        self._sale(partner, 1000, TODAY - timedelta(days=30))
        subsidiary_sale = self._sale(
            partner, 100, TODAY - timedelta(days=20), company=subsidiary
        )
        self.assertEqual(subsidiary_sale.currency_id, foreign)
        self.assertEqual(subsidiary_sale.currency_rate, 1.0)
        won = self._deal(
            partner_id=partner.id,
            team_id=False,
            user_id=False,
            company_id=subsidiary.id,
            expected_revenue=50,
        )
        won.with_context(**trusted(SKIP_CHECKS)).stage_id = self.stage_won
        won.date_closed = datetime.combine(TODAY - timedelta(days=10), time(10))
        pricelist = self.env["product.pricelist"].create(
            {"name": "Foreign prices", "currency_id": foreign.id}
        )
        foreign_sale = self._sale(
            partner, 30, TODAY - timedelta(days=5), pricelist_id=pricelist.id
        )
        self.assertEqual(foreign_sale.currency_id, foreign)
        self.assertAlmostEqual(foreign_sale.currency_rate, 0.5)
        rates = self.Partner._relationship_currency_rates(TODAY)
        self.assertEqual(rates[subsidiary.id], 2.0)
        self.assertNotIn(self.env.company.id, rates)
        activity = partner._relationship_activity(TODAY, rates)[partner.id]
        # 1000 here; 100 and 50 of the subsidiary, worth 200 and 100; 30
        # foreign sold here, worth 60
        self.assertAlmostEqual(activity["s90"], 1000 + 200 + 100 + 60)
        self.assertAlmostEqual(activity["s365"], 1000 + 200 + 100 + 60)
        self.assertEqual(activity["p365"], 0)

    def test_failure_user_error_shown(self):
        """A counterparty whose stage fails on a UserError gets a to-do that
        shows the error's own message, written for users."""
        poisoned = self._customer("Refused Customer", user_id=self.salesman_2.id)
        self._sale(poisoned, 1000, TODAY - timedelta(days=40))
        rule = type(self.Partner)._relationship_stage_rule

        def refusing_rule(model, activity, created, today, thresholds):
            """A customisation that refuses a stage with a message."""
            if activity.get("s365", 0) > 0:
                # A customisation's message, no term of the suite to translate.
                message = "Set a credit limit before grading this customer."
                raise UserError(message)
            return rule(model, activity, created, today, thresholds)

        logger = "odoo.addons.crm_pipeline.models.res_partner_relationship_job"
        with (
            freeze_time(TODAY),
            patch.object(type(self.Partner), "_relationship_stage_rule", refusing_rule),
            self.assertLogs(logger, "WARNING"),
        ):
            self.Partner._cron_compute_relationship_stage()
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", poisoned.id)]
        )
        self.assertEqual(len(activity), 1)
        self.assertIn(
            "Set a credit limit before grading this customer.", str(activity.note)
        )
        self.assertNotIn("UserError", str(activity.note))

    def test_cron_isolates_failing_partner(self):
        """A counterparty whose stage cannot be computed gives its salesperson
        one to-do and does not stop the others; the run after the fix sets its
        stage, without a second to-do."""
        first = self._customer("Isolated First")
        poisoned = self._customer("Isolated Poisoned", user_id=self.salesman_2.id)
        last = self._customer("Isolated Last")
        partners = first | poisoned | last
        for partner in partners:
            self._sale(partner, 1000, TODAY - timedelta(days=40))
        # bad data: a credit booked as a confirmed order, more than the sales
        self._sale(poisoned, -3000, TODAY - timedelta(days=30))
        rule = type(self.Partner)._relationship_stage_rule

        def strict_rule(model, activity, created, today, thresholds):
            """A customisation that refuses negative business, as an
            override of the rule may."""
            if activity.get("s365", 0) < 0:
                raise ValueError("Negative business in the last year")
            return rule(model, activity, created, today, thresholds)

        def failures(partner):
            return self.env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
            )

        logger = "odoo.addons.crm_pipeline.models.res_partner_relationship_job"
        for run in (1, 2):
            with (
                freeze_time(TODAY),
                patch.object(
                    type(self.Partner), "_relationship_stage_rule", strict_rule
                ),
                self.assertLogs(logger, "WARNING") as logs,
            ):
                self.Partner._cron_compute_relationship_stage()
            self.assertIn("Isolated Poisoned", "\n".join(logs.output))
            self.assertEqual(
                partners.mapped("relationship_stage"),
                ["growing", False, "growing"],
                f"run {run}",
            )
            self.assertIn("Negative business", "\n".join(logs.output), "logged")
            self.assertTrue(
                any(record.exc_info for record in logs.records), "with traceback"
            )
            activity = failures(poisoned)
            self.assertEqual(len(activity), 1, "one to-do, not one per run")
            self.assertEqual(activity.user_id, self.salesman_2)
            # A ValueError is no message for users: the to-do says why in
            # general terms, the log has the details.
            self.assertIn(
                "a technical error, described in the server log", str(activity.note)
            )
            self.assertNotIn("Negative business", str(activity.note))
            self.assertNotIn("ValueError", str(activity.note))
            self.assertFalse(failures(first) | failures(last))

        with freeze_time(TODAY):
            self.Partner._cron_compute_relationship_stage()
        self.assertEqual(
            partners.mapped("relationship_stage"), ["growing", "mature", "growing"]
        )
        self.assertEqual(len(failures(poisoned)), 1)
        self.assertFalse(failures(first) | failures(last))
