"""What the property-based tests of the addons share: how many examples
hypothesis tries, and the savepoint that keeps one example from seeing
another."""

from contextlib import contextmanager

from hypothesis import HealthCheck, settings

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
