"""crm_counterparty's 18.0.4.0.0 moves leases to this addon: tested here,
where the lease model is in the registry."""

from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.common import CounterpartyCase
from odoo.addons.crm_counterparty.tests.test_migration import load_migration

NEW = "crm_counterparty_lease"


@tagged("post_install", "-at_install")
class TestMigrationLeaseAddon(CounterpartyCase):
    """18.0.4.0.0 on data of the old shape: the leases' records owned by
    crm_counterparty move to crm_counterparty_lease, nothing lost."""

    def _xmlids(self, module_name, names):
        Data = self.env["ir.model.data"]
        Data.invalidate_model()
        return {
            data.name: (data.model, data.res_id)
            for data in Data.search(
                [("module", "=", module_name), ("name", "in", names)]
            )
        }

    def test_18_0_4_0_0_moves_leases_to_their_addon(self):
        """The model and its fields, the invoices' lease fields, views,
        action, menu, sequence, product, job, rights, rule, kind and demo
        leases change module and keep their records; the addon is marked to
        install."""
        module = load_migration("18.0.4.0.0", "pre-move-lease")
        lease = self.env["crm.lease"].create(
            {
                "partner_id": self.company_partner.id,
                "partner_role": "lessee",
                "asset_description": "Old hall",
                "date_start": "2027-01-01",
                "rent": 100.0,
            }
        )
        names = list(module.MOVED_XMLIDS)
        field_names = [
            f"field_crm_lease__{fname}" for fname in self.env["crm.lease"]._fields
        ]
        field_names += [f"field_account_move__{fname}" for fname in module.MOVED_FIELDS]
        # The old shape: the records under crm_counterparty's xml ids (demo
        # leases made here when the database has no demo data).
        for name in names:
            if not self.env.ref(f"{NEW}.{name}", False):
                self.env["ir.model.data"].create(
                    {
                        "module": NEW,
                        "name": name,
                        "model": "crm.lease",
                        "res_id": lease.id,
                    }
                )
        self.env.cr.execute(
            "UPDATE ir_model_data SET module = 'crm_counterparty' "
            "WHERE module = %s AND name = ANY(%s)",
            [NEW, [*names, *field_names, "model_crm_lease"]],
        )
        self.env.cr.execute(
            "UPDATE ir_module_module SET state = 'uninstalled' WHERE name = %s", [NEW]
        )
        before = self._xmlids("crm_counterparty", [*names, *field_names])
        self.assertEqual(len(before), len(names) + len(field_names))

        module.migrate(self.env.cr, "18.0.3.0.0")

        self.assertEqual(self._xmlids(NEW, [*names, *field_names]), before)
        self.assertFalse(self._xmlids("crm_counterparty", [*names, *field_names]))
        self.assertEqual(
            self._xmlids(NEW, ["model_crm_lease"]),
            {
                "model_crm_lease": (
                    "ir.model",
                    self.env["ir.model"]._get_id("crm.lease"),
                )
            },
        )
        self.assertTrue(lease.exists(), "the lease itself is untouched")
        self.env.cr.execute("SELECT state FROM ir_module_module WHERE name = %s", [NEW])
        self.assertEqual(self.env.cr.fetchone()[0], "to install")
