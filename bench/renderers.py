"""Cytoscape (canvas) against sigma.js 3 + graphology (WebGL) on the same synthetic aggregates, in headless Chromium.

    .venv/bin/python -m bench.renderers

Bundles bench/renderers/page.js with the explorer's esbuild and npm packages (sigma is a dev dependency of
explorer/ for this comparison only), opens it in Debian's Chromium twice (as the tests launch it, with
--disable-gpu, and with SwiftShader's software WebGL) and prints, per graph size, the milliseconds from
elements to a painted frame and the median zoom frame of each renderer.
"""

from __future__ import annotations

import http.server
import subprocess
import tempfile
import threading
from functools import partial
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
EXPLORER = ROOT / "explorer"
CHROMIUM = "/usr/bin/chromium"
BASE_ARGS = [
    "--headless",
    "--no-sandbox",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-sync",
]
LAUNCHES = {
    "as the tests (--disable-gpu)": [*BASE_ARGS, "--disable-gpu"],
    "software WebGL (--use-angle=swiftshader --enable-unsafe-swiftshader)": [
        *BASE_ARGS,
        "--use-angle=swiftshader",
        "--enable-unsafe-swiftshader",
    ],
}
SIZES = [(140, 600), (1000, 5000), (5000, 25000)]
"""The default overview (60 organizations + 80 places, 600 links), and two views ten and fifty times larger."""
BUILD = """
const { build } = await import("esbuild");
await build({ entryPoints: [process.argv[1]], bundle: true, minify: true, format: "iife",
  outfile: process.argv[2], nodePaths: [process.argv[3]], logLevel: "warning" });
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        subprocess.run(
            ["node", "--input-type=module", "-e", BUILD, str(ROOT / "bench" / "renderers" / "page.js"),
             str(out / "page.js"), str(EXPLORER / "node_modules")],
            cwd=EXPLORER, check=True,
        )  # fmt: skip
        (out / "index.html").write_text(
            '<!doctype html><div id="stage" style="width:1000px;height:700px"></div><script src="page.js"></script>'
        )
        handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
        try:
            with sync_playwright() as driver:
                for name, args in LAUNCHES.items():
                    browser = driver.chromium.launch(executable_path=CHROMIUM, args=args)
                    page = browser.new_page(viewport={"width": 1100, "height": 800})
                    page.goto(url)
                    results = page.evaluate("(sizes) => window.compare(sizes)", SIZES)
                    browser.close()
                    print(f"Chromium {name}")
                    for r in results:
                        shown = (
                            f"painted {r['painted']:8.1f} ms, zoom frame {r['frame']:6.1f} ms"
                            if r["rendered"]
                            else f"not rendered: {r.get('why')}"
                        )
                        print(f"  {r['renderer']:<10} {r['nodes']:>5} nodes {r['edges']:>6} edges: {shown}")
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
