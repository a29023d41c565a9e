from odoo import Command
from odoo.tests import tagged

from .dossier_shape import DossierShapeCase


@tagged("post_install", "-at_install")
class TestDossierShapeTour(DossierShapeCase):
    """Odoo's counters and the dossier's tabs a partner's form shows, by
    kind."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.env.company, install_demo=False
            )

    def _vendor_bill(self, partner):
        """A draft bill, so that Odoo's Vendor Bills counter has something
        to count."""
        self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": partner.id,
                "invoice_line_ids": [
                    Command.create({"name": "Crates", "price_unit": 10.0})
                ],
            }
        )

    def test_customer(self):
        """A customer: no Invoiced or Meetings counter, the dossier's tabs,
        all on one line; meetings and notes in the Events tab."""
        partner = self._shape_partner("Shape Customer", ["customer"])
        partner.message_post(body="Shape note", message_type="comment")
        self._open(partner, "crm_counterparty_shape_customer")

    def test_all_kinds(self):
        """A customer, supplier and holding member with a bill: no Vendor
        Bills counter, and its tabs fit at 1,600 px; the values of its
        supplier's field template under Internal Notes."""
        self.kinds["supplier"].properties_definition = [
            {"name": "payment_days", "string": "Payment days", "type": "integer"}
        ]
        partner = self._shape_partner(
            "Shape Everything", ["customer", "supplier", "holding_member"]
        )
        partner.counterparty_profile_ids.properties = {"payment_days": 45}
        self._vendor_bill(partner)
        self._open(partner, "crm_counterparty_shape_all_kinds")

    def test_bank(self):
        """A bank: no Invoiced or Meetings counter; its accounts and the
        accounts held at it under Invoicing."""
        bank = self._shape_bank()
        holder = self._shape_partner("Shape Holder")
        self.env["res.partner.bank"].create(
            {
                "partner_id": holder.id,
                "acc_number": "SHAPE-1",
                "bank_id": bank.bank_id.id,
            }
        )
        self._open(bank, "crm_counterparty_shape_bank")

    def test_customs_office(self):
        """A customs office (government agency): no Invoiced or Meetings
        counter."""
        self._open(
            self._shape_customs_office(), "crm_counterparty_shape_customs_office"
        )

    def test_partner_without_kind(self):
        """A partner without kind keeps Odoo's counters and tabs."""
        partner = self._shape_partner("Shape Plain Partner")
        self._vendor_bill(partner)
        self._open(partner, "crm_counterparty_shape_plain")
