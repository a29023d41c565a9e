from lxml import etree

from odoo.tests import TransactionCase, tagged

#: The identifiers of a counterparty's form, each on a row with its label.
IDENTIFIERS = ("vat", "eori", "agency_type", "agency_code", "bank_id", "bank_bic")


@tagged("post_install", "-at_install")
class TestPartnerForm(TransactionCase):
    """The partner form as the web client receives it, every addon's
    inheritance applied."""

    def test_every_identifier_has_a_label(self):
        """Each identifier of the form is labelled: a field of a group row or
        one with a label of its own, not a second value in the Tax ID row."""
        arch = etree.fromstring(
            self.env["res.partner"].get_view(view_type="form")["arch"]
        )
        for name in IDENTIFIERS:
            with self.subTest(field=name):
                [field] = arch.xpath(f"//field[@name='{name}'][not(ancestor::field)]")
                labelled = (
                    field.getparent().tag == "group" and not field.get("nolabel")
                ) or arch.xpath(f"//label[@for='{name}']")
                self.assertTrue(labelled, f"{name} is shown without a label")
                self.assertFalse(
                    name != "vat"
                    and field.xpath("ancestor::div[@name='vat_vies_container']"),
                    f"{name} is shown in the Tax ID row",
                )
