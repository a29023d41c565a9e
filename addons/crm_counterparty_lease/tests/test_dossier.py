from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.common import DocumentCase


@tagged("post_install", "-at_install")
class TestLeasesInDossier(DocumentCase):
    def test_leases_in_dossier(self):
        """A customer's leases are counted, listed and opened, from the
        company and from its contacts; cancelled ones are not counted."""
        partner = self.Partner.create(
            {
                "name": "Lease Customer",
                "is_company": True,
                "counterparty_kind_ids": [Command.set(self.kind_customer.ids)],
            }
        )
        contact = self.Partner.create({"name": "Signer", "parent_id": partner.id})
        Lease = self.env["crm.lease"]
        lease = Lease.create(
            {
                "partner_id": partner.id,
                "partner_role": "lessee",
                "asset_description": "Showroom",
                "date_start": self.today,
                "rent": 900.0,
            }
        )
        Lease.create(
            {
                "partner_id": partner.id,
                "partner_role": "lessee",
                "asset_description": "Cancelled kiosk",
                "date_start": self.today,
                "rent": 10.0,
                "state": "cancelled",
            }
        )
        (partner | contact).invalidate_recordset()
        for record in (partner, contact):
            self.assertEqual(self._count(record, "lease"), 1)
        self.assertEqual(self._latest(partner, "lease"), lease)
        action = contact.action_open_documents("lease")
        self.assertIn(lease, Lease.search(action["domain"]))
        shown = {
            s["code"] for s in partner.with_user(self.cp_user).get_dossier_documents()
        }
        self.assertIn("lease", shown, "a counterparty user's own kind")
