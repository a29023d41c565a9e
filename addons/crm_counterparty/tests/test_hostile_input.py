"""Property-based checks: whatever a user types, a validator either accepts
it or refuses it with a ValidationError/UserError, and nothing is half
written."""

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from odoo import Command
from odoo.tests import tagged

from .common import CounterpartyCase
from .hostile import HOSTILE, HostileMixin

#: Text a user may paste: any characters, and some that look like the real thing.
TEXT = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"\A[A-Z]{2}[0-9A-Z ]{0,30}\Z"),
    st.from_regex(r"\A\+?[0-9 ()./-]{0,25}\Z"),
)
DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@tagged("post_install", "-at_install")
class TestHostileInput(HostileMixin, CounterpartyCase):
    @HOSTILE
    @given(number=TEXT)
    def test_phone(self, number):
        """A counterparty's phone is stored in Odoo's international format,
        its E.164 form in ``phone_sanitized``, or refused."""
        with self._example():
            partner = self._create_or_refuse(
                "res.partner",
                {
                    "name": "Phone probe",
                    "country_id": self.bg.id,
                    "phone": number,
                    "counterparty_kind_ids": [Command.set(self.kind_customer.ids)],
                },
            )
            if partner and partner.phone:
                self.assertRegex(partner.phone, r"^\+[1-9][0-9 -]{6,20}$")
                self.assertRegex(partner.phone_sanitized, r"^\+[1-9][0-9]{6,15}$")
                self.assertFalse(partner.phone_to_check)

    @HOSTILE
    @given(number=TEXT)
    def test_phone_of_other_partners(self, number):
        """Any partner that is no counterparty keeps its number as given, or
        it is refused only for a control character; an unreadable one is
        flagged."""
        with self._example():
            partner = self._create_or_refuse(
                "res.partner",
                {"name": "Phone probe", "country_id": self.bg.id, "phone": number},
            )
            if partner:
                self.assertEqual(partner.phone or "", number)
                self.assertEqual(
                    partner.phone_to_check,
                    bool(number) and not partner.phone_sanitized,
                )

    @HOSTILE
    @given(eori=TEXT)
    def test_eori(self, eori):
        """An EORI is a country prefix and up to 15 letters or digits, or refused."""
        with self._example():
            partner = self._create_or_refuse(
                "res.partner", {"name": "EORI probe", "eori": eori}
            )
            if partner and partner.eori:
                self.assertRegex(partner.eori, r"^[A-Z]{2}[A-Z0-9]{1,15}$")

    @HOSTILE
    @given(number=TEXT)
    def test_company_registry(self, number):
        """A Bulgarian registry number is a valid EIK/BULSTAT, or refused."""
        with self._example():
            partner = self._create_or_refuse(
                "res.partner",
                {
                    "name": "Registry probe",
                    "is_company": True,
                    "country_id": self.bg.id,
                    "company_registry": number,
                },
            )
            if partner and partner.company_registry:
                self.assertRegex(partner.company_registry, r"^\d{9}(\d{4})?$")

    @HOSTILE
    @given(vat=TEXT)
    def test_vat(self, vat):
        """A VAT number passes base_vat's check, or is refused."""
        with self._example():
            self._create_or_refuse(
                "res.partner",
                {"name": "VAT probe", "country_id": self.bg.id, "vat": vat},
            )

    @HOSTILE
    @given(number=TEXT)
    def test_bank_account(self, number):
        """An account number that looks like an IBAN is a valid IBAN, or refused."""
        with self._example():
            account = self._create_or_refuse(
                "res.partner.bank",
                {"acc_number": number or "x", "partner_id": self.company_partner.id},
                marker_field="acc_number",
            )
            if account and re.match(r"^[A-Z]{2}[0-9]{2}", account.sanitized_acc_number):
                self.assertEqual(account.acc_type, "iban")

    @HOSTILE
    @given(issue=st.one_of(st.none(), DATES), expiry=st.one_of(st.none(), DATES))
    def test_personal_document_dates(self, issue, expiry):
        """Any two dates give a document or a refusal, never an expiry before issue."""
        with self._example():
            doc = self._create_or_refuse(
                "crm.personal.document",
                {
                    "partner_id": self.company_partner.id,
                    "type_id": self.env.ref(
                        "crm_counterparty.document_type_passport"
                    ).id,
                    "number": "HYP-1",
                    "issue_date": issue,
                    "expiry_date": expiry,
                },
                marker_field="number",
            )
            if doc and issue and expiry:
                self.assertLessEqual(doc.issue_date, doc.expiry_date)
                self.assertIn(doc.state, ("valid", "expiring", "expired"))
