from datetime import date, datetime, time, timedelta

from odoo.modules.migration import load_script
from odoo.tests import tagged
from odoo.tools import SQL

from .common import HoldingCase

#: Struma Foods leaves Rila Holding on 30 June 2024 and joins Pirin Holding
#: on 1 July 2024; its dairy has been its member since 2023.
FIRST_DAY = date(2023, 1, 1)
MOVE_DAY = date(2024, 7, 1)
EARLY = date(2022, 5, 10)
BEFORE = date(2024, 3, 15)
AFTER = date(2024, 9, 15)

DOCUMENT_MODELS = ("sale.order", "purchase.order", "account.move", "account.payment")


def noon(day):
    return datetime.combine(day, time(12, 0))


@tagged("post_install", "-at_install")
class TestDocumentHolding(HoldingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rila = cls._company("Rila Holding AD", cls.kind_holding)
        cls.pirin = cls._company("Pirin Holding AD", cls.kind_holding)
        cls.customer = cls._company("Struma Foods OOD")
        cls.dairy = cls._company("Struma Dairy EOOD")
        cls.m_rila = cls._member(
            cls.customer,
            cls.rila,
            date_start=FIRST_DAY,
            date_end=MOVE_DAY - timedelta(days=1),
        )
        cls.m_pirin = cls._member(cls.customer, cls.pirin, date_start=MOVE_DAY)
        cls.m_dairy = cls._member(cls.dairy, cls.customer, date_start=FIRST_DAY)

    @classmethod
    def _documents(cls, partner, day):
        """A quotation, a request for quotation, an invoice, a vendor bill and
        a customer payment of ``partner`` dated ``day``."""
        return {
            "sale": cls._sale(partner, 10.0, date_order=noon(day)),
            "purchase": cls._purchase(
                partner, 10.0, confirm=False, date_order=noon(day)
            ),
            "invoice": cls._move("out_invoice", partner, 10.0, post=False, due=day),
            "bill": cls._move("in_invoice", partner, 10.0, post=False, due=day),
            "payment": cls._payment("inbound", partner, 10.0, date=day),
        }

    def assertHolding(self, documents, holding, msg=None):
        for name, document in documents.items():
            self.assertEqual(document.holding_id, holding, f"{msg or ''} {name}")

    def _all_documents(self, partners):
        return [
            self.env[model].search([("partner_id", "in", partners.ids)])
            for model in DOCUMENT_MODELS
        ]

    # ------------------------------------------------------------------
    # The rule
    # ------------------------------------------------------------------

    def test_documents_carry_the_holding_of_their_date(self):
        """Documents before the move carry the old holding, documents from the
        move on the new one, and documents before any membership none."""
        before = self._documents(self.customer, BEFORE)
        on_the_day = self._documents(self.customer, MOVE_DAY)
        after = self._documents(self.customer, AFTER)
        early = self._documents(self.customer, EARLY)
        self.assertHolding(before, self.rila, "before")
        self.assertHolding(on_the_day, self.pirin, "on the day")
        self.assertHolding(after, self.pirin, "after")
        self.assertHolding(early, self.Partner, "before any membership")
        self.assertEqual(before["payment"].move_id.holding_id, self.rila)
        # The dossier keeps today's tree.
        self.assertEqual(self.customer.holding_id, self.pirin)
        self.assertEqual(self.rila.holding_member_ids, self.Partner)

    def test_members_below_follow_their_parent(self):
        """A member's documents carry the holding above its parent on their
        date; a contact's documents those of its company."""
        contact = self.Partner.create(
            {"name": "Elena Petrova", "parent_id": self.dairy.id}
        )
        self.assertHolding(self._documents(self.dairy, BEFORE), self.rila)
        self.assertHolding(self._documents(contact, BEFORE), self.rila)
        self.assertHolding(self._documents(self.dairy, AFTER), self.pirin)
        self.assertHolding(self._documents(self.dairy, EARLY), self.Partner)

    def test_a_top_carries_itself_while_it_has_members(self):
        """A holding's own documents carry the holding on the days it has
        members, none on the other days."""
        self.assertHolding(self._documents(self.rila, BEFORE), self.rila)
        self.assertHolding(self._documents(self.rila, AFTER), self.Partner)
        self.assertHolding(self._documents(self.pirin, BEFORE), self.Partner)
        self.assertHolding(self._documents(self.pirin, AFTER), self.pirin)

    def test_document_date_and_partner_changes(self):
        """Changing a document's date or partner recomputes its holding; a
        purchase order counts from its confirmation."""
        order = self._sale(self.customer, 10.0, date_order=noon(BEFORE))
        invoice = self._move("out_invoice", self.customer, 10.0, post=False, due=BEFORE)
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.customer.id,
                "amount": 10.0,
                "date": BEFORE,
            }
        )
        self.assertHolding(
            {"sale": order, "invoice": invoice, "payment": payment}, self.rila
        )
        order.date_order = noon(AFTER)
        invoice.invoice_date = AFTER
        payment.date = AFTER
        self.assertHolding(
            {"sale": order, "invoice": invoice, "payment": payment}, self.pirin
        )
        order.partner_id = self._company("Loner Trading OOD")
        self.assertFalse(order.holding_id)

        purchase = self._purchase(
            self.customer, 10.0, confirm=False, date_order=noon(BEFORE)
        )
        self.assertEqual(purchase.holding_id, self.rila, "the order date")
        purchase.button_confirm()
        self.assertEqual(purchase.holding_id, self.pirin, "the confirmation date")

        bill = self.env["account.move"].create(
            {"move_type": "in_invoice", "partner_id": self.customer.id, "date": BEFORE}
        )
        self.assertFalse(bill.invoice_date)
        self.assertEqual(bill.holding_id, self.rila, "the accounting date")

    # ------------------------------------------------------------------
    # Memberships change
    # ------------------------------------------------------------------

    def test_editing_a_membership_reattributes_documents(self):
        """Moving the start of a membership, its end or its parent
        re-attributes the documents of the member and of its members."""
        documents = {
            "customer": self._documents(self.customer, AFTER),
            "dairy": self._documents(self.dairy, AFTER),
        }
        before = self._documents(self.customer, BEFORE)
        self.m_pirin.date_start = AFTER + timedelta(days=1)
        for name, docs in documents.items():
            self.assertHolding(docs, self.customer, f"{name}: top of its own tree")
        self.m_rila.date_end = AFTER
        for name, docs in documents.items():
            self.assertHolding(docs, self.rila, f"{name}: membership extended")
        self.assertHolding(before, self.rila)

        self.m_rila.date_end = MOVE_DAY - timedelta(days=1)
        self.m_pirin.date_start = MOVE_DAY
        balkan = self._company("Balkan Group AD")
        self.m_pirin.parent_id = balkan
        for name, docs in documents.items():
            self.assertHolding(docs, balkan, f"{name}: new parent")
        self.assertHolding(before, self.rila)
        self.assertHolding(self._documents(self.pirin, AFTER), self.Partner)

    def test_a_holding_joining_another(self):
        """When a holding joins a group, the documents of its tree dated from
        then on carry the group."""
        group = self._company("Balkan Group AD")
        documents = self._documents(self.dairy, AFTER)
        self._member(self.pirin, group, date_start=AFTER)
        self.assertHolding(documents, group)
        self.assertHolding(self._documents(self.dairy, MOVE_DAY), self.pirin)

    def test_deleting_a_membership(self):
        """Deleting a membership takes the documents of its dates out of the
        holding; the member stays the top of its own members."""
        customer = self._documents(self.customer, AFTER)
        dairy = self._documents(self.dairy, AFTER)
        pirin = self._documents(self.pirin, AFTER)
        self.m_pirin.unlink()
        self.assertHolding(customer, self.customer)
        self.assertHolding(dairy, self.customer)
        self.assertHolding(pirin, self.Partner, "no members any more")
        self.m_dairy.unlink()
        self.assertHolding(customer, self.Partner)
        self.assertHolding(dairy, self.Partner)

    # ------------------------------------------------------------------
    # Batches
    # ------------------------------------------------------------------

    def _dated_orders(self, count):
        """Sale orders of the companies of the tree, a week apart around the
        move, with the holding each should carry."""
        partners = (self.customer, self.dairy, self.rila, self.pirin)
        expected = {
            self.customer: lambda day: self.rila if day < MOVE_DAY else self.pirin,
            self.dairy: lambda day: self.rila if day < MOVE_DAY else self.pirin,
            self.rila: lambda day: self.rila if day < MOVE_DAY else self.Partner,
            self.pirin: lambda day: self.Partner if day < MOVE_DAY else self.pirin,
        }
        days = [FIRST_DAY + timedelta(days=7 * index) for index in range(count)]
        orders = self.env["sale.order"].create(
            [
                {"partner_id": partners[index % 4].id, "date_order": noon(day)}
                for index, day in enumerate(days)
            ]
        )
        return orders, [
            expected[partners[index % 4]](day) for index, day in enumerate(days)
        ]

    def _queries(self, function):
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        function()
        return self.env.cr.sql_log_count - start

    def test_compute_is_batched(self):
        """Computing the holding of 100 documents takes as many queries as for
        10."""
        orders, expected = self._dated_orders(100)
        self.env.flush_all()
        field = orders._fields["holding_id"]
        queries_10 = self._queries(lambda: field.compute_value(orders[:10]))
        queries_100 = self._queries(lambda: field.compute_value(orders))
        self.assertEqual(queries_10, queries_100)
        self.assertLessEqual(queries_100, 4)
        self.assertEqual(self._holdings(orders), expected)

    def test_membership_change_is_batched(self):
        """Moving a company re-attributes 100 documents with as many queries
        as 10."""
        warm_up = self._company("Vitosha Bakery OOD")
        small = self._company("Osogovo Mills OOD")
        large = self._company("Sakar Dairy OOD")
        memberships = {
            partner: self._member(partner, self.pirin, date_start=AFTER)
            for partner in (warm_up, small, large)
        }
        for partner, count in ((warm_up, 10), (small, 10), (large, 100)):
            self.env["sale.order"].create(
                [
                    {"partner_id": partner.id, "date_order": noon(MOVE_DAY)}
                    for __ in range(count)
                ]
            )
        self.env.flush_all()

        def move(partner):
            memberships[partner].date_start = MOVE_DAY
            self.env.flush_all()

        self._queries(lambda: move(warm_up))
        self.assertEqual(
            self._queries(lambda: move(small)), self._queries(lambda: move(large))
        )
        orders = self.env["sale.order"].search([("partner_id", "=", large.id)])
        self.assertEqual(len(orders), 100)
        self.assertEqual(orders.holding_id, self.pirin)

    # ------------------------------------------------------------------
    # Upgrade to 18.0.2
    # ------------------------------------------------------------------

    def _make_old_shape(self):
        """What 18.0.1 stored: the holding of today's tree on every document
        (a field related to the partner's holding)."""
        self.env.flush_all()
        for table in ("sale_order", "purchase_order", "account_payment"):
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE %s doc
                       SET holding_id = company.holding_id
                      FROM res_partner partner
                      JOIN res_partner company
                        ON company.id = partner.commercial_partner_id
                     WHERE partner.id = doc.partner_id
                    """,
                    SQL.identifier(table),
                )
            )
        self.env.cr.execute(
            """
            UPDATE account_move doc
               SET holding_id = company.holding_id
              FROM res_partner company
             WHERE company.id = doc.commercial_partner_id
            """
        )
        self.env.invalidate_all()

    @staticmethod
    def _holdings(records):
        return [record.holding_id for record in records]

    def _stored_holdings(self, documents):
        self.env.invalidate_all()
        return [
            (document, document.holding_id)
            for records in documents
            for document in records
        ]

    def test_upgrade_recomputes_documents(self):
        """The upgrade to 18.0.2 gives documents stored with today's holding
        the holding of their date; on a fresh install it does nothing."""
        expected = {}
        for partner, day, holding in (
            (self.customer, BEFORE, self.rila),
            (self.customer, AFTER, self.pirin),
            (self.customer, EARLY, self.Partner),
            (self.dairy, BEFORE, self.rila),
            (self.rila, BEFORE, self.rila),
            (self.rila, AFTER, self.Partner),
            (self.pirin, BEFORE, self.Partner),
        ):
            for document in self._documents(partner, day).values():
                expected[document] = holding
                if document._name == "account.payment":
                    expected[document.move_id] = holding
        documents = self._all_documents(
            self.customer | self.dairy | self.rila | self.pirin
        )
        self.assertEqual(sum(len(records) for records in documents), len(expected))

        self._make_old_shape()
        old = self._stored_holdings(documents)
        self.assertEqual(
            {holding for document, holding in old if document.partner_id == self.dairy},
            {self.pirin},
            "18.0.1 stored today's holding",
        )

        script = load_script(
            "crm_holding/migrations/18.0.2.0.0/post-migrate.py",
            "crm_holding_post_migrate",
        )
        script.migrate(self.env.cr, None)
        self.assertEqual(self._stored_holdings(documents), old, "fresh install")

        script.migrate(self.env.cr, "18.0.1.0.0")
        for document, holding in self._stored_holdings(documents):
            self.assertEqual(holding, expected[document], document.display_name)
        # The same as the compute of the ORM gives.
        for records in documents:
            stored = self._holdings(records)
            self.env.invalidate_all()
            records._fields["holding_id"].compute_value(records)
            self.assertEqual(self._holdings(records), stored, records._name)

    def test_recompute_in_slices(self):
        """Recomputing every document in slices of a few ids gives each its
        holding."""
        orders, expected = self._dated_orders(20)
        self._make_old_shape()
        self.assertNotEqual(self._holdings(orders), expected)
        self.Membership._recompute_document_holdings(batch_size=3)
        self.assertEqual(self._holdings(orders), expected)
