from datetime import date

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools.misc import find_in_path

from .common import DocumentCase

REPORT = "crm_counterparty.report_counterparty_dossier"


class DossierReportMixin:
    @classmethod
    def _make_dossier(cls, env):
        bg = env.ref("base.bg")
        partner = env["res.partner"].create(
            {
                "name": "Rila Logistics AD",
                "is_company": True,
                "country_id": bg.id,
                "vat": "BG175074752",
                "eori": "BG175074752",
                "counterparty_kind_ids": [
                    Command.set(env.ref("crm_counterparty.kind_supplier").ids)
                ],
                "child_ids": [
                    Command.create({"name": "Nikolay Kolev", "function": "Buyer"}),
                    Command.create(
                        {"name": "Depot", "type": "delivery", "city": "Plovdiv"}
                    ),
                ],
                "bank_ids": [Command.create({"acc_number": "BG80BNBG96611020345678"})],
            }
        )
        env["crm.personal.document"].create(
            {
                "partner_id": partner.contact_person_ids.id,
                "type_id": env.ref("crm_counterparty.document_type_id_card").id,
                "number": "645123987",
                "issue_date": date(2021, 3, 1),
                "expiry_date": date(2031, 3, 1),
            }
        )
        return partner


@tagged("post_install", "-at_install")
class TestDossierReport(DossierReportMixin, DocumentCase):
    def test_report_html(self):
        """The dossier report shows identity, kinds, contacts, addresses, accounts
        and personal documents."""
        partner = self._make_dossier(self.env)
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            REPORT, partner.ids
        )
        html = html.decode()
        for expected in (
            "Rila Logistics AD",
            "Supplier",
            "BG175074752",
            "Nikolay Kolev",
            "Plovdiv",
            "BG80 BNBG 9661 1020 3456 78",
            "ID Card",
        ):
            self.assertIn(expected, html)
        self.assertFalse("645123987" in html, "the document number is printed")

    def test_report_linked_documents(self):
        """The report lists each kind's documents with their totals."""
        customer = self.Partner.create(
            {
                "name": "Vitosha Retail OOD",
                "is_company": True,
                "counterparty_kind_ids": [Command.set(self.kind_customer.ids)],
            }
        )
        invoice = self._move("out_invoice", customer, 250.0)
        customer.invalidate_recordset()  # as a new request printing the dossier
        html = self.env["ir.actions.report"]._render_qweb_html(REPORT, customer.ids)[0]
        html = html.decode()
        for expected in (
            "Linked documents",
            "Invoices",
            invoice.name,
        ):
            self.assertIn(expected, html)
        self.assertNotIn("Bills", html, "the customer is no supplier")

    def test_report_bound_to_partner(self):
        """The report is printable from the partner form for counterparty users."""
        report = self.env.ref("crm_counterparty.action_report_counterparty_dossier")
        self.assertEqual(report.binding_model_id.model, "res.partner")
        self.assertIn(
            self.env.ref("crm_counterparty.group_counterparty_user"), report.groups_id
        )


@tagged("post_install", "-at_install")
class TestDossierReportPdf(DossierReportMixin, HttpCase):
    def test_report_pdf(self):
        """With wkhtmltopdf installed, the dossier prints as a PDF."""
        if not find_in_path("wkhtmltopdf"):
            self.skipTest("wkhtmltopdf is not installed")
        partner = self._make_dossier(self.env)
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, partner.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
