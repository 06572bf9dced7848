"""Who may change the graph: callers with the admin bearer token (COGRAPH_ADMIN_TOKEN)."""

from __future__ import annotations

import hmac
import os

from api.context import Context
from api.errors import Forbidden, Unauthenticated

__all__ = ["TOKEN_VARIABLE", "admin_agent", "check_admin"]

TOKEN_VARIABLE = "COGRAPH_ADMIN_TOKEN"


def check_admin(context: Context) -> None:
    """Raise unless the request carries the admin token; read from the environment at each call."""
    expected = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not expected:
        raise Forbidden(
            f"Changes are disabled on this server because {TOKEN_VARIABLE} is not set; "
            "the operator must set it and restart the API."
        )
    given = context.bearer_token()
    if given is None:
        raise Unauthenticated(
            "This operation changes the graph and needs the admin token; send it as `Authorization: Bearer <token>`."
        )
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise Forbidden("The bearer token is not the admin token; check the token you were given.")


def admin_agent(context: Context) -> str:
    """Who is acting, for provenance, once the admin check has passed (one place to swap for accounts)."""
    check_admin(context)
    return "admin (COGRAPH_ADMIN_TOKEN)"
