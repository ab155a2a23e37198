"""The HTTP API. The app factory lives in ``api.app``; ``from api import create_app`` loads it
on first use, so commands that need no app (``govsearch token``, ``--help``) start at once."""


def __getattr__(name: str):
    if name == "create_app":
        from api.app import create_app

        return create_app
    raise AttributeError(f"module 'api' has no attribute {name!r}")
