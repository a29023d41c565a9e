"""Commodity codes of declared goods: HS (6 digits), Combined Nomenclature
(8) and TARIC (10) codes.

Pure functions, without Odoo, so that they can be reused and tested alone.
"""

import re

#: HS (6 digits), Combined Nomenclature (8) and TARIC (10) codes.
HS_CODE_LENGTHS = (6, 8, 10)
_HS_CODE_SEPARATORS = re.compile(r"[\s.]")


def normalize_hs_code(code):
    """The code without the spaces and dots it is often written with
    (``8471 30 00``, ``8471.30.00``)."""
    return _HS_CODE_SEPARATORS.sub("", code or "") or False


def is_valid_hs_code(code):
    """Whether ``code``, once normalized, is 6, 8 or 10 ASCII digits and
    nothing else."""
    # isdigit() alone would accept the digits of other scripts.
    return bool(
        code and code.isascii() and code.isdigit() and len(code) in HS_CODE_LENGTHS
    )
