"""The API's errors: each carries the `extensions.code` a client can branch on and one clear sentence."""

from __future__ import annotations

from ontology.errors import CographError

__all__ = [
    "ApiError",
    "BadUserInput",
    "Forbidden",
    "NotFound",
    "ServiceUnavailable",
    "Unauthenticated",
]


class ApiError(CographError):
    """An error the API reports to the client as it is (message and code)."""

    code = "INTERNAL"


class BadUserInput(ApiError):
    code = "BAD_USER_INPUT"


class Unauthenticated(ApiError):
    code = "UNAUTHENTICATED"


class Forbidden(ApiError):
    code = "FORBIDDEN"


class NotFound(ApiError):
    code = "NOT_FOUND"


class ServiceUnavailable(ApiError):
    code = "SERVICE_UNAVAILABLE"
