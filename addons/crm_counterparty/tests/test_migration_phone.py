import importlib.util

from odoo import Command
from odoo.tools.misc import file_path

from .common import CounterpartyCase


def load_phone_migration():
    """The 18.0.3.0.0 phone migration as Odoo's migration manager loads it."""
    path = file_path("crm_counterparty/migrations/18.0.3.0.0/post-phone-format.py")
    spec = importlib.util.spec_from_file_location("post_phone_format", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestPhoneMigration(CounterpartyCase):
    def _store(self, partner, **numbers):
        """Numbers as 18.0.2.0.0 stored them, written past the ORM."""
        for column, number in numbers.items():
            self.env.cr.execute(
                f"UPDATE res_partner SET {column} = %s WHERE id = %s",  # noqa: S608
                [number, partner.id],
            )
        partner.invalidate_recordset()

    def test_18_0_3_0_0_formats_counterparty_numbers(self):
        """E.164 numbers of counterparties and their contacts are rewritten in
        Odoo's formatting; other partners and unreadable numbers are kept."""
        customer = self.Partner.create(
            {
                "name": "Old Customer",
                "is_company": True,
                "counterparty_kind_ids": [Command.set(self.kind_customer.ids)],
            }
        )
        contact = self.Partner.create({"name": "Old Contact", "parent_id": customer.id})
        other = self.Partner.create({"name": "No Kind"})
        self._store(customer, phone="+35929812345", mobile="+359888123456")
        self._store(contact, phone="+359881234567", mobile="+3591")
        self._store(other, phone="+35929812345")
        load_phone_migration().migrate(self.env.cr, "18.0.2.0.0")
        self.assertEqual(customer.phone, "+359 2 981 2345")
        self.assertEqual(customer.mobile, "+359 88 812 3456")
        self.assertEqual(contact.phone, "+359 88 123 4567")
        self.assertEqual(contact.mobile, "+3591", "unreadable: kept")
        self.assertEqual(other.phone, "+35929812345", "no counterparty: kept")

    def test_fresh_install_runs_nothing(self):
        """On a new installation (no version) the migration does nothing."""
        customer = self.Partner.create(
            {
                "name": "New Customer",
                "counterparty_kind_ids": [Command.set(self.kind_customer.ids)],
            }
        )
        self._store(customer, phone="+35929812345")
        load_phone_migration().migrate(self.env.cr, None)
        self.assertEqual(customer.phone, "+35929812345")
