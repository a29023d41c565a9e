"""Calls made as an RPC client makes them: over ``/jsonrpc``, one request
each, with the values and context a JSON body can carry. A refused call is
rolled back as Odoo rolls back a request; what the test reads afterwards is
what the database kept, not what a savepoint of the test hid."""

import json

#: The errors by which Odoo refuses a user something, as RPC names them (a
#: crash, e.g. a KeyError, is no refusal).
REFUSALS = (
    "odoo.exceptions.AccessError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
)


class RpcMixin:
    """For HttpCase tests: ``self.rpc(user, model, method, *args, **kwargs)``.
    The user's password must be its login (``new_test_user(...,
    password=login)``)."""

    def rpc(self, user, model, method, *args, **kwargs):
        """Call ``model.method(*args, **kwargs)`` over /jsonrpc as ``user``;
        return ``(result, None)`` or ``(None, (error class path, message))``."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    user.id,
                    user.login,
                    model,
                    method,
                    list(args),
                    kwargs,
                ],
            },
        }
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(payload, default=str),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.env.invalidate_all()
        if body.get("error"):
            data = body["error"]["data"]
            return None, (data["name"], data["message"])
        return body["result"], None

    def assertRpcRefused(self, user, model, method, *args, error=None, **kwargs):
        """The call is refused, by ``error`` when given (the exception's class
        name, e.g. ``"AccessError"``); return the message."""
        result, refusal = self.rpc(user, model, method, *args, **kwargs)
        self.assertIsNotNone(
            refusal,
            f"{model}.{method} by {user.login} was accepted (returned {result!r})",
        )
        if error:
            self.assertEqual(refusal[0], f"odoo.exceptions.{error}", refusal[1])
        else:
            self.assertIn(refusal[0], REFUSALS, refusal[1])
        return refusal[1]
