"""crm_counterparty's 18.0.4.0.0 moves leases to this addon: tested here,
where the lease model is in the registry."""

from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.moved_records import MovedRecordsCase


@tagged("post_install", "-at_install")
class TestMigrationLeaseAddon(MovedRecordsCase):
    """18.0.4.0.0 on data of the old shape: the leases' records owned by
    crm_counterparty move to crm_counterparty_lease, nothing lost."""

    def test_18_0_4_0_0_moves_leases_to_their_addon(self):
        """The model and its fields, the invoices' lease fields, views,
        action, menu, sequence, product, job, rights, rule, kind and demo
        leases change module and keep their records; the addon is marked to
        install."""
        lease = self.env["crm.lease"].create(
            {
                "partner_id": self.company_partner.id,
                "partner_role": "lessee",
                "asset_description": "Old hall",
                "date_start": "2027-01-01",
                "rent": 100.0,
            }
        )
        self._assert_moved(
            "pre-move-lease",
            "crm_counterparty_lease",
            "crm.lease",
            lease,
            {"account.move": ("crm_lease_id", "crm_lease_period_start")},
        )
