"""Peak memory and time of `cograph load` on the hostile inputs of issue 11, item 11.

The inputs (written under var/bench-hostile, git-ignored): a 19 MB HXL file with a million columns, 200 MB of
garbage JSON, and a JSON list of 10^6 nulls; plus a one-project CSV as the baseline (the interpreter, the
driver and cograph's imports). Each load runs in its own child process so its peak RSS (ru_maxrss) is its own.

Run: `.venv/bin/python -m bench.hostile [--source DIR]`. Uses NEO4J_URI when set, else the local Neo4j under
COGRAPH_VAR (default var/bench), started here if it is not running. `--source DIR` runs another checkout's
cograph (e.g. `git archive <commit> | tar -x -C DIR`) to measure "before".
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("COGRAPH_VAR", str(ROOT / "var" / "bench"))
OUT = ROOT / "var" / "bench-hostile"

CHILD = """
import json, resource, sys, time
from typer.testing import CliRunner
import cli
from cli.main import app
started = time.monotonic()
result = CliRunner().invoke(app, ["load", sys.argv[1]])
output = result.output
print(json.dumps({
    "exit": result.exit_code,
    "seconds": round(time.monotonic() - started, 2),
    "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    "lines": output.count("\\n"),
    "source": cli.__file__,
    "last": [line[:160] for line in output.splitlines()[-3:]],
}))
"""


def write_inputs() -> dict[str, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    paths = {
        "baseline: one valid project (CSV)": OUT / "one.csv",
        "HXL, 19 MB, a million columns": OUT / "wide-hxl.csv",
        "garbage JSON, 200 MB": OUT / "garbage.json",
        "JSON list of 10^6 nulls": OUT / "nulls.json",
    }
    paths["baseline: one valid project (CSV)"].write_text(
        "identifier,partner,title,countries,implementing\nB-1,bench,Baseline project,NG,Bench NGO\n",
        encoding="utf-8",
    )
    wide = paths["HXL, 19 MB, a million columns"]
    if not wide.exists():
        cells = ",".join(f"#x{n:06d}"[:8] for n in range(1_000_000))
        with wide.open("w", encoding="utf-8") as handle:
            handle.write("#org,#sector,#country+code," + cells + "\n")
            handle.write("Org,15180,NG," + ",".join(["value-9"] * 1_000_000) + "\n")
    garbage = paths["garbage JSON, 200 MB"]
    if not garbage.exists():
        with garbage.open("wb") as handle:
            handle.write(b"[")
            block = b'{"a": [1, 2, "x"' * 4096
            for _ in range(200 * 1_048_576 // len(block)):
                handle.write(block)
    nulls = paths["JSON list of 10^6 nulls"]
    if not nulls.exists():
        nulls.write_text("[" + ",".join(["null"] * 1_000_000) + "]", encoding="utf-8")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", type=Path, default=ROOT, help="the cograph checkout to run (default: this one)"
    )
    args = parser.parse_args()
    if not os.environ.get("NEO4J_URI"):
        from graph import local

        local.start()
    environment = {**os.environ, "PYTHONPATH": str(args.source.resolve())}
    print(f"cograph from {args.source.resolve()}")
    print(f"{'input':<36} {'size':>9} {'exit':>4} {'seconds':>8} {'peak RSS':>9}  last line of output")
    for name, path in write_inputs().items():
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(path)],
            capture_output=True,
            text=True,
            env=environment,
            cwd=args.source.resolve(),
            check=False,
        )
        if done.returncode != 0:
            print(f"{name:<36} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        if not figures["source"].startswith(str(args.source.resolve())):
            raise SystemExit(f"the child ran cograph from {figures['source']}, not from {args.source}")
        size = f"{path.stat().st_size / 1_048_576:.1f} MB"
        print(
            f"{name:<36} {size:>9} {figures['exit']:>4} {figures['seconds']:>8} {figures['peak_mb']:>6} MB  "
            f"{figures['last'][-1] if figures['last'] else ''}"
        )
        print(f"{'':<36} {figures['lines']} lines of output; " + " | ".join(figures["last"][:-1])[:200])


if __name__ == "__main__":
    main()
