"""A document kind an administrator adds takes its place in the holding's
consolidated dossier like the built-in kinds."""

from odoo.tests import new_test_user, tagged

from odoo.addons.crm_counterparty.tests.test_document_registry import RegistryCase

from .common import HoldingCase


@tagged("post_install", "-at_install")
class TestHoldingDocumentRegistry(RegistryCase, HoldingCase):
    def test_new_kind_consolidated(self):
        """The shipments of every member are summed into the holding, in a
        fixed number of queries, and opened together."""
        top = self._company("Rila Holding AD")
        a = self._company("Rila Trade EOOD")
        a1 = self._company("Rila Foods OOD")
        outsider = self._company("Pirin Trade OOD")
        self._member(a, top)
        self._member(a1, a)
        shipments = (
            self._shipment(top, 100.0)
            | self._shipment(a, 50.0)
            | self._shipment(a1, 20.0, foreign=True)
        )
        self._shipment(outsider, 999.0)
        sections = {s["code"]: s for s in top.get_holding_documents(latest=True)}
        self.assertEqual(sections["shipment"]["count"], 3)
        self.assertAlmostEqual(sections["shipment"]["amount"], 160.0)
        self.assertEqual(
            {row["id"] for row in sections["shipment"]["latest"]}, set(shipments.ids)
        )
        action = top.action_open_holding_documents("shipment")
        self.assertEqual(self._action_records(action), shipments)
        sections = {s["code"]: s for s in a.get_holding_documents()}
        self.assertEqual(sections["shipment"]["count"], 2, "a's own subtree")
        totals = top.with_user(self.cp_user)._holding_document_totals(
            self.kind.with_user(self.cp_user)
        )
        self.assertEqual(totals[top.id]["shipment"]["count"], 0, "no access")

    def test_figures_consolidated(self):
        """A kind's figures are summed over the members too, and open the
        documents of every member they count."""
        self.env["crm.counterparty.document.kind.figure"].create(
            {
                "kind_id": self.kind.id,
                "name": "Large",
                "code": "large",
                "domain": "[('amount', '>=', 50)]",
            }
        )
        top = self._company("Vitosha Holding AD")
        member = self._company("Vitosha Trade EOOD")
        self._member(member, top)
        large = self._shipment(top, 100.0) | self._shipment(member, 60.0)
        self._shipment(member, 10.0)
        section = {s["code"]: s for s in top.get_holding_documents()}["shipment"]
        self.assertEqual(section["count"], 3)
        self.assertEqual(
            [(f["code"], f["count"]) for f in section["figures"]], [("large", 2)]
        )
        action = top.action_open_holding_documents("shipment", figure="large")
        self.assertEqual(self._action_records(action), large)

    def test_new_kind_in_analysis(self):
        """The Consolidated Analysis has a row for each of the kind's
        documents, its amount converted as the registry converts it, for the
        users who may read the kind's model only."""
        top = self._company("Pirin Holding AD")
        member = self._company("Pirin Foods OOD")
        self._member(member, top)
        shipments = self._shipment(top, 100.0) | self._shipment(
            member, 20.0, foreign=True
        )
        self._shipment(member, 5.0, state="draft")
        domain = [("holding_id", "=", top.id), ("kind_id", "=", self.kind.id)]
        Report = self.env["crm.holding.report"]
        rows = Report.search(domain)
        self.assertEqual(
            {(row.res_model, row.res_id, row.member_id) for row in rows},
            {
                ("crm.test.shipment", shipments[0].id, top),
                ("crm.test.shipment", shipments[1].id, member),
            },
        )
        section = {s["code"]: s for s in top.get_holding_documents()}["shipment"]
        self.assertAlmostEqual(sum(rows.mapped("amount")), 110.0, msg="20 at 0.5")
        self.assertAlmostEqual(sum(rows.mapped("amount")), section["amount"])
        accountant = new_test_user(
            self.env,
            login="holding_shipment_accountant",
            groups="account.group_account_invoice",
        )
        self.assertFalse(Report.with_user(accountant).search(domain))
        accountant.groups_id += self.shipment_readers
        self.assertEqual(Report.with_user(accountant).search(domain), rows)
