from odoo.tests import Form, tagged

from .common import PipelineCase


@tagged("post_install", "-at_install")
class TestConversion(PipelineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source = cls.env["utm.source"].create({"name": "Trade Fair Plovdiv"})
        cls.campaign = cls.env["utm.campaign"].create({"name": "Spring 2025"})
        cls.medium = cls.env["utm.medium"].create({"name": "Booth"})

    def _lead(self, **values):
        vals = {
            "name": "Inquiry",
            "type": "lead",
            "team_id": self.team.id,
            "user_id": self.salesman_1.id,
            "partner_name": "Rila Water AD",
            "contact_name": "Petar Ivanov",
            "email_from": "petar@rilawater.example.com",
            "phone": "0888 123 456",
            "country_id": self.bg.id,
            "source_id": self.source.id,
            "campaign_id": self.campaign.id,
            "medium_id": self.medium.id,
        }
        vals.update(values)
        return self.Lead.create(vals)

    def _wizard(self, lead):
        return Form(
            self.env["crm.lead2opportunity.partner"].with_context(
                active_model="crm.lead", active_id=lead.id, active_ids=lead.ids
            )
        )

    def test_convert_creates_customer_counterparty(self):
        """A new account is a customer counterparty with its contact person
        and the lead's source, campaign and medium."""
        lead = self._lead(vat="BG 175 074 752")
        wizard = self._wizard(lead)
        self.assertEqual(wizard.action, "create")
        wizard.save().action_apply()
        contact = lead.partner_id
        account = contact.commercial_partner_id
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(contact.name, "Petar Ivanov")
        self.assertEqual(contact.parent_id, account)
        self.assertEqual(account.name, "Rila Water AD")
        self.assertTrue(account.is_company)
        self.assertIn(self.kind_customer, account.counterparty_kind_ids)
        self.assertEqual(account.vat, "BG175074752")
        self.assertEqual(account.source_id, self.source)
        self.assertEqual(account.campaign_id, self.campaign)
        self.assertEqual(account.medium_id, self.medium)
        self.assertEqual(contact.phone, "0888 123 456", "kept as the lead has it")
        self.assertEqual(contact.phone_sanitized, "+359888123456")

    def test_convert_keeps_unreadable_phone(self):
        """A lead whose number cannot be read still converts: the contact
        person keeps the number as given, flagged to check."""
        lead = self._lead(phone="(355)-687-3262")
        self._wizard(lead).save().action_apply()
        contact = lead.partner_id
        self.assertIn(self.kind_customer, contact.counterparty_kind_ids)
        self.assertEqual(contact.phone, "(355)-687-3262")
        self.assertTrue(contact.phone_to_check)

    def test_deal_phone_reaches_counterparty_as_typed(self):
        """A number typed into a deal reaches its customer counterparty as
        Odoo propagates it; an unreadable one is flagged, not refused."""
        account = self._customer("Vitosha Tiles", phone="+359 2 981 2345")
        lead = self._lead(partner_id=account.id, phone="+359 2 981 2345")
        lead.phone = "call the front desk"
        self.assertEqual(account.phone, "call the front desk")
        self.assertTrue(account.phone_to_check)

    def test_duplicate_by_vat_proposed(self):
        """A counterparty with the lead's VAT is proposed instead of a new one,
        and gets the lead's contact person."""
        existing = self._customer("Rila Water (old name)", vat="BG175074752")
        lead = self._lead(
            vat="bg175074752", email_from="new@other.example.com", phone=False
        )
        wizard = self._wizard(lead)
        self.assertEqual(wizard.action, "exist")
        self.assertEqual(wizard.partner_id, existing)
        self.assertIn("VAT BG175074752", wizard.counterparty_match)
        count = self.Partner.search_count([("is_company", "=", True)])
        wizard.save().action_apply()
        self.assertEqual(
            self.Partner.search_count([("is_company", "=", True)]),
            count,
            "No second account is created",
        )
        self.assertEqual(lead.partner_id.commercial_partner_id, existing)
        self.assertEqual(lead.partner_id.name, "Petar Ivanov")
        self.assertEqual(existing.source_id, self.source, "Origin kept when empty")

    def test_duplicate_by_email_proposed(self):
        """A partner with the lead's e-mail is proposed."""
        existing = self._customer("Vitosha Foods", email="Petar@RilaWater.example.com")
        lead = self._lead(partner_name="Someone Else", phone=False)
        wizard = self._wizard(lead)
        self.assertEqual(wizard.partner_id, existing)
        self.assertIn("e-mail", wizard.counterparty_match)

    def test_duplicate_by_normalized_phone_proposed(self):
        """A partner whose E.164 phone matches the lead's local number is
        proposed."""
        existing = self._customer("Pirin Stone", phone="+359 888 123 456")
        self.assertEqual(existing.phone_sanitized, "+359888123456")
        lead = self._lead(email_from=False, phone="0888/123-456", partner_name="X")
        wizard = self._wizard(lead)
        self.assertEqual(wizard.action, "exist")
        self.assertEqual(wizard.partner_id, existing)
        self.assertIn("+359888123456", wizard.counterparty_match)

    def test_existing_supplier_becomes_customer(self):
        """Linking a lead to a supplier adds the customer kind and keeps the
        supplier kind."""
        supplier = self.Partner.create(
            {
                "name": "Struma Metals",
                "is_company": True,
                "vat": "BG175074752",
                "counterparty_kind_ids": [(4, self.kind_supplier.id)],
            }
        )
        lead = self._lead(vat="BG175074752", contact_name=False)
        self._wizard(lead).save().action_apply()
        self.assertEqual(lead.partner_id, supplier)
        self.assertEqual(
            supplier.counterparty_kind_ids, self.kind_supplier | self.kind_customer
        )
