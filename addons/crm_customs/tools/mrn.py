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
"""

import re
import string

MRN_LENGTH = 18

#: ISO 6346 values: digits are themselves, letters start at 10 and skip the
#: multiples of 11 (A=10, B=12, ... K=21, L=23, ... U=32, V=34, ... Z=38).
_CHARACTER_VALUES = {digit: int(digit) for digit in string.digits}
_value = 10
for _letter in string.ascii_uppercase:
    if _value % 11 == 0:
        _value += 1
    _CHARACTER_VALUES[_letter] = _value
    _value += 1
del _value, _letter

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
    if len(head) != MRN_LENGTH - 1 or any(c not in _CHARACTER_VALUES for c in head):
        raise MrnError("characters", head)
    total = sum(
        _CHARACTER_VALUES[char] << position for position, char in enumerate(head)
    )
    return str(total % 11 % 10)


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
    if any(char not in _CHARACTER_VALUES for char in mrn):
        raise MrnError("characters", mrn)
    if country in check_digit_countries and mrn_check_character(mrn) != mrn[-1]:
        raise MrnError("check_digit", mrn[-1])
    return mrn
