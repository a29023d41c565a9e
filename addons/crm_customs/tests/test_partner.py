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

    def _count(self, partner):
        kind = self.env.ref("crm_customs.document_kind_customs_declaration")
        totals = partner._dossier_document_totals(kind.with_env(partner.env))
        return totals[partner.commercial_partner_id.id][kind.code]["count"]

    def _latest(self, partner):
        kind = self.env.ref("crm_customs.document_kind_customs_declaration")
        return kind.with_env(partner.env)._latest(partner.commercial_partner_id.ids)

    def test_counts_per_role(self):
        """Office, importer and supplier each count the declarations they are in."""
        roles = {"declarant_id": self.trader.id, "partner_id": self.trader.id}
        first = self._declaration(**roles)
        second = self._declaration(
            direction="export", counterparty_id=self.customer.id, **roles
        )
        self.assertEqual(self._count(self.office), 2)
        self.assertEqual(self._count(self.supplier), 1)
        self.assertEqual(self._count(self.customer), 1)
        # The trader is declarant and exporter: each declaration counts once.
        self.assertEqual(self._count(self.trader), 2)
        self.assertEqual(self._latest(self.office), second | first)
        self.assertEqual(self._latest(self.office)[0], second)

    def test_contact_sees_company_declarations(self):
        """A contact of the supplier shows the supplier's declarations."""
        contact = self.Partner.create({"name": "Li Wei", "parent_id": self.supplier.id})
        declaration = self._declaration(counterparty_id=contact.id)
        self.assertEqual(self._count(self.supplier), 1)
        self.assertEqual(self._count(contact), 1)
        action = self.supplier.action_open_documents("customs_declaration")
        self.assertEqual(self.Declaration.search(action["domain"]), declaration)
        self.assertEqual(
            action["context"], {"default_counterparty_id": self.supplier.id}
        )

    def test_counts_in_batch(self):
        """The counters of many partners take one query per role (and one
        for the kind's figures), whatever their number."""
        self._declaration(partner_id=self.trader.id)
        partners = self.office | self.supplier | self.customer | self.trader
        kind = self.env.ref("crm_customs.document_kind_customs_declaration")
        partners._dossier_document_totals(kind)  # warm the caches
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=10):
            totals = partners._dossier_document_totals(kind)
        counts = [totals[p.id]["customs_declaration"]["count"] for p in partners]
        self.assertEqual(counts, [1, 1, 0, 1])

    def test_office_action_defaults(self):
        """From the office, a new declaration is made at that office."""
        action = self.office.action_open_documents("customs_declaration")
        self.assertEqual(
            action["context"], {"default_customs_office_id": self.office.id}
        )
        self.assertIn(self.office.name, action["display_name"])

    def test_plain_user_sees_no_count(self):
        """A user without customs rights reads partners, with no count."""
        self._declaration()
        office = self.office.with_user(self.plain_user)
        self.assertEqual(self._count(office), 0)
        self.assertFalse(self._latest(office))

    def test_forms_open_for_each_user(self):
        """The office's dossier and a purchase order open for a customs user,
        and for users without customs rights."""
        self._declaration()
        with Form(self.office.with_user(self.customs_user)):
            pass
        sections = self.office.with_user(self.customs_user).get_dossier_documents()
        self.assertIn("customs_declaration", [s["code"] for s in sections])
        buyer = new_test_user(
            self.env, login="customs_buyer", groups="purchase.group_purchase_user"
        )
        order = self.env["purchase.order"].create({"partner_id": self.supplier.id})
        # Without customs rights the Customs button and tab are not there.
        with Form(order.with_user(buyer)) as form:
            self.assertNotIn("crm_customs_declaration_count", form._view["fields"])
        with Form(self.office.with_user(buyer)):
            pass
        sections = self.office.with_user(buyer).get_dossier_documents()
        self.assertNotIn("customs_declaration", [s["code"] for s in sections])
