from odoo.tests import tagged

from .common import CustomsCase


@tagged("post_install", "-at_install")
class TestDeclarationReport(CustomsCase):
    def test_summary(self):
        """The summary shows the MRN, the office and its code, the parties'
        EORI, the goods and the totals."""
        declaration = self._accept(self._declaration())
        declaration.action_release()
        html, __ = (
            self.env["ir.actions.report"]
            .with_user(self.customs_user)
            ._render_qweb_html(
                "crm_customs.action_report_customs_declaration", declaration.ids
            )
        )
        html = html.decode()
        for text in (
            declaration.name,
            declaration.mrn,
            "Customs Office Ruse",
            "BG004000",
            "BG175000003",
            "84713000",
            "Shenzhen Bright Electronics",
            "Duty bill",
        ):
            self.assertIn(text, html)
