import base64

from lxml import etree

from odoo import Command
from odoo.tests import Form, new_test_user, tagged

from .common import CounterpartyCase


@tagged("post_install", "-at_install")
class TestDossier(CounterpartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env,
            login="cp_accountant",
            groups="base.group_user,crm_counterparty.group_counterparty_user,"
            "account.group_account_invoice",
        )

    def test_contact_persons_and_addresses(self):
        """Contact persons and addresses are separate tabs over the same children."""
        partner = self.company_partner
        person = self.Partner.create(
            {"name": "Petar", "parent_id": partner.id, "type": "contact"}
        )
        invoice = self.Partner.create(
            {"name": "Billing", "parent_id": partner.id, "type": "invoice"}
        )
        delivery = self.Partner.create(
            {"name": "Warehouse", "parent_id": partner.id, "type": "delivery"}
        )
        self.assertEqual(partner.contact_person_ids, person)
        self.assertEqual(partner.address_ids, invoice | delivery)

    def test_form_adds_contact_and_bank_account(self):
        """From the dossier tabs a user adds a contact person and an account."""
        partner = self.company_partner
        partner.counterparty_kind_ids = [Command.set(self.kind_supplier.ids)]
        with Form(partner.with_user(self.accountant)) as form:
            with form.contact_person_ids.new() as line:
                line.name = "Elena Georgieva"
                line.phone = "0888 123 456"
            with form.bank_ids.new() as line:
                line.acc_number = "BG80BNBG96611020345678"
        contact = partner.contact_person_ids
        self.assertEqual(contact.name, "Elena Georgieva")
        self.assertEqual(contact.type, "contact")
        self.assertEqual(contact.phone, "+359 88 812 3456")
        self.assertEqual(contact.phone_sanitized, "+359888123456")
        self.assertEqual(partner.bank_ids.acc_type, "iban")

    def test_log_call(self):
        """Logging a call leaves a done Call activity in the partner's events."""
        contact = self.Partner.create(
            {"name": "Dimitar", "parent_id": self.company_partner.id}
        )
        wizard = (
            self.env["crm.counterparty.log.call"]
            .with_user(self.cp_user)
            .create(
                {
                    "partner_id": self.company_partner.id,
                    "contact_id": contact.id,
                    "summary": "Price list",
                    "note": "<p>Asked for the 2027 price list.</p>",
                }
            )
        )
        wizard.action_log()
        messages = self.company_partner.event_message_ids
        call = messages.filtered(
            lambda m: m.mail_activity_type_id
            == self.env.ref("mail.mail_activity_data_call")
        )
        self.assertEqual(len(call), 1)
        self.assertIn("Price list (with Dimitar)", call.body)
        self.assertIn("2027 price list", call.body)
        self.assertFalse(self.company_partner.activity_ids)
        action = self.company_partner.action_log_call()
        self.assertEqual(action["res_model"], "crm.counterparty.log.call")

    def test_files_with_category(self):
        """Files attached to the partner carry a document category."""
        category = self.env.ref("crm_counterparty.document_category_certificate")
        attachment = self.env["ir.attachment"].create(
            {
                "name": "iso9001.pdf",
                "datas": base64.b64encode(b"%PDF-1.4 test"),
                "res_model": "res.partner",
                "res_id": self.company_partner.id,
                "crm_document_category_id": category.id,
            }
        )
        self.assertEqual(self.company_partner.document_attachment_ids, attachment)
        self.assertEqual(
            self.company_partner.document_attachment_ids.crm_document_category_id,
            category,
        )

    def test_linked_users(self):
        """Users of the company's contacts are listed in its dossier."""
        contact = self.Partner.create(
            {
                "name": "Portal Person",
                "parent_id": self.company_partner.id,
                "email": "pp@example.com",
            }
        )
        user = self.env["res.users"].create(
            {
                "name": "Portal Person",
                "login": "pp@example.com",
                "partner_id": contact.id,
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        self.assertEqual(self.company_partner.linked_user_ids, user)
        self.assertEqual(contact.linked_user_ids, user)

    def test_field_templates(self):
        """Each kind has a field template; partners of that kind fill it in."""
        self.kind_supplier.properties_definition = [
            {"name": "payment_terms_days", "string": "Payment days", "type": "integer"},
            {"name": "iso_certified", "string": "ISO certified", "type": "boolean"},
        ]
        partner = self.company_partner
        partner.counterparty_kind_ids = [
            Command.set((self.kind_supplier | self.kind_bank).ids)
        ]
        # Only kinds with a template need a profile.
        self.assertEqual(partner.counterparty_profile_ids.kind_id, self.kind_supplier)
        self.kind_bank.properties_definition = [
            {"name": "swift_member", "string": "SWIFT member", "type": "boolean"}
        ]
        profiles = partner.counterparty_profile_ids
        self.assertEqual(profiles.kind_id, self.kind_supplier | self.kind_bank)
        supplier_profile = profiles.filtered(lambda p: p.kind_id == self.kind_supplier)
        supplier_profile.properties = {"payment_terms_days": 45, "iso_certified": True}
        self.assertEqual(supplier_profile.properties["payment_terms_days"], 45)
        self.assertTrue(supplier_profile.has_properties)
        found = self.env["crm.counterparty.profile"].search(
            [("properties.payment_terms_days", "=", 45)]
        )
        self.assertEqual(found, supplier_profile)
        partner.counterparty_kind_ids = [Command.unlink(self.kind_bank.id)]
        self.assertEqual(partner.counterparty_profile_ids.kind_id, self.kind_supplier)

    def test_personal_document_count_batched(self):
        """Document counters of 5 or 50 partners cost the same queries."""
        doc_type = self.env.ref("crm_counterparty.document_type_id_card")

        def make(count):
            partners = self.Partner.create(
                [{"name": f"P{i}", "is_company": True} for i in range(count)]
            )
            self.env["crm.personal.document"].create(
                [
                    {"partner_id": p.id, "type_id": doc_type.id, "number": str(p.id)}
                    for p in partners
                ]
            )
            return partners

        few, many = make(5), make(50)
        few.invalidate_model()
        with self.assertQueryCount(__system__=2):
            few.mapped("personal_document_count")
        many.invalidate_model()
        with self.assertQueryCount(__system__=2):
            many.mapped("personal_document_count")
        self.assertEqual(set(many.mapped("personal_document_count")), {1})

    def test_bank_accounts_tab_follows_odoo_groups(self):
        """The dossier shows bank accounts only to the roles to which Odoo's
        own partner form shows ``bank_ids``: invoicing and accounting."""

        def dossier_arch(user):
            views = self.Partner.with_user(user).get_views([(False, "form")])
            return views["views"]["form"]["arch"]

        self.assertNotIn('name="dossier_bank_accounts"', dossier_arch(self.cp_user))
        self.assertNotIn("action_open_held_bank_accounts", dossier_arch(self.cp_user))
        self.assertIn('name="dossier_bank_accounts"', dossier_arch(self.accountant))
        self.assertIn("action_open_held_bank_accounts", dossier_arch(self.accountant))

    def test_rarely_used_lists_share_tabs(self):
        """The dossier's lists sit in few tabs, so that a customer's fit at
        1,600 px: persons, addresses and users under Contacts, personal
        documents with the files, bank accounts under Odoo's Invoicing, field
        templates under Internal Notes."""
        views = self.Partner.with_user(self.accountant).get_views([(False, "form")])
        doc = etree.fromstring(views["views"]["form"]["arch"])
        pages = [page.get("name") for page in doc.iter("page")]
        for merged in (
            "dossier_addresses",
            "dossier_users",
            "dossier_personal_documents",
            "dossier_bank_accounts",
            "dossier_field_templates",
        ):
            self.assertNotIn(merged, pages)
        for page, field in (
            ("dossier_contacts", "contact_person_ids"),
            ("dossier_contacts", "address_ids"),
            ("accounting", "bank_ids"),
        ):
            with self.subTest(field=field):
                self.assertTrue(
                    doc.xpath(f"//page[@name='{page}']//field[@name='{field}']"),
                    f"{field} is in the {page} tab",
                )
        # Lists read when their tab is shown (crm_dossier_list).
        for page, field in (
            ("dossier_files", "document_attachment_ids"),
            ("dossier_files", "personal_document_ids"),
            ("internal_notes", "counterparty_profile_ids"),
            ("dossier_contacts", "linked_user_ids"),
            ("accounting", "held_bank_account_ids"),
            ("dossier_events", "activity_ids"),
            ("dossier_events", "meeting_ids"),
            ("dossier_events", "event_message_ids"),
        ):
            with self.subTest(field=field):
                path = f"//page[@name='{page}']//widget[@name='crm_dossier_list']"
                self.assertTrue(doc.xpath(f"{path}[@field='{field}']"))
                self.assertFalse(doc.xpath(f"//field[@name='{field}']"))
