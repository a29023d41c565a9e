"""18.0.1.1.0: the daily job posts a lease's customer invoices only while the
user who approved its terms may post (``terms_approver_id``, new here).

A running lease's approver is the one its history names: the author of the
last tracked change of its state or terms, if that author is an active
internal user with Billing rights in the lease's company. A lease made
running by the superuser (data files) without such a change keeps him. Any
other running lease gets none: the job leaves its invoices as drafts and
tells its responsible, until a user with Billing rights approves its terms
(among them those whose terms a user without Billing rights set, which the
earlier versions let through).
"""

from odoo.tools import SQL

#: The terms of a lease as of this version (``TERMS_FIELDS`` of the model,
#: copied: a migration keeps the meaning it had when it was written).
TERMS_FIELDS = [
    "rent",
    "partner_id",
    "partner_role",
    "date_start",
    "date_end",
    "billing_frequency",
    "currency_id",
    "product_id",
    "company_id",
    "journal_id",
]


def fill_terms_approver(cr):
    """Set the approver of the running leases that have none; return how
    many got one."""
    cr.execute(
        SQL(
            """
            WITH last_change AS (
                SELECT DISTINCT ON (m.res_id) m.res_id AS lease_id, m.author_id
                  FROM mail_message m
                  JOIN mail_tracking_value t ON t.mail_message_id = m.id
                  JOIN ir_model_fields f ON f.id = t.field_id
                 WHERE m.model = 'crm.lease'
                   AND f.model = 'crm.lease'
                   AND f.name = ANY(%(fields)s)
                 ORDER BY m.res_id, m.date DESC, m.id DESC
            ), billing_group AS (
                SELECT res_id AS id FROM ir_model_data
                 WHERE module = 'account' AND name = 'group_account_invoice'
            ), approver AS (
                SELECT l.id AS lease_id,
                       CASE WHEN c.lease_id IS NULL THEN
                                CASE WHEN l.create_uid = 1 THEN 1 END
                            ELSE (
                                SELECT min(u.id) FROM res_users u
                                  JOIN res_groups_users_rel g ON g.uid = u.id
                                  JOIN res_company_users_rel cu ON cu.user_id = u.id
                                 WHERE u.partner_id = c.author_id
                                   AND u.active AND NOT u.share
                                   AND g.gid IN (SELECT id FROM billing_group)
                                   AND cu.cid = l.company_id
                            )
                       END AS user_id
                  FROM crm_lease l
                  LEFT JOIN last_change c ON c.lease_id = l.id
                 WHERE l.state = 'running' AND l.terms_approver_id IS NULL
            )
            UPDATE crm_lease l SET terms_approver_id = a.user_id
              FROM approver a
             WHERE a.lease_id = l.id AND a.user_id IS NOT NULL
            """,
            fields=[*TERMS_FIELDS, "state"],
        )
    )
    return cr.rowcount


def migrate(cr, version):
    if version:
        fill_terms_approver(cr)
