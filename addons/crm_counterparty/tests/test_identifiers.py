from odoo import Command
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

    def _customer(self, **vals):
        return self.Partner.create(
            {
                "name": "Sofia Phone",
                "is_company": True,
                "country_id": self.bg.id,
                "counterparty_kind_ids": [Command.set(self.kind_customer.ids)],
                **vals,
            }
        )

    def test_counterparty_phone_in_odoo_format(self):
        """A counterparty's phone and mobile keep Odoo's international
        formatting, read for the partner's country; E.164 is in
        ``phone_sanitized``."""
        partner = self._customer(phone="02 981 2345", mobile="0888 123 456")
        self.assertEqual(partner.phone, "+359 2 981 2345")
        self.assertEqual(partner.mobile, "+359 88 812 3456")
        self.assertEqual(partner.phone_sanitized, "+359888123456")
        partner.write({"phone": "+35929812346", "mobile": False})
        self.assertEqual(partner.phone, "+359 2 981 2346")
        self.assertEqual(partner.phone_sanitized, "+35929812346")
        french = self._customer(
            name="Paris Phone",
            country_id=self.env.ref("base.fr").id,
            phone="01 42 68 53 00",
        )
        self.assertEqual(french.phone, "+33 1 42 68 53 00")
        contact = self.Partner.create(
            {"name": "Desk", "parent_id": partner.id, "phone": "0888123456"}
        )
        self.assertEqual(contact.phone, "+359 88 812 3456", "a contact of one too")
        self.assertFalse(partner.phone_to_check or contact.phone_to_check)

    def test_phone_of_several_countries_in_one_write(self):
        """Writing one number on partners of two countries reads it for each."""
        fr = self._customer(name="FR", country_id=self.env.ref("base.fr").id)
        bg = self._customer(name="BG")
        (fr | bg).write({"phone": "0888 123 456"})
        self.assertEqual(fr.phone_sanitized, "+33888123456")
        self.assertEqual(bg.phone_sanitized, "+359888123456")

    def test_bad_phone_refused(self):
        """A number typed into a counterparty that cannot be read is refused,
        naming the field and the value, and nothing is written."""
        kinds = [Command.set(self.kind_supplier.ids)]
        self._assert_refused(
            {
                "country_id": self.bg.id,
                "phone": "12345",
                "counterparty_kind_ids": kinds,
            },
            "Phone",
            "12345",
        )
        self._assert_refused(
            {
                "country_id": self.bg.id,
                "mobile": "call me maybe",
                "counterparty_kind_ids": kinds,
            },
            "Mobile",
            "call me maybe",
        )
        partner = self._customer(name="Keeps Old", phone="02 981 2345")
        with self.assertRaises(ValidationError):
            partner.write({"phone": "999"})
        self.assertEqual(partner.phone, "+359 2 981 2345")
        with self.assertRaises(ValidationError) as caught:
            self.Partner.create(
                {"name": "Desk", "parent_id": partner.id, "mobile": "0000"}
            )
        self.assertIn("0000", str(caught.exception))
        self.assertFalse(partner.child_ids)

    def test_other_partners_keep_their_numbers(self):
        """Partners that are no counterparty keep their numbers as given, as
        in stock Odoo; an unreadable one is flagged, not refused."""
        partner = self.Partner.create(
            {"name": "Web Visitor", "phone": "(355)-687-3262", "mobile": "0888 123 456"}
        )
        self.assertEqual(partner.phone, "(355)-687-3262")
        self.assertEqual(partner.mobile, "0888 123 456")
        self.assertEqual(partner.phone_sanitized, "+359888123456")
        self.assertTrue(partner.phone_to_check)
        flagged = self.Partner.search([("phone_to_check", "=", True)])
        self.assertIn(partner, flagged)
        partner.write({"phone": "+32 494 44 44 44"})
        self.assertEqual(partner.phone, "+32 494 44 44 44")
        self.assertFalse(partner.phone_to_check)

    def test_imported_counterparty_keeps_unreadable_number(self):
        """An import keeps an unreadable number of a counterparty, flagged;
        readable ones are formatted."""
        result = self.Partner.with_context(import_file=True).load(
            ["name", "phone", "mobile", "counterparty_kind_ids/id"],
            [
                [
                    "Imported Supplier",
                    "12345",
                    "0888123456",
                    "crm_counterparty.kind_supplier",
                ]
            ],
        )
        self.assertFalse(result["messages"])
        partner = self.Partner.browse(result["ids"])
        self.assertEqual(partner.phone, "12345")
        self.assertEqual(partner.mobile, "+359 88 812 3456")
        self.assertTrue(partner.phone_to_check)

    def test_search_by_number_however_written(self):
        """Odoo's Phone/Mobile search finds a counterparty by its E.164 number
        or a local spelling of it."""
        partner = self._customer(name="Findable", mobile="0888 123 456")
        for term in ("+359888123456", "00359888123456", "88 812 3456"):
            self.assertIn(
                partner,
                self.Partner.search([("phone_mobile_search", "ilike", term)]),
                term,
            )

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
        """In the form the number is formatted as the user types, as Odoo
        does, and kept so; E.164 is in ``phone_sanitized``."""
        with Form(self.Partner) as form:
            form.name = "Form Phone"
            form.country_id = self.bg
            form.phone = "0888123456"
            self.assertEqual(form.phone, "+359 88 812 3456")
        self.assertEqual(form.record.phone, "+359 88 812 3456")
        self.assertEqual(form.record.phone_sanitized, "+359888123456")

    def test_control_characters_refused(self):
        """Identifiers with control characters (NUL cannot even be stored) are
        refused before anything is written."""
        self._assert_refused({"company_registry": "1750\x0074752"}, "control character")
        self._assert_refused({"eori": "BG\x00"}, "EORI")
        with self.assertRaises(ValidationError):
            self.env["res.partner.bank"].create(
                {"acc_number": "12\x003", "partner_id": self.company_partner.id}
            )
