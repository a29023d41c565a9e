from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CounterpartyCase


@tagged("post_install", "-at_install")
class TestSecurity(CounterpartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document = cls.env["crm.personal.document"].create(
            {
                "partner_id": cls.company_partner.id,
                "type_id": cls.env.ref("crm_counterparty.document_type_id_card").id,
                "number": "645123987",
            }
        )
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.other_user = new_test_user(
            cls.env,
            login="other_cp_user",
            groups="base.group_user,crm_counterparty.group_counterparty_manager",
            company_id=cls.other_company.id,
            company_ids=[cls.other_company.id],
        )

    def test_plain_user_sees_no_personal_documents(self):
        """An employee without the counterparty group cannot read personal documents."""
        with self.assertRaises(AccessError):
            self.document.with_user(self.plain_user).read(["number"])
        with self.assertRaises(AccessError):
            self.env["crm.personal.document"].with_user(self.plain_user).create(
                {
                    "partner_id": self.company_partner.id,
                    "type_id": self.document.type_id.id,
                    "number": "1",
                }
            )

    def test_plain_user_cannot_change_kinds(self):
        """Only a counterparty administrator configures kinds."""
        kinds = self.env["crm.counterparty.kind"]
        self.assertTrue(kinds.with_user(self.plain_user).search([]))
        with self.assertRaises(AccessError):
            kinds.with_user(self.cp_user).create({"name": "X", "code": "x"})
        with self.assertRaises(AccessError):
            self.kind_customer.with_user(self.cp_user).write({"name": "Client"})
        kinds.with_user(self.cp_manager).create({"name": "X", "code": "x"})

    def test_document_officer_works_documents_but_cannot_delete(self):
        """A user of the group Personal Documents records documents; a
        counterparty user only reads them; only a manager deletes them."""
        with self.assertRaises(AccessError):
            self.env["crm.personal.document"].with_user(self.cp_user).create(
                {
                    "partner_id": self.company_partner.id,
                    "type_id": self.document.type_id.id,
                    "number": "1",
                }
            )
        with self.assertRaises(AccessError):
            self.document.with_user(self.cp_user).expiry_date = "2030-01-01"
        doc = (
            self.env["crm.personal.document"]
            .with_user(self.pd_user)
            .create(
                {
                    "partner_id": self.company_partner.id,
                    "type_id": self.document.type_id.id,
                    "number": "2",
                }
            )
        )
        doc.number = "3"
        with self.assertRaises(AccessError):
            doc.unlink()
        doc.with_user(self.cp_manager).unlink()

    def test_other_company_cannot_see_documents(self):
        """Personal documents stay in their company."""
        docs = self.env["crm.personal.document"].with_user(self.other_user)
        self.assertFalse(docs.search([("id", "=", self.document.id)]))
        with self.assertRaises(AccessError):
            self.document.with_user(self.other_user).read(["number"])

    def test_plain_user_has_no_counterparty_menu(self):
        """The Counterparties app is hidden from employees without the group."""
        root = self.env.ref("crm_counterparty.crm_counterparty_menu_root")
        visible = self.env["ir.ui.menu"].with_user(self.plain_user)._visible_menu_ids()
        self.assertNotIn(root.id, visible)
        visible = self.env["ir.ui.menu"].with_user(self.cp_user)._visible_menu_ids()
        self.assertIn(root.id, visible)
        config = self.env.ref("crm_counterparty.crm_counterparty_menu_config")
        self.assertNotIn(config.id, visible)

    def test_counterparty_user_implies_contact_creation(self):
        """As the README says: a Counterparty User is in Odoo's Contact
        Creation group, the one Odoo asks for to create or edit any partner;
        an employee without it only reads partners."""
        self.assertTrue(self.cp_user.has_group("base.group_partner_manager"))
        partner = self.Partner.with_user(self.cp_user).create({"name": "Created"})
        partner.with_user(self.cp_user).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.Partner.with_user(self.plain_user).create({"name": "Refused"})
