import functools
import os

from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.modules.module import get_module_path

from ..tools.trusted_context import is_trusted

#: Context key (set with ``tools.trusted_context.trusted``) of server code
#: that writes a stored computed field of the suite on purpose.
WRITE_COMPUTED_KEY = "crm_counterparty_write_computed"


@functools.cache
def suite_addons():
    """The addons of the suite: the folders beside this addon with a
    manifest."""
    root = os.path.dirname(get_module_path("crm_counterparty"))
    return frozenset(
        name
        for name in os.listdir(root)
        if os.path.isfile(os.path.join(root, name, "__manifest__.py"))
    )


class Base(models.AbstractModel):
    """Stored computed fields of the suite are not a back door.

    A stored computed field without an inverse is read-only in the web
    client, but ``write`` and ``create`` accept it from any caller, RPC
    included: a user could forge a declaration's totals, a partner's holding
    tree or its kind flags, which other code then trusts. Every model, the
    suite's and those it extends, refuses such a field in the values of a
    ``create`` or ``write`` by a user, and ignores it in the context's
    defaults (``default_<field>``), so that it always holds what its compute
    gives. The superuser and server code that passes the trusted
    ``WRITE_COMPUTED_KEY`` may still write them.

    Only fields that the suite alone defines are concerned: Odoo's own fields
    and flows are left as they are.
    """

    _inherit = "base"

    @api.model
    def _crm_is_guarded_computed_field(self, field):
        """Whether ``field`` is a stored computed field of the suite that
        users may not write. Override to leave one out, saying why."""
        return bool(
            field
            and field.store
            and field.compute
            and not field.inverse
            and field.readonly
            and field._modules
            and set(field._modules) <= suite_addons()
        )

    @api.model
    def _crm_check_computed_vals(self, vals):
        if self.env.su or is_trusted(self.env, WRITE_COMPUTED_KEY):
            return
        forged = [
            fname
            for fname in vals
            if self._crm_is_guarded_computed_field(self._fields.get(fname))
        ]
        if forged:
            raise AccessError(
                _(
                    "%(model)s: the field %(fields)s is computed; it cannot be "
                    "written, only recomputed from the values it follows.",
                    model=self._description,
                    fields=", ".join(
                        self._fields[fname].get_description(self.env)["string"]
                        for fname in forged
                    ),
                )
            )

    @api.model
    def _crm_context_without_computed_defaults(self):
        """The context without ``default_<field>`` keys of guarded fields, or
        None when it has none."""
        if self.env.su or is_trusted(self.env, WRITE_COMPUTED_KEY):
            return None
        forged = [
            key
            for key in self.env.context
            if key.startswith("default_")
            and self._crm_is_guarded_computed_field(self._fields.get(key[8:]))
        ]
        if not forged:
            return None
        return {k: v for k, v in self.env.context.items() if k not in forged}

    @api.model_create_multi
    def create(self, vals_list):
        # Any iterable is accepted by Odoo, a generator too: read it once.
        vals_list = list(vals_list)
        for vals in vals_list:
            self._crm_check_computed_vals(vals)
        context = self._crm_context_without_computed_defaults()
        if context is not None:
            # Keys are taken out of the context, which kwargs cannot do.
            model = self.with_context(context)  # pylint: disable=context-overridden
            return super(Base, model).create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._crm_check_computed_vals(vals)
        return super().write(vals)
