from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.crm_customs.tools.mrn import (
    MrnError,
    mrn_check_character,
    normalize_mrn,
    validate_mrn,
)

from .common import CustomsCase

#: MRNs published by customs authorities, customs software vendors and the
#: test data of national customs systems, each with its check character.
REAL_MRNS = (
    "06DE586600006143E1",  # German ATLAS export (AES) MRN, Riege knowledge base
    "10NL5663962BE1E825",  # Dutch MRN, example of a public MRN check page
    "21IEDU4EX144268149",  # Irish Revenue AES/NCTS test data
    "21IEDUB11A782454R2",  # Irish Revenue AES/NCTS test data
    "20ITQXT080007705T2",  # Italian import MRN of a customs software test
    "25FR17551780961AT5",  # French ICS2 entry summary MRN
)
COUNTRIES = frozenset({"DE", "NL", "IE", "IT", "FR", "BG", "GB"})
EU = COUNTRIES - {"GB"}


def _reason(mrn):
    """What is wrong with ``mrn``, or None."""
    try:
        validate_mrn(mrn, COUNTRIES, EU)
    except MrnError as error:
        return error.reason
    return None


@tagged("post_install", "-at_install")
class TestMrnAlgorithm(TransactionCase):
    """The MRN check of tools/mrn.py, without the ORM."""

    def test_real_mrns_pass(self):
        """Published MRNs have the check character the algorithm computes."""
        for mrn in REAL_MRNS:
            with self.subTest(mrn=mrn):
                self.assertEqual(mrn_check_character(mrn), mrn[-1])
                self.assertEqual(validate_mrn(mrn, COUNTRIES, EU), mrn)

    def test_letter_values(self):
        """Letters skip the multiples of 11 (A=10, B=12, K=21, L=23, V=34):
        a one-letter change from A to B is caught."""
        head = "26BG004000A000000"
        self.assertNotEqual(
            mrn_check_character(head), mrn_check_character(head[:-7] + "B000000")
        )
        # Computed by hand: the value times 2 ** position, modulo 11, modulo 10.
        self.assertEqual(mrn_check_character("00000000000000000"), "0")
        self.assertEqual(mrn_check_character("10000000000000000"), "1")
        self.assertEqual(mrn_check_character("01000000000000000"), "2")
        self.assertEqual(mrn_check_character("A0000000000000000"), "0")  # 10 % 11 % 10
        self.assertEqual(mrn_check_character("B0000000000000000"), "1")  # 12 % 11

    def test_altered_check_character_fails(self):
        """Another last character is a wrong check digit."""
        for mrn in REAL_MRNS:
            wrong = mrn[:-1] + str((int(mrn[-1]) + 1) % 10)
            with self.subTest(mrn=wrong):
                self.assertEqual(_reason(wrong), "check_digit")

    def test_altered_character_fails(self):
        """A typo in the body of a real MRN is caught by its check digit."""
        for mrn in REAL_MRNS:
            position = 8
            typo = "1" if mrn[position] != "1" else "2"
            wrong = mrn[:position] + typo + mrn[position + 1 :]
            with self.subTest(mrn=wrong):
                self.assertEqual(_reason(wrong), "check_digit")

    def test_swapped_characters_fail(self):
        """Two neighbouring characters swapped are caught."""
        mrn = "21IEDU4EX144268149"
        swapped = mrn[:12] + mrn[13] + mrn[12] + mrn[14:]
        self.assertNotEqual(swapped, mrn)
        self.assertEqual(_reason(swapped), "check_digit")

    def test_wrong_length_fails(self):
        """An MRN of 17 or 19 characters has the wrong length."""
        self.assertEqual(_reason("06DE586600006143E"), "length")
        self.assertEqual(_reason("06DE586600006143E11"), "length")
        with self.assertRaises(MrnError) as caught:
            validate_mrn("06DE586600006143E", COUNTRIES, EU)
        self.assertEqual(caught.exception.detail, 17)

    def test_unknown_country_fails(self):
        """A country code that is no country is refused as such."""
        with self.assertRaises(MrnError) as caught:
            validate_mrn("06QQ586600006143E1", COUNTRIES, EU)
        self.assertEqual(caught.exception.reason, "country")
        self.assertEqual(caught.exception.detail, "QQ")

    def test_year_and_characters(self):
        """The year is two digits; only letters and digits are allowed."""
        self.assertEqual(_reason("A6DE586600006143E1"), "year")
        self.assertEqual(_reason("06DE5866000061_3E1"), "characters")

    def test_no_check_digit_outside_the_eu(self):
        """A British CDS MRN has no ISO 6346 check character to verify."""
        mrn = "26GB16RF3TDPZE7AR2"
        self.assertNotEqual(mrn_check_character(mrn), mrn[-1])
        self.assertEqual(validate_mrn(mrn, COUNTRIES, EU), mrn)

    def test_normalize(self):
        """Spaces, dashes and lower case are accepted and removed."""
        self.assertEqual(
            normalize_mrn(" 06de 5866-0000 6143 e1 "), "06DE586600006143E1"
        )
        self.assertEqual(
            validate_mrn("06 DE 5866 00006143 E 1", COUNTRIES, EU), "06DE586600006143E1"
        )


@tagged("post_install", "-at_install")
class TestDeclarationMrn(CustomsCase):
    """The MRN of a declaration: its messages and its uniqueness."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.declaration = cls.Declaration.create({"direction": "import"})

    def _assert_refused(self, mrn, pattern):
        with self.assertRefused(ValidationError, pattern):
            self.declaration.write({"mrn": mrn})
        self.assertFalse(self.declaration.mrn, "Nothing was written")

    def test_real_mrns_saved(self):
        """Real MRNs are saved, normalized."""
        self.declaration.mrn = "21iedu4ex1 4426 8149"
        self.assertEqual(self.declaration.mrn, "21IEDU4EX144268149")
        for mrn in REAL_MRNS:
            self.declaration.mrn = mrn
            self.assertEqual(self.declaration.mrn, mrn)

    def test_messages_say_what_is_wrong(self):
        """Length, country and check digit each have their message."""
        self._assert_refused(
            "06DE586600006143E", r"06DE586600006143E has 17 characters"
        )
        self._assert_refused("06XX586600006143E1", r"unknown country: XX")
        self._assert_refused(
            "06DE586600006143E2", r"06DE586600006143E2 has a wrong check digit"
        )
        self._assert_refused("06DE58660000614$E1", r"only contain letters and digits")

    def test_refused_on_create(self):
        """A bad MRN creates no declaration."""
        count = self.Declaration.search_count([])
        with self.assertRefused(ValidationError, "wrong check digit"):
            self.Declaration.create({"mrn": "10NL5663962BE1E826"})
        self.assertEqual(self.Declaration.search_count([]), count)

    def test_unique_per_company(self):
        """An MRN is used once per company, and may repeat in another."""
        self.declaration.mrn = REAL_MRNS[0]
        with self.assertRefused(ValidationError, self.declaration.name):
            self.Declaration.create({"mrn": REAL_MRNS[0].lower()})
        other = self.Declaration.create({"direction": "import"})
        with self.assertRefused(ValidationError, "already recorded"):
            other.mrn = REAL_MRNS[0]
        self.assertFalse(other.mrn)
        company_2 = self.env["res.company"].create({"name": "Second Company"})
        elsewhere = self.Declaration.create(
            {"mrn": REAL_MRNS[0], "company_id": company_2.id}
        )
        self.assertEqual(elsewhere.mrn, REAL_MRNS[0])

    def test_unique_in_one_create(self):
        """Declarations created together with one MRN are refused with a
        message, not by the database."""
        count = self.Declaration.search_count([])
        with self.assertRefused(ValidationError, "cannot be given to several"):
            self.Declaration.create(
                [{"mrn": REAL_MRNS[2]}, {"mrn": REAL_MRNS[2].lower()}]
            )
        self.assertEqual(self.Declaration.search_count([]), count)

    def test_unique_written_on_several(self):
        """One MRN written on several declarations at once is refused."""
        declarations = self.declaration | self.Declaration.create(
            {"direction": "export"}
        )
        with self.assertRefused(ValidationError, "cannot be given to several"):
            declarations.write({"mrn": REAL_MRNS[3]})
        self.assertEqual(declarations.mapped("mrn"), [False, False])

    def test_unique_in_the_new_company(self):
        """A declaration moved to a company whose declaration has its MRN is
        refused."""
        company_2 = self.env["res.company"].create({"name": "Second Company"})
        self.Declaration.create({"mrn": REAL_MRNS[4], "company_id": company_2.id})
        self.declaration.mrn = REAL_MRNS[4]
        with self.assertRefused(ValidationError, "already recorded"):
            self.declaration.company_id = company_2
        self.assertEqual(self.declaration.company_id, self.company)

    def test_unique_in_database(self):
        """The database refuses a duplicate MRN written past the ORM."""
        self.declaration.mrn = REAL_MRNS[1]
        other = self.Declaration.create({"direction": "export"})
        other.flush_recordset()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE crm_customs_declaration SET mrn = %s WHERE id = %s",
                    [REAL_MRNS[1], other.id],
                )
