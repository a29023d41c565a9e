"""What the property-based tests of the addons share: how many examples
hypothesis tries, and the savepoint that keeps one example from seeing
another."""

from contextlib import contextmanager

from hypothesis import HealthCheck, settings

from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

#: Deterministic and modest, so that ``make test`` stays short and repeatable;
#: the database is a test's own, so hypothesis keeps no examples across runs.
HOSTILE = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@contextmanager
def rolled_back(env):
    """A savepoint always rolled back: one hypothesis example, which the
    next one does not see."""
    savepoint = env.cr.savepoint()
    try:
        yield
    finally:
        savepoint.close(rollback=True)
        env.invalidate_all()


class HostileMixin:
    """For test cases of property-based checks: create or refuse, one
    example at a time."""

    def _create_or_refuse(self, model, vals, marker_field="name"):
        """Create ``vals`` as an RPC request would: in a savepoint undone if
        the create is refused. Return the record, or None when it was refused.

        What was written is counted by ``marker_field`` before and after, in
        the test's transaction and, for a refusal, in a fresh one (which
        sees what a refused call may have committed on another cursor). An
        accepted create must raise the count by one: the count is shown able
        to see a write, so that "nothing written" after a refusal means
        something. Each example is rolled back by the caller's ``_example``
        so that examples do not see each other."""
        Model = self.env[model].with_context(active_test=False)
        domain = [(marker_field, "=", vals[marker_field])]
        before = Model.search_count(domain)
        committed = self._committed_count(Model, marker_field, vals[marker_field])
        record = None
        try:
            with self.env.cr.savepoint():
                record = Model.create(vals)
                record.flush_recordset()
        except (ValidationError, UserError):
            record = None
        self.env.invalidate_all()
        after = Model.search_count(domain)
        if record is None:
            self.assertEqual(after, before, f"a refused {model} was written")
            self.assertEqual(
                self._committed_count(Model, marker_field, vals[marker_field]),
                committed,
                f"a refused {model} was committed",
            )
        else:
            self.assertEqual(
                after, before + 1, f"an accepted {model} is not counted by its marker"
            )
        return record

    def _committed_count(self, Model, marker_field, marker):
        """Rows with ``marker`` that another transaction sees: committed."""
        column = Model._fields[marker_field]
        if not column.store or column.translate:
            return 0
        with Model.pool.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT COUNT(*) FROM %s WHERE %s = %s",
                    SQL.identifier(Model._table),
                    SQL.identifier(marker_field),
                    marker,
                )
            )
            return cr.fetchone()[0]

    def _example(self):
        """A savepoint always rolled back: one hypothesis example."""
        return rolled_back(self.env)
