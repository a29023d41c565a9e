from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .rpc import RpcMixin


@tagged("post_install", "-at_install")
class TestRpcAccess(RpcMixin, HttpCase):
    """What a portal user or a user of another company gets over JSON-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.partner = env["res.partner"].create(
            {
                "name": "Guarded Counterparty",
                "is_company": True,
                "counterparty_kind_ids": [
                    Command.set(env.ref("crm_counterparty.kind_customer").ids)
                ],
            }
        )
        cls.document = env["crm.personal.document"].create(
            {
                "partner_id": cls.partner.id,
                "type_id": env.ref("crm_counterparty.document_type_passport").id,
                "number": "RPC-777",
            }
        )
        cls.portal = new_test_user(
            env,
            login="rpc_portal",
            password="rpc_portal",
            groups="base.group_portal",
        )
        other = env["res.company"].create({"name": "Other Company"})
        cls.other = new_test_user(
            env,
            login="rpc_other",
            password="rpc_other",
            groups="base.group_user,crm_counterparty.group_counterparty_manager",
            company_id=other.id,
            company_ids=[other.id],
        )

    def _rpc(self, user, model, method, *args):
        """Call the model over /jsonrpc as ``user``; return (result, error name)."""
        result, error = self.rpc(user, model, method, *args)
        return result, error and error[0]

    def test_portal_user_reads_and_writes_nothing(self):
        """A portal user can neither read nor change dossier documents."""
        for model, record in (("crm.personal.document", self.document),):
            __, error = self._rpc(self.portal, model, "read", [record.id], ["name"])
            self.assertEqual(error, "odoo.exceptions.AccessError", model)
            __, error = self._rpc(
                self.portal,
                model,
                "write",
                [record.id],
                {"name": "x"},
            )
            self.assertEqual(error, "odoo.exceptions.AccessError", model)
        __, error = self._rpc(
            self.portal,
            "res.partner",
            "write",
            [self.partner.id],
            {"counterparty_kind_ids": [Command.clear()]},
        )
        self.assertEqual(error, "odoo.exceptions.AccessError")
        self.assertTrue(self.partner.counterparty_kind_ids)
        self.assertEqual(self.document.number, "RPC-777")

    def test_other_company_user_sees_nothing(self):
        """A manager of another company finds and reads none of these documents."""
        for model, record in (("crm.personal.document", self.document),):
            found, error = self._rpc(
                self.other, model, "search", [("id", "=", record.id)]
            )
            self.assertIsNone(error)
            self.assertEqual(found, [], model)
            __, error = self._rpc(self.other, model, "read", [record.id], ["name"])
            self.assertEqual(error, "odoo.exceptions.AccessError", model)
            __, error = self._rpc(self.other, model, "unlink", [record.id])
            self.assertEqual(error, "odoo.exceptions.AccessError", model)
        self.assertTrue(self.document.exists())
