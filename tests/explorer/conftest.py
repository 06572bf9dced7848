"""Browser fixtures: the app served by uvicorn in a thread, Debian's Chromium driven by Playwright.

Chromium comes from the system (`apt-get install chromium`), never from `playwright install`.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright
from starlette.applications import Starlette

from api.app import create_app
from api.explorer import STATIC_DIR
from graph.store import Graph
from tests.explorer.sample import write_sample

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "explorer"
START_TIMEOUT = 20.0


def explorer_app() -> Starlette:
    """The real app, which serves the explorer at /."""
    return create_app()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Served:
    url: str
    server: uvicorn.Server
    thread: threading.Thread


def serve(app: Starlette) -> Served:
    """Start uvicorn on a free loopback port in a daemon thread and wait until it accepts requests."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, name="explorer-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on 127.0.0.1:{port} within {START_TIMEOUT:.0f} s")
        time.sleep(0.02)  # polls uvicorn's own readiness flag, it does not stand in for it
    return Served(f"http://127.0.0.1:{port}/", server, thread)


def stop(served: Served) -> None:
    served.server.should_exit = True
    served.thread.join(timeout=15)


@pytest.fixture(scope="session")
def built_assets() -> Path:
    """The bundled explorer; the tests need `make explorer` (or `npm run build` in explorer/) first."""
    if not (STATIC_DIR / "explorer.js").is_file():
        pytest.fail(f"The explorer is not built ({STATIC_DIR}/explorer.js is missing): run `make explorer`.")
    return STATIC_DIR


@pytest.fixture(scope="module")
def sample_graph(graph: Graph) -> Graph:
    """The session's graph holding only the explorer's sample data."""
    from graph.records import wipe

    wipe(graph)
    write_sample(graph)
    return graph


@pytest.fixture(scope="module")
def app_url(sample_graph: Graph, built_assets: Path) -> Iterator[str]:
    served = serve(explorer_app())
    yield served.url
    stop(served)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    if not Path(CHROMIUM).is_file() and not shutil.which("chromium"):
        pytest.fail("Chromium is missing: install Debian's package with `apt-get install -y chromium`.")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    chromium = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield chromium
    chromium.close()


@dataclass
class Watched:
    """A page with everything that went wrong on it recorded."""

    page: Page
    origin: str
    errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def watched(browser: Browser, app_url: str) -> Iterator[Watched]:
    """A fresh 1400x900 page; console errors, page errors and any request leaving the app are recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    watched = Watched(page, app_url.rstrip("/"))

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watched.errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(watched.origin) or request.url.startswith("data:")
            else watched.foreign_requests.append(request.url)
        ),
    )
    page.set_default_timeout(15000)
    yield watched
    context.close()
