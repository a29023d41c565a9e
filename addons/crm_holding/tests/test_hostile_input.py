"""Property-based checks of the holding tree: any sequence of changes to the
memberships of a few companies is either saved or refused with a
ValidationError/UserError, a refusal changes nothing, and the tree stored on
the partners is always the one today's memberships draw."""

from collections import defaultdict
from datetime import timedelta

import psycopg2
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.crm_counterparty.tests.hostile import HOSTILE, rolled_back

from .common import HoldingCase

#: Fewer examples than crm_counterparty's: each one is a sequence of changes.
EXAMPLES = settings(HOSTILE, max_examples=50)


def _mostly(common, rare):
    """``common`` four times in five, ``rare`` otherwise (and when shrunk)."""
    return st.integers(min_value=0, max_value=4).flatmap(
        lambda draw: rare if draw == 4 else common
    )


#: Six companies, and a contact of the first one (index 6).
POOL_SIZE = 6
COMPANY = st.integers(min_value=0, max_value=POOL_SIZE - 1)
PARTNER = _mostly(COMPANY, st.just(POOL_SIZE))
#: Member and parent: mostly two companies, sometimes one company twice or
#: the contact.
MEMBER_AND_PARENT = _mostly(
    st.lists(COMPANY, min_size=2, max_size=2, unique=True).map(tuple),
    st.tuples(PARTNER, PARTNER),
)
#: Which membership a change is made to: an index into the memberships of the
#: pool, taken modulo their number.
MEMBERSHIP = st.integers(min_value=0, max_value=20)
#: Days from today: a few, so that periods meet and some of them are current.
OFFSET = st.integers(min_value=-6, max_value=6)
OWNERSHIP = _mostly(
    st.floats(min_value=0.0, max_value=100.0),
    st.one_of(
        st.sampled_from((100.01, -0.01)),
        st.floats(min_value=-50.0, max_value=150.0),
    ),
)
CREATE = st.tuples(
    st.just("create"),
    MEMBER_AND_PARENT,
    st.none() | OFFSET,
    st.none() | OFFSET,
    OWNERSHIP,
)
CHANGE = st.one_of(
    st.tuples(st.just("write_parent"), MEMBERSHIP, PARTNER),
    st.tuples(st.just("write_member"), MEMBERSHIP, PARTNER),
    st.tuples(
        st.just("write_dates"),
        MEMBERSHIP,
        st.none() | OFFSET,
        st.sampled_from(("keep", "clear")) | OFFSET,
    ),
    st.tuples(st.just("write_ownership"), MEMBERSHIP, OWNERSHIP),
    st.tuples(st.just("unlink"), MEMBERSHIP),
    # The member or parent of a membership (or a partner of the pool when
    # there is none) made a person, a contact of another partner or of none,
    # or a company again.
    st.tuples(
        st.just("company_type"),
        MEMBERSHIP,
        st.sampled_from(("partner_id", "parent_id")),
        _mostly(
            st.tuples(st.just(False), PARTNER),
            st.tuples(st.booleans(), st.none() | PARTNER),
        ),
    ),
)
#: Creations drawn as often as all changes together, so that there is a tree
#: to change.
OPERATION = st.booleans().flatmap(lambda create: CREATE if create else CHANGE)
MEMBERSHIP_FIELDS = [
    "partner_id",
    "parent_id",
    "holding_id",
    "role",
    "ownership_pct",
    "date_start",
    "date_end",
]
TREE_FIELDS = [
    "is_company",
    "parent_id",
    "commercial_partner_id",
    "holding_membership_id",
    "holding_parent_id",
    "holding_path",
    "holding_id",
    "counterparty_kind_ids",
]
NO_OVERLAP = "crm_holding_membership_no_overlap"


def _id(value):
    """The id of a many2one value as ``read`` gives it."""
    return value and value[0]


def _is_current_on(membership, day):
    return membership["date_start"] <= day and (
        not membership["date_end"] or membership["date_end"] >= day
    )


@tagged("post_install", "-at_install")
class TestHostileHoldingTree(HoldingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.companies = cls.Partner.browse(
            [cls._company(f"Hypothesis Company {i}").id for i in range(POOL_SIZE)]
        )
        cls.contact = cls.Partner.create(
            {"name": "Hypothesis Contact", "parent_id": cls.companies[0].id}
        )
        cls.pool_partners = cls.companies | cls.contact
        cls.pool_domain = [
            "|",
            ("partner_id", "in", cls.pool_partners.ids),
            ("parent_id", "in", cls.pool_partners.ids),
        ]

    # ------------------------------------------------------------------
    # Operations
    # ------------------------------------------------------------------

    def _memberships(self):
        return self.Membership.search(self.pool_domain, order="id")

    def _day(self, offset):
        return self.today + timedelta(days=offset)

    def _apply(self, operation):
        """Apply ``operation`` (a tuple drawn from OPERATION) through the ORM."""
        kind, *args = operation
        if kind == "company_type":
            index, side, (is_company, parent) = args
            memberships = self._memberships()
            if memberships:
                partner = memberships[index % len(memberships)][side]
            else:
                partner = self.pool_partners[index % len(self.pool_partners)]
            partner.write(
                {
                    "is_company": is_company,
                    "parent_id": parent is not None and self.pool_partners[parent].id,
                }
            )
            return
        if kind == "create":
            (member, parent), start, end, ownership = args
            vals = {
                "partner_id": self.pool_partners[member].id,
                "parent_id": self.pool_partners[parent].id,
                "ownership_pct": ownership,
            }
            if start is not None:
                vals["date_start"] = self._day(start)
            if end is not None:
                vals["date_end"] = self._day(end)
            self.Membership.create(vals)
            return
        memberships = self._memberships()
        if not memberships:
            return
        membership = memberships[args[0] % len(memberships)]
        if kind == "write_parent":
            membership.write({"parent_id": self.pool_partners[args[1]].id})
        elif kind == "write_member":
            membership.write({"partner_id": self.pool_partners[args[1]].id})
        elif kind == "write_dates":
            start, end = args[1:]
            vals = {}
            if start is not None:
                vals["date_start"] = self._day(start)
            if end == "clear":
                vals["date_end"] = False
            elif end != "keep":
                vals["date_end"] = self._day(end)
            membership.write(vals)
        elif kind == "write_ownership":
            membership.write({"ownership_pct": args[1]})
        else:
            membership.unlink()

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    def _snapshot(self):
        """The memberships of the pool and the tree stored on its partners,
        as saved in the database."""
        self.env.flush_all()
        self.env.invalidate_all()
        return (
            self.Membership.search_read(
                self.pool_domain, MEMBERSHIP_FIELDS, order="id"
            ),
            self.pool_partners.read(TREE_FIELDS),
        )

    @mute_logger("odoo.sql_db")
    def _assert_database_agrees(self, operation):
        """The overlap constraint, deferred to the commit, holds now: the
        checks of the model accepted nothing that the commit would refuse."""
        cr = self.env.cr
        try:
            with cr.savepoint(flush=False):
                cr.execute(f"SET CONSTRAINTS {NO_OVERLAP} IMMEDIATE")
        except psycopg2.Error as error:
            self.fail(f"{operation} passed the checks, not the database: {error}")
        finally:
            cr.execute(f"SET CONSTRAINTS {NO_OVERLAP} DEFERRED")

    def _assert_acyclic(self, parents, day):
        for start in parents:
            seen = {start}
            node = parents[start]
            while node in parents:
                self.assertNotIn(node, seen, f"a cycle through {node} on {day}")
                seen.add(node)
                node = parents[node]

    @staticmethod
    def _path(partner_id, parents):
        """Ids from the top of the tree down to ``partner_id``."""
        path = [partner_id]
        while path[0] in parents:
            path.insert(0, parents[path[0]])
        return path

    def _assert_invariants(self, snapshot):
        memberships, tree = snapshot
        today = fields.Date.today()
        commercial = {row["id"]: _id(row["commercial_partner_id"]) for row in tree}
        by_member = defaultdict(list)
        for membership in memberships:
            member, parent = _id(membership["partner_id"]), _id(membership["parent_id"])
            for partner_id in (member, parent):
                self.assertEqual(
                    commercial[partner_id],
                    partner_id,
                    f"contact {partner_id} in a tree",
                )
            if membership["date_end"]:
                self.assertLessEqual(membership["date_start"], membership["date_end"])
            self.assertTrue(0.0 <= membership["ownership_pct"] <= 100.0)
            by_member[member].append(membership)
        # One membership at a time per company.
        for periods in by_member.values():
            for i, first in enumerate(periods):
                for second in periods[i + 1 :]:
                    self.assertFalse(
                        (
                            not first["date_end"]
                            or first["date_end"] >= second["date_start"]
                        )
                        and (
                            not second["date_end"]
                            or second["date_end"] >= first["date_start"]
                        ),
                        f"overlapping memberships {first['id']} and {second['id']}",
                    )
        # No cycle on any day (the set of memberships changes on their starts).
        days = {today} | {membership["date_start"] for membership in memberships}
        for day in days:
            self._assert_acyclic(
                {
                    _id(m["partner_id"]): _id(m["parent_id"])
                    for m in memberships
                    if _is_current_on(m, day)
                },
                day,
            )
        # The tree stored on the partners is today's.
        current = {
            _id(m["partner_id"]): m for m in memberships if _is_current_on(m, today)
        }
        parents = {member: _id(m["parent_id"]) for member, m in current.items()}
        for row in tree:
            partner_id = row["id"]
            path = self._path(partner_id, parents)
            if len(path) > 1:
                expected_path = "".join(f"{pid}/" for pid in path)
                expected_holding = path[0]
            else:
                expected_path = False
                expected_holding = (
                    partner_id if partner_id in parents.values() else False
                )
            self.assertEqual(
                (
                    _id(row["holding_membership_id"]),
                    _id(row["holding_parent_id"]),
                    row["holding_path"],
                    _id(row["holding_id"]),
                ),
                (
                    current[partner_id]["id"] if partner_id in current else False,
                    parents.get(partner_id, False),
                    expected_path,
                    expected_holding,
                ),
                f"tree of partner {partner_id}",
            )
        for membership in memberships:
            parent = _id(membership["parent_id"])
            self.assertEqual(
                _id(membership["holding_id"]), self._path(parent, parents)[0]
            )

    # ------------------------------------------------------------------
    # Property
    # ------------------------------------------------------------------

    @EXAMPLES
    @given(operations=st.lists(OPERATION, min_size=3, max_size=12))
    def test_random_operations(self, operations):
        """Each change is saved or refused with a ValidationError/UserError; a
        refusal changes nothing; the tree is acyclic, one membership at a time
        per company, and the stored paths and holdings are today's."""
        with rolled_back(self.env):
            snapshot = self._snapshot()
            self._assert_invariants(snapshot)
            for operation in operations:
                try:
                    with self.env.cr.savepoint():
                        self._apply(operation)
                        self.env.flush_all()
                except (ValidationError, UserError):
                    self.env.invalidate_all()
                    after = self._snapshot()
                    self.assertEqual(
                        after, snapshot, f"{operation} refused, not undone"
                    )
                else:
                    self._assert_database_agrees(operation)
                    after = self._snapshot()
                    # The snapshot sees what an accepted change wrote: its
                    # equality after a refusal can fail.
                    if operation[0] == "create" or (
                        operation[0] == "unlink" and snapshot[0]
                    ):
                        self.assertNotEqual(
                            len(after[0]), len(snapshot[0]), f"{operation} not seen"
                        )
                self._assert_invariants(after)
                snapshot = after
