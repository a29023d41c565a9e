"""crm_counterparty's 18.0.4.0.0 moves contracts to this addon: tested
here, where the contract model is in the registry."""

from odoo.tests import tagged

from odoo.addons.crm_counterparty.tests.moved_records import MovedRecordsCase

ORDER_FIELDS = ("crm_contract_id", "crm_commercial_partner_id")


@tagged("post_install", "-at_install")
class TestMigrationContractAddon(MovedRecordsCase):
    """18.0.4.0.0 on data of the old shape: the contracts' records owned
    by crm_counterparty move to crm_counterparty_contract, nothing lost."""

    def test_18_0_4_0_0_moves_contracts_to_their_addon(self):
        """The models and their fields, the orders' contract fields, views,
        action, menu, sequence, job, rights, rule, kind and demo contracts
        change module and keep their records; the addon is marked to
        install."""
        contract = self.env["crm.contract"].create(
            {
                "title": "Old framework",
                "partner_id": self.company_partner.id,
                "side": "customer",
                "date_start": "2027-01-01",
            }
        )
        self._assert_moved(
            "pre-move-contract",
            "crm_counterparty_contract",
            "crm.contract",
            contract,
            {"sale.order": ORDER_FIELDS, "purchase.order": ORDER_FIELDS},
        )
