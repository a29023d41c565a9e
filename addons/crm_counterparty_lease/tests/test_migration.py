"""crm_counterparty's 18.0.4.0.0 moves leases to this addon: tested here,
where the lease model is in the registry; and this addon's own migrations."""

from odoo import SUPERUSER_ID, Command
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_counterparty.tests.common import CounterpartyCase
from odoo.addons.crm_counterparty.tests.moved_records import MovedRecordsCase
from odoo.addons.crm_counterparty.tests.test_migration import load_migration


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


@tagged("post_install", "-at_install")
class TestMigrationTermsApprover(CounterpartyCase):
    """18.0.1.1.0 on data of the old shape: running leases without approver
    get the one their tracked history names, if he may post."""

    def _lease(self, user, **vals):
        return (
            self.env["crm.lease"]
            .with_user(user)
            .with_context(tracking_disable=False)
            .create(
                dict(
                    {
                        "partner_id": self.company_partner.id,
                        "partner_role": "lessee",
                        "asset_description": "Migrated hall",
                        "date_start": "2027-01-01",
                        "rent": 100.0,
                    },
                    **vals,
                )
            )
        )

    def _end_request(self):
        """What the end of an RPC request does before its commit: the
        tracking messages of its changes are written, by its user. (Odoo
        does not track the changes of a record in the request that created
        it.)"""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _approvers(self, leases):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, terms_approver_id FROM crm_lease WHERE id = ANY(%s)",
            [leases.ids],
        )
        return dict(self.env.cr.fetchall())

    def test_18_0_1_1_0_fills_terms_approver(self):
        """The accountant who started a lease approves it; a lease whose rent a
        user without Billing rights changed afterwards, one started by a user
        who lost Billing rights, and drafts get none; a lease the superuser
        created running keeps him."""
        billing = "base.group_user,crm_counterparty.group_counterparty_user,"
        billing += "account.group_account_invoice"
        accountant = new_test_user(self.env, login="mig_accountant", groups=billing)
        former = new_test_user(self.env, login="mig_former", groups=billing)
        started = self._lease(accountant)
        forged = self._lease(accountant)
        left = self._lease(former)
        draft = self._lease(accountant)
        self._end_request()
        started.action_start()
        self._end_request()
        forged.action_start()
        self._end_request()
        # What 18.0.1.0.0 let a user without Billing rights do (sudo only to
        # get past today's guard; the tracked author is still him).
        forged.with_user(self.cp_user).sudo().with_context(
            tracking_disable=False
        ).write({"rent": 250000.0})
        self._end_request()
        left.action_start()
        self._end_request()
        by_data = self.env["crm.lease"].create(
            {
                "partner_id": self.company_partner.id,
                "asset_description": "Data hall",
                "rent": 5.0,
                "state": "running",
            }
        )
        self._end_request()
        former.groups_id = [
            Command.unlink(self.env.ref("account.group_account_invoice").id)
        ]
        leases = started | forged | left | draft | by_data
        # The shape of 18.0.1.0.0: no approver recorded.
        self.env.cr.execute(
            "UPDATE crm_lease SET terms_approver_id = NULL WHERE id = ANY(%s)",
            [leases.ids],
        )
        self.env.invalidate_all()

        migration = load_migration(
            "18.0.1.1.0", "post-migrate", addon="crm_counterparty_lease"
        )
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.assertEqual(
            self._approvers(leases),
            {
                started.id: accountant.id,
                forged.id: None,
                left.id: None,
                draft.id: None,
                by_data.id: SUPERUSER_ID,
            },
        )
        self.assertEqual(
            migration.fill_terms_approver(self.env.cr), 0, "runs once in effect"
        )
