from odoo import Command
from odoo.tests import Form, tagged

from odoo.addons.crm_counterparty.hooks import post_init_hook

from .common import DocumentCase


@tagged("post_install", "-at_install")
class TestRanks(DocumentCase):
    """Every way a partner becomes a customer or a supplier leaves its
    commercial partner's rank, its kind row and its stored flag in step."""

    def _partner(self, name, kinds=None, **vals):
        if kinds:
            vals["counterparty_kind_ids"] = [Command.set(kinds.ids)]
        return self.Partner.create({"name": name, "is_company": True, **vals})

    def _contact(self, company, name="Contact Person"):
        return self.Partner.create({"name": name, "parent_id": company.id})

    def test_data_file_with_rank(self):
        """A partner loaded as a data file loads it (Odoo's demo customers and
        vendors), with a rank and no kind, is a customer (a supplier), and so
        are its contacts."""
        customer, vendor = self.Partner._load_records(
            [
                {
                    "xml_id": "crm_counterparty.test_rank_demo_customer",
                    "values": {
                        "name": "Demo Customer",
                        "is_company": True,
                        "customer_rank": 3,
                    },
                },
                {
                    "xml_id": "crm_counterparty.test_rank_demo_vendor",
                    "values": {
                        "name": "Demo Vendor",
                        "is_company": True,
                        "supplier_rank": 1,
                    },
                },
            ]
        )
        contact = self._contact(customer)
        self.assertRanks(customer, customer=True, supplier=False)
        self.assertRanks(vendor, customer=False, supplier=True)
        self.assertRanks(contact, customer=True, supplier=False)

    def test_posted_invoice_or_bill(self):
        """Posting a customer invoice makes the partner a customer, posting a
        vendor bill a supplier; drafts do neither."""
        for move_type, customer in (("out_invoice", True), ("in_invoice", False)):
            with self.subTest(move_type=move_type):
                company = self._partner(f"Partner of an {move_type}")
                move = self._move(move_type, company, 100.0, post=False)
                self.assertRanks(company, customer=False, supplier=False)
                move.action_post()
                self.assertRanks(company, customer=customer, supplier=not customer)

    def test_contact_invoice_makes_company_customer(self):
        """An invoice to a contact makes its company a customer, shown on all
        the company's contacts: the company's rank decides."""
        company = self._partner("Parent Co")
        buyer = self._contact(company, "Buyer")
        colleague = self._contact(company, "Colleague")
        self._move("out_invoice", buyer, 100.0)
        self.assertGreaterEqual(company.customer_rank, 1)
        for partner in company | buyer | colleague:
            self.assertRanks(partner, customer=True, supplier=False)

    def test_kind_by_hand_in_form(self):
        """Adding the customer kind in the form makes the partner a customer
        with rank 1, its contacts too; removing it sets the rank to 0, even
        when the form recomputes the kinds before it is saved."""
        company = self._partner("Hand Co")
        contact = self._contact(company)
        with Form(company) as form:
            form.counterparty_kind_ids.add(self.kind_customer)
        self.assertEqual(company.customer_rank, 1)
        self.assertRanks(company, customer=True, supplier=False)
        self.assertRanks(contact, customer=True, supplier=False)
        self._move("out_invoice", company, 100.0)
        self.assertEqual(company.customer_rank, 2, "Odoo's documents still count")
        with Form(company) as form:
            form.counterparty_kind_ids.remove(id=self.kind_customer.id)
            form.company_type = "person"
            form.company_type = "company"
            self.assertNotIn(self.kind_customer, form.counterparty_kind_ids)
        self.assertEqual(company.customer_rank, 0)
        self.assertRanks(company, customer=False, supplier=False)
        self.assertRanks(contact, customer=False, supplier=False)

    def test_kind_chosen_in_new_form_survives_its_onchanges(self):
        """A kind chosen in the form of a new partner stays when the form
        recomputes the kinds (company or person), and saving it sets the
        rank."""
        with Form(self.Partner) as form:
            form.name = "Form Supplier"
            form.company_type = "company"
            form.counterparty_kind_ids.add(self.kind_supplier)
            form.company_type = "person"
            form.company_type = "company"
            self.assertIn(self.kind_supplier, form.counterparty_kind_ids)
        self.assertEqual(form.record.supplier_rank, 1)
        self.assertRanks(form.record, customer=False, supplier=True)

    def test_created_from_order_partner_field(self):
        """A partner created in the form opened from a sale order's customer
        field (a bill's vendor field), which gives Odoo's rank on creation,
        shows the customer (supplier) kind and is one when saved."""
        for mode, customer in (("customer", True), ("supplier", False)):
            with self.subTest(mode=mode):
                Partner = self.Partner.with_context(res_partner_search_mode=mode)
                with Form(Partner) as form:
                    form.name = f"Walk-in {mode}"
                    self.assertEqual(len(form.counterparty_kind_ids), 1)
                self.assertRanks(form.record, customer=customer, supplier=not customer)

    def test_import(self):
        """An import with a rank column, or with a kind column, makes
        customers and suppliers whose rank, kind and flag agree."""
        result = self.Partner.load(
            ["name", "is_company", "customer_rank"], [["Imported Customer", "1", "4"]]
        )
        self.assertFalse(result["messages"])
        customer = self.Partner.browse(result["ids"])
        self.assertRanks(customer, customer=True, supplier=False)
        result = self.Partner.load(
            ["name", "counterparty_kind_ids"], [["Imported Supplier", "Supplier"]]
        )
        self.assertFalse(result["messages"])
        supplier = self.Partner.browse(result["ids"])
        self.assertEqual(supplier.supplier_rank, 1)
        self.assertRanks(supplier, customer=False, supplier=True)
        # A later import of the rank alone takes the kind away again.
        result = self.Partner.load([".id", "customer_rank"], [[str(customer.id), "0"]])
        self.assertFalse(result["messages"])
        self.assertRanks(customer, customer=False, supplier=False)

    def test_installation_on_existing_data(self):
        """Installed on a database of Odoo's customers and vendors (ranks, no
        kinds, no flags), the installation gives them and their contacts the
        kinds and flags, through the ORM."""
        customer = self._partner("Old Customer")
        contact = self._contact(customer)
        vendor = self._partner("Old Vendor")
        partners = customer | contact | vendor
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET customer_rank = 3 WHERE id = %s", [customer.id]
        )
        self.env.cr.execute(
            "UPDATE res_partner SET supplier_rank = 2 WHERE id = %s", [vendor.id]
        )
        self.env.cr.execute(
            """UPDATE res_partner SET is_customer_counterparty = false,
                      is_supplier_counterparty = false WHERE id = ANY(%s)""",
            [partners.ids],
        )
        self.env.cr.execute(
            "DELETE FROM res_partner_counterparty_kind_rel WHERE partner_id = ANY(%s)",
            [partners.ids],
        )
        self.env.invalidate_all()
        post_init_hook(self.env)
        self.env.invalidate_all()
        self.assertRanks(customer, customer=True, supplier=False)
        self.assertRanks(contact, customer=True, supplier=False)
        self.assertRanks(vendor, customer=False, supplier=True)
        self.assertIn(
            contact, self.Partner.search([("is_customer_counterparty", "=", True)])
        )
        self.assertEqual(customer.customer_rank, 3, "ranks are kept")

    def test_created_with_kinds(self):
        """A partner created with kinds (a data file, a script) gets their
        ranks; given a rank too, the kinds decide."""
        both = self._partner("Both Co", self.kind_customer | self.kind_supplier)
        self.assertEqual((both.customer_rank, both.supplier_rank), (1, 1))
        self.assertRanks(both, customer=True, supplier=True)
        customs = self._partner("Customs Office", self.kind_agency, supplier_rank=1)
        self.assertEqual(customs.supplier_rank, 0)
        self.assertRanks(customs, customer=False, supplier=False)

    def test_bank_vendor_bill_stays_bank(self):
        """A vendor bill of a bank, or an invoice to an agency, leaves it what
        it is: no rank, no kind, no flag. A user may still make the bank a
        supplier, and then its bills count."""
        bank = self._partner("Sofia Savings Bank", self.kind_bank)
        teller = self._contact(bank, "Teller")
        agency = self._partner("National Revenue Agency", self.kind_agency)
        self._move("in_invoice", teller, 10.0)
        self._move("in_invoice", bank, 10.0)
        self._move("out_invoice", agency, 5.0)
        self.assertEqual(bank.supplier_rank, 0)
        self.assertEqual(bank.counterparty_kind_ids, self.kind_bank)
        self.assertEqual(teller.counterparty_kind_ids, self.kind_bank)
        self.assertEqual(agency.counterparty_kind_ids, self.kind_agency)
        self.assertRanks(bank, customer=False, supplier=False)
        self.assertRanks(teller, customer=False, supplier=False)
        self.assertRanks(agency, customer=False, supplier=False)
        bank.counterparty_kind_ids = [Command.link(self.kind_supplier.id)]
        self.assertRanks(bank, customer=False, supplier=True)
        self._move("in_invoice", bank, 10.0)
        self.assertEqual(bank.supplier_rank, 2)
        self.assertRanks(teller, customer=False, supplier=True)

    def test_copy_keeps_kinds(self):
        """A copy of a supplier (Odoo does not copy ranks) is a supplier; a
        copy of a bank is a bank."""
        supplier = self._partner("Copied Supplier", supplier_rank=4)
        bank = self._partner("Copied Bank", self.kind_bank)
        supplier_copy, bank_copy = supplier.copy(), bank.copy()
        self.assertEqual(supplier_copy.supplier_rank, 1)
        self.assertRanks(supplier_copy, customer=False, supplier=True)
        self.assertEqual(bank_copy.counterparty_kind_ids, self.kind_bank)

    def test_profile_follows_rank(self):
        """With a field template on the customer kind, a partner its invoice
        makes a customer gets the customer profile; a rank set back to 0 (as
        by an import) takes it away."""
        self.kind_customer.properties_definition = [
            {"name": "segment", "type": "char", "string": "Segment"}
        ]
        company = self._partner("Templated Co")
        self._move("out_invoice", company, 100.0)
        self.assertEqual(company.counterparty_profile_ids.kind_id, self.kind_customer)
        company.customer_rank = 0
        self.assertFalse(company.counterparty_profile_ids)

    def _queries_to_create(self, count, kinds):
        vals_list = [
            {
                "name": f"Batch Partner {index}",
                "is_company": True,
                "counterparty_kind_ids": [Command.set(kinds.ids)],
            }
            for index in range(count)
        ]
        self.env.flush_all()
        start = self.env.cr.sql_log_count
        self.Partner.create(vals_list)
        self.env.flush_all()
        return self.env.cr.sql_log_count - start

    def test_create_many_with_kind_batched(self):
        """Creating 50 partners with the supplier kind issues no query per
        partner beyond those of creating them without a kind."""
        no_kind = self.env["crm.counterparty.kind"]
        self._queries_to_create(2, self.kind_supplier)  # warm the caches
        self._queries_to_create(2, no_kind)
        extra_for_one = self._queries_to_create(1, self.kind_supplier) - (
            self._queries_to_create(1, no_kind)
        )
        extra_for_fifty = self._queries_to_create(50, self.kind_supplier) - (
            self._queries_to_create(50, no_kind)
        )
        self.assertLessEqual(extra_for_fifty, extra_for_one)

    def test_create_with_kind_writes_rank_in_insert(self):
        """A company created with the customer kind (as a converted lead) has
        its rank in its insert: no second update of the rank, no search of
        its contacts, a fixed small cost over a company with no kind (Odoo's
        own lead conversion counts its queries)."""
        no_kind = self.env["crm.counterparty.kind"]
        self._queries_to_create(2, self.kind_customer)  # warm the caches
        self._queries_to_create(2, no_kind)
        extra = self._queries_to_create(1, self.kind_customer) - (
            self._queries_to_create(1, no_kind)
        )
        # The relation row, the kind's profile search and its read.
        self.assertLessEqual(extra, 3)
        partner = self.Partner.create(
            {
                "name": "Converted Lead AD",
                "is_company": True,
                "counterparty_kind_ids": [Command.set(self.kind_customer.ids)],
            }
        )
        self.assertEqual(partner.customer_rank, 1)
        self.assertTrue(partner.is_customer_counterparty)
