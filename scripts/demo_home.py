# `make demo` (scripts/demo.sh), run in an Odoo shell on the demo database:
# the administrator lands on the kanban of the counterparties (the
# Counterparties app) instead of Discuss.
#
# Not demo data of an addon: Odoo's own tests run with every addon's demo data
# (`make test-odoo`), and some of them open the web client as the admin with
# a URL that falls back to his home action (stock's inventory tours).
admin = env.ref("base.user_admin")  # noqa: F821 (the shell's environment)
action = env.ref("crm_counterparty.res_partner_action_counterparty_all")  # noqa: F821
admin.action_id = action.id
env.cr.commit()  # noqa: F821
print("demo: the administrator lands on the counterparties")
