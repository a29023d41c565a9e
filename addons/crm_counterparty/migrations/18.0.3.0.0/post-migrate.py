"""18.0.3.0.0: the number of a personal document stays on the document.

Up to 18.0.2 the name of a document was its type and number, and Odoo copied
it into the record name of its messages and activities, the subject of the
assignment e-mails and the summary of the expiry to-dos, and tracked every
change of the number in the chatter. The names are recomputed from the type
and the holder; the copies of the number in the messages and activities of
each document are masked, and the tracking values of the number deleted.

Numbers shorter than ``MIN_LENGTH`` characters are not masked in texts: they
could match unrelated parts of a message (an HTML attribute, a date).
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

MASK = "***"
MIN_LENGTH = 4


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Document = env["crm.personal.document"].with_context(active_test=False)
    documents = Document.search([])
    env.add_to_compute(Document._fields["name"], documents)
    Document.flush_model(["name"])

    cr.execute(
        """
        UPDATE mail_message m
           SET record_name = d.name,
               subject = CASE WHEN length(d.number) >= %(min)s
                              THEN replace(m.subject, d.number, %(mask)s)
                              ELSE m.subject END,
               body = CASE WHEN length(d.number) >= %(min)s
                           THEN replace(m.body, d.number, %(mask)s)
                           ELSE m.body END
          FROM crm_personal_document d
         WHERE m.model = 'crm.personal.document'
           AND m.res_id = d.id
        """,
        {"mask": MASK, "min": MIN_LENGTH},
    )
    messages = cr.rowcount
    cr.execute(
        """
        UPDATE mail_activity a
           SET res_name = d.name,
               summary = CASE WHEN length(d.number) >= %(min)s
                              THEN replace(a.summary, d.number, %(mask)s)
                              ELSE a.summary END,
               note = CASE WHEN length(d.number) >= %(min)s
                           THEN replace(a.note, d.number, %(mask)s)
                           ELSE a.note END
          FROM crm_personal_document d
         WHERE a.res_model = 'crm.personal.document'
           AND a.res_id = d.id
        """,
        {"mask": MASK, "min": MIN_LENGTH},
    )
    activities = cr.rowcount
    cr.execute(
        """
        DELETE FROM mail_tracking_value t
         USING ir_model_fields f
         WHERE t.field_id = f.id
           AND f.model = 'crm.personal.document'
           AND f.name = 'number'
        """
    )
    _logger.info(
        "Personal document numbers: %s names recomputed, %s messages and %s "
        "activities cleaned, %s tracking values deleted",
        len(documents),
        messages,
        activities,
        cr.rowcount,
    )
    env.invalidate_all()
