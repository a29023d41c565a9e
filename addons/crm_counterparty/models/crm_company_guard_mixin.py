from odoo import _, api, models
from odoo.exceptions import AccessError


class CrmCompanyGuardMixin(models.AbstractModel):
    """Records stay in the companies their user works in.

    Odoo checks the record rules on the records a user writes, as they are
    before the write, not on what the write sets: a user allowed to edit a
    record could otherwise move it into any company by writing its
    ``company_id`` (or, for a ``company_id`` related to another record, by
    pointing it at a record of another company). Every company-scoped model
    of the suite inherits this mixin: it refuses, on create and on write, a
    company outside the user's allowed companies (``env.companies``).

    The superuser (``sudo()``, scheduled jobs) is not checked.
    """

    _name = "crm.company.guard.mixin"
    _description = "Company Guard"

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = list(vals_list)  # a generator is read once
        for vals in vals_list:
            self._crm_check_company_vals(vals)
        records = super().create(vals_list)
        records._crm_check_companies()
        return records

    def write(self, vals):
        self._crm_check_company_vals(vals)
        result = super().write(vals)
        if vals.keys() & self._crm_company_source_fields():
            self._crm_check_companies()
        return result

    @api.model
    def _crm_company_source_fields(self):
        """The fields whose change may change the company: ``company_id``
        itself, or the first field of its path when it is related."""
        field = self._fields["company_id"]
        sources = {"company_id"}
        if field.related:
            sources.add(field.related.split(".", 1)[0])
        return sources

    @api.model
    def _crm_check_company_vals(self, vals):
        if self.env.su or not vals.get("company_id"):
            return
        self._crm_refuse_companies(self.env["res.company"].browse(vals["company_id"]))

    def _crm_check_companies(self):
        if self.env.su:
            return
        self._crm_refuse_companies(self.company_id)

    @api.model
    def _crm_refuse_companies(self, companies):
        outside = companies - self.env.companies
        if outside:
            raise AccessError(
                _(
                    "%(model)s: you cannot record or move anything into the "
                    "company id %(company)s, it is not one of the companies "
                    "you work in.",
                    model=self._description,
                    company=", ".join(str(company_id) for company_id in outside.ids),
                )
            )
