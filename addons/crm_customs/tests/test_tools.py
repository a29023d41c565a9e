"""Property-based checks of the pure functions of tools/ (MRN and HS codes),
without the ORM: against rules computed independently, for any text."""

import re
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import tagged
from odoo.tests.common import BaseCase

from odoo.addons.crm_counterparty.tests.hostile import HOSTILE
from odoo.addons.crm_customs.tools.hs_code import is_valid_hs_code, normalize_hs_code
from odoo.addons.crm_customs.tools.mrn import (
    MrnError,
    mrn_check_character,
    normalize_mrn,
    validate_mrn,
)

from .test_hostile_input import (
    ALNUM,
    ANY_TEXT,
    EU_COUNTRIES,
    HS_CODES,
    HS_TEXT,
    MRN_TEXT,
    OTHER_COUNTRIES,
    as_typed,
    hs_as_typed,
    iso6346_check,
    valid_mrns,
)

#: No database: many more examples than the ORM tests afford.
EXAMPLES = settings(HOSTILE, max_examples=300)
COUNTRIES = frozenset(EU_COUNTRIES + OTHER_COUNTRIES)
EU = frozenset(EU_COUNTRIES)
REASONS = {"length", "year", "country", "characters", "check_digit"}


def mrn_follows_rules(mrn):
    """Whether ``mrn`` (normalized) is an MRN, computed without tools/mrn.py:
    two ASCII digits, a known country, 14 ASCII letters or digits, and for an
    EU country the ISO 6346 check character."""
    return bool(
        re.fullmatch(r"[0-9]{2}[A-Z]{2}[0-9A-Z]{14}", mrn)
        and mrn[2:4] in COUNTRIES
        and (mrn[2:4] not in EU or iso6346_check(mrn[:17]) == mrn[17])
    )


@tagged("post_install", "-at_install")
class TestMrnTools(BaseCase):
    """tools/mrn.py: normalization, check character and validation."""

    @EXAMPLES
    @given(text=st.one_of(ANY_TEXT, MRN_TEXT))
    def test_normalize_idempotent(self, text):
        """A normalized MRN has no separators nor lower-case ASCII letters,
        and normalizing it again changes nothing."""
        mrn = normalize_mrn(text)
        self.assertEqual(normalize_mrn(mrn), mrn)
        self.assertIsNone(re.search(r"[\s.\-/a-z]", mrn), mrn)

    @EXAMPLES
    @given(head=st.text(alphabet=ALNUM, min_size=17, max_size=17))
    def test_check_character_is_iso6346(self, head):
        """The check character of any 17 letters or digits is the one the
        ISO 6346 computation written out gives, whatever follows them."""
        self.assertEqual(mrn_check_character(head), iso6346_check(head))
        self.assertEqual(mrn_check_character(head + "Z"), iso6346_check(head))

    @EXAMPLES
    @given(text=st.one_of(ANY_TEXT, MRN_TEXT))
    def test_check_character_needs_17_alnum(self, text):
        """Anything but 17 letters or digits (once normalized) has no check
        character: MrnError, never another exception."""
        head = normalize_mrn(text)[:17]
        try:
            character = mrn_check_character(text)
        except MrnError as error:
            self.assertEqual(error.reason, "characters")
            self.assertIsNone(re.fullmatch(r"[0-9A-Z]{17}", head), head)
        else:
            self.assertRegex(head, r"\A[0-9A-Z]{17}\Z")
            self.assertIn(character, string.digits)

    @EXAMPLES
    @given(text=st.one_of(ANY_TEXT, MRN_TEXT))
    def test_validate_agrees_with_rules(self, text):
        """Any text is accepted, normalized, exactly when the rules computed
        independently accept it; otherwise MrnError says why, and a wrong
        length is always called so."""
        mrn = normalize_mrn(text)
        try:
            result = validate_mrn(text, COUNTRIES, EU)
        except MrnError as error:
            self.assertFalse(mrn_follows_rules(mrn), f"{mrn!r} refused: {error}")
            self.assertIn(error.reason, REASONS)
            self.assertEqual(error.reason == "length", len(mrn) != 18)
        else:
            self.assertEqual(result, mrn)
            self.assertTrue(mrn_follows_rules(result), result)
            self.assertEqual(validate_mrn(result, COUNTRIES, EU), result)

    @EXAMPLES
    @given(mrn=valid_mrns(), typed=st.data())
    def test_valid_mrn_as_typed(self, mrn, typed):
        """A well-formed MRN typed with lower case and separators validates
        to its stored form."""
        self.assertEqual(validate_mrn(typed.draw(as_typed(mrn)), COUNTRIES, EU), mrn)

    @EXAMPLES
    @given(mrn=valid_mrns(), char=st.sampled_from(ALNUM))
    def test_other_check_character_refused(self, mrn, char):
        """Another last character is a wrong check digit for an EU country,
        and accepted for the others, which have no check character."""
        altered = mrn[:17] + char
        if char == mrn[17]:
            self.assertEqual(validate_mrn(altered, COUNTRIES, EU), mrn)
        elif mrn[2:4] in EU:
            with self.assertRaises(MrnError) as caught:
                validate_mrn(altered, COUNTRIES, EU)
            self.assertEqual(caught.exception.reason, "check_digit")
            self.assertEqual(caught.exception.detail, char)
        else:
            self.assertEqual(validate_mrn(altered, COUNTRIES, EU), altered)


@tagged("post_install", "-at_install")
class TestHsCodeTools(BaseCase):
    """tools/hs_code.py: normalization and validity of commodity codes."""

    @EXAMPLES
    @given(text=HS_TEXT)
    def test_normalize_idempotent(self, text):
        """A normalized code has no spaces nor dots, is False when nothing
        else was typed, and normalizing it again changes nothing."""
        code = normalize_hs_code(text)
        self.assertEqual(normalize_hs_code(code), code)
        if code:
            self.assertIsNone(re.search(r"[\s.]", code), code)
        else:
            self.assertIs(code, False)
            self.assertFalse(re.sub(r"[\s.]", "", text))

    @EXAMPLES
    @given(text=HS_TEXT)
    def test_valid_exactly_ascii_digits(self, text):
        """A code is valid exactly when it is 6, 8 or 10 ASCII digits: digits
        of other scripts, letters and other lengths are not."""
        code = normalize_hs_code(text)
        expected = bool(code and re.fullmatch(r"[0-9]{6}|[0-9]{8}|[0-9]{10}", code))
        self.assertIs(is_valid_hs_code(code), expected)

    @EXAMPLES
    @given(code=HS_CODES, typed=st.data())
    def test_grouped_code_normalized(self, code, typed):
        """A valid code written in groups (``8471 30 00``, ``8471.30.00``)
        normalizes to its digits, which are valid."""
        normalized = normalize_hs_code(typed.draw(hs_as_typed(code)))
        self.assertEqual(normalized, code)
        self.assertTrue(is_valid_hs_code(normalized))
