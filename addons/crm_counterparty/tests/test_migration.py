import importlib.util
from datetime import date

from odoo import Command
from odoo.tools.misc import file_path
from odoo.tools.sql import SQL, column_exists

from odoo.addons.crm_counterparty.models.res_partner import KIND_FLAGS

from .common import CounterpartyCase


def load_migration(version, name, addon="crm_counterparty"):
    """The migration script as Odoo's migration manager loads it: from its
    file, whose folder name (the version) is no Python package name."""
    path = file_path(f"{addon}/migrations/{version}/{name}.py")
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

    def test_18_0_3_0_0_personal_documents(self):
        """From 18.0.2.0.0, where a document could have no company and was
        named after its number: documents get their holder's company, else
        the main company; names, and the copies of numbers in messages and
        activities, lose the number; the tracking of numbers goes."""
        cr = self.env.cr
        Document = self.env["crm.personal.document"]
        passport = self.env.ref("crm_counterparty.document_type_passport")
        holder_company = self.env["res.company"].create({"name": "Holder Co"})
        ana = self.Partner.create({"name": "Ana", "company_id": holder_company.id})
        boris = self.Partner.create({"name": "Boris"})
        doc_a, doc_b, doc_short = Document.create(
            [
                {"partner_id": ana.id, "type_id": passport.id, "number": "AN-445566"},
                {"partner_id": boris.id, "type_id": passport.id, "number": "BR-7788"},
                {"partner_id": boris.id, "type_id": passport.id, "number": "12"},
            ]
        )
        message = doc_a.message_post(
            body="Checked AN-445566 at the counter",
            subject="You have been assigned to Passport AN-445566",
        )
        tracking = self.env["mail.tracking.value"].create(
            {
                "field_id": self.env["ir.model.fields"]
                ._get("crm.personal.document", "number")
                .id,
                "old_value_char": "AN-445565",
                "new_value_char": "AN-445566",
                "mail_message_id": message.id,
            }
        )
        activity = doc_a.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Passport AN-445566 expires on 2027-03-31",
            note="<p>Renew AN-445566</p>",
        )
        short = doc_short.message_post(body="Page 12 of 120")
        self.env.flush_all()

        # The shape of 18.0.2.0.0.
        cr.execute(
            "ALTER TABLE crm_personal_document ALTER COLUMN company_id DROP NOT NULL"
        )
        cr.execute(
            "UPDATE crm_personal_document SET name = 'Passport ' || number, "
            "company_id = CASE WHEN id = %s THEN company_id END WHERE id = ANY(%s)",
            [doc_short.id, [doc_a.id, doc_b.id, doc_short.id]],
        )
        cr.execute(
            "UPDATE mail_message SET record_name = 'Passport AN-445566' WHERE id = %s",
            [message.id],
        )
        cr.execute(
            "UPDATE mail_activity SET res_name = 'Passport AN-445566' WHERE id = %s",
            [activity.id],
        )
        self.env.invalidate_all()
        self.assertFalse(doc_a.company_id)

        load_migration("18.0.3.0.0", "pre-migrate").migrate(cr, "18.0.2.0.0")
        load_migration("18.0.3.0.0", "post-migrate").migrate(cr, "18.0.2.0.0")
        self.env.invalidate_all()

        self.assertEqual(doc_a.company_id, holder_company)
        self.assertEqual(doc_b.company_id, self.env.ref("base.main_company"))
        self.assertEqual(doc_short.company_id, self.env.company)
        self.assertEqual(doc_a.name, "Passport – Ana")
        self.assertEqual(doc_short.name, "Passport – Boris")
        self.assertEqual(message.record_name, "Passport – Ana")
        self.assertEqual(message.subject, "You have been assigned to Passport ***")
        self.assertIn("Checked *** at the counter", message.body)
        self.assertFalse(tracking.exists())
        self.assertEqual(activity.res_name, "Passport – Ana")
        self.assertEqual(activity.summary, "Passport *** expires on 2027-03-31")
        self.assertNotIn("AN-445566", activity.note)
        self.assertIn("Page 12 of 120", short.body, "too short a number to mask")
        cr.execute(
            "SELECT count(*) FROM crm_personal_document WHERE company_id IS NULL"
        )
        self.assertEqual(cr.fetchone()[0], 0)

    def test_18_0_3_0_0_leaves_new_databases(self):
        """On installation (no version) the scripts change nothing."""
        doc = self.env["crm.personal.document"].create(
            {
                "partner_id": self.company_partner.id,
                "type_id": self.env.ref("crm_counterparty.document_type_id_card").id,
                "number": "645123987",
                "expiry_date": date(2031, 3, 1),
            }
        )
        self.env.flush_all()
        for name in ("pre-migrate", "post-migrate"):
            load_migration("18.0.3.0.0", name).migrate(self.env.cr, None)
        self.env.invalidate_all()
        self.assertEqual(doc.name, "ID Card – Balkan Trade OOD")
        self.assertEqual(doc.company_id, self.env.company)

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
        load_migration("18.0.3.0.0", "post-phone-format").migrate(
            self.env.cr, "18.0.2.0.0"
        )
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
        load_migration("18.0.3.0.0", "post-phone-format").migrate(self.env.cr, None)
        self.assertEqual(customer.phone, "+35929812345")


class TestKindFlagsMigration(CounterpartyCase):
    def test_18_0_3_0_0_repairs_kind_flags(self):
        """Partners given a kind behind the ORM by 18.0.2.0.0's installation,
        their stored flags left false, get flags that agree with their kinds;
        a flag without its kind is cleared."""
        migration = load_migration("18.0.3.0.0", "post-kind-flags")
        both = self.Partner.create(
            {
                "name": "Customer and Supplier",
                "counterparty_kind_ids": [
                    Command.set((self.kind_customer | self.kind_supplier).ids)
                ],
            }
        )
        none = self.Partner.create({"name": "No Kind"})
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE res_partner SET is_customer_counterparty = false,
                      is_supplier_counterparty = false WHERE id = %s""",
            [both.id],
        )
        self.env.cr.execute(
            "UPDATE res_partner SET is_bank_counterparty = true WHERE id = %s",
            [none.id],
        )
        self.Partner.invalidate_model()
        migration.migrate(self.env.cr, "18.0.2.0.0")
        self.Partner.invalidate_model()
        self.assertTrue(both.is_customer_counterparty)
        self.assertTrue(both.is_supplier_counterparty)
        self.assertFalse(both.is_bank_counterparty)
        self.assertFalse(none.is_bank_counterparty)


class TestRankMigration(CounterpartyCase):
    def _old_shape(self, partner, kinds, flags=False, **ranks):
        """``partner`` as 18.0.3.0.0 could leave it, written past the ORM:
        these kind rows, ranks and customer and supplier flags."""
        self.env.flush_all()
        self.env.cr.execute(
            "DELETE FROM res_partner_counterparty_kind_rel WHERE partner_id = %s",
            [partner.id],
        )
        for kind in kinds:
            self.env.cr.execute(
                "INSERT INTO res_partner_counterparty_kind_rel VALUES (%s, %s)",
                [partner.id, kind.id],
            )
        self.env.cr.execute(
            """UPDATE res_partner
                  SET customer_rank = %s, supplier_rank = %s,
                      is_customer_counterparty = %s, is_supplier_counterparty = %s
                WHERE id = %s""",
            [
                ranks.get("customer_rank", 0),
                ranks.get("supplier_rank", 0),
                flags,
                flags,
                partner.id,
            ],
        )
        self.env.invalidate_all()

    def test_18_0_4_0_0_ranks_decide(self):
        """From 18.0.3.0.0: customers with a kind but no flag, their contacts
        without kinds and Odoo's customers without kinds get the kinds and
        flags of their ranks; a bank keeps no rank its bills gave it unless
        it has the kind; a kind without a rank gets rank 1."""
        Partner = self.Partner
        deco = Partner.create({"name": "Deco", "is_company": True})
        deco_contact = Partner.create({"name": "Deco Buyer", "parent_id": deco.id})
        azure = Partner.create({"name": "Azure", "is_company": True})
        bank = Partner.create({"name": "Bank", "is_company": True})
        bank_supplier = Partner.create({"name": "Supplying Bank", "is_company": True})
        by_hand = Partner.create({"name": "By Hand", "is_company": True})
        plain = Partner.create({"name": "Plain", "is_company": True})
        self._old_shape(deco, self.kind_customer, customer_rank=8)
        self._old_shape(deco_contact, [])
        self._old_shape(azure, [], customer_rank=3, supplier_rank=4)
        self._old_shape(bank, self.kind_bank, supplier_rank=2)
        self._old_shape(
            bank_supplier,
            self.kind_bank | self.kind_supplier,
            flags=True,
            supplier_rank=3,
        )
        self._old_shape(by_hand, self.kind_supplier)
        self._old_shape(plain, [])

        load_migration("18.0.4.0.0", "post-migrate").migrate(self.env.cr, "18.0.3.0.0")
        self.env.invalidate_all()

        self.assertRanks(deco, customer=True, supplier=False)
        self.assertRanks(deco_contact, customer=True, supplier=False)
        self.assertEqual(deco.customer_rank, 8)
        self.assertRanks(azure, customer=True, supplier=True)
        self.assertEqual((azure.customer_rank, azure.supplier_rank), (3, 4))
        self.assertRanks(bank, customer=False, supplier=False)
        self.assertEqual(bank.counterparty_kind_ids, self.kind_bank)
        self.assertRanks(bank_supplier, customer=False, supplier=True)
        self.assertEqual(bank_supplier.supplier_rank, 3)
        self.assertRanks(by_hand, customer=False, supplier=True)
        self.assertEqual(by_hand.supplier_rank, 1)
        self.assertRanks(plain, customer=False, supplier=False)

    def test_18_0_4_0_0_fresh_install_runs_nothing(self):
        """On a new installation (no version) the script changes nothing."""
        bank = self.Partner.create({"name": "Bank", "is_company": True})
        self._old_shape(bank, self.kind_bank, supplier_rank=2)
        load_migration("18.0.4.0.0", "post-migrate").migrate(self.env.cr, None)
        self.assertEqual(bank.supplier_rank, 2)
