"""crm_counterparty's 18.0.5.0.0 moves purchases, supplier articles and
supply discounts to this bridge: tested here, where the bridge's model is in
the registry."""

from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.moved_records import MovedRecordsCase


@tagged("post_install", "-at_install")
class TestMigrationPurchaseBridge(MovedRecordsCase):
    """18.0.5.0.0 on data of the old shape: the purchase records owned by
    crm_counterparty move to crm_counterparty_purchase, nothing lost."""

    def test_18_0_5_0_0_moves_supply_discounts_to_the_bridge(self):
        """The supply discount model with its fields, views, action, menu,
        access rows and rule, the partner's discounts field, the three kinds
        and the demo records change module and keep their records; the
        bridge is marked to install."""
        discount = self.env["crm.supply.discount"].create(
            {"partner_id": self.company_partner.id, "discount": 4.0}
        )
        self._assert_moved(
            "pre-move-purchase",
            "crm_counterparty_purchase",
            "crm.supply.discount",
            discount,
            other_fields={"res.partner": ["supply_discount_ids"]},
            version="18.0.5.0.0",
        )
