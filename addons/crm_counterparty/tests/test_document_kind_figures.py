"""Figures of a kind of dossier documents: counts of some of its documents
(e.g. open, late, done) beside its total, made without code."""

from hypothesis import given
from hypothesis import strategies as st

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .hostile import HOSTILE, rolled_back
from .test_document_registry import RegistryCase


@tagged("post_install", "-at_install")
class TestDocumentKindFigures(RegistryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with Form(cls.kind) as form:
            form.domain = "[]"
            with form.figure_ids.new() as figure:
                figure.name = "Draft"
                figure.code = "draft"
                figure.domain = "[('state', '=', 'draft')]"
                figure.decoration = "warning"
            with form.figure_ids.new() as figure:
                figure.name = "Done"
                figure.code = "done"
                figure.domain = "[('state', '=', 'done')]"
                figure.decoration = "success"

    def test_figures_in_dossier(self):
        """Each figure counts its documents of the company and its contacts,
        in the kind's section, and opens them."""
        done = self._shipment(self.customer, 100.0)
        self._shipment(self.contact, 40.0)
        draft = self._shipment(self.contact, 999.0, state="draft")
        self._shipment(self.supplier, 7.0, state="draft")
        section = {s["code"]: s for s in self.customer.get_dossier_documents()}[
            "shipment"
        ]
        self.assertEqual(section["count"], 3)
        self.assertEqual(
            [
                (f["code"], f["name"], f["count"], f["decoration"])
                for f in section["figures"]
            ],
            [("draft", "Draft", 1, "warning"), ("done", "Done", 2, "success")],
        )
        action = self.contact.action_open_documents("shipment", figure="draft")
        self.assertEqual(self._action_records(action), draft)
        self.assertIn("Draft", action["display_name"])
        action = self.customer.action_open_documents("shipment", figure="done")
        self.assertIn(done, self._action_records(action))
        self.assertEqual(len(self._action_records(action)), 2)
        with self.assertRaises(UserError) as caught:
            self.customer.action_open_documents("shipment", figure="lost")
        self.assertIn("lost", str(caught.exception))

    def test_figures_batched(self):
        """Figures of 5 or 60 partners take the same number of queries."""
        partners = self.Partner.create(
            [
                {
                    "name": f"Figure {i}",
                    "is_company": True,
                    "counterparty_kind_ids": [Command.set(self.kind_customer.ids)],
                }
                for i in range(65)
            ]
        )
        for index, partner in enumerate(partners):
            self._shipment(partner, 1.0, state="draft" if index % 2 else "done")
        kind = self.kind.with_user(self.salesman)
        partners = partners.with_user(self.salesman)
        self._totals_queries(partners[60:], kind)  # warm the caches of access rights
        queries_5, __ = self._totals_queries(partners[:5], kind)
        queries_60, totals = self._totals_queries(partners[:60], kind)
        self.assertEqual(queries_60, queries_5)
        for index, partner in enumerate(partners[:60]):
            figures = totals[partner.id]["shipment"]["figures"]
            expected = "draft" if index % 2 else "done"
            self.assertEqual(figures, {expected: 1}, partner.name)

    def test_bad_figure_refused(self):
        """A figure with a bad code or domain is refused, naming the value, and
        nothing is saved."""
        Figure = self.env["crm.counterparty.document.kind.figure"]
        for vals, bad in (
            ({"code": "Late!", "domain": "[]"}, "Late!"),
            (
                {"code": "late", "domain": "[('no_such_field', '=', 1)]"},
                "no_such_field",
            ),
            ({"code": "late", "domain": "42"}, "42"),
            ({"code": "late", "domain": "[]", "name": "La\x00te"}, "Name"),
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(ValidationError) as caught:
                    with self.env.cr.savepoint():
                        Figure.create({"name": "Late", "kind_id": self.kind.id, **vals})
                self.assertIn(bad, str(caught.exception))
        self.assertEqual(self.kind.figure_ids.mapped("code"), ["draft", "done"])

    @HOSTILE
    @given(
        code=st.one_of(st.text(max_size=12), st.from_regex(r"\A[a-z][a-z0-9_]{0,8}\Z")),
        domain=st.one_of(
            st.text(max_size=30),
            st.sampled_from(["[]", "[('state', '=', 'done')]", "[('x', '=', 1)]"]),
        ),
    )
    def test_any_figure_saved_or_refused(self, code, domain):
        """Whatever code and domain are typed, the figure is saved or refused
        with a ValidationError, never half written."""
        Figure = self.env["crm.counterparty.document.kind.figure"]
        with rolled_back(self.env):
            try:
                with self.env.cr.savepoint():
                    figure = Figure.create(
                        {
                            "name": "Typed",
                            "code": code,
                            "domain": domain,
                            "kind_id": self.kind.id,
                        }
                    )
                    figure.flush_recordset()
            except ValidationError:
                self.env.invalidate_all()
                self.assertFalse(Figure.search([("name", "=", "Typed")]))
            else:
                self.assertRegex(figure.code, r"\A[a-z][a-z0-9_]*\Z")
                self.assertIsInstance(self.kind._eval_domain(figure.domain), list)
