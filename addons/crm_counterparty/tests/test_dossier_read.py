from lxml import etree

from odoo import Command
from odoo.tests import tagged

from .common import CounterpartyCase
from .web_form_spec import form_specification


@tagged("post_install", "-at_install")
class TestDossierRead(CounterpartyCase):
    """Opening a dossier: the web client's ``web_read`` of the partner form,
    with the specification it builds from the form's arch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls.env.ref("base.user_admin")
        cls.user.groups_id |= cls.env.ref("crm_counterparty.group_counterparty_user")
        cls.context = {
            **cls.env["res.users"].with_user(cls.user).context_get(),
            "allowed_company_ids": [cls.env.company.id],
            "default_is_company": True,
        }
        cls.Reader = (
            cls.env["res.partner"]
            .with_user(cls.user)
            .with_context(bin_size=True, **cls.context)
        )

    def _spec(self):
        arch = self.Reader.get_views([(False, "form")])["views"]["form"]["arch"]
        return form_specification(self.env, "res.partner", arch, self.context)

    def _stock_spec(self):
        """The form with only stock Odoo's views: the suite's inheriting views
        deactivated in a savepoint."""
        modules = (
            self.env["ir.module.module"]
            .search([("author", "=", "Counterparty CRM")])
            .mapped("name")
        )
        views = (
            self.env["ir.model.data"]
            .search([("model", "=", "ir.ui.view"), ("module", "in", modules)])
            .mapped("res_id")
        )
        savepoint = self.env.cr.savepoint()
        self.env["ir.ui.view"].browse(views).filtered("inherit_id").active = False
        spec = self._spec()
        savepoint.close(rollback=True)
        self.env.invalidate_all()
        self.env.registry.clear_cache("templates")
        return spec

    def _dossier(self, name, size):
        """A customer and bank with ``size`` contacts, addresses, messages,
        files, personal documents, accounts held at it, and users."""
        bank = self.env["res.bank"].create(
            {"name": name, "bic": f"{name[:4].upper():X<4}BGSF"}
        )
        partner = self.Partner.create(
            {
                "name": name,
                "is_company": True,
                "email": f"{name.lower()}@example.com",
                "phone": "+359 2 987 6543",
                "bank_id": bank.id,
                "counterparty_kind_ids": [
                    Command.set([self.kind_customer.id, self.kind_bank.id])
                ],
            }
        )
        contacts = self.Partner.create(
            [
                {"name": f"{name} {i}", "parent_id": partner.id, "type": kind}
                for i in range(size)
                for kind in ("contact", "invoice")
            ]
        )
        self.env["mail.message"].create(
            [
                {
                    "model": "res.partner",
                    "res_id": partner.id,
                    "message_type": "comment",
                    "body": f"Note {i}",
                }
                for i in range(size)
            ]
        )
        self.env["ir.attachment"].create(
            [
                {
                    "name": f"file{i}.txt",
                    "res_model": "res.partner",
                    "res_id": partner.id,
                    "raw": b"x",
                }
                for i in range(size)
            ]
        )
        doc_type = self.env["crm.personal.document.type"].search([], limit=1)
        self.env["crm.personal.document"].create(
            [
                {
                    "partner_id": contact.id,
                    "type_id": doc_type.id,
                    "number": f"{name}-{i}",
                }
                for i, contact in enumerate(contacts[:size])
            ]
        )
        self.env["res.partner.bank"].create(
            [
                {
                    "partner_id": contact.id,
                    "acc_number": f"{name}-ACC-{i}",
                    "bank_id": bank.id,
                }
                for i, contact in enumerate(contacts[:size])
            ]
        )
        for i, contact in enumerate(contacts[: min(size, 5)]):
            self.env["res.users"].create(
                {"login": f"{name}-user-{i}", "partner_id": contact.id, "name": name}
            )
        self.env.flush_all()
        return partner

    def _queries(self, partner, spec):
        self.Reader.browse(partner.id).web_read(spec)  # registry caches warm
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        self.Reader.browse(partner.id).web_read(spec)
        return self.env.cr.sql_log_count - start

    def test_dossier_read_constant(self):
        """The dossier reads in as many queries with 3 or 60 of each list,
        and in at most 1.5 times the queries of stock Odoo's partner form."""
        few, many = self._dossier("Few", 3), self._dossier("Many", 60)
        spec, stock_spec = self._spec(), self._stock_spec()
        self.assertIn("contact_person_ids", spec)
        self.assertNotIn("contact_person_ids", stock_spec)
        self.assertEqual(
            spec["contact_person_ids"]["fields"]["name"], {}, "sub-fields of lists"
        )
        few_queries = self._queries(few, spec)
        self.assertEqual(self._queries(many, spec), few_queries)
        stock_queries = self._queries(many, stock_spec)
        # The goal of the dossier: at most 1.5 times the queries of stock
        # Odoo's partner form (bench/bench_dossier.py measures the time).
        self.assertLessEqual(few_queries, 1.5 * stock_queries)
        read = self.Reader.browse(many.id).web_read(spec)[0]
        rows = read["contact_person_ids"]
        self.assertEqual(len(rows), 60)
        self.assertEqual(
            len([row for row in rows if len(row) > 1]),
            40,
            "contact persons: the first page read with its columns",
        )

    def _tab_lists(self):
        """{field: specification} of the read-only lists of the form's tabs,
        as the crm_dossier_list widget reads them when its tab is shown."""
        arch = self.Reader.get_views([(False, "form")])["views"]["form"]["arch"]
        lists = {}
        for widget in etree.fromstring(arch).iter("widget"):
            if widget.get("name") != "crm_dossier_list":
                continue
            field = self.env["res.partner"]._fields[widget.get("field")]
            comodel = self.env[field.comodel_name]
            columns = {
                name: {"fields": {"display_name": {}}}
                if comodel._fields[name].type == "many2one"
                else {}
                for name in widget.get("columns").split(",")
            }
            lists[field.name] = {field.name: {"fields": columns, "limit": 40}}
        return lists

    def test_tab_lists_read_when_shown(self):
        """The lists of the tabs but the contact persons and addresses (users,
        held accounts, activities, meetings, calls and notes, files, personal
        documents, field templates) are not read with the form but when
        their tab is shown: each its first page, in as many queries for 3 or
        60 records."""
        lists = self._tab_lists()
        spec = self._spec()
        for fname in (
            "linked_user_ids",
            "held_bank_account_ids",
            "activity_ids",
            "meeting_ids",
            "event_message_ids",
            "document_attachment_ids",
            "personal_document_ids",
            "counterparty_profile_ids",
        ):
            self.assertIn(fname, lists)
            self.assertNotIn(fname, spec)
        few, many = self._dossier("Few", 3), self._dossier("Many", 60)
        for fname, tab_spec in lists.items():
            with self.subTest(list=fname):
                self.assertEqual(
                    self._queries(few, tab_spec), self._queries(many, tab_spec)
                )
        for fname, count in (
            ("held_bank_account_ids", 60),
            ("linked_user_ids", 5),
            ("event_message_ids", 60),
            ("document_attachment_ids", 60),
        ):
            rows = self.Reader.browse(many.id).web_read(lists[fname])[0][fname]
            self.assertEqual(len(rows), count, fname)
            self.assertEqual(
                len([row for row in rows if len(row) > 1]),
                min(count, 40),
                f"{fname}: the first page read with its columns",
            )
