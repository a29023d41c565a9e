"""What the migration scripts that move records between the suite's addons
share, on openupgradelib's helpers."""

from openupgradelib import openupgrade


def move_records(cr, old, new, models=(), fields=None, xmlids=()):
    """Give the module ``new`` the models ``models`` (with their fields,
    constraints and records' xml ids), the fields ``fields`` (``{model:
    field names}``) of other models, and the xml ids ``xmlids`` of ``old``:
    the records stay, only their owner changes."""
    for model in models:
        openupgrade.update_module_moved_models(cr, model, old, new)
    for model, field_names in (fields or {}).items():
        openupgrade.update_module_moved_fields(cr, model, field_names, old, new)
    openupgrade.rename_xmlids(
        cr, [(f"{old}.{name}", f"{new}.{name}") for name in xmlids]
    )


def install_with(cr, module, dependency):
    """Mark ``module`` to be installed in this update when ``dependency`` is
    installed: Odoo's loading loop picks up the modules marked meanwhile, as
    an addon that installs itself (auto_install) would be on a new
    database."""
    openupgrade.logged_query(
        cr,
        """
        UPDATE ir_module_module module SET state = 'to install'
         WHERE module.name = %s AND module.state = 'uninstalled'
           AND EXISTS (
               SELECT 1 FROM ir_module_module dep
                WHERE dep.name = %s AND dep.state IN ('installed', 'to upgrade'))
        """,
        (module, dependency),
    )
