"""Movement Reference Numbers (MRN) of customs declarations.

Pure functions, without Odoo, so that they can be reused and tested alone.

An MRN has 18 characters:

- 2 digits: the last two digits of the year the declaration was accepted;
- 2 letters: the ISO 3166-1 alpha-2 code of the country that issued it;
- 14 letters or digits of the issuing country's own making.

Countries of the European Union end their MRNs with a check character
computed over the first 17 characters with the algorithm of ISO 6346, as
defined for the MRN by the European Commission ("Check character algorithm
for the MRN and GRN", DG XXI/0879/99 Rev.1, kept by the Union Customs Code
data requirements): every character gets a value (digits their own, letters
10 for A onwards, skipping the multiples of 11), each value is multiplied by
2 to the power of its position (0 to 16), the products are summed, and the
remainder of the sum divided by 11 is the check character (a remainder of
10 gives 0).

python-stdnum's ISO 6346 check digit is that computation over a number of
any length (the container code it is named for has 10 characters), so it is
used as such on the first 17 characters.
"""

import re
import string

from stdnum import iso6346

MRN_LENGTH = 18

#: The characters an MRN may hold once normalized: ISO 6346 values them all.
_MRN_CHARACTERS = frozenset(string.digits + string.ascii_uppercase)

_SEPARATORS = re.compile(r"[\s.\-/]")


class MrnError(ValueError):
    """An MRN that is not well formed. ``reason`` says what is wrong: one of
    ``length``, ``year``, ``country``, ``characters``, ``check_digit``;
    ``detail`` is the faulty part (the length, the country code, the check
    character...)."""

    def __init__(self, reason, detail=None):
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


def normalize_mrn(mrn):
    """The MRN in upper case without spaces, dots, dashes or slashes."""
    return _SEPARATORS.sub("", mrn or "").upper()


def mrn_check_character(mrn):
    """The check character of the first 17 characters of ``mrn``."""
    head = normalize_mrn(mrn)[: MRN_LENGTH - 1]
    if len(head) != MRN_LENGTH - 1 or any(c not in _MRN_CHARACTERS for c in head):
        raise MrnError("characters", head)
    return iso6346.calc_check_digit(head)


def validate_mrn(mrn, country_codes, check_digit_countries=()):
    """Return ``mrn`` normalized, or raise :class:`MrnError`.

    :param country_codes: the ISO codes of the countries that may issue MRNs;
    :param check_digit_countries: the ISO codes of the countries whose MRNs
        end with an ISO 6346 check character, which is then verified.
    """
    mrn = normalize_mrn(mrn)
    if len(mrn) != MRN_LENGTH:
        raise MrnError("length", len(mrn))
    if not mrn[:2].isdigit():
        raise MrnError("year", mrn[:2])
    country = mrn[2:4]
    if country not in country_codes:
        raise MrnError("country", country)
    if any(char not in _MRN_CHARACTERS for char in mrn):
        raise MrnError("characters", mrn)
    if country in check_digit_countries and mrn_check_character(mrn) != mrn[-1]:
        raise MrnError("check_digit", mrn[-1])
    return mrn
