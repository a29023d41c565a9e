"""crm_counterparty's 18.0.4.0.0 moves the client cards to this bridge:
tested here, where the bridge's model is in the registry."""

from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.common import CounterpartyCase
from odoo.addons.crm_counterparty.tests.test_migration import load_migration


@tagged("post_install", "-at_install")
class TestMigrationLoyaltyBridge(CounterpartyCase):
    """18.0.4.0.0 on data of the old shape: the client cards' records owned
    by crm_counterparty move to crm_counterparty_loyalty, nothing lost."""

    def _xmlids(self, module_name, names):
        Data = self.env["ir.model.data"]
        Data.invalidate_model()
        return {
            data.name: (data.model, data.res_id)
            for data in Data.search(
                [("module", "=", module_name), ("name", "in", names)]
            )
        }

    def test_18_0_4_0_0_moves_client_cards_to_the_bridge(self):
        """Model, fields, view, action, access row, kind and demo cards change
        module and keep their records; the bridge is marked to install."""
        module = load_migration("18.0.4.0.0", "pre-move-loyalty")
        names = list(module.MOVED_XMLIDS)
        field_names = [
            f"field_crm_client_card_issue__{fname}"
            for fname in self.env["crm.client.card.issue"]._fields
        ]
        # The old shape: the records under crm_counterparty's xml ids (demo
        # cards made here when the database has no demo data).
        program = self.env["loyalty.program"].create(
            {"name": "Old Club", "program_type": "loyalty"}
        )
        for name in names:
            if not self.env.ref(f"crm_counterparty_loyalty.{name}", False):
                self.env["ir.model.data"].create(
                    {
                        "module": "crm_counterparty_loyalty",
                        "name": name,
                        "model": "loyalty.program",
                        "res_id": program.id,
                    }
                )
        self.env.cr.execute(
            "UPDATE ir_model_data SET module = 'crm_counterparty' "
            "WHERE module = 'crm_counterparty_loyalty' AND name = ANY(%s)",
            [[*names, *field_names, "model_crm_client_card_issue"]],
        )
        self.env.cr.execute(
            "UPDATE ir_module_module SET state = 'uninstalled' "
            "WHERE name = 'crm_counterparty_loyalty'"
        )
        before = self._xmlids("crm_counterparty", names + field_names)
        self.assertEqual(len(before), len(names) + len(field_names))

        module.migrate(self.env.cr, "18.0.3.0.0")

        self.assertEqual(
            self._xmlids("crm_counterparty_loyalty", names + field_names), before
        )
        self.assertFalse(self._xmlids("crm_counterparty", names + field_names))
        self.assertEqual(
            self._xmlids("crm_counterparty_loyalty", ["model_crm_client_card_issue"]),
            {
                "model_crm_client_card_issue": (
                    "ir.model",
                    self.env["ir.model"]._get_id("crm.client.card.issue"),
                )
            },
        )
        self.env.cr.execute(
            "SELECT state FROM ir_module_module WHERE name = 'crm_counterparty_loyalty'"
        )
        self.assertEqual(self.env.cr.fetchone()[0], "to install")
