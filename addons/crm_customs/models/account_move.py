from odoo import fields, models
from odoo.tools import SQL, index_exists

#: One duty bill that is not cancelled per declaration, even when two
#: releases of the same declaration run at once.
DUTY_BILL_INDEX = "account_move_crm_customs_declaration_uniq"


class AccountMove(models.Model):
    _inherit = "account.move"

    crm_customs_declaration_id = fields.Many2one(
        "crm.customs.declaration",
        string="Customs Declaration",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The import declaration whose duties, excise and import VAT this "
        "bill pays to the customs office.",
    )

    def init(self):
        res = super().init()
        if not index_exists(self.env.cr, DUTY_BILL_INDEX):
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX %s ON account_move "
                    "(crm_customs_declaration_id) "
                    "WHERE crm_customs_declaration_id IS NOT NULL "
                    "AND state != 'cancel'",
                    SQL.identifier(DUTY_BILL_INDEX),
                )
            )
        return res

    def action_open_crm_customs_declaration(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.customs.declaration",
            "res_id": self.crm_customs_declaration_id.id,
            "view_mode": "form",
        }
