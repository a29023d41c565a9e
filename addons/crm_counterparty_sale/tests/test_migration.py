"""crm_counterparty's 18.0.5.0.0 moves offers and sales to this bridge:
tested here, where the bridge is installed."""

from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.moved_records import MovedRecordsCase


@tagged("post_install", "-at_install")
class TestMigrationSaleBridge(MovedRecordsCase):
    """18.0.5.0.0 on data of the old shape: the sales records owned by
    crm_counterparty move to crm_counterparty_sale, nothing lost."""

    def test_18_0_5_0_0_moves_sales_to_the_bridge(self):
        """The offer and sale kinds and the demo orders change module and keep
        their records; the bridge is marked to install."""
        order = self.env["sale.order"].create({"partner_id": self.company_partner.id})
        self._assert_moved(
            "pre-move-sale", "crm_counterparty_sale", None, order, version="18.0.5.0.0"
        )
