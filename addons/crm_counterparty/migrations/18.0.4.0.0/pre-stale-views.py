"""18.0.4.0.0: empty the suite's partner views whose old arch names the
hand-written counters, buttons and fields the document registry replaced.

An update validates a view with the inheriting views already in the
database: until each of these is loaded again (or deleted, for those the new
code no longer has), its old arch would name fields and methods that are
gone. crm_counterparty is updated first, so its script does it for the
suite's addons; each view gets its new arch back when its addon loads.
"""

from openupgradelib import openupgrade

STALE_VIEWS = (
    ("crm_counterparty", "view_partner_form_documents"),
    ("crm_holding", "view_partner_form"),
    ("crm_customs", "view_partner_form"),
)


def empty_stale_views(cr):
    for module, name in STALE_VIEWS:
        openupgrade.logged_query(
            cr,
            """
            UPDATE ir_ui_view SET arch_db = jsonb_build_object('en_US', '<data/>')
             WHERE id IN (SELECT res_id FROM ir_model_data
                           WHERE model = 'ir.ui.view' AND module = %s AND name = %s)
            """,
            (module, name),
        )


def migrate(cr, version):
    if version:
        empty_stale_views(cr)
