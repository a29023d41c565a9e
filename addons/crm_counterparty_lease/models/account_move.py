from odoo import fields, models
from odoo.tools import SQL, index_exists

#: One invoice that is not cancelled per lease and period, even when two runs
#: of the rent job overlap.
LEASE_PERIOD_INDEX = "account_move_crm_lease_period_uniq"


class AccountMove(models.Model):
    _inherit = "account.move"

    crm_lease_id = fields.Many2one(
        "crm.lease",
        string="Lease",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The lease this rent invoice or bill was issued for.",
    )
    crm_lease_period_start = fields.Date(
        string="Lease Period Start",
        readonly=True,
        copy=False,
        help="First day of the rent period this invoice bills.",
    )

    def init(self):
        res = super().init()
        if not index_exists(self.env.cr, LEASE_PERIOD_INDEX):
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX %s ON account_move "
                    "(crm_lease_id, crm_lease_period_start) "
                    "WHERE crm_lease_id IS NOT NULL AND state != 'cancel'",
                    SQL.identifier(LEASE_PERIOD_INDEX),
                )
            )
        return res
