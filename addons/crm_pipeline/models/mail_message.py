from odoo import models
from odoo.tools.sql import create_index

#: The messages that count as contact in the relationship stage (e-mails,
#: discussions and notes, logged activities) on partners and deals, by
#: record and date: the last one of a record is one step down the index.
#: A query uses it only if its conditions include this predicate as written.
MAIL_MESSAGE_CONTACT_INDEX = "mail_message_relationship_contact_index"
MAIL_MESSAGE_CONTACT_WHERE = (
    "model IN ('res.partner', 'crm.lead') "
    "AND (message_type IN ('email', 'comment') "
    "OR mail_activity_type_id IS NOT NULL)"
)


class MailMessage(models.Model):
    _inherit = "mail.message"

    def init(self):
        res = super().init()
        create_index(
            self.env.cr,
            MAIL_MESSAGE_CONTACT_INDEX,
            self._table,
            ["model", "res_id", "date"],
            where=MAIL_MESSAGE_CONTACT_WHERE,
        )
        return res
