"""crm_counterparty's 18.0.4.0.0 moves contracts to this addon: tested
here, where the contract model is in the registry."""

from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.common import CounterpartyCase
from odoo.addons.crm_counterparty.tests.test_migration import load_migration

NEW = "crm_counterparty_contract"


@tagged("post_install", "-at_install")
class TestMigrationContractAddon(CounterpartyCase):
    """18.0.4.0.0 on data of the old shape: the contracts' records owned
    by crm_counterparty move to crm_counterparty_contract, nothing lost."""

    def _xmlids(self, module_name, names):
        Data = self.env["ir.model.data"]
        Data.invalidate_model()
        return {
            data.name: (data.model, data.res_id)
            for data in Data.search(
                [("module", "=", module_name), ("name", "in", names)]
            )
        }

    def test_18_0_4_0_0_moves_contracts_to_their_addon(self):
        """The models and their fields, the orders' contract fields, views,
        action, menu, sequence, job, rights, rule, kind and demo contracts
        change module and keep their records; the addon is marked to
        install."""
        module = load_migration("18.0.4.0.0", "pre-move-contract")
        contract = self.env["crm.contract"].create(
            {
                "title": "Old framework",
                "partner_id": self.company_partner.id,
                "side": "customer",
                "date_start": "2027-01-01",
            }
        )
        names = list(module.MOVED_XMLIDS)
        field_names = [
            f"field_crm_contract__{fname}" for fname in self.env["crm.contract"]._fields
        ]
        field_names += [
            f"field_{model.replace('.', '_')}__{fname}"
            for model, fnames in module.MOVED_FIELDS.items()
            for fname in fnames
        ]
        # The old shape: the records under crm_counterparty's xml ids (demo
        # contracts made here when the database has no demo data).
        for name in names:
            if not self.env.ref(f"{NEW}.{name}", False):
                self.env["ir.model.data"].create(
                    {
                        "module": NEW,
                        "name": name,
                        "model": "crm.contract",
                        "res_id": contract.id,
                    }
                )
        self.env.cr.execute(
            "UPDATE ir_model_data SET module = 'crm_counterparty' "
            "WHERE module = %s AND name = ANY(%s)",
            [NEW, [*names, *field_names, "model_crm_contract"]],
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
            self._xmlids(NEW, ["model_crm_contract"]),
            {
                "model_crm_contract": (
                    "ir.model",
                    self.env["ir.model"]._get_id("crm.contract"),
                )
            },
        )
        self.assertTrue(contract.exists(), "the contract itself is untouched")
        self.env.cr.execute("SELECT state FROM ir_module_module WHERE name = %s", [NEW])
        self.assertEqual(self.env.cr.fetchone()[0], "to install")
