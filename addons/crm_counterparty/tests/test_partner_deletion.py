import base64
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .common import CounterpartyCase

SCAN = base64.b64encode(b"%PDF-1.4 scan of a passport")


class DeletionCase(CounterpartyCase):
    """Records with the traces the chatter leaves, and a count of the traces
    left: shared by the addons whose records die with their partner."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.follower = cls.Partner.create({"name": "Follower", "email": "f@x.invalid"})

    def _with_traces(self, record):
        """A message with an attachment, an activity and a follower on
        ``record``, as a user of the chatter leaves them."""
        attachment = self.env["ir.attachment"].create(
            {
                "name": "copy.pdf",
                "raw": b"%PDF-1.4 copy",
                "res_model": record._name,
                "res_id": record.id,
            }
        )
        record.message_post(
            body="Checked at the counter", attachment_ids=attachment.ids
        )
        record.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.cp_manager.id
        )
        record.message_subscribe(partner_ids=self.follower.ids)
        return record

    def _traces(self, model, ids):
        """Rows of the mail and attachment tables still pointing at ``ids``
        of ``model``, read in SQL: what a cascade in the database leaves."""
        counts = {}
        for table, model_column, id_column in (
            ("mail_message", "model", "res_id"),
            ("mail_activity", "res_model", "res_id"),
            ("mail_followers", "res_model", "res_id"),
            ("ir_attachment", "res_model", "res_id"),
        ):
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    "SELECT count(*) FROM %s WHERE %s = %s AND %s = ANY(%s)",
                    SQL.identifier(table),
                    SQL.identifier(model_column),
                    model,
                    SQL.identifier(id_column),
                    list(ids),
                )
            )
            counts[table] = self.env.cr.fetchone()[0]
        return counts


@tagged("post_install", "-at_install")
class TestPartnerDeletion(DeletionCase):
    """Deleting a partner deletes its personal documents through the ORM, or
    is refused: nothing of them is left behind."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.passport = cls.env.ref("crm_counterparty.document_type_passport")

    def _holder(self):
        return self.Partner.create(
            {"name": "Ivana Petrova", "parent_id": self.company_partner.id}
        )

    def _documents_of(self, holder):
        Document = self.env["crm.personal.document"].with_context(
            tracking_disable=False
        )
        docs = Document.create(
            [
                {
                    "partner_id": holder.id,
                    "type_id": self.passport.id,
                    "number": "382716451",
                    "expiry_date": date(2030, 1, 10),
                    "file": SCAN,
                    "file_name": "passport.pdf",
                    "user_id": self.cp_manager.id,
                },
                {
                    "partner_id": holder.id,
                    "type_id": self.passport.id,
                    "number": "OLD-100200",
                    "active": False,
                },
            ]
        )
        for doc in docs:
            self._with_traces(doc)
        return docs

    def test_deleting_holder_leaves_no_trace_of_documents(self):
        """Deleting a holder deletes its documents, archived ones included,
        with their scans, messages, activities and followers."""
        holder = self._holder()
        docs = self._documents_of(holder)
        before = self._traces("crm.personal.document", docs.ids)
        self.assertTrue(all(before.values()), before)

        holder.with_user(self.cp_manager).unlink()

        self.assertFalse(docs.exists())
        self.assertEqual(
            self._traces("crm.personal.document", docs.ids),
            dict.fromkeys(before, 0),
        )

    def test_user_without_delete_right_is_refused(self):
        """A counterparty user may delete partners but not personal documents:
        deleting a holder is refused, and the holder and its documents stay."""
        holder = self._holder()
        docs = self._documents_of(holder)
        with self.assertRaises(AccessError) as caught:
            holder.with_user(self.cp_user).unlink()
        self.assertIn("Personal Document", str(caught.exception))
        self.assertTrue(holder.exists())
        self.assertEqual(len(docs.exists()), 2)

    def test_documents_of_another_company_are_not_deleted_blindly(self):
        """A manager who does not see a document of another company cannot
        delete it with its holder."""
        other_company = self.env["res.company"].create({"name": "Other Co"})
        other_manager = new_test_user(
            self.env,
            login="other_pd_manager",
            groups="base.group_user,crm_counterparty.group_counterparty_manager",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        holder = self._holder()
        holder.parent_id = False
        docs = self._documents_of(holder)
        with self.assertRaises(AccessError):
            holder.with_user(other_manager).unlink()
        self.assertEqual(len(docs.exists()), 2)
