"""A JSON-RPC client of Odoo's ``/jsonrpc`` endpoint: plain HTTP, nothing of
Odoo imported, as any integration talks to it."""

import itertools

import requests


class RpcError(Exception):
    """An error Odoo returned: ``name`` is the exception's class path."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class Client:
    """One user's JSON-RPC session on ``/jsonrpc``."""

    _ids = itertools.count(1)

    def __init__(self, url, db, login, password):
        self.url = f"{url.rstrip('/')}/jsonrpc"
        self.db = db
        self.login = login
        self.password = password
        self.session = requests.Session()
        self.uid = self.call("common", "login", db, login, password)
        if not self.uid:
            raise RpcError("login", f"{login} could not log in to {db}")

    def call(self, service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": args},
            "id": next(self._ids),
        }
        response = self.session.post(self.url, json=payload, timeout=300)
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            error = body["error"]
            data = error.get("data") or {}
            raise RpcError(
                data.get("name", "?"), data.get("message") or error.get("message")
            )
        return body["result"]

    def execute(self, model, method, *args, **kwargs):
        """``execute_kw``: ``model.method(*args, **kwargs)`` as this user."""
        return self.call(
            "object",
            "execute_kw",
            self.db,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )

    def read_one(self, model, record_id, fields):
        [row] = self.execute(model, "read", [record_id], fields)
        return row

    def ref(self, xmlid):
        """Database id of the record with the XML id ``module.name``."""
        module, name = xmlid.split(".")
        rows = self.execute(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        if not rows:
            raise LookupError(f"no record with the XML id {xmlid}")
        return rows[0]["res_id"]
