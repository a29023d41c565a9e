"""Property-based checks of leases: whatever dates and rent a user types, a
lease is saved with periods that tile it, or refused with nothing written."""

from datetime import date

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.common import CounterpartyCase
from odoo.addons.crm_counterparty.tests.hostile import HOSTILE, HostileMixin

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@tagged("post_install", "-at_install")
class TestLeaseHostileInput(HostileMixin, CounterpartyCase):
    @HOSTILE
    @given(
        start=DATES,
        end=st.one_of(st.none(), DATES),
        frequency=st.sampled_from(["monthly", "quarterly", "yearly"]),
        rent=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    )
    def test_lease_periods(self, start, end, frequency, rent):
        """Any period and rent give a lease whose periods tile it, or a refusal."""
        with self._example():
            lease = self._create_or_refuse(
                "crm.lease",
                {
                    "partner_id": self.company_partner.id,
                    "partner_role": "lessee",
                    "asset_description": "Hypothesis hall",
                    "date_start": start,
                    "date_end": end,
                    "billing_frequency": frequency,
                    "rent": rent,
                },
                marker_field="asset_description",
            )
            if lease:
                self.assertGreater(lease.rent, 0)
                horizon = min(start + relativedelta(years=3), date(2200, 12, 31))
                periods = list(lease._iter_periods(until=horizon))
                self.assertEqual(periods[0][0], start)
                for (_s1, e1), (s2, _e2) in zip(periods, periods[1:], strict=False):
                    self.assertEqual((s2 - e1).days, 1)
