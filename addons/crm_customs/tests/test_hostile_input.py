"""Property-based checks of the customs validators: whatever a user types as an
MRN or an HS code, the declaration, its line or the product is saved with a
value the rules accept, or refused with a ValidationError/UserError naming the
field, and nothing is written.

What must be refused is decided by the rules computed here, without the
addon's validators, and the database is read after the call whether it was
refused or not: were a guard removed, the check that nothing was written
would fail, not only the check that an error was raised."""

import re
import string
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.hostile import HOSTILE, rolled_back
from odoo.addons.crm_counterparty.tools.text_checks import CONTROL_CHARS
from odoo.addons.crm_customs.tools.hs_code import normalize_hs_code
from odoo.addons.crm_customs.tools.mrn import normalize_mrn, validate_mrn

from .common import CustomsCase, make_mrn

#: Fewer examples than crm_counterparty's: each one writes declarations and lines.
EXAMPLES = settings(HOSTILE, max_examples=50)
ALNUM = string.digits + string.ascii_uppercase
#: ISO 6346 values of the letters as the standard prints them: the multiples of
#: 11 are skipped (written out rather than derived, to check the addon's own
#: derivation).
ISO_6346_LETTERS = dict(
    zip(
        string.ascii_uppercase,
        (10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24)
        + (25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38),
        strict=True,
    )
)
#: Member states of the European Union, whose MRNs carry a check character,
#: and other countries that issue MRNs without one.
EU_COUNTRIES = tuple(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO "
    "SE SI SK".split()
)
OTHER_COUNTRIES = ("GB", "XI", "CH", "NO", "TR", "RS", "US", "CN")
SEPARATORS = " .-/\t\n\xa0\u2009\u3000"
#: Control characters: a NUL byte cannot even be stored by PostgreSQL.
CONTROL = "\x00\x01\x08\x1b\x1c\x1f\x7f\x85"
#: Characters that break naive code: digits of other scripts (str.isdigit()
#: accepts them), letters whose upper case is longer (ß) or ASCII (ı), wide,
#: invisible and combining characters.
TRICKY = (
    "²³¹٠١٢٣٤٥٦٧٨٩۵०१२০௧๑０１２３４５６７８９𝟎𝟗"
    "ßıſﬀİǅ"
    "\u200b\u200e\ufeffé\u0301€💥漢Ω"
)
HOSTILE_CHARS = st.one_of(
    st.sampled_from(CONTROL),
    st.sampled_from(TRICKY),
    st.sampled_from(SEPARATORS),
    st.characters(codec="utf-8"),
)
#: Digits of other scripts, and a few ASCII ones to mix with them.
OTHER_DIGITS = st.one_of(
    st.characters(categories=["Nd"], exclude_characters=string.digits),
    st.sampled_from("²³¹0123456789"),
)


def iso6346_check(head):
    """The check character of ``head`` (17 characters): each value times 2 to
    the power of its position, summed, modulo 11, a remainder of 10 giving 0."""
    total = 0
    for position, char in enumerate(head):
        value = int(char) if char in string.digits else ISO_6346_LETTERS[char]
        total += value * 2**position
    return str(total % 11 % 10)


@st.composite
def valid_mrns(draw):
    """An MRN in its stored form: year, country, 13 letters or digits and a
    check character (computed for an EU country, any for the others)."""
    year = draw(st.integers(min_value=0, max_value=99))
    country = draw(st.sampled_from(EU_COUNTRIES + OTHER_COUNTRIES))
    body = draw(st.text(alphabet=ALNUM, min_size=13, max_size=13))
    head = f"{year:02d}{country}{body}"
    if country in EU_COUNTRIES:
        return head + iso6346_check(head)
    return head + draw(st.sampled_from(ALNUM))


@st.composite
def as_typed(draw, code):
    """``code`` as a user may type it: some letters in lower case, spaces,
    dots, dashes or slashes between the characters."""
    typed = []
    for char in code:
        typed.append(char.lower() if draw(st.booleans()) else char)
        if draw(st.integers(min_value=0, max_value=4)) == 0:
            typed.append(draw(st.sampled_from(" .-/")))
    return "".join(typed)


@st.composite
def with_control_character(draw, codes):
    """A well-formed code with a control character somewhere."""
    text = draw(codes)
    position = draw(st.integers(min_value=0, max_value=len(text)))
    return text[:position] + draw(st.sampled_from(CONTROL)) + text[position:]


@st.composite
def damaged(draw, codes):
    """A well-formed code with a few hostile characters inserted, replaced or
    removed."""
    text = list(draw(codes))
    for __ in range(draw(st.integers(min_value=1, max_value=3))):
        position = draw(st.integers(min_value=0, max_value=len(text)))
        action = draw(st.sampled_from(("insert", "replace", "delete")))
        if action == "insert" or position == len(text):
            text.insert(position, draw(HOSTILE_CHARS))
        elif action == "replace":
            text[position] = draw(HOSTILE_CHARS)
        else:
            del text[position]
    return "".join(text)


#: Any text, text built from the tricky characters, very long text.
ANY_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=HOSTILE_CHARS, max_size=40),
    st.builds(
        lambda chunk, times: chunk * times,
        st.text(alphabet=HOSTILE_CHARS, min_size=1, max_size=8),
        st.integers(min_value=50, max_value=2000),
    ),
)
MRN_TEXT = st.one_of(
    ANY_TEXT,
    valid_mrns().flatmap(as_typed),
    damaged(valid_mrns()),
    with_control_character(valid_mrns()),
    st.from_regex(r"\A[0-9]{2}[A-Za-z]{2}[0-9A-Za-z .-]{10,20}\Z"),
)
HS_CODES = st.sampled_from((6, 8, 10)).flatmap(
    lambda size: st.text(alphabet=string.digits, min_size=size, max_size=size)
)


@st.composite
def hs_as_typed(draw, code):
    """``code`` split in groups (``8471 30 00``, ``8471.30.00``)."""
    separator = draw(st.sampled_from(("", " ", ".", "  ", " . ", "\t", "\xa0")))
    groups = [code[:4]] + [code[i : i + 2] for i in range(4, len(code), 2)]
    return separator.join(groups)


HS_TEXT = st.one_of(
    ANY_TEXT,
    HS_CODES.flatmap(hs_as_typed),
    damaged(HS_CODES),
    with_control_character(HS_CODES),
    st.sampled_from((6, 8, 10)).flatmap(
        lambda size: st.text(alphabet=OTHER_DIGITS, min_size=size, max_size=size)
    ),
)
DATES = st.one_of(
    st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
)


@tagged("post_install", "-at_install")
class TestHostileInput(CustomsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mrn_countries = cls.Declaration._get_mrn_country_codes()
        cls.mrn_eu = cls.Declaration._get_mrn_check_digit_country_codes()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _example(self):
        """A savepoint always rolled back: one hypothesis example."""
        return rolled_back(self.env)

    def _attempt(self, func, *args, rolled_back_on_error=False):
        """Run ``func``; return (result, None), or (None, error) when it was
        refused with a ValidationError or UserError. Any other exception fails
        the test. Then forget the cache, flushing what was written, so that
        the checks that follow read the database.

        By default nothing is undone: what a refused call wrote stays and
        those checks see it (the MRN and control characters are refused
        before anything is written). ``rolled_back_on_error`` undoes a
        refused call's writes as the transaction of its RPC request would be:
        for the refusals of constraints, which run once the record is
        written."""
        try:
            if rolled_back_on_error:
                with self.env.cr.savepoint():
                    result = func(*args)
                    self.env.flush_all()
            else:
                result = func(*args)
                self.env.flush_all()
            return result, None
        except (ValidationError, UserError) as error:
            return None, error
        finally:
            self.env.invalidate_all()

    def _mrn_is_valid(self, mrn):
        """Whether ``mrn`` (normalized) follows the rules, computed without
        the addon's validator."""
        return bool(
            re.fullmatch(r"[0-9]{2}[A-Z]{2}[0-9A-Z]{14}", mrn)
            and mrn[2:4] in self.mrn_countries
            and (mrn[2:4] not in self.mrn_eu or iso6346_check(mrn[:17]) == mrn[17])
        )

    def _mrn_is_taken(self, mrn, other_than=None):
        domain = [("mrn", "=", mrn), ("company_id", "=", self.company.id)]
        if other_than:
            domain.append(("id", "!=", other_than.id))
        return bool(self.Declaration.search_count(domain))

    def _mrn_must_be_refused(self, text, other_than=None):
        """Whether ``text`` typed as an MRN must be refused: it is not empty
        and, normalized, breaks the rules or is another declaration's."""
        normalized = normalize_mrn(text)
        return bool(text) and (
            not self._mrn_is_valid(normalized)
            or self._mrn_is_taken(normalized, other_than)
        )

    def _hs_code_must_be_refused(self, text):
        normalized = normalize_hs_code(text)
        return bool(normalized) and not self._hs_code_is_valid(normalized)

    @staticmethod
    def _hs_code_is_valid(code):
        return bool(re.fullmatch(r"[0-9]{6}|[0-9]{8}|[0-9]{10}", code))

    def _assert_mrn_outcome(self, text, record, error):
        """A refusal names the MRN and is deserved; an acceptance stored the
        normalized MRN, which follows the rules."""
        normalized = normalize_mrn(text)
        if error:
            self.assertIn("MRN", str(error))
            self.assertTrue(
                text
                and (
                    not self._mrn_is_valid(normalized) or self._mrn_is_taken(normalized)
                ),
                f"the valid MRN {normalized!r} was refused: {error}",
            )
        elif text:
            self.assertEqual(record.mrn, normalized)
            self.assertTrue(self._mrn_is_valid(record.mrn), record.mrn)
        else:
            self.assertFalse(record.mrn)

    # ------------------------------------------------------------------
    # MRN
    # ------------------------------------------------------------------

    @EXAMPLES
    @given(mrn=MRN_TEXT)
    def test_mrn_on_create(self, mrn):
        """Any text creates a declaration with a valid normalized MRN, or is
        refused naming the MRN and creates nothing."""
        with self._example():
            count = self.Declaration.search_count([])
            refused = self._mrn_must_be_refused(mrn)
            declaration, error = self._attempt(
                self.Declaration.create, {"direction": "import", "mrn": mrn}
            )
            if refused:
                self.assertEqual(
                    self.Declaration.search_count([]), count, f"{mrn!r} written"
                )
            self._assert_mrn_outcome(mrn, declaration, error)

    @EXAMPLES
    @given(mrn=MRN_TEXT)
    def test_mrn_on_write(self, mrn):
        """Any text written as the MRN of a declaration is saved normalized
        and valid, or refused leaving the MRN it had."""
        with self._example():
            old = make_mrn("26BG004000HYPO001")
            declaration = self.Declaration.create({"direction": "import", "mrn": old})
            refused = self._mrn_must_be_refused(mrn, other_than=declaration)
            __, error = self._attempt(declaration.write, {"mrn": mrn})
            if refused:
                self.assertEqual(declaration.mrn, old, f"{mrn!r} written")
            self._assert_mrn_outcome(mrn, declaration, error)

    @EXAMPLES
    @given(mrn=valid_mrns(), typed=st.data())
    def test_valid_mrns_accepted(self, mrn, typed):
        """Every well-formed MRN passes the addon's validator and is saved,
        also as a user types it, in its stored form."""
        self.assertEqual(validate_mrn(mrn, self.mrn_countries, self.mrn_eu), mrn)
        self.assertTrue(self._mrn_is_valid(mrn))
        with self._example():
            declaration = self.Declaration.create(
                {"direction": "export", "mrn": typed.draw(as_typed(mrn))}
            )
            self.assertEqual(declaration.mrn, mrn)

    @EXAMPLES
    @given(
        mrn=valid_mrns(),
        position=st.integers(min_value=0, max_value=17),
        char=st.sampled_from(ALNUM),
    )
    def test_altered_mrn(self, mrn, position, char):
        """One character changed in a valid MRN is refused, unless the rules
        computed independently say the new MRN is valid too (another country,
        or a change that the check character cannot see)."""
        altered = mrn[:position] + char + mrn[position + 1 :]
        expected = self._mrn_is_valid(altered)
        if position == 17 and char != mrn[17] and mrn[2:4] in self.mrn_eu:
            self.assertFalse(expected, "only one check character fits")
        with self._example():
            count = self.Declaration.search_count([])
            declaration, error = self._attempt(
                self.Declaration.create, {"direction": "import", "mrn": altered}
            )
            if expected:
                self.assertIsNone(error, f"{altered} refused")
                self.assertEqual(declaration.mrn, altered)
            else:
                self.assertEqual(
                    self.Declaration.search_count([]), count, f"{altered} written"
                )
                self.assertIsNotNone(error, f"{altered} accepted")
                self.assertIn("MRN", str(error))

    @EXAMPLES
    @given(
        picks=st.lists(st.integers(min_value=0, max_value=2), min_size=1, max_size=4),
        recorded=st.booleans(),
    )
    def test_mrn_twice_in_one_create(self, picks, recorded):
        """Declarations created together with MRNs that repeat, or that a
        declaration has already, are refused as a whole with a message."""
        pool = [make_mrn(f"26BG004000HYPB00{i}") for i in range(3)]
        with self._example():
            if recorded:
                self.Declaration.create({"direction": "import", "mrn": pool[0]})
            mrns = [pool[i] for i in picks]
            count = self.Declaration.search_count([])
            created, error = self._attempt(
                self.Declaration.create, [{"mrn": mrn} for mrn in mrns]
            )
            expected = len(set(mrns)) == len(mrns) and not (recorded and 0 in picks)
            if expected:
                self.assertIsNone(error)
                self.assertEqual(created.mapped("mrn"), mrns)
            else:
                self.assertEqual(
                    self.Declaration.search_count([]), count, f"{mrns} written"
                )
                self.assertIsNotNone(error)
                self.assertIn("MRN", str(error))

    @EXAMPLES
    @given(
        size=st.integers(min_value=1, max_value=3),
        pick=st.integers(min_value=0, max_value=2),
        recorded=st.booleans(),
    )
    def test_mrn_written_on_several(self, size, pick, recorded):
        """One MRN written on several declarations of a company at once, or
        on one while another has it, is refused leaving them unchanged."""
        pool = [make_mrn(f"26BG004000HYPW00{i}") for i in range(3)]
        with self._example():
            if recorded:
                self.Declaration.create({"direction": "import", "mrn": pool[0]})
            declarations = self.Declaration.create(
                [{"direction": "import"} for __ in range(size)]
            )
            __, error = self._attempt(declarations.write, {"mrn": pool[pick]})
            if size == 1 and not (recorded and pick == 0):
                self.assertIsNone(error)
                self.assertEqual(declarations.mrn, pool[pick])
            else:
                self.assertEqual(declarations.mapped("mrn"), [False] * size)
                self.assertIsNotNone(error)
                self.assertIn("MRN", str(error))

    # ------------------------------------------------------------------
    # HS codes
    # ------------------------------------------------------------------

    def _assert_hs_outcome(self, text, line, error):
        normalized = normalize_hs_code(text)
        if error:
            self.assertRegex(str(error), r"(?i)HS code")
            self.assertTrue(
                normalized and not self._hs_code_is_valid(normalized),
                f"the valid HS code {normalized!r} was refused: {error}",
            )
        elif normalized:
            self.assertEqual(line.hs_code, normalized)
            self.assertTrue(self._hs_code_is_valid(line.hs_code), line.hs_code)
            self.assertEqual(line.hs_chapter, normalized[:2])
        else:
            self.assertFalse(line.hs_code)
            self.assertFalse(line.hs_chapter)

    @EXAMPLES
    @given(code=HS_TEXT)
    def test_hs_code_on_create(self, code):
        """Any text gives a line with a code of 6, 8 or 10 ASCII digits, or is
        refused naming the HS code and adds no line."""
        with self._example():
            declaration = self._declaration(lines=0)
            line, error = self._attempt(
                self.Line.create,
                {"declaration_id": declaration.id, "name": "Probe", "hs_code": code},
                rolled_back_on_error=True,
            )
            if self._hs_code_must_be_refused(code):
                self.assertFalse(declaration.line_ids, f"{code!r} written")
            self._assert_hs_outcome(code, line, error)

    @EXAMPLES
    @given(code=HS_TEXT)
    def test_hs_code_on_write(self, code):
        """Any text written as the HS code of a line is saved normalized and
        valid, or refused leaving the code it had."""
        with self._example():
            line = self._declaration().line_ids
            __, error = self._attempt(
                line.write, {"hs_code": code}, rolled_back_on_error=True
            )
            if self._hs_code_must_be_refused(code):
                self.assertEqual(line.hs_code, "84713000", f"{code!r} written")
            self._assert_hs_outcome(code, line, error)

    @EXAMPLES
    @given(code=HS_CODES, typed=st.data())
    def test_valid_hs_codes_accepted(self, code, typed):
        """Codes of 6, 8 and 10 digits are accepted, grouped with spaces or
        dots or not, and stored as digits only."""
        with self._example():
            line = self._declaration().line_ids
            line.hs_code = typed.draw(hs_as_typed(code))
            self.assertEqual(line.hs_code, code)

    @EXAMPLES
    @given(code=HS_TEXT)
    def test_hs_code_from_product(self, code):
        """Any text is saved as a product's HS code or refused; a declaration
        line of the product then has a valid code or is refused."""
        with self._example():
            template, error = self._attempt(
                self.env["product.template"].create,
                {"name": "Probe", "type": "consu", "hs_code": code},
            )
            if CONTROL_CHARS.search(code):
                self.assertFalse(
                    self.env["product.template"].search([("name", "=", "Probe")]),
                    f"{code!r} written",
                )
                self.assertRegex(str(error), r"(?i)HS code")
                return
            self.assertIsNone(error)
            declaration = self._declaration(lines=0)
            line, error = self._attempt(
                self.Line.create,
                {
                    "declaration_id": declaration.id,
                    "product_id": template.product_variant_id.id,
                },
                rolled_back_on_error=True,
            )
            if self._hs_code_must_be_refused(template.hs_code or ""):
                self.assertFalse(declaration.line_ids, f"{template.hs_code!r} written")
            self._assert_hs_outcome(template.hs_code or "", line, error)

    # ------------------------------------------------------------------
    # Dates
    # ------------------------------------------------------------------

    @EXAMPLES
    @given(lodged=DATES, accepted=DATES, released=DATES)
    def test_dates(self, lodged, accepted, released):
        """Any dates given by the superuser (data files, migrations) give a
        declaration that counts on its acceptance date, else on the date it
        was lodged; a customs user gives none but the date it was lodged."""
        with self._example():
            declaration, error = self._attempt(
                self.Declaration.create,
                {
                    "date_lodged": lodged,
                    "date_accepted": accepted,
                    "date_released": released,
                },
            )
            self.assertIsNone(error)
            self.assertEqual(declaration.date, accepted or lodged or False)
            count = self.Declaration.search_count([])
            declaration, error = self._attempt(
                self.Declaration.with_user(self.customs_user).create,
                {
                    "date_lodged": lodged,
                    "date_accepted": accepted,
                    "date_released": released,
                },
            )
            if accepted or released:
                self.assertEqual(self.Declaration.search_count([]), count, "written")
                self.assertIsInstance(error, AccessError)
            else:
                self.assertIsNone(error)
                self.assertEqual(declaration.date, lodged or False)
