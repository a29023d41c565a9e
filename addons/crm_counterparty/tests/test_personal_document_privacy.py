import base64
from datetime import date

import psycopg2
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CounterpartyCase

NUMBER = "382716451"
SCAN = base64.b64encode(b"%PDF-1.4 scan of passport 382716451")


@tagged("post_install", "-at_install")
class TestPersonalDocumentPrivacy(CounterpartyCase):
    """Numbers and scans are for the group Personal Documents, and never
    copied out of the document."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.passport = cls.env.ref("crm_counterparty.document_type_passport")
        cls.holder = cls.Partner.create(
            {"name": "Ivana Petrova", "parent_id": cls.company_partner.id}
        )
        cls.doc = cls.env["crm.personal.document"].create(
            {
                "partner_id": cls.holder.id,
                "type_id": cls.passport.id,
                "number": NUMBER,
                "expiry_date": date(2027, 3, 31),
                "file": SCAN,
                "file_name": "passport.pdf",
            }
        )
        cls.chatter_scan = cls.env["ir.attachment"].create(
            {
                "name": "passport-back.pdf",
                "raw": b"%PDF-1.4 back side",
                "res_model": "crm.personal.document",
                "res_id": cls.doc.id,
            }
        )
        cls.partner_file = cls.env["ir.attachment"].create(
            {
                "name": "registration.pdf",
                "raw": b"%PDF-1.4 registration",
                "res_model": "res.partner",
                "res_id": cls.company_partner.id,
            }
        )

    def test_group_of_administrators(self):
        """Counterparty administrators and the admin user are in the group."""
        group_xmlid = "crm_counterparty.group_personal_document"
        group = self.env.ref(group_xmlid)
        self.assertIn(group, self.env.ref("base.user_admin").groups_id)
        self.assertTrue(self.cp_manager.has_group(group_xmlid))
        self.assertTrue(
            self.pd_user.has_group("crm_counterparty.group_counterparty_user")
        )
        self.assertFalse(self.cp_user.has_group(group_xmlid))

    def test_other_users_see_type_holder_and_state(self):
        """A counterparty user outside the group reads the type, holder and
        state of a document, but neither its number nor its scan, nor finds
        documents by number."""
        doc = self.doc.with_user(self.cp_user)
        values = doc.read(["name", "type_id", "partner_id", "state", "expiry_date"])[0]
        self.assertEqual(values["type_id"][0], self.passport.id)
        self.assertEqual(values["partner_id"][0], self.holder.id)
        self.assertNotIn(NUMBER, str(values))
        for fname in ("number", "file", "file_name"):
            with self.assertRaises(AccessError, msg=fname):
                doc.read([fname])
        with self.assertRaises(AccessError):
            doc.search([("number", "=", NUMBER)])
        self.assertEqual(
            self.doc.with_user(self.pd_user).read(["number"])[0]["number"], NUMBER
        )

    def test_views_without_the_group(self):
        """The list and form views open for a user outside the group, without
        the number and the scan; the partner's tab too."""
        for user, shown in ((self.cp_user, False), (self.pd_user, True)):
            views = (
                self.env["crm.personal.document"]
                .with_user(user)
                .get_views([(False, "list"), (False, "form"), (False, "search")])
            )
            for view_type in ("list", "form", "search"):
                arch = views["views"][view_type]["arch"]
                self.assertEqual('name="number"' in arch, shown, (user, view_type))
            self.assertEqual('name="file"' in views["views"]["form"]["arch"], shown)
            partner_form = (
                self.env["res.partner"]
                .with_user(user)
                .get_views([(False, "form")])["views"]["form"]["arch"]
            )
            # The tab's list (crm_dossier_list) shows the columns the user
            # may read, as fields_get gives them.
            self.assertIn('field="personal_document_ids"', partner_form)
            self.assertIn("number", partner_form)
            columns = (
                self.env["crm.personal.document"]
                .with_user(user)
                .fields_get(["type_id", "number"], ["type"])
            )
            self.assertIn("type_id", columns)
            self.assertEqual("number" in columns, shown, user)

    def test_scans_only_for_the_group(self):
        """Outside the group, the files attached to a document can be neither
        found nor read; other files stay readable."""
        Attachment = self.env["ir.attachment"].with_user(self.cp_user)
        self.assertFalse(
            Attachment.search(
                [
                    ("res_model", "=", "crm.personal.document"),
                    ("res_id", "=", self.doc.id),
                ]
            )
        )
        with self.assertRaises(AccessError):
            self.chatter_scan.with_user(self.cp_user).read(["datas"])
        field_scan = (
            self.env["ir.attachment"]
            .with_context(skip_res_field_check=True)
            .search(
                [
                    ("res_model", "=", "crm.personal.document"),
                    ("res_id", "=", self.doc.id),
                    ("res_field", "=", "file"),
                ]
            )
        )
        self.assertTrue(field_scan)
        with self.assertRaises(AccessError):
            field_scan.with_user(self.cp_user).read(["datas"])
        self.assertIn(
            self.partner_file, Attachment.search([("id", "=", self.partner_file.id)])
        )
        self.assertTrue(self.partner_file.with_user(self.cp_user).read(["datas"]))
        own = Attachment.create({"name": "loose-note.txt", "raw": b"no record"})
        self.assertEqual(Attachment.search([("name", "=", "loose-note.txt")]), own)

        officer = self.chatter_scan.with_user(self.pd_user)
        self.assertEqual(
            base64.b64decode(officer.read(["datas"])[0]["datas"])[:8], b"%PDF-1.4"
        )
        self.assertEqual(self.doc.with_user(self.pd_user).file, SCAN)

    def test_no_number_in_names_messages_activities_and_mails(self):
        """Names, chatter messages and their record names, tracking, the
        assignment e-mail and the expiry to-do never carry the number."""
        doc = (
            self.env["crm.personal.document"]
            .with_context(tracking_disable=False)
            .create(
                {
                    "partner_id": self.holder.id,
                    "type_id": self.passport.id,
                    "number": "AB7731904",
                    "expiry_date": date(2027, 3, 31),
                    "user_id": self.pd_user.id,
                }
            )
        )
        self.assertEqual(doc.display_name, "Passport – Ivana Petrova")
        doc.write({"number": "AB7731905", "expiry_date": date(2027, 3, 30)})
        doc.message_post(body="Copy checked")
        with freeze_time("2027-03-15"):
            doc._cron_expiry_reminder()
        doc.user_id = self.cp_manager
        self.env.flush_all()

        messages = self.env["mail.message"].search(
            [("model", "=", "crm.personal.document"), ("res_id", "=", doc.id)]
        )
        self.assertIn(
            "The document number was changed.",
            "".join(str(body) for body in messages.mapped("body")),
        )
        self.assertTrue(
            messages.filtered(lambda m: m.message_type == "user_notification"),
            "the assignment e-mail",
        )
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "crm.personal.document"), ("res_id", "=", doc.id)]
        )
        self.assertTrue(activities)
        mails = self.env["mail.mail"].search([("mail_message_id", "in", messages.ids)])
        texts = [
            *messages.mapped("record_name"),
            *messages.mapped("subject"),
            *(str(body) for body in messages.mapped("body")),
            *messages.tracking_value_ids.mapped("old_value_char"),
            *messages.tracking_value_ids.mapped("new_value_char"),
            *activities.mapped("summary"),
            *activities.mapped("res_name"),
            *(str(note) for note in activities.mapped("note")),
            *mails.mapped("body_html"),
            *mails.mapped("subject"),
        ]
        for number in ("AB7731904", "AB7731905"):
            for text in texts:
                self.assertNotIn(number, text or "")

    def test_report_without_number(self):
        """The dossier report lists the documents without their number."""
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "crm_counterparty.report_counterparty_dossier", self.company_partner.ids
            )[0]
            .decode()
        )
        self.assertIn("Ivana Petrova", html)
        self.assertIn("Passport", html)
        self.assertFalse(NUMBER in html, "the number is printed")

    @mute_logger("odoo.sql_db")
    def test_document_belongs_to_a_company(self):
        """A personal document always has a company: its user's by default."""
        self.assertEqual(self.doc.company_id, self.env.company)
        with (
            self.assertRaises(psycopg2.errors.NotNullViolation),
            self.env.cr.savepoint(),
        ):
            self.doc.company_id = False
            self.doc.flush_recordset()
