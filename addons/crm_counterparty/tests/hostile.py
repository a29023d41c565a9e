"""What the property-based tests of the addons share: how many examples
hypothesis tries, and the savepoint that keeps one example from seeing
another."""

from contextlib import contextmanager

from hypothesis import HealthCheck, settings

from odoo.exceptions import UserError, ValidationError

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
        """Create ``vals``; return the record, or None when it was refused
        (and then check that nothing was written). Each example is rolled back
        by the caller's ``_example`` so that examples do not see each other."""
        Model = self.env[model]
        try:
            with self.env.cr.savepoint():
                record = Model.create(vals)
                record.flush_recordset()
                return record
        except (ValidationError, UserError):
            self.env.invalidate_all()
            self.assertFalse(
                Model.with_context(active_test=False).search(
                    [(marker_field, "=", vals[marker_field])]
                ),
                f"a refused {model} was written",
            )
            return None

    def _example(self):
        """A savepoint always rolled back: one hypothesis example."""
        return rolled_back(self.env)
