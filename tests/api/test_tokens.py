"""Identity-provider tokens: JWTs verified against a JWKS that this test generates and serves on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from starlette.testclient import TestClient

from api.app import create_app
from graph.accounts import add_account
from graph.store import Graph

pytestmark = pytest.mark.neo4j

ISSUER = "https://idp.example.test/"
AUDIENCE = "cograph-api"
VIEWER = "{ viewer { account role } }"
SIGNING = rsa.generate_private_key(public_exponent=65537, key_size=2048)
IMPOSTOR = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def jwks_url() -> Iterator[str]:
    jwk = {**json.loads(RSAAlgorithm.to_jwk(SIGNING.public_key())), "kid": "k1", "use": "sig", "alg": "RS256"}
    body = json.dumps({"keys": [jwk]}).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def client(seeded: Graph, jwks_url: str) -> Iterator[TestClient]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COGRAPH_JWKS_URL", jwks_url)
        patch.setenv("COGRAPH_JWT_ISSUER", ISSUER)
        patch.setenv("COGRAPH_JWT_AUDIENCE", AUDIENCE)
        add_account(seeded, "idp-partner", "Partner signed in through the IdP", "partner")
        with TestClient(create_app(graph=seeded)) as test_client:
            yield test_client


def token(key: rsa.RSAPrivateKey = SIGNING, expires_in: int = 300, **claims: Any) -> str:
    now = dt.datetime.now(dt.UTC)
    payload = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "idp-partner",
        "iat": now,
        "exp": now + dt.timedelta(seconds=expires_in),
        **claims,
    }
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": "k1"})


def ask(client: TestClient, bearer: str) -> tuple[int, dict[str, Any]]:
    answer = client.post("/graphql", json={"query": VIEWER}, headers={"Authorization": f"Bearer {bearer}"})
    return answer.status_code, answer.json()


def test_a_valid_token_acts_as_the_account_its_claim_names(client: TestClient) -> None:
    status, body = ask(client, token())
    assert status == 200 and body["data"]["viewer"] == {"account": "idp-partner", "role": "PARTNER"}


@pytest.mark.parametrize(
    ("bearer", "reason"),
    [
        (lambda: token(expires_in=-120), "expired"),
        (lambda: token(aud="another-api"), "not meant for this API"),
        (lambda: token(iss="https://other-idp.test/"), "not issued by"),
        (lambda: token(key=IMPOSTOR), "signature does not verify"),
        (lambda: token(sub="nobody-here"), "does not exist"),
    ],
    ids=["expired", "wrong-audience", "wrong-issuer", "wrong-signature", "unknown-account"],
)
def test_bad_tokens_are_refused_with_the_reason(client: TestClient, bearer: Any, reason: str) -> None:
    presented = bearer()
    status, body = ask(client, presented)
    assert status == 401, body
    error = body["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert reason in error["message"] and presented not in error["message"]
