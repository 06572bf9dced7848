"""GraphiQL in real headless Chromium: served from the app's own build, under its CSP, nothing from outside."""

from __future__ import annotations

import pytest

from tests.explorer.conftest import Watched

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]


def test_graphiql_runs_a_query_offline_under_the_csp(watched: Watched) -> None:
    response = watched.page.goto(f"{watched.origin}/graphql")
    assert response is not None and response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    watched.page.wait_for_selector(".graphiql-container .CodeMirror")
    watched.page.click(".graphiql-execute-button")
    watched.page.wait_for_function(
        "() => (document.querySelector('.result-window') || {}).textContent?.includes('totalCount')"
    )
    assert watched.errors == []  # a CSP violation is a console error
    assert watched.foreign_requests == []
    watched.screenshot("graphiql")
