"""What an ordinary login could get past in the register over RPC, each
tried as the weakest role that could (issue: trust, second round)."""

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import CounterpartyCase
from .rpc import RpcMixin


@tagged("post_install", "-at_install")
class TestRegisterTrust(RpcMixin, CounterpartyCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.cp_user, cls.pd_user):
            user.password = user.login
        cls.company_partner.write(
            {
                "phone": "02 981 2345",
                "counterparty_kind_ids": [Command.set(cls.kind_customer.ids)],
            }
        )

    def test_forged_keep_phone_key(self):
        """A Counterparties user who sends the key by which lead conversion
        keeps numbers as given still has an unreadable number refused."""
        message = self.assertRpcRefused(
            self.cp_user,
            "res.partner",
            "write",
            self.company_partner.ids,
            {"phone": "call me maybe"},
            context={"crm_counterparty_keep_phone": True},
            error="ValidationError",
        )
        self.assertIn("call me maybe", message)
        self.assertEqual(self.company_partner.phone, "+359 2 981 2345")

    def test_personal_document_stays_in_its_company(self):
        """A personal documents officer cannot move a document into a
        company he does not work in."""
        other = self.env["res.company"].create({"name": "Elsewhere OOD"})
        document = self.env["crm.personal.document"].create(
            {
                "partner_id": self.company_partner.id,
                "type_id": self.env.ref("crm_counterparty.document_type_passport").id,
                "number": "TRUST-1",
            }
        )
        message = self.assertRpcRefused(
            self.pd_user,
            "crm.personal.document",
            "write",
            document.ids,
            {"company_id": other.id},
            error="AccessError",
        )
        self.assertIn(f"company id {other.id}", message)
        self.assertEqual(document.company_id, self.env.company)

    def test_kind_flags_are_not_written(self):
        """A Counterparties user cannot set a kind flag without the kind: the
        flags follow the kinds (and, for customers and suppliers, Odoo's
        ranks)."""
        self.assertRpcRefused(
            self.cp_user,
            "res.partner",
            "write",
            self.company_partner.ids,
            {"is_supplier_counterparty": True, "is_bank_counterparty": True},
            error="AccessError",
        )
        self.assertFalse(self.company_partner.is_supplier_counterparty)
        self.assertFalse(self.company_partner.is_bank_counterparty)
        self.assertEqual(self.company_partner.supplier_rank, 0)
