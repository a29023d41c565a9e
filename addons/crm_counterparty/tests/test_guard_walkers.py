"""Two walks over every model of the suite installed in the database: no
record is moved into a company its user does not work in, and no stored
computed field is written by a user. Each refusal is tried over /jsonrpc as
a Counterparties user, as an attacker with an ordinary login would."""

from odoo.tests import HttpCase, new_test_user, tagged

from ..models.base import suite_addons
from .rpc import RpcMixin

#: Stored computed fields that the suite defines or extends and that users
#: may write, each with its reason.
COMPUTED_EXCEPTIONS = {
    ("res.partner", "phone_sanitized"): "Odoo's own field (phone_validation), "
    "which the suite only indexes: Odoo's flows write it as they do on stock Odoo",
}
#: Company-scoped models of the suite without the company guard, each with
#: its reason.
COMPANY_EXCEPTIONS = {
    "crm.holding.report": "an SQL view: read-only, its rows are its documents'",
    "crm.pipeline.report": "an SQL view: read-only, its rows are its deals'",
}


#: The walker's user: a Counterparties user who is also a clerk of each app
#: the suite extends (those installed), no administrator.
WALKER_GROUPS = (
    "base.group_user",
    "crm_counterparty.group_counterparty_user",
    "crm_counterparty.group_personal_document",
    "account.group_account_invoice",
    "sales_team.group_sale_salesman_all_leads",
    "purchase.group_purchase_user",
    "stock.group_stock_user",
    "crm_customs.group_customs_user",
)


def forged_value(record, field):
    """A value of ``field``'s type other than ``record``'s."""
    current = record[field.name]
    if field.type == "many2one":
        return (
            record.env[field.comodel_name]
            .search([("id", "!=", current.id)], limit=1, order="id")
            .id
        )
    if field.type == "boolean":
        return not current
    if field.type in ("integer", "float", "monetary"):
        return (current or 0) + 988434
    if field.type == "selection":
        values = [value for value, __ in field._description_selection(record.env)]
        return next(value for value in values if value != current)
    if field.type == "date":
        return "2001-02-03"
    if field.type == "datetime":
        return "2001-02-03 04:05:06"
    return f"forged {current or ''}"


@tagged("post_install", "-at_install")
class TestGuardWalkers(RpcMixin, HttpCase):
    """Every company-scoped model and every stored computed field of the
    suite, refused to a Counterparties user over RPC, with the stored values
    unchanged afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Not Mine Ltd"})
        # No administrator: the user rights that let a clerk of each app
        # edit its records, so that what refuses is the guard, not them.
        groups = [
            xmlid
            for xmlid in WALKER_GROUPS
            if cls.env.ref(xmlid, raise_if_not_found=False)
        ]
        cls.attacker = new_test_user(
            cls.env,
            login="guard_walker",
            password="guard_walker",
            groups=",".join(groups),
        )
        # A field template's values: the one suite record no demo data has.
        partner = cls.env["res.partner"].create(
            {"name": "Walker Sample Ltd", "is_company": True}
        )
        cls.env["crm.counterparty.profile"].create(
            {
                "partner_id": partner.id,
                "kind_id": cls.env.ref("crm_counterparty.kind_customer").id,
            }
        )

    def _suite_models(self):
        suite = suite_addons()
        return {
            name: self.env[name].sudo()
            for name, model in self.env.registry.items()
            if model._original_module in suite
            and not model._abstract
            and not model._transient
        }

    def _sample(self, model, domain=()):
        record = model.search(list(domain), limit=1, order="id")
        self.assertTrue(
            record,
            f"no {model._name} to try the guard on: the walk runs on the "
            "database `make test` installs, with the suite's demo data",
        )
        return record

    def test_company_guard_on_every_company_scoped_model(self):
        """Each suite model with a company refuses, on create and on write,
        a company the user does not work in; nothing is written."""
        models = {
            name: model
            for name, model in self._suite_models().items()
            if "company_id" in model._fields and name not in COMPANY_EXCEPTIONS
        }
        self.assertIn("crm.personal.document", models)
        other = self.other_company
        for name, model in sorted(models.items()):
            with self.subTest(model=name):
                record = self._sample(
                    model, [("company_id", "in", [self.env.company.id, False])]
                )
                before = record.company_id
                # Refused by this guard, or before it by the model's own (a
                # company related to another record is computed: not written).
                self.assertRpcRefused(
                    self.attacker, name, "write", record.ids, {"company_id": other.id}
                )
                self.assertEqual(record.company_id, before, "the company was written")

                vals = record.copy_data()[0]
                vals["company_id"] = other.id
                count = model.search_count([])
                self.assertRpcRefused(self.attacker, name, "create", vals)
                self.assertEqual(model.search_count([]), count, "a record was created")
                self.assertFalse(model.search([("company_id", "=", other.id)]))

    def test_no_stored_computed_field_is_written(self):
        """Each stored computed field of the suite without an inverse is
        refused in a user's write; the stored value is unchanged."""
        Base = self.env["base"]
        suite = suite_addons()
        walked = []
        for name, model_class in sorted(self.env.registry.items()):
            if model_class._abstract or not model_class._auto:
                continue
            model = self.env[name].sudo()
            for fname, field in sorted(model._fields.items()):
                touched = set(field._modules or ()) & suite
                if not (
                    touched
                    and field.store
                    and field.compute
                    and not field.inverse
                    and field.readonly
                ):
                    continue
                if (name, fname) in COMPUTED_EXCEPTIONS:
                    self.assertFalse(Base._crm_is_guarded_computed_field(field))
                    continue
                walked.append((name, fname))
                with self.subTest(model=name, field=fname):
                    self.assertTrue(Base._crm_is_guarded_computed_field(field))
                    record = self._sample(model)
                    before = record[fname]
                    # Refused by this guard, or before it by the model's own
                    # (the company guard, a declaration line's lock).
                    self.assertRpcRefused(
                        self.attacker,
                        name,
                        "write",
                        record.ids,
                        {fname: forged_value(record, field)},
                    )
                    self.assertEqual(record[fname], before, "the value was written")
        self.assertIn(("res.partner", "is_customer_counterparty"), walked)
        self.assertIn(("crm.personal.document", "name"), walked)

    def test_create_accepts_a_generator(self):
        """The guards read create's values once: Odoo accepts any iterable,
        a generator too (Odoo's own tests pass one), and so do they, on Odoo's
        models and on the suite's company-scoped ones."""
        partners = self.env["res.partner"].create(
            {"name": f"Generated {i}", "is_company": True} for i in range(3)
        )
        self.assertEqual(len(partners), 3)
        kind = self.env.ref("crm_counterparty.kind_supplier")
        profiles = self.env["crm.counterparty.profile"].create(
            {"partner_id": partner.id, "kind_id": kind.id} for partner in partners
        )
        self.assertEqual(profiles.partner_id, partners)
