"""Context keys that only the server's own code can set.

A context sent over RPC is JSON: it can hold any key with a string, number,
boolean, list or dict, but never a Python object. A flag whose value must be
this module's token is therefore out of any RPC caller's reach, whatever key
he sends; code that wants to skip a check passes ``trusted(key)`` to
``with_context``, and the check asks ``is_trusted(env, key)``.
"""

_TOKEN = object()


def trusted(key):
    """The context values that set ``key`` for server code only:
    ``records.with_context(**trusted("my_key"))``."""
    return {key: _TOKEN}


def is_trusted(env, key):
    """Whether ``key`` was set by server code with ``trusted`` (a value sent
    over RPC, ``True`` included, is not)."""
    return env.context.get(key) is _TOKEN
