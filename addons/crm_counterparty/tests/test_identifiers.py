from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import CounterpartyCase


@tagged("post_install", "-at_install")
class TestIdentifiers(CounterpartyCase):
    def _assert_refused(self, vals, *fragments):
        """Creating a partner with ``vals`` is refused, the message names the
        field's value, and no partner is written."""
        name = vals.setdefault("name", "Refused Partner")
        with self.assertRaises(ValidationError) as caught:
            self.Partner.create(vals)
        for fragment in fragments:
            self.assertIn(fragment, str(caught.exception))
        self.assertFalse(
            self.Partner.with_context(active_test=False).search([("name", "=", name)])
        )
        return caught.exception

    def test_phone_stored_in_e164(self):
        """Phone and mobile are stored in E.164, read for the partner's country."""
        partner = self.Partner.create(
            {
                "name": "Sofia Phone",
                "country_id": self.bg.id,
                "phone": "02 981 2345",
                "mobile": "0888 123 456",
            }
        )
        self.assertEqual(partner.phone, "+35929812345")
        self.assertEqual(partner.mobile, "+359888123456")
        partner.write({"phone": "+359 2 981 2346"})
        self.assertEqual(partner.phone, "+35929812346")
        french = self.Partner.create(
            {
                "name": "Paris Phone",
                "country_id": self.env.ref("base.fr").id,
                "phone": "01 42 68 53 00",
            }
        )
        self.assertEqual(french.phone, "+33142685300")

    def test_phone_of_several_countries_in_one_write(self):
        """Writing one number on partners of two countries reads it for each."""
        fr = self.Partner.create(
            {"name": "FR", "country_id": self.env.ref("base.fr").id}
        )
        bg = self.Partner.create({"name": "BG", "country_id": self.bg.id})
        (fr | bg).write({"phone": "+33 1 42 68 53 00"})
        self.assertEqual(fr.phone, "+33142685300")
        self.assertEqual(bg.phone, "+33142685300")

    def test_bad_phone_refused(self):
        """A number that cannot be read is refused, naming the field and the value."""
        self._assert_refused(
            {"country_id": self.bg.id, "phone": "12345"}, "Phone", "12345"
        )
        self._assert_refused(
            {"country_id": self.bg.id, "mobile": "call me maybe"},
            "Mobile",
            "call me maybe",
        )
        partner = self.Partner.create({"name": "Keeps Old", "phone": "02 981 2345"})
        with self.assertRaises(ValidationError):
            partner.write({"phone": "999"})
        self.assertEqual(partner.phone, "+35929812345")

    def test_vat_checked_by_base_vat(self):
        """base_vat refuses a Bulgarian VAT with a wrong check digit."""
        self._assert_refused(
            {"country_id": self.bg.id, "vat": "BG175074753"}, "BG175074753"
        )
        partner = self.Partner.create(
            {"name": "Good VAT", "country_id": self.bg.id, "vat": "BG175074752"}
        )
        self.assertEqual(partner.vat, "BG175074752")

    def test_company_registry_checked(self):
        """A Bulgarian EIK/BULSTAT is checked by python-stdnum."""
        self._assert_refused(
            {
                "country_id": self.bg.id,
                "company_registry": "175074753",
                "is_company": True,
            },
            "175074753",
            "company registry",
        )
        self._assert_refused(
            {"country_id": self.bg.id, "company_registry": "12345", "is_company": True},
            "12345",
        )
        good = self.Partner.create(
            {
                "name": "EIK Ltd",
                "country_id": self.bg.id,
                "company_registry": " 175074752 ",
                "is_company": True,
            }
        )
        self.assertEqual(good.company_registry, "175074752")
        # Countries python-stdnum does not know are not checked.
        free = self.Partner.create(
            {
                "name": "Elsewhere",
                "country_id": self.env.ref("base.us").id,
                "company_registry": "ABC-1",
            }
        )
        self.assertEqual(free.company_registry, "ABC-1")

    def test_company_registry_checked_on_country_change(self):
        """Moving a partner to a checked country checks its registry number."""
        partner = self.Partner.create(
            {
                "name": "Mover",
                "country_id": self.env.ref("base.us").id,
                "company_registry": "ABC-1",
            }
        )
        with self.assertRaises(ValidationError):
            partner.write({"country_id": self.bg.id})
        self.assertEqual(partner.country_id, self.env.ref("base.us"))

    def test_eori(self):
        """EORI: a known country prefix and up to 15 letters or digits."""
        partner = self.Partner.create({"name": "Importer", "eori": "bg 175074752"})
        self.assertEqual(partner.eori, "BG175074752")
        self._assert_refused({"eori": "ZZ12345"}, "ZZ12345")
        self._assert_refused({"eori": "BG1234567890123456"}, "BG1234567890123456")
        self._assert_refused({"eori": "123456789"}, "123456789")
        contact = self.Partner.create({"name": "Its Contact", "parent_id": partner.id})
        self.assertEqual(contact.eori, "BG175074752")

    def test_iban(self):
        """An IBAN-looking number must be a valid IBAN; others stay free."""
        account = self.env["res.partner.bank"].create(
            {
                "acc_number": "bg80 bnbg 9661 1020 3456 78",
                "partner_id": self.company_partner.id,
            }
        )
        self.assertEqual(account.acc_type, "iban")
        with self.assertRaises(ValidationError) as caught:
            self.env["res.partner.bank"].create(
                {
                    "acc_number": "BG81BNBG96611020345678",
                    "partner_id": self.company_partner.id,
                }
            )
        self.assertIn("BG81BNBG96611020345678", str(caught.exception))
        self.assertEqual(
            self.env["res.partner.bank"].search_count(
                [("partner_id", "=", self.company_partner.id)]
            ),
            1,
        )
        local = self.env["res.partner.bank"].create(
            {"acc_number": "123-456789-01", "partner_id": self.company_partner.id}
        )
        self.assertEqual(local.acc_type, "bank")

    def test_form_phone_onchange(self):
        """In the form the number is formatted as the user types, stored in E.164."""
        with Form(self.Partner) as form:
            form.name = "Form Phone"
            form.country_id = self.bg
            form.phone = "0888123456"
        self.assertEqual(form.record.phone, "+359888123456")

    def test_control_characters_refused(self):
        """Identifiers with control characters (NUL cannot even be stored) are
        refused before anything is written."""
        self._assert_refused({"company_registry": "1750\x0074752"}, "control character")
        self._assert_refused({"eori": "BG\x00"}, "EORI")
        with self.assertRaises(ValidationError):
            self.env["res.partner.bank"].create(
                {"acc_number": "12\x003", "partner_id": self.company_partner.id}
            )
