from odoo.tests import Form, new_test_user, tagged

from .common import CustomsCase


@tagged("post_install", "-at_install")
class TestPartnerDossier(CustomsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.trader = cls.Partner.create(
            {"name": "Varna Trading AD", "is_company": True, "eori": "BG103000007"}
        )

    def test_counts_per_role(self):
        """Office, importer and supplier each count the declarations they are in."""
        roles = {"declarant_id": self.trader.id, "partner_id": self.trader.id}
        first = self._declaration(**roles)
        second = self._declaration(
            direction="export", counterparty_id=self.customer.id, **roles
        )
        self.assertEqual(self.office.crm_customs_declaration_count, 2)
        self.assertEqual(self.supplier.crm_customs_declaration_count, 1)
        self.assertEqual(self.customer.crm_customs_declaration_count, 1)
        # The trader is declarant and exporter: each declaration counts once.
        self.assertEqual(self.trader.crm_customs_declaration_count, 2)
        self.assertEqual(self.office.latest_crm_customs_declaration_ids, second | first)
        self.assertEqual(self.office.latest_crm_customs_declaration_ids[0], second)

    def test_contact_sees_company_declarations(self):
        """A contact of the supplier shows the supplier's declarations."""
        contact = self.Partner.create({"name": "Li Wei", "parent_id": self.supplier.id})
        declaration = self._declaration(counterparty_id=contact.id)
        self.assertEqual(self.supplier.crm_customs_declaration_count, 1)
        self.assertEqual(contact.crm_customs_declaration_count, 1)
        action = self.supplier.action_open_crm_customs_declarations()
        self.assertEqual(self.Declaration.search(action["domain"]), declaration)
        self.assertEqual(
            action["context"], {"default_counterparty_id": self.supplier.id}
        )

    def test_counts_in_batch(self):
        """The counters of many partners take one query per role."""
        self._declaration(partner_id=self.trader.id)
        partners = self.office | self.supplier | self.customer | self.trader
        partners.invalidate_recordset()
        with self.assertQueryCount(__system__=6):
            counts = partners.mapped("crm_customs_declaration_count")
        self.assertEqual(counts, [1, 1, 0, 1])

    def test_office_action_defaults(self):
        """From the office, a new declaration is made at that office."""
        action = self.office.action_open_crm_customs_declarations()
        self.assertEqual(
            action["context"], {"default_customs_office_id": self.office.id}
        )
        self.assertIn(self.office.name, action["display_name"])

    def test_plain_user_sees_no_count(self):
        """A user without customs rights reads partners, with no count."""
        self._declaration()
        office = self.office.with_user(self.plain_user)
        self.assertEqual(office.crm_customs_declaration_count, 0)
        self.assertFalse(office.latest_crm_customs_declaration_ids)

    def test_forms_open_for_each_user(self):
        """The office's dossier and a purchase order open for a customs user,
        and for users without customs rights."""
        self._declaration()
        with Form(self.office.with_user(self.customs_user)) as form:
            self.assertEqual(form.crm_customs_declaration_count, 1)
        buyer = new_test_user(
            self.env, login="customs_buyer", groups="purchase.group_purchase_user"
        )
        order = self.env["purchase.order"].create({"partner_id": self.supplier.id})
        # Without customs rights the Customs button and tab are not there.
        with Form(order.with_user(buyer)) as form:
            self.assertNotIn("crm_customs_declaration_count", form._view["fields"])
        with Form(self.office.with_user(buyer)) as form:
            self.assertNotIn("crm_customs_declaration_count", form._view["fields"])
