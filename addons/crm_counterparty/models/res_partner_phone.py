from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.phone_validation.models.mail_thread_phone import PHONE_REGEX_PATTERN

from ..tools.trusted_context import is_trusted

PHONE_FIELDS = ("phone", "mobile")
#: Context key (set with ``tools.trusted_context.trusted``, out of reach of
#: RPC callers) of server flows that keep a counterparty's numbers exactly as
#: given, e.g. lead conversion.
KEEP_PHONE = "crm_counterparty_keep_phone"
#: Context keys of flows that create or update partners on someone's behalf
#: (imports, module data): their numbers are kept as given and flagged when
#: unreadable, never refused. A user who sends one gets nothing an import
#: would not give him.
KEEP_PHONE_CONTEXT_KEYS = ("import_file", "install_mode", "install_filename")


# One concern per file: res_partner.py holds kinds and identifiers.
class ResPartner(models.Model):
    """Phone numbers as Odoo keeps them: ``phone`` and ``mobile`` in Odoo's
    international formatting, E.164 in ``phone_sanitized`` (``mail.thread.phone``).

    Only numbers typed into the register (a partner with a kind, or a contact
    of one) are formatted and checked; every other partner keeps its numbers
    as given, and an unreadable number is flagged (``phone_to_check``)."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # Indexed like crm.lead's: duplicate detection and lead matching read it.
    phone_sanitized = fields.Char(index="btree_not_null")
    phone_to_check = fields.Boolean(
        compute="_compute_phone_to_check",
        store=True,
        help="The phone or mobile number cannot be read for the partner's "
        "country; it was kept as given.",
    )

    @api.depends("phone", "mobile", "country_id")
    def _compute_phone_to_check(self):
        for partner in self:
            partner.phone_to_check = any(
                partner[fname] and not partner._phone_format(fname=fname)
                for fname in PHONE_FIELDS
            )

    # ------------------------------------------------------------------
    # Formatting and checks of numbers typed into the register
    # ------------------------------------------------------------------

    def _register_phone_vals(self, vals, country):
        """Return ``vals`` with the numbers of a counterparty in Odoo's
        international formatting; an unreadable one is refused, unless the
        values come from a flow that keeps numbers as given."""
        if is_trusted(self.env, KEEP_PHONE):
            return vals  # a flow that keeps the numbers exactly as given
        strict = not any(self.env.context.get(k) for k in KEEP_PHONE_CONTEXT_KEYS)
        vals = dict(vals)
        for fname in PHONE_FIELDS:
            number = vals.get(fname)
            if not number:
                continue
            try:
                vals[fname] = self._phone_format_number(
                    number, country, force_format="INTERNATIONAL", raise_exception=True
                )
            except UserError as error:
                if strict:
                    raise ValidationError(
                        _(
                            "The %(field)s number %(number)s cannot be read for "
                            "%(country)s: %(reason)s",
                            field=self._fields[fname].get_description(self.env)[
                                "string"
                            ],
                            number=number,
                            country=country.name or _("an unknown country"),
                            reason=error.args[0] if error.args else "",
                        )
                    ) from error
        return vals

    def _phone_country_for_vals(self, vals):
        if vals.get("country_id"):
            return self.env["res.country"].browse(vals["country_id"])
        if self:
            return self.country_id or self.env.company.country_id
        if vals.get("parent_id"):
            parent = self.browse(vals["parent_id"])
            if parent.country_id:
                return parent.country_id
        return self.env.company.country_id

    @api.model
    def _kind_ids_of_commands(self, value):
        """Ids set by a Many2many value made of ids, SET and LINK commands, or
        None for any other command."""
        ids = []
        for item in value or []:
            if isinstance(item, int):
                ids.append(item)
            elif item[0] == Command.SET:
                ids = list(item[2])
            elif item[0] == Command.LINK:
                ids.append(item[1])
            else:
                return None
        return ids

    def _vals_make_counterparty(self, vals):
        """Whether ``vals`` create (or keep, on ``self``) a counterparty: a
        partner with a kind, or a contact of one."""
        if "counterparty_kind_ids" in vals:
            kind_ids = self._kind_ids_of_commands(vals["counterparty_kind_ids"])
            if kind_ids or (kind_ids is None and vals["counterparty_kind_ids"]):
                return True
        if vals.get("parent_id"):
            parent = self.browse(vals["parent_id"])
            return bool(parent.commercial_partner_id.counterparty_kind_ids)
        return bool(self.commercial_partner_id.counterparty_kind_ids)

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [
            self._register_phone_vals(vals, self._phone_country_for_vals(vals))
            if any(vals.get(f) for f in PHONE_FIELDS)
            and self._vals_make_counterparty(vals)
            else vals
            for vals in vals_list
        ]
        return super().create(vals_list)

    def write(self, vals):
        if not any(vals.get(f) for f in PHONE_FIELDS):
            return super().write(vals)
        if len(self) > 1:
            # Each partner's number is read for its own country and kinds.
            for partner in self:
                partner.write(vals)
            return True
        if self._vals_make_counterparty(vals):
            vals = self._register_phone_vals(vals, self._phone_country_for_vals(vals))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Look-ups by number
    # ------------------------------------------------------------------

    def _phone_numbers_e164(self):
        """The E.164 forms of this partner's readable numbers."""
        self.ensure_one()
        numbers = {self._phone_format(fname=fname) for fname in PHONE_FIELDS}
        return numbers - {False}

    @api.model
    def _ids_by_phone_e164(self, numbers):
        """Ids of partners with one of the E.164 ``numbers`` as sanitized
        number, phone or mobile, however the latter two are written, read
        through the indexes of ``mail.thread.phone``. Access rules are not
        applied: search the ids to apply them."""
        return list(self._phone_matches_e164(numbers))

    @api.model
    def _phone_matches_e164(self, numbers):
        """``{partner id: the E.164 numbers among numbers it has}``, as
        ``_ids_by_phone_e164`` finds them, in one query."""
        numbers = sorted(numbers)
        if not numbers:
            return {}
        self.flush_model(["phone", "mobile", "phone_sanitized"])
        variants = numbers + ["00" + number[1:] for number in numbers]
        conditions = [SQL("phone_sanitized = ANY(%s)", numbers)]
        cleaned = []
        for fname in PHONE_FIELDS:
            column = SQL(
                "regexp_replace((%(column)s::text), %(pattern)s::text, ''::text, "
                "'g'::text)",
                column=SQL.identifier(fname),
                pattern=PHONE_REGEX_PATTERN,
            )
            cleaned.append(column)
            conditions.append(
                SQL(
                    "(%(column)s IS NOT NULL AND %(cleaned)s = ANY(%(numbers)s))",
                    column=SQL.identifier(fname),
                    cleaned=column,
                    numbers=variants,
                )
            )
        self.env.cr.execute(
            SQL(
                "SELECT id, phone_sanitized, %s FROM res_partner WHERE %s",
                SQL(", ").join(cleaned),
                SQL(" OR ").join(conditions),
            )
        )
        wanted = set(numbers)
        matches = {}
        for partner_id, *values in self.env.cr.fetchall():
            found = set()
            for value in values:
                if value and value.startswith("00"):
                    value = "+" + value[2:]
                if value in wanted:
                    found.add(value)
            matches[partner_id] = found
        return matches
