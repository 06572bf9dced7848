"""OIDC/JWT bearer tokens from an identity provider, verified against its JWKS (COGRAPH_JWKS_URL).

The token must be signed by a key of the JWKS, unexpired, issued by COGRAPH_JWT_ISSUER for
COGRAPH_JWT_AUDIENCE; its claim COGRAPH_JWT_CLAIM (default `sub`) names the cograph account it acts as.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import jwt

__all__ = ["TokenError", "TokenSettings", "TokenVerifier", "looks_like_jwt"]

_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]
_LEEWAY_SECONDS = 30


class TokenError(Exception):
    """The token is refused; the message says why in one sentence (never the token)."""

    def __init__(self, message: str, *, server_side: bool = False) -> None:
        super().__init__(message)
        self.server_side = server_side


@dataclass(frozen=True)
class TokenSettings:
    jwks_url: str
    issuer: str
    audience: str
    claim: str = "sub"

    @classmethod
    def from_env(cls) -> TokenSettings | None:
        """The settings when COGRAPH_JWKS_URL is set (issuer and audience are then required)."""
        url = os.environ.get("COGRAPH_JWKS_URL", "").strip()
        if not url:
            return None
        issuer = os.environ.get("COGRAPH_JWT_ISSUER", "").strip()
        audience = os.environ.get("COGRAPH_JWT_AUDIENCE", "").strip()
        if not issuer or not audience:
            raise TokenError(
                "COGRAPH_JWKS_URL is set but COGRAPH_JWT_ISSUER or COGRAPH_JWT_AUDIENCE is not; set both, "
                "so that only tokens your identity provider issued for cograph are accepted.",
                server_side=True,
            )
        return cls(url, issuer, audience, os.environ.get("COGRAPH_JWT_CLAIM", "").strip() or "sub")


def looks_like_jwt(text: str) -> bool:
    return text.count(".") == 2 and text.startswith("ey")


class TokenVerifier:
    """Verifies tokens; the JWKS is fetched on first use and again when a token names an unknown key."""

    def __init__(self, settings: TokenSettings) -> None:
        self.settings = settings
        self._jwks = jwt.PyJWKClient(settings.jwks_url, cache_keys=True, lifespan=300, timeout=5)

    def account(self, token: str) -> str:
        """The account id the token's claim names; TokenError when the token is refused."""
        try:
            signing_key = self._jwks.get_signing_key_from_jwt(token)
        except jwt.PyJWKClientConnectionError as error:
            raise TokenError(
                "the identity provider's keys (COGRAPH_JWKS_URL) cannot be fetched; try again later.",
                server_side=True,
            ) from error
        except (jwt.PyJWKClientError, jwt.DecodeError) as error:
            raise TokenError(
                "the token is not signed by a key of the configured identity provider; get a token from it."
            ) from error
        try:
            claims = jwt.decode(
                token,
                signing_key.key,
                algorithms=_ALGORITHMS,
                audience=self.settings.audience,
                issuer=self.settings.issuer,
                leeway=_LEEWAY_SECONDS,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise TokenError("the token has expired; get a new one from your identity provider.") from error
        except jwt.InvalidAudienceError as error:
            raise TokenError(
                f"the token is not meant for this API (audience {self.settings.audience!r}); ask your identity "
                "provider for a token for it."
            ) from error
        except jwt.InvalidIssuerError as error:
            raise TokenError(
                f"the token was not issued by {self.settings.issuer!r}; use a token of that identity provider."
            ) from error
        except jwt.InvalidSignatureError as error:
            raise TokenError(
                "the token's signature does not verify against the identity provider's keys; get a new token."
            ) from error
        except jwt.InvalidTokenError as error:
            raise TokenError(
                f"the token is not valid ({error}); get a new one from your identity provider."
            ) from error
        value = claims.get(self.settings.claim)
        if not isinstance(value, str) or not value.strip():
            raise TokenError(
                f"the token has no {self.settings.claim!r} claim naming a cograph account; ask the operator "
                "to map your identity to an account."
            )
        return value.strip()
