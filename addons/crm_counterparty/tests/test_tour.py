import re

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSupplierDossierTour(HttpCase):
    def test_supplier_dossier_tour(self):
        """A user creates a supplier with a contact and a bank account in the
        web client."""
        self.start_tour(
            "/odoo/action-crm_counterparty.res_partner_action_supplier",
            "crm_counterparty_supplier_dossier",
            login="admin",
        )
        partner = self.env["res.partner"].search([("name", "=", "Tour Supplier Ltd")])
        self.assertEqual(len(partner), 1, "The tour creates exactly one supplier")
        self.assertTrue(partner.is_company)
        self.assertFalse(partner.parent_id)
        kind_supplier = self.env.ref("crm_counterparty.kind_supplier")
        self.assertIn(kind_supplier, partner.counterparty_kind_ids)
        self.assertTrue(partner.is_supplier_counterparty)
        self.assertGreaterEqual(partner.supplier_rank, 1)

        contact = partner.contact_person_ids
        self.assertEqual(len(contact), 1, "The supplier has one contact person")
        self.assertEqual(contact.name, "Ivan Petrov")
        self.assertEqual(contact.type, "contact")
        self.assertFalse(contact.is_company)
        self.assertEqual(contact.parent_id, partner)
        self.assertEqual(partner.child_ids, contact, "No other child was created")
        self.assertEqual(
            re.sub(r"\D", "", contact.phone or ""),
            "359881234567",
            "The contact person's phone is saved",
        )

        account = self.env["res.partner.bank"].search([("partner_id", "=", partner.id)])
        self.assertEqual(len(account), 1, "The supplier has one bank account")
        self.assertEqual(account, partner.bank_ids)
        self.assertEqual(account.sanitized_acc_number, "BG80BNBG96611020345678")
        self.assertEqual(account.acc_type, "iban")

        document = partner.personal_document_ids
        self.assertEqual(len(document), 1, "One personal document, added in a dialog")
        self.assertEqual(document.number, "PA-2026-17")
        self.assertEqual(
            document.type_id,
            self.env.ref("crm_counterparty.document_type_power_of_attorney"),
        )
