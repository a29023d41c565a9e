"""crm_counterparty's 18.0.4.0.0 moves the client cards to this bridge:
tested here, where the bridge's model is in the registry."""

from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.moved_records import MovedRecordsCase


@tagged("post_install", "-at_install")
class TestMigrationLoyaltyBridge(MovedRecordsCase):
    """18.0.4.0.0 on data of the old shape: the client cards' records owned
    by crm_counterparty move to crm_counterparty_loyalty, nothing lost."""

    def test_18_0_4_0_0_moves_client_cards_to_the_bridge(self):
        """Model, fields, view, action, access row, kind and demo cards change
        module and keep their records; the bridge is marked to install."""
        program = self.env["loyalty.program"].create(
            {"name": "Old Club", "program_type": "loyalty"}
        )
        self._assert_moved(
            "pre-move-loyalty",
            "crm_counterparty_loyalty",
            "crm.client.card.issue",
            program,
        )
