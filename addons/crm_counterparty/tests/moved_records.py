"""What the tests of the moves out of crm_counterparty (18.0.4.0.0,
18.0.5.0.0) share: each addon that receives records from crm_counterparty
tests its move on data of the old shape."""

from .common import CounterpartyCase
from .test_migration import load_migration

OLD = "crm_counterparty"


class MovedRecordsCase(CounterpartyCase):
    def _xmlids(self, module_name, names):
        Data = self.env["ir.model.data"]
        Data.invalidate_model()
        return {
            data.name: (data.model, data.res_id)
            for data in Data.search(
                [("module", "=", module_name), ("name", "in", names)]
            )
        }

    def _assert_moved(
        self, script, new, model, sample, other_fields=None, version="18.0.4.0.0"
    ):
        """Run the migration ``script`` on the old shape (the records of
        ``new`` under crm_counterparty's xml ids, those missing, e.g. demo
        data, made on ``sample``) and check that every xml id of its list, of
        ``model`` (if any) and its fields and of ``other_fields`` (``{model:
        field names}``) changes module and keeps its record, and that ``new``
        is marked to install."""
        module = load_migration(version, script)
        names = list(module.MOVED_XMLIDS)
        model_xmlids = [f"model_{model.replace('.', '_')}"] if model else []
        field_names = [
            f"field_{model.replace('.', '_')}__{fname}"
            for fname in (self.env[model]._fields if model else ())
        ] + [
            f"field_{other.replace('.', '_')}__{fname}"
            for other, fnames in (other_fields or {}).items()
            for fname in fnames
        ]
        for name in names:
            if not self.env.ref(f"{new}.{name}", False):
                self.env["ir.model.data"].create(
                    {
                        "module": new,
                        "name": name,
                        "model": sample._name,
                        "res_id": sample.id,
                    }
                )
        self.env.cr.execute(
            "UPDATE ir_model_data SET module = %s "
            "WHERE module = %s AND name = ANY(%s)",
            [OLD, new, [*names, *field_names, *model_xmlids]],
        )
        self.env.cr.execute(
            "UPDATE ir_module_module SET state = 'uninstalled' WHERE name = %s", [new]
        )
        before = self._xmlids(OLD, [*names, *field_names])
        self.assertEqual(len(before), len(names) + len(field_names))

        module.migrate(self.env.cr, "18.0.3.0.0")  # any older version

        self.assertEqual(self._xmlids(new, [*names, *field_names]), before)
        self.assertFalse(self._xmlids(OLD, [*names, *field_names]))
        self.assertEqual(
            self._xmlids(new, model_xmlids),
            {
                xmlid: ("ir.model", self.env["ir.model"]._get_id(model))
                for xmlid in model_xmlids
            },
        )
        self.assertTrue(sample.exists(), "the records themselves are untouched")
        self.env.cr.execute("SELECT state FROM ir_module_module WHERE name = %s", [new])
        self.assertEqual(self.env.cr.fetchone()[0], "to install")
