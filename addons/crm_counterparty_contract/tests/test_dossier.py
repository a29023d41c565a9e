from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.common import DocumentCase


@tagged("post_install", "-at_install")
class TestContractsInDossier(DocumentCase):
    def test_contracts_in_dossier(self):
        """A customer's contracts are counted, listed and opened, from the
        company and from its contacts."""
        partner = self.Partner.create(
            {
                "name": "Contract Customer",
                "is_company": True,
                "counterparty_kind_ids": [Command.set(self.kind_customer.ids)],
            }
        )
        contact = self.Partner.create({"name": "Signer", "parent_id": partner.id})
        contracts = self.env["crm.contract"].create(
            [
                {
                    "title": title,
                    "partner_id": partner.id,
                    "side": "customer",
                    "date_start": self.today,
                }
                for title in ("Supply", "Service")
            ]
        )
        (partner | contact).invalidate_recordset()
        for record in (partner, contact):
            self.assertEqual(self._count(record, "contract"), 2)
        self.assertEqual(self._latest(partner, "contract"), contracts)
        action = contact.action_open_documents("contract")
        self.assertEqual(self.env["crm.contract"].search(action["domain"]), contracts)
        shown = {
            s["code"] for s in partner.with_user(self.cp_user).get_dossier_documents()
        }
        self.assertIn("contract", shown, "a counterparty user's own kind")
