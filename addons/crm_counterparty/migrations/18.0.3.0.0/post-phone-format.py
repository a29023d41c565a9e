"""18.0.3.0.0: counterparties' numbers follow Odoo's phone convention.

Up to 18.0.2.0.0 the phone and mobile of every partner were stored in E.164
(``+35929812345``). Odoo keeps them in its international formatting
(``+359 2 981 2345``) and the E.164 form in ``phone_sanitized``, which the
update computes (``sms`` is a new dependency). Here the E.164 numbers of
counterparties and their contacts are rewritten in Odoo's formatting, in SQL:
the numbers are the same, so nothing else changes. Other partners' numbers
were E.164 only when typed so; they are left as they are.
"""

import phonenumbers
from psycopg2.extras import execute_values

PHONE_FIELDS = ("phone", "mobile")


def international(number):
    """``number`` (E.164) in Odoo's international formatting, or None."""
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(
        parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )


def migrate(cr, version):
    if not version:
        return
    for column in PHONE_FIELDS:
        cr.execute(
            f"""
            SELECT p.id, p.{column}
              FROM res_partner p
             WHERE p.{column} ~ '^\\+[0-9]{{7,15}}$'
               AND EXISTS (
                   SELECT 1 FROM res_partner_counterparty_kind_rel r
                    WHERE r.partner_id = p.commercial_partner_id)
            """  # noqa: S608 - column is one of two constants
        )
        rows = [
            (partner_id, formatted)
            for partner_id, number in cr.fetchall()
            if (formatted := international(number))
        ]
        execute_values(
            cr._obj,
            f"""
            UPDATE res_partner p SET {column} = v.number
              FROM (VALUES %s) AS v(id, number)
             WHERE p.id = v.id
            """,  # noqa: S608 - column is one of two constants
            rows,
            page_size=1000,
        )
