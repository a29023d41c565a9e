import re

from odoo import Command, _, models

from odoo.addons.crm_counterparty.models.res_partner_phone import KEEP_PHONE
from odoo.addons.crm_counterparty.tools.trusted_context import trusted


class CrmLead(models.Model):
    """Conversion of a lead to a customer counterparty: the existing partner
    with its VAT, e-mail or phone is proposed, the account keeps the lead's
    origin and gets its contact person."""

    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    def _vat_normalized(self):
        self.ensure_one()
        return re.sub(r"[\s.\-/]", "", self.vat or "").upper()

    def _lead_phones_e164(self):
        """The lead's readable phone and mobile in E.164."""
        self.ensure_one()
        country = self.country_id or self.env.company.country_id
        numbers = {
            self._phone_format(number=number, country=country, force_format="E164")
            for number in (self.phone, self.mobile)
            if number
        }
        return numbers - {False}

    def _find_counterparty_match(self):
        """Return ``(partner, reason)``: an existing partner with the lead's
        VAT, e-mail or phone, checked in that order, or an empty partner."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        vat = self._vat_normalized()
        if vat:
            partner = Partner.search(
                [("vat", "=", vat), ("parent_id", "=", False)], limit=1
            )
            if partner:
                return partner, _("VAT %(vat)s", vat=vat)
        if self.email_normalized:
            partner = Partner.search(
                [("email_normalized", "=", self.email_normalized)],
                order="is_company desc, id",
                limit=1,
            )
            if partner:
                return partner, _("e-mail %(email)s", email=self.email_normalized)
        phones = list(self._lead_phones_e164())
        if phones:
            partner = Partner.search(
                [("id", "in", Partner._ids_by_phone_e164(phones))],
                order="is_company desc, id",
                limit=1,
            )
            if partner:
                return partner, _("phone %(phone)s", phone=", ".join(sorted(phones)))
        return Partner, False

    def _find_matching_partner(self, email_only=False):
        """Propose the counterparty with the lead's VAT, e-mail or normalized
        phone before Odoo's e-mail and name look-ups, so that converting a
        lead of a known account links it instead of creating a duplicate."""
        self.ensure_one()
        if not self.partner_id:
            partner = self._find_counterparty_match()[0]
            if partner:
                return partner
        return super()._find_matching_partner(email_only=email_only)

    def _prepare_customer_values(self, partner_name, is_company=False, parent_id=False):
        values = super()._prepare_customer_values(
            partner_name, is_company=is_company, parent_id=parent_id
        )
        if not parent_id:
            values.update(self._counterparty_origin_values())
            if self.vat and (is_company or not self.partner_name):
                values["vat"] = self._vat_normalized()
            # A customer from its creation (its rank in the same insert),
            # rather than made one by a second write of every new account.
            kind_id = self.env["crm.counterparty.kind"]._get_id_by_code("customer")
            if kind_id:
                values["counterparty_kind_ids"] = [Command.link(kind_id)]
        return values

    def _counterparty_origin_values(self):
        """Where the account came from: the lead's marketing origin."""
        return {
            "source_id": self.source_id.id,
            "campaign_id": self.campaign_id.id,
            "medium_id": self.medium_id.id,
        }

    def _handle_partner_assignment(self, force_partner_id=False, create_missing=True):
        """After Odoo links or creates the customer, make its company a
        customer counterparty that keeps the lead's origin, and give it the
        lead's contact person."""
        # The lead's numbers are kept as given, flagged when unreadable: the
        # account is a customer counterparty from its creation.
        leads = self.with_context(**trusted(KEEP_PHONE))
        res = super(CrmLead, leads)._handle_partner_assignment(
            force_partner_id=force_partner_id, create_missing=create_missing
        )
        leads.filtered("partner_id")._make_customer_counterparty()
        return res

    def _make_customer_counterparty(self):
        kind = self.env["res.partner"]._kind_by_code("customer")
        for lead in self:
            account = lead.partner_id.commercial_partner_id
            updates = {}
            if kind and kind not in account.counterparty_kind_ids:
                updates["counterparty_kind_ids"] = [Command.link(kind.id)]
            for fname, value in lead._counterparty_origin_values().items():
                if value and not account[fname]:
                    updates[fname] = value
            if updates:
                account.write(updates)
            if lead.partner_id.is_company and lead.contact_name:
                lead.partner_id = lead._find_or_create_contact_person(account)

    def _find_or_create_contact_person(self, account):
        """The account's contact with the lead's e-mail or name, created from
        the lead when there is none."""
        self.ensure_one()
        contacts = account.child_ids.filtered(lambda c: c.type == "contact")
        for contact in contacts:
            if (
                self.email_normalized
                and contact.email_normalized == self.email_normalized
            ) or (
                contact.name
                and contact.name.strip().lower() == self.contact_name.strip().lower()
            ):
                return contact
        return self.env["res.partner"].create(
            self._prepare_customer_values(
                self.contact_name, is_company=False, parent_id=account.id
            )
        )
