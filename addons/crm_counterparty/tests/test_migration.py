import importlib.util

from odoo import Command
from odoo.tools.misc import file_path
from odoo.tools.sql import SQL, column_exists

from odoo.addons.crm_counterparty.models.res_partner import KIND_FLAGS

from .common import CounterpartyCase


def load_migration(version, name):
    """The migration script as Odoo's migration manager loads it: from its
    file, whose folder name (the version) is no Python package name."""
    path = file_path(f"crm_counterparty/migrations/{version}/{name}.py")
    spec = importlib.util.spec_from_file_location(f"{name}_{version}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestMigration(CounterpartyCase):
    """Each migration run on data of the shape it migrates from."""

    def _company(self, name, kinds):
        return self.Partner.create(
            {
                "name": name,
                "is_company": True,
                "counterparty_kind_ids": [Command.set([kind.id for kind in kinds])],
            }
        )

    def _flags(self, partners):
        self.env.cr.execute(
            SQL(
                "SELECT id, %s FROM res_partner WHERE id = ANY(%s) ORDER BY id",
                SQL(", ").join(SQL.identifier(column) for column in KIND_FLAGS),
                partners.ids,
            )
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    def test_18_0_2_0_0_fills_stored_kind_flags(self):
        """From 18.0.1.0.0, where the flags were no columns: the columns are
        added and hold each partner's kinds, contacts included."""
        kinds = [
            self.kind_customer,
            self.kind_supplier,
            self.kind_bank,
            self.kind_agency,
            self.kind_holding,
        ]
        partners = self.Partner.browse()
        for name, kind_set in [
            ("No Kind", []),
            ("Customer", kinds[:1]),
            ("Customer and Supplier", kinds[:2]),
            ("Every Kind", kinds),
            ("Bank", [self.kind_bank]),
        ]:
            partners |= self._company(name, kind_set)
        contact = self.Partner.create({"name": "Contact", "parent_id": partners[3].id})
        partners |= contact
        self.env.flush_all()
        expected = self._flags(partners)
        self.assertEqual(expected[partners[1].id], (True, False, False, False, False))
        self.assertEqual(expected[contact.id], (True,) * 5)

        # The shape of 18.0.1.0.0: no flag columns (DDL is rolled back with
        # the test's transaction).
        self.env.cr.execute(
            SQL(
                "ALTER TABLE res_partner %s",
                SQL(", ").join(
                    SQL("DROP COLUMN %s", SQL.identifier(column))
                    for column in KIND_FLAGS
                ),
            )
        )
        migration = load_migration("18.0.2.0.0", "pre-migrate")
        migration.migrate(self.env.cr, "18.0.1.0.0")

        for column in KIND_FLAGS:
            self.assertTrue(column_exists(self.env.cr, "res_partner", column))
        self.assertEqual(self._flags(partners), expected)
        self.env.cr.execute(
            "SELECT count(*) FROM res_partner WHERE is_customer_counterparty IS NULL"
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_18_0_2_0_0_leaves_new_and_current_databases(self):
        """On installation (no version) and on a database that has the columns
        already, the script changes nothing."""
        partner = self._company("Customer", [self.kind_customer])
        self.env.flush_all()
        before = self._flags(partner)
        migration = load_migration("18.0.2.0.0", "pre-migrate")
        migration.migrate(self.env.cr, None)
        migration.migrate(self.env.cr, "18.0.2.0.0")
        self.assertEqual(self._flags(partner), before)

    def test_kind_flags_follow_kinds(self):
        """The stored flags follow the kinds of the company and its contacts,
        and a kind filter is a column test on res_partner."""
        partner = self.Partner.create({"name": "Later Bank", "is_company": True})
        contact = self.Partner.create({"name": "Clerk", "parent_id": partner.id})
        self.assertFalse(partner.is_bank_counterparty)
        partner.counterparty_kind_ids = self.kind_bank
        self.env.flush_all()
        self.assertEqual(self._flags(partner | contact)[contact.id][2], True)
        self.assertIn(
            partner, self.Partner.search([("is_bank_counterparty", "=", True)])
        )
        partner.counterparty_kind_ids = self.kind_customer
        self.assertEqual(
            self.Partner.search(
                [
                    ("id", "in", (partner | contact).ids),
                    ("is_bank_counterparty", "=", True),
                ]
            ),
            self.Partner,
        )
        self.assertEqual(
            self.Partner.search(
                [
                    ("id", "in", (partner | contact).ids),
                    ("is_customer_counterparty", "=", True),
                ]
            ),
            partner | contact,
        )
