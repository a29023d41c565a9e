"""The registry of dossier documents as a framework: a model no addon knows
becomes a kind of document from Configuration, and gets its counter, amount,
list and action like the built-in kinds."""

from hypothesis import given
from hypothesis import strategies as st
from odoo_test_helper import FakeModelLoader

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import DocumentCase
from .hostile import HOSTILE, rolled_back


class RegistryCase(DocumentCase):
    """A fake ``crm.test.shipment`` model, readable by a group of its own, an
    administrator's document kind for it, made in its form, a customer with a
    contact, a supplier and a counterparty user of that group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Loaded as a module of its own: reloading a real addon's models
        # would rebuild them for the whole test class.
        cls.loader = FakeModelLoader(cls.env, "odoo.addons.crm_registry_fake.tests")
        cls.loader.backup_registry()
        from .fake_models import CrmTestShipment

        cls.loader.update_registry((CrmTestShipment,))
        cls.addClassCleanup(cls.loader.restore_registry)
        cls.shipment_model = cls.env["ir.model"]._get("crm.test.shipment")
        cls.shipment_readers = cls.env["res.groups"].create(
            {"name": "Shipment readers"}
        )
        cls.env["ir.model.access"].create(
            {
                "name": "shipment reader",
                "model_id": cls.shipment_model.id,
                "group_id": cls.shipment_readers.id,
                "perm_read": True,
            }
        )
        cls._setup_foreign_currency()
        cls.kind = cls._shipment_kind()
        cls.customer = cls._company("Balkan Freight AD", cls.kind_customer)
        cls.contact = cls.Partner.create(
            {"name": "Ivo Petrov", "parent_id": cls.customer.id}
        )
        cls.supplier = cls._company("Struma Parts OOD", cls.kind_supplier)
        cls.salesman = new_test_user(
            cls.env,
            login="registry_salesman",
            groups="crm_counterparty.group_counterparty_user",
        )
        cls.salesman.groups_id += cls.shipment_readers

    @classmethod
    def _field(cls, name):
        return cls.env["ir.model.fields"]._get("crm.test.shipment", name)

    @classmethod
    def _shipment_kind(cls):
        with Form(cls.env["crm.counterparty.document.kind"]) as form:
            form.name = "Shipments"
            form.code = "shipment"
            form.model_id = cls.shipment_model
            form.partner_field_ids.add(cls._field("partner_id"))
            form.domain = "[('state', '=', 'done')]"
            form.amount_field_id = cls._field("amount")
            form.amount_label = "Shipped"
            form.date_field_id = cls._field("date")
            form.counterparty_kind_ids.add(cls.kind_customer)
        return form.record

    @classmethod
    def _shipment(cls, partner, amount, state="done", foreign=False, **vals):
        return cls.env["crm.test.shipment"].create(
            {
                "name": f"Shipment {amount}",
                "partner_id": partner.id,
                "amount": amount,
                "currency_id": (cls.foreign if foreign else cls.currency).id,
                "company_id": cls.company.id,
                "date": cls.today,
                "state": state,
                **vals,
            }
        )


@tagged("post_install", "-at_install")
class TestDocumentRegistry(RegistryCase):
    def test_new_kind_in_dossier(self):
        """An administrator's kind gets its counter, amount, list and action."""
        done = self._shipment(self.customer, 100.0)
        on_contact = self._shipment(self.contact, 40.0, foreign=True)
        self._shipment(self.customer, 999.0, state="draft")
        self._shipment(self.supplier, 7.0)
        sections = {s["code"]: s for s in self.customer.get_dossier_documents(True)}
        section = sections["shipment"]
        self.assertEqual(section["count"], 2)
        self.assertAlmostEqual(section["amount"], 120.0, msg="40 foreign = 20")
        self.assertEqual(section["amount_label"], "Shipped")
        self.assertEqual(
            {row["id"] for row in section["latest"]}, {done.id, on_contact.id}
        )
        self.assertEqual(section["latest"][0]["state"], "Done")
        action = self.contact.action_open_documents("shipment")
        self.assertEqual(self._action_records(action), done | on_contact)
        self.assertEqual(action["res_model"], "crm.test.shipment")
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)
        self.assertIn("Shipments of Balkan Freight AD", action["display_name"])

    def test_kind_shown_for_its_counterparty_kinds(self):
        """The kind shows for customers only, as configured; archived, for
        nobody."""
        self._shipment(self.supplier, 7.0)
        codes = {s["code"] for s in self.supplier.get_dossier_documents()}
        self.assertNotIn("shipment", codes)
        self.kind.counterparty_kind_ids = False
        codes = {s["code"] for s in self.supplier.get_dossier_documents()}
        self.assertIn("shipment", codes, "no kinds: every dossier")
        self.kind.active = False
        codes = {s["code"] for s in self.customer.get_dossier_documents()}
        self.assertNotIn("shipment", codes)

    def test_several_partner_fields(self):
        """With two partner fields, a document where a partner plays both
        roles counts once."""
        self.kind.amount_field_id = False
        self.kind.partner_field_ids |= self._field("carrier_id")
        self._shipment(self.customer, 1.0, carrier_id=self.customer.id)
        self._shipment(self.supplier, 2.0, carrier_id=self.contact.id)
        totals = self.customer._dossier_document_totals(self.kind)
        self.assertEqual(totals[self.customer.id]["shipment"]["count"], 2)

    def test_constant_queries(self):
        """The counters of 200 partners take as many queries as those of 5."""
        partners = self.Partner.create(
            [
                {
                    "name": f"Registry {i}",
                    "is_company": True,
                    "counterparty_kind_ids": [Command.set(self.kind_customer.ids)],
                }
                for i in range(205)
            ]
        )
        for i, partner in enumerate(partners):
            self._shipment(partner, 10.0, foreign=bool(i % 2))
        kind = self.kind.with_user(self.salesman)

        def count(records):
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            totals = records.with_user(self.salesman)._dossier_document_totals(kind)
            return self.cr.sql_log_count - start, totals

        count(partners[200:])  # warm the caches of access rights
        queries_5, totals_5 = count(partners[:5])
        queries_200, totals_200 = count(partners[:200])
        self.assertEqual(queries_200, queries_5)
        self.assertEqual(totals_5[partners[0].id]["shipment"]["count"], 1)
        self.assertAlmostEqual(totals_200[partners[199].id]["shipment"]["amount"], 5.0)

    def test_user_without_access_sees_nothing(self):
        """A user who may not read the model sees no section, zero counts and
        no error; opening the kind is refused with a clear message."""
        self._shipment(self.customer, 100.0)
        customer = self.customer.with_user(self.cp_user)
        self.assertNotIn(
            "shipment", {s["code"] for s in customer.get_dossier_documents(True)}
        )
        totals = customer._dossier_document_totals(self.kind.with_user(self.cp_user))
        self.assertEqual(totals[self.customer.id]["shipment"]["count"], 0)
        with self.assertRaises(UserError):
            customer.action_open_documents("shipment")
        salesman_customer = self.customer.with_user(self.salesman)
        self.assertIn(
            "shipment",
            {s["code"] for s in salesman_customer.get_dossier_documents()},
        )

    def test_bad_configuration_refused(self):
        """A bad domain, context, code or field is refused, naming the value,
        and nothing is saved."""
        Kind = self.env["crm.counterparty.document.kind"]
        base = {
            "name": "Bad",
            "code": "bad",
            "model_id": self.shipment_model.id,
            "partner_field_ids": [Command.set(self._field("partner_id").ids)],
        }
        move_partner = self.env["ir.model.fields"]._get("account.move", "partner_id")
        for vals, bad in (
            ({"domain": "[('no_such_field', '=', 1)]"}, "no_such_field"),
            ({"domain": "[("}, "[("),
            ({"amount_domain": "42"}, "42"),
            ({"action_context": "[1, 2]"}, "[1, 2]"),
            ({"code": "Bad Code"}, "Bad Code"),
            (
                {"partner_field_ids": [Command.set(move_partner.ids)]},
                "partner_id",
            ),
            (
                {"action_id": self.env.ref("account.action_move_out_invoice_type").id},
                "account.move",
            ),
            (
                {
                    "partner_field_ids": [
                        Command.set(
                            (self._field("partner_id") | self._field("carrier_id")).ids
                        )
                    ],
                    "amount_field_id": self._field("amount").id,
                },
                "amount",
            ),
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(ValidationError) as caught:
                    with self.env.cr.savepoint():
                        Kind.create(dict(base, **vals))
                self.assertIn(bad, str(caught.exception))
        self.assertFalse(Kind.search([("code", "in", ("bad", "Bad Code"))]))

    @HOSTILE
    @given(
        code=st.one_of(
            st.text(max_size=20), st.from_regex(r"\A[a-z][a-z0-9_]{0,10}\Z")
        ),
        domain=st.one_of(
            st.text(max_size=30),
            st.sampled_from(
                ["[]", "[('state', '=', 'done')]", "[('amount', '>', 1)]", "[1]"]
            ),
        ),
    )
    def test_any_input_saved_or_refused(self, code, domain):
        """Whatever code and domain are typed, the kind is saved or refused
        with a ValidationError, never half written."""
        Kind = self.env["crm.counterparty.document.kind"]
        with rolled_back(self.env):
            vals = {
                "name": "Typed",
                "code": code,
                "domain": domain,
                "model_id": self.shipment_model.id,
                "partner_field_ids": [Command.set(self._field("partner_id").ids)],
            }
            try:
                with self.env.cr.savepoint():
                    kind = Kind.create(vals)
                    kind.flush_recordset()
            except ValidationError:
                self.env.invalidate_all()
                self.assertFalse(Kind.search([("name", "=", "Typed")]))
            else:
                self.assertRegex(kind.code, r"\A[a-z][a-z0-9_]*\Z")
                self.assertIsInstance(kind._eval_domain(kind.domain), list)
