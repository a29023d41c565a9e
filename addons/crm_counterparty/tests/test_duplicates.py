from odoo.tests import Form, tagged

from .common import CounterpartyCase


@tagged("post_install", "-at_install")
class TestDuplicates(CounterpartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.original = cls.Partner.create(
            {
                "name": "Original EOOD",
                "is_company": True,
                "country_id": cls.bg.id,
                "vat": "BG175074752",
                "company_registry": "175074752",
                "phone": "+359 56 813 377",
                "email": "Office@Original.bg",
            }
        )

    def _new_partner_duplicates(self, **values):
        with Form(self.Partner) as form:
            form.name = "Newcomer"
            form.country_id = self.bg
            for field, value in values.items():
                setattr(form, field, value)
            duplicates = self.Partner.browse(
                record.id for record in form.duplicate_partner_ids
            )
        return duplicates

    def test_same_vat(self):
        """The form warns about a partner with the same VAT."""
        self.assertEqual(self._new_partner_duplicates(vat="BG175074752"), self.original)

    def test_same_registry(self):
        """The form warns about a partner with the same registry number."""
        self.assertEqual(
            self._new_partner_duplicates(company_registry="175074752"), self.original
        )

    def test_same_phone_written_otherwise(self):
        """Phones are compared once normalized."""
        partner = self.Partner.create(
            {"name": "Caller", "country_id": self.bg.id, "mobile": "056 813 377"}
        )
        self.assertEqual(partner.duplicate_partner_ids, self.original)

    def test_same_email_other_case(self):
        """E-mails are compared normalized."""
        partner = self.Partner.create({"name": "Mailer", "email": "office@original.BG"})
        self.assertEqual(partner.duplicate_partner_ids, self.original)

    def test_own_contacts_are_not_duplicates(self):
        """A contact of the same company sharing its phone is no duplicate."""
        contact = self.Partner.create(
            {
                "name": "Reception",
                "parent_id": self.original.id,
                "phone": "+359 56 813 377",
            }
        )
        self.assertFalse(contact.duplicate_partner_ids)
        self.assertFalse(self.original.duplicate_partner_ids)

    def test_no_duplicate(self):
        """Nothing in common, no warning; the action lists the duplicates."""
        partner = self.Partner.create({"name": "Unique", "email": "unique@example.com"})
        self.assertFalse(partner.duplicate_partner_ids)
        twin = self.Partner.create({"name": "Twin", "email": "office@original.bg"})
        action = twin.action_open_duplicates()
        self.assertEqual(self.Partner.search(action["domain"]), self.original)

    def test_batched_query_count(self):
        """The duplicate check costs the same for 5 or 50 partners."""

        def make(count, tag):
            return self.Partner.create(
                [
                    {
                        "name": f"{tag} {i}",
                        "email": f"{tag}{i}@example.com",
                        "vat": False,
                    }
                    for i in range(count)
                ]
            )

        few, many = make(5, "few"), make(50, "many")
        few.invalidate_model()
        with self.assertQueryCount(__system__=2):
            few.mapped("duplicate_partner_ids")
        many.invalidate_model()
        with self.assertQueryCount(__system__=2):
            many.mapped("duplicate_partner_ids")
