"""18.0.3.0.0: a personal document always belongs to a company.

Documents without one get the company of their holder, else the main
company, before the update makes the column NOT NULL.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE crm_personal_document d
           SET company_id = COALESCE(
                   p.company_id,
                   (SELECT res_id FROM ir_model_data
                     WHERE module = 'base' AND name = 'main_company'),
                   (SELECT MIN(id) FROM res_company)
               )
          FROM res_partner p
         WHERE p.id = d.partner_id
           AND d.company_id IS NULL
        """
    )
