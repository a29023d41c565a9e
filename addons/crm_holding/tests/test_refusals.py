from datetime import timedelta

import psycopg2

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import HoldingCase


@tagged("post_install", "-at_install")
class TestHoldingRefusals(HoldingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rila_chain()
        cls.other = cls._company("Pirin Holding AD")

    def _assert_refused(self, message, func, *args, **kwargs):
        """``func`` raises a ValidationError quoting ``message`` and leaves
        the memberships and the tree as they were."""
        memberships = self.Membership.search_read(
            [], ["partner_id", "parent_id", "ownership_pct", "date_start", "date_end"]
        )
        tree = (self.top | self.a | self.b | self.other).read(
            ["holding_id", "holding_parent_id", "holding_path"]
        )
        with self.assertRaises(ValidationError) as caught:
            func(*args, **kwargs)
        self.assertIn(message, str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(
            self.Membership.search_read(
                [],
                ["partner_id", "parent_id", "ownership_pct", "date_start", "date_end"],
            ),
            memberships,
            "nothing was saved",
        )
        self.assertEqual(
            (self.top | self.a | self.b | self.other).read(
                ["holding_id", "holding_parent_id", "holding_path"]
            ),
            tree,
        )
        return caught.exception

    def test_company_above_itself(self):
        """A company cannot become a member of its own member, at any depth."""
        error = self._assert_refused(
            "Rila Holding AD cannot be a member of Rila Foods OOD",
            self._member,
            self.top,
            self.b,
        )
        self.assertIn("cannot end up above itself", str(error))
        self._assert_refused(
            "Rila Holding AD cannot be a member of Rila Trade EOOD",
            self._member,
            self.top,
            self.a,
        )

    def test_company_member_of_itself(self):
        """A company cannot be its own parent."""
        self._assert_refused(
            "Pirin Holding AD cannot be a member of Pirin Holding AD",
            self._member,
            self.other,
            self.other,
        )

    def test_cycle_through_a_change_of_parent(self):
        """Moving a parent under its own member is refused on write too."""
        self._assert_refused(
            "Rila Trade EOOD cannot be a member of Rila Foods OOD",
            self.m_a.write,
            {"parent_id": self.b.id},
        )

    def test_cycle_only_when_periods_meet(self):
        """Two companies may own each other at different times, never at once."""
        start = self.today - timedelta(days=365)
        x = self._company("Struma Metals AD")
        y = self._company("Struma Trading EOOD")
        self._member(x, y, date_start=start, date_end=start + timedelta(days=99))
        later = self._member(y, x, date_start=start + timedelta(days=100))
        self.assertEqual(y.holding_parent_id, x)
        self.assertTrue(later.is_current)
        with self.assertRaises(ValidationError):
            self._member(y, x, date_start=start - timedelta(days=30), date_end=start)
        with self.assertRaises(ValidationError):
            later.date_start = start + timedelta(days=50)

    def test_ownership_out_of_range(self):
        """The ownership is a percentage from 0 to 100."""
        c = self._company("Osam Dairy OOD")
        for value in (-1.0, 100.5, 250.0):
            self._assert_refused(
                f"must be between 0 and 100 %, not {value}",
                self._member,
                c,
                self.top,
                ownership_pct=value,
            )
        self._assert_refused(
            "The ownership of Rila Trade EOOD in Rila Foods OOD",
            self.m_b.write,
            {"ownership_pct": 101.0},
        )
        for value in (0.0, 100.0):
            self.m_b.ownership_pct = value
            self.assertEqual(self.b.holding_ownership_pct, value)

    def test_end_before_start(self):
        """A membership cannot end before it starts."""
        c = self._company("Osam Dairy OOD")
        self._assert_refused(
            "cannot end (2024-01-01) before it starts (2024-02-01)",
            self._member,
            c,
            self.top,
            date_start="2024-02-01",
            date_end="2024-01-01",
        )
        self._assert_refused(
            "The membership of Rila Foods OOD in Rila Trade EOOD cannot end",
            self.m_b.write,
            {"date_end": self.m_b.date_start - timedelta(days=1)},
        )
        one_day = self._member(
            c, self.top, date_start="2024-02-01", date_end="2024-02-01"
        )
        self.assertFalse(one_day.is_current)

    def test_one_holding_at_a_time(self):
        """A company belongs to one holding at a time: overlapping memberships
        are refused, following ones accepted."""
        self._assert_refused(
            "Rila Foods OOD already belongs to Rila Holding AD through Rila Trade EOOD",
            self._member,
            self.b,
            self.other,
            date_start=self.today,
        )
        self._assert_refused(
            "a company belongs to one holding at a time",
            self._member,
            self.b,
            self.top,
            date_start=self.today,
        )
        self._assert_refused(
            "Rila Trade EOOD already belongs to Rila Holding AD from",
            self._member,
            self.a,
            self.other,
            date_start=self.today,
        )
        # Ending the first membership makes room for the next one.
        self.m_b.date_end = self.today - timedelta(days=1)
        moved = self._member(self.b, self.other, date_start=self.today)
        self.assertEqual(self.b.holding_id, self.other)
        self._assert_refused(
            "Rila Foods OOD already belongs to Pirin Holding AD",
            self.m_b.write,
            {"date_end": self.today},
        )
        self.assertTrue(moved.is_current)

    def test_only_companies_are_members(self):
        """A contact of a company cannot be a member: its company is."""
        contact = self.Partner.create({"name": "Ivan Petrov", "parent_id": self.top.id})
        self._assert_refused(
            "Ivan Petrov is a contact of Rila Holding AD",
            self._member,
            contact,
            self.other,
        )
        self._assert_refused(
            "only companies belong to holdings",
            self._member,
            self.other,
            contact,
        )

    def test_member_cannot_become_a_contact(self):
        """A member or parent company made a contact of another company is
        refused: the tree would hold a contact."""
        self._assert_refused(
            "Rila Foods OOD is a contact of Pirin Holding AD",
            self.b.write,
            {"is_company": False, "parent_id": self.other.id},
        )
        self._assert_refused(
            "Rila Trade EOOD is a contact of Rila Holding AD",
            self.a.write,
            {"is_company": False, "parent_id": self.top.id},
        )
        # A company may have a parent company and stay a company; a company
        # outside any holding may become a contact.
        self.b.parent_id = self.other
        self.assertEqual(self.b.holding_id, self.top)
        loner = self._company("Osam Dairy OOD")
        loner.write({"is_company": False, "parent_id": self.other.id})
        self.assertEqual(loner.commercial_partner_id, self.other)

    @mute_logger("odoo.sql_db")
    def test_database_refuses_overlaps(self):
        """Overlapping memberships saved past the check (by two transactions at
        once) are refused by PostgreSQL."""
        with self.assertRaises(psycopg2.errors.ExclusionViolation), self.cr.savepoint():
            self.cr.execute(
                SQL(
                    """
                    INSERT INTO crm_holding_membership
                        (partner_id, parent_id, role, ownership_pct, date_start)
                    VALUES (%s, %s, 'subsidiary', 50, %s)
                    """,
                    self.b.id,
                    self.other.id,
                    self.today,
                )
            )
            self.cr.execute(
                "SET CONSTRAINTS crm_holding_membership_no_overlap IMMEDIATE"
            )
        self.cr.execute("SET CONSTRAINTS crm_holding_membership_no_overlap DEFERRED")
        self.assertEqual(
            self.Membership.search_count([("partner_id", "=", self.b.id)]), 1
        )
