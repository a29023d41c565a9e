from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import CustomsCase


@tagged("post_install", "-at_install")
class TestHsCode(CustomsCase):
    def test_default_from_product(self):
        """A line takes the product's HS code without its dots, its origin,
        unit and net mass."""
        line = self._declaration().line_ids
        self.assertEqual(line.hs_code, "84713000")
        self.assertEqual(line.hs_chapter, "84")
        self.assertEqual(line.origin_country_id, self.cn)
        self.assertEqual(line.uom_id, self.product.uom_id)
        self.assertEqual(line.net_mass, 3.0)
        self.assertEqual(line.name, "Laptop 14 inch")

    def test_product_change_does_not_reach_lines(self):
        """Changing the product's HS code leaves recorded lines as they are."""
        line = self._declaration().line_ids
        self.product.hs_code = "847141"
        self.assertEqual(line.hs_code, "84713000")

    def test_valid_lengths(self):
        """HS (6), CN (8) and TARIC (10) codes are accepted."""
        line = self._declaration().line_ids
        for code in ("847130", "84713000", "8471300000", "8471 30 00 00"):
            line.hs_code = code
            self.assertEqual(line.hs_code, code.replace(" ", ""))
        self.assertEqual(line.hs_chapter, "84")

    def test_invalid_codes_refused(self):
        """Other lengths and non-digits are refused, naming the code."""
        line = self._declaration().line_ids
        for code in ("8471", "8471300", "847130000", "847130000012", "8471AB"):
            with self.subTest(code=code):
                with self.assertRefused(ValidationError, code):
                    line.hs_code = code
                self.assertEqual(line.hs_code, "84713000", "Nothing was written")

    def test_digits_of_other_scripts_refused(self):
        """Only ASCII digits make an HS code: Arabic-Indic, full-width and
        superscript digits are refused."""
        line = self._declaration().line_ids
        for code in ("٠١٢٣٤٥", "８４７１３０", "847130²³"):
            with self.subTest(code=code):
                with self.assertRefused(ValidationError, "6, 8 or 10 digits"):
                    line.hs_code = code
                self.assertEqual(line.hs_code, "84713000")

    def test_control_characters_refused(self):
        """A code with a control character (a NUL byte cannot even be stored)
        is refused on the line and on the product; spaces and tabs around
        the groups are removed."""
        declaration = self._declaration(lines=0)
        for code in ("8471\x0030", "847130\x00", "84\x0171\x7f30"):
            with self.subTest(code=code):
                with self.assertRefused(ValidationError, "HS Code .* control"):
                    self.Line.create(
                        {"declaration_id": declaration.id, "name": "P", "hs_code": code}
                    )
                with self.assertRefused(ValidationError, "HS Code .* control"):
                    self.product.hs_code = code
        self.assertFalse(declaration.line_ids)
        self.assertEqual(self.product.hs_code, "8471.30.00")
        line = self.Line.create(
            {"declaration_id": declaration.id, "name": "P", "hs_code": "8471\t30 00\n"}
        )
        self.assertEqual(line.hs_code, "84713000")

    def test_invalid_code_creates_no_line(self):
        """A line with a bad code is not created."""
        declaration = self._declaration(lines=0)
        with self.assertRefused(ValidationError, "6, 8 or 10 digits"):
            self.Line.create(
                {"declaration_id": declaration.id, "name": "Part", "hs_code": "12345"}
            )
        self.assertFalse(declaration.line_ids)

    def test_invalid_product_code_refused(self):
        """A product whose own HS code is not valid gives no valid line."""
        self.product_no_code.hs_code = "8471"
        with self.assertRefused(ValidationError, "8471"):
            self._declaration(
                lines=0,
                line_ids=[Command.create({"product_id": self.product_no_code.id})],
            )

    def test_negative_and_masses_refused(self):
        """Negative values and a gross mass below the net mass are refused."""
        line = self._declaration().line_ids
        with self.assertRefused(ValidationError, "Duty Rate"):
            line.duty_rate = -5
        with self.assertRefused(ValidationError, "gross mass 2.0 kg"):
            line.gross_mass = 2.0
        line.gross_mass = 3.2
        self.assertEqual(line.duty_rate, 10.0)

    def test_amounts(self):
        """Customs value at the exchange rate, duty and VAT from their rates."""
        eur = self.env.ref("base.EUR")
        declaration = self._declaration(currency_id=eur.id, exchange_rate=2.0)
        line = declaration.line_ids
        self.assertEqual(line.customs_value, 2000.0)
        self.assertEqual(line.duty_amount, 200.0)
        self.assertEqual(line.vat_amount, 450.0)  # (2000 + 200 + 50) * 20 %
        self.assertEqual(declaration.amount_charges, 700.0)
        line.duty_amount = 180.0  # customs' own assessment
        self.assertEqual(line.vat_amount, 446.0)

    def test_form_fills_line_from_product(self):
        """In the form, choosing a product fills the HS code and origin."""
        with Form(self.Declaration.with_user(self.customs_user)) as form:
            form.customs_office_id = self.office
            with form.line_ids.new() as line:
                line.product_id = self.product
                self.assertEqual(line.hs_code, "84713000")
                self.assertEqual(line.origin_country_id, self.cn)
                line.invoice_value = 500.0
        declaration = form.record
        self.assertEqual(declaration.line_ids.hs_code, "84713000")
        self.assertEqual(declaration.procedure_code, "4000")
