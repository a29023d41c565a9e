"""Checks of identifiers as text, shared by the counterparty addons.

Kept out of the models so that any addon can import them without importing
a model file.
"""

import re

from odoo.exceptions import ValidationError

#: Characters refused in identifiers: the C0 controls and DEL.
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
#: An EORI number once normalized: a country code and 1 to 15 letters or digits.
EORI_RE = re.compile(r"^([A-Z]{2})([A-Z0-9]{1,15})$")


def refuse_control_characters(model, vals, fnames):
    """Refuse identifiers holding control characters (a NUL byte cannot even
    be stored): pasted text is checked before anything is written."""
    for fname in fnames:
        value = vals.get(fname)
        if isinstance(value, str) and CONTROL_CHARS.search(value):
            raise ValidationError(
                model.env._(
                    "The %(field)s %(value)s contains a control character.",
                    field=model._fields[fname].get_description(model.env)["string"],
                    value=repr(value),
                )
            )
