"""Suite-level checks: a served database of the suite, driven over JSON-RPC.

``make test`` (scripts/test_suite.sh) serves the database it has just
installed and runs ``pytest tests/`` with:

- ``SUITE_URL``: the server, e.g. ``http://127.0.0.1:8183``;
- ``SUITE_DB``: the database;
- ``SUITE_ADMIN_LOGIN`` / ``SUITE_ADMIN_PASSWORD``: an administrator
  (``admin`` / ``admin`` by default, as Odoo creates it).

The client is plain HTTP: nothing of Odoo is imported, so the checks see the
suite as any JSON-RPC integration does. The tests write to the database
(users, partners, documents named after a unique run token) and leave it
there.
"""

import os
import uuid

import pytest
from rpc_client import Client


def _setting(name, default=None):
    value = os.environ.get(name, default)
    if not value:
        pytest.fail(
            f"{name} is not set: the suite-level checks need a served database "
            "(run them with `make test`, or see scripts/test_suite.sh)",
            pytrace=False,
        )
    return value


@pytest.fixture(scope="session")
def server():
    """URL and database of the served instance."""
    return {"url": _setting("SUITE_URL"), "db": _setting("SUITE_DB")}


@pytest.fixture(scope="session")
def admin(server):
    return Client(
        server["url"],
        server["db"],
        _setting("SUITE_ADMIN_LOGIN", "admin"),
        _setting("SUITE_ADMIN_PASSWORD", "admin"),
    )


@pytest.fixture(scope="session")
def token():
    """Unique to this run, so that the checks can run again on one database."""
    return uuid.uuid4().hex[:8].upper()


@pytest.fixture(scope="session")
def new_user(admin, server, token):
    """Create an internal user with the groups given by XML id, as the
    administrator would in Settings, and log in as that user."""

    def create(login, name, groups):
        login = f"{login}.{token.lower()}@example.com"
        password = f"pw-{uuid.uuid4().hex}"
        admin.execute(
            "res.users",
            "create",
            {
                "name": f"{name} {token}",
                "login": login,
                "email": login,
                "password": password,
                "groups_id": [(6, 0, [admin.ref(xmlid) for xmlid in groups])],
            },
        )
        return Client(server["url"], server["db"], login, password)

    return create
