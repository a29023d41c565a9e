from odoo import SUPERUSER_ID, api


def post_init_hook(env):
    """Give Odoo's existing customers and suppliers, and their contacts, the
    kinds and kind flags of their ranks."""
    env = api.Environment(env.cr, SUPERUSER_ID, {})
    env["res.partner"]._recompute_rank_kinds()
