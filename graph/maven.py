"""Neo4j's jars from Maven Central: a pinned artifact list, resolved without walking the dependency tree.

Resolving `org.neo4j:neo4j` transitively makes Maven 3.8 read about 4,000 POMs one after another (every
version of every library the tree mentions), which kept a first `make run` silent for minutes. Instead,
`neo4j-artifacts.txt` pins the exact jars that resolution gives (coordinates, size, SHA-1), and Maven is
handed a generated POM naming each one with every transitive dependency excluded: it reads a few hundred
POMs, downloads the jars in parallel, and this module reports what it is downloading as it goes.

`python -m graph.maven pin` regenerates the list from the ranges in `neo4j-pom.xml` (the newest 5.26.x);
`python -m graph.maven check` resolves those ranges afresh and says whether the list still matches;
`python -m graph.maven fetch` provisions the jars (`make test` runs it first, so its progress is not hidden
by pytest's output capture).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

from graph.errors import LocalNeo4jError

__all__ = [
    "DEPENDENCY_PLUGIN",
    "Pin",
    "Progress",
    "fetch_jars",
    "neo4j_version",
    "parse_pins",
    "pinned",
    "pinned_pom",
    "pins_digest",
]

PINS_FILE = "neo4j-artifacts.txt"
RANGE_POM = "neo4j-pom.xml"
# The version Maven 3.8's default bindings use; pinned so another Maven resolves the same way.
DEPENDENCY_PLUGIN = "2.8"
# Jar downloads in parallel (Maven's default is 5); POMs are still read one at a time by Maven 3.8.
DOWNLOAD_THREADS = 8
NEO4J = ("org.neo4j", "neo4j")

Report = Callable[[str], None]


@dataclass(frozen=True)
class Pin:
    """One jar of the local Neo4j: `group:artifact:version[:type:classifier]`, its size and SHA-1."""

    group: str
    artifact: str
    version: str
    classifier: str | None
    size: int
    sha1: str
    type: str = "jar"

    @property
    def coordinates(self) -> str:
        base = f"{self.group}:{self.artifact}:{self.version}"
        return f"{base}:{self.type}:{self.classifier}" if self.classifier else base

    @property
    def file_name(self) -> str:
        """The name `dependency:copy-dependencies` gives the jar (and Maven's repository layout uses)."""
        suffix = f"-{self.classifier}" if self.classifier else ""
        return f"{self.artifact}-{self.version}{suffix}.{self.type}"

    def line(self) -> str:
        return f"{self.coordinates} {self.size} {self.sha1}"


_COORDINATES = re.compile(r"^([\w.\-]+):([\w.\-]+):([\w.\-]+)(?::(jar):([\w.\-]+))?$")


def parse_pins(text: str, source: str = PINS_FILE) -> list[Pin]:
    """The pins of a list: one `coordinates size sha1` a line; `#` starts a comment."""
    pins: list[Pin] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        fields = line.split()
        found = _COORDINATES.match(fields[0]) if len(fields) == 3 else None
        if found is None or not fields[1].isdigit() or not re.fullmatch(r"[0-9a-f]{40}", fields[2]):
            raise LocalNeo4jError(
                f"{source} line {number} is not `group:artifact:version[:jar:classifier] size sha1`; "
                "regenerate the list with `python -m graph.maven pin`."
            )
        group, artifact, version, _, classifier = found.groups()
        pins.append(Pin(group, artifact, version, classifier, int(fields[1]), fields[2]))
    return pins


def _pins_text() -> str:
    return resources.files("graph").joinpath(PINS_FILE).read_text()


def pinned() -> list[Pin]:
    """The pinned jars shipped with the package."""
    return parse_pins(_pins_text())


def pins_digest() -> str:
    """A SHA-1 of the pinned list, recorded beside the provisioned jars so a new list provisions anew."""
    return hashlib.sha1(_pins_text().encode()).hexdigest()


def neo4j_version(pins: Iterable[Pin]) -> str:
    """The version of `org.neo4j:neo4j` in `pins`."""
    versions = {pin.version for pin in pins if (pin.group, pin.artifact) == NEO4J and not pin.classifier}
    if len(versions) != 1:
        raise LocalNeo4jError(
            f"{PINS_FILE} names {len(versions)} versions of org.neo4j:neo4j, not one; "
            "regenerate it with `python -m graph.maven pin`."
        )
    return versions.pop()


def pinned_pom(pins: Sequence[Pin]) -> str:
    """A POM whose dependencies are exactly `pins`, each with its own dependencies excluded."""
    dependencies = "\n".join(
        "    <dependency>"
        f"<groupId>{escape(pin.group)}</groupId><artifactId>{escape(pin.artifact)}</artifactId>"
        f"<version>{escape(pin.version)}</version>"
        + (f"<classifier>{escape(pin.classifier)}</classifier>" if pin.classifier else "")
        + "<exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions>"
        "</dependency>"
        for pin in pins
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by graph/maven.py from {PINS_FILE}; edits are overwritten. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.cograph</groupId>
  <artifactId>neo4j-runtime-pinned</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
{dependencies}
  </dependencies>
  <build><plugins><plugin>
    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId>
    <version>{DEPENDENCY_PLUGIN}</version>
  </plugin></plugins></build>
</project>
"""


def local_repository() -> Path:
    """Where Maven keeps its cache: `-Dmaven.repo.local` from MAVEN_OPTS, else ~/.m2/repository.

    Used only to tell the user how much is left to download (a custom settings.xml only skews that count).
    """
    for option in shlex.split(os.environ.get("MAVEN_OPTS", "")):
        if option.startswith("-Dmaven.repo.local="):
            return Path(option.split("=", 1)[1]).expanduser()
    return Path.home() / ".m2" / "repository"


def cached_path(pin: Pin, repository: Path) -> Path:
    """Where Maven's repository layout keeps the jar of `pin`."""
    return repository / pin.group.replace(".", "/") / pin.artifact / pin.version / pin.file_name


def _cached(pin: Pin, repository: Path) -> bool:
    path = cached_path(pin, repository)
    return path.is_file() and path.stat().st_size == pin.size


def _megabytes(size: float) -> str:
    return f"{size / 1e6:.1f} MB"


def _clock(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


_DOWNLOADED = re.compile(r"Downloaded from \S+: (\S+) \(([\d.]+) (B|kB|MB|GB)")
_COPIED = re.compile(r"Copying (\S+) to ")
_UNITS = {"B": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}


class Progress:
    """Reads Maven's output and reports the jars and POMs downloaded so far, with a running total."""

    def __init__(self, pins: Sequence[Pin], report: Report, *, every: float = 5.0) -> None:
        self.by_name = {pin.file_name: pin for pin in pins}
        self.report = report
        self.every = every
        self.started = time.monotonic()
        self.last = self.started
        self.jars = 0
        self.jar_bytes = 0
        self.other = 0
        self.other_bytes = 0.0
        self.copied = 0
        self.latest = ""

    def feed(self, line: str) -> None:
        """Count a line of Maven's output; report at most once every `every` seconds."""
        downloaded = _DOWNLOADED.search(line)
        copied = _COPIED.search(line)
        if downloaded is not None:
            url, amount, unit = downloaded.groups()
            name = url.rsplit("/", 1)[-1]
            pin = self.by_name.get(name)
            if pin is not None:
                self.jars += 1
                self.jar_bytes += pin.size
                self.latest = name
            else:
                self.other += 1
                self.other_bytes += float(amount) * _UNITS[unit]
        elif copied is not None and copied.group(1) in self.by_name:
            self.copied += 1
        else:
            return
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self.report(self.line())

    def line(self) -> str:
        total = sum(pin.size for pin in self.by_name.values())
        latest = f", latest {self.latest}" if self.latest else ""
        copied = f", {self.copied} copied into place" if self.copied else ""
        return (
            f"  {_clock(time.monotonic() - self.started)}  jars downloaded {self.jars}/{len(self.by_name)} "
            f"({_megabytes(self.jar_bytes)} of {_megabytes(total)}), POMs and Maven's own files {self.other} "
            f"({_megabytes(self.other_bytes)}){latest}{copied}"
        )

    def summary(self) -> str:
        return (
            f"downloaded {self.jars} jars ({_megabytes(self.jar_bytes)}) and {self.other} POMs and Maven plugin "
            f"files ({_megabytes(self.other_bytes)}) in {_clock(time.monotonic() - self.started)}"
        )


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def maven_command(mvn: str, pom: Path, *goals: str) -> list[str]:
    return [
        mvn,
        "-B",
        "--strict-checksums",  # a jar whose SHA-1 does not match Maven Central's fails the download
        f"-Daether.connector.basic.threads={DOWNLOAD_THREADS}",
        "-f",
        str(pom),
        *goals,
    ]


def _run_maven(command: list[str], progress: Progress | None) -> tuple[int, list[str]]:
    """Run Maven, feeding each output line to `progress`; (exit status, last lines of output)."""
    tail: list[str] = []
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    ) as maven:
        assert maven.stdout is not None
        for line in maven.stdout:
            tail = [*tail[-39:], line.rstrip()]
            if progress is not None:
                progress.feed(line)
    return maven.returncode, tail


def fetch_jars(
    mvn: str, lib: Path, work: Path, report: Report = _stderr, pins: Sequence[Pin] | None = None
) -> str:
    """Put the pinned Neo4j jars into `lib` (Maven downloads what its cache lacks); return Neo4j's version.

    When the Maven cache already holds every pinned jar they are copied from it without starting Maven
    (whose start and model building take half a minute even with nothing to download).
    """
    pins = pinned() if pins is None else pins
    version = neo4j_version(pins)
    repository = local_repository()
    missing = [pin for pin in pins if not _cached(pin, repository)]
    size = sum(pin.size for pin in pins)
    if not missing:
        started = time.monotonic()
        lib.mkdir(parents=True, exist_ok=True)
        for pin in pins:
            shutil.copyfile(cached_path(pin, repository), lib / pin.file_name)
        if not verify(lib, pins):
            report(
                f"Neo4j {version} Community: copied its {len(pins)} jars ({_megabytes(size)}) from the Maven "
                f"cache {repository} in {time.monotonic() - started:.1f} s."
            )
            return version
        shutil.rmtree(lib)  # a cached jar differs from its pin: let Maven check and fetch it again
        missing = list(pins)
    report(
        f"Neo4j {version} Community: Maven is downloading {len(missing)} of its {len(pins)} jars "
        f"({_megabytes(sum(pin.size for pin in missing))} of {_megabytes(size)}) from Maven Central into "
        f"{repository}; this happens once (a minute or two), later starts reuse the cache."
    )
    work.mkdir(parents=True, exist_ok=True)
    pom = work / "pom.xml"
    pom.write_text(pinned_pom(pins))
    progress = Progress(pins, report)
    command = maven_command(
        mvn, pom, "dependency:copy-dependencies", f"-DoutputDirectory={lib}", "-DincludeScope=runtime"
    )
    status, tail = _run_maven(command, progress)
    if status != 0:
        said = "\n".join(line for line in tail if line.startswith("[ERROR]")) or "\n".join(tail[-15:])
        raise LocalNeo4jError(
            f"Maven could not download Neo4j {version} from Maven Central (exit {status}); check the network "
            f"or set NEO4J_URI to use your own Neo4j 5 server. Maven said:\n{said}"
        )
    problems = verify(lib, pins)
    if problems:
        raise LocalNeo4jError(
            f"The Neo4j jars in {lib} do not match {PINS_FILE} ({'; '.join(problems[:3])}); delete {lib.parent} "
            "and start again, or regenerate the list with `python -m graph.maven pin`."
        )
    report(f"Neo4j {version}: {progress.summary()}.")
    return version


def verify(lib: Path, pins: Sequence[Pin]) -> list[str]:
    """What differs between the jars in `lib` and `pins` (names, sizes, SHA-1); empty when they match."""
    expected = {pin.file_name: pin for pin in pins}
    present = {path.name: path for path in lib.glob("*.jar")} if lib.is_dir() else {}
    problems = [f"{name} is missing" for name in sorted(expected.keys() - present.keys())]
    problems += [f"{name} is not pinned" for name in sorted(present.keys() - expected.keys())]
    for name in sorted(expected.keys() & present.keys()):
        data = present[name].read_bytes()
        if len(data) != expected[name].size or hashlib.sha1(data).hexdigest() != expected[name].sha1:
            problems.append(f"{name} differs from the pinned size or SHA-1")
    return problems


# -- regeneration ---------------------------------------------------------------------------------------

_LISTED = re.compile(r"^\s+([\w.\-]+):([\w.\-]+):(jar)(?::([\w.\-]+))?:([\w.\-]+):(compile|runtime):(/\S+)$")


def resolve_ranges(mvn: str, report: Report = _stderr) -> list[Pin]:
    """Resolve `neo4j-pom.xml` the slow way (every POM of the tree) and pin what it gives."""
    with tempfile.TemporaryDirectory(prefix="cograph-pin-") as scratch:
        pom = Path(scratch) / "pom.xml"
        pom.write_bytes(resources.files("graph").joinpath(RANGE_POM).read_bytes())
        listed = Path(scratch) / "dependencies.txt"
        report(f"Resolving {RANGE_POM} transitively (several minutes with an empty Maven cache) ...")
        command = maven_command(
            mvn,
            pom,
            f"org.apache.maven.plugins:maven-dependency-plugin:{DEPENDENCY_PLUGIN}:list",
            "-DincludeScope=runtime",
            "-DoutputAbsoluteArtifactFilename=true",
            f"-DoutputFile={listed}",
        )
        status, tail = _run_maven(command, None)
        if status != 0:
            raise LocalNeo4jError(f"Maven could not resolve {RANGE_POM} (exit {status}):\n" + "\n".join(tail[-15:]))
        pins = []
        for line in listed.read_text().splitlines():
            found = _LISTED.match(line)
            if found is None:
                continue
            group, artifact, kind, classifier, version, _, path = found.groups()
            data = Path(path).read_bytes()
            pins.append(Pin(group, artifact, version, classifier, len(data), hashlib.sha1(data).hexdigest(), kind))
    if not pins:
        raise LocalNeo4jError(f"Maven listed no runtime jars for {RANGE_POM}; see its output above.")
    return sorted(pins, key=lambda pin: pin.coordinates)


def pins_text(pins: Sequence[Pin]) -> str:
    return (
        f"# The jars of the local Neo4j {neo4j_version(pins)} Community and its browser, exactly as Maven resolves\n"
        f"# graph/{RANGE_POM}: coordinates (group:artifact:version[:jar:classifier]), size in bytes, SHA-1.\n"
        "# Generated by `python -m graph.maven pin`; do not edit by hand.\n"
        + "".join(pin.line() + "\n" for pin in pins)
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph.maven", description=__doc__.splitlines()[0])
    parser.add_argument(
        "action",
        choices=["fetch", "pin", "check"],
        help="fetch: provision the pinned jars for the local Neo4j (what `cograph neo4j start` does first); "
        "pin: rewrite the list from a fresh resolution; check: compare the list with one",
    )
    args = parser.parse_args(argv)
    from graph.local import find_maven, resolve

    if args.action == "fetch":
        try:
            resolve()
        except LocalNeo4jError as error:
            print(error, file=sys.stderr)
            return 1
        return 0
    fresh = resolve_ranges(find_maven())
    target = Path(__file__).with_name(PINS_FILE)
    current = parse_pins(target.read_text()) if target.is_file() else []
    if args.action == "pin":
        target.write_text(pins_text(fresh))
        print(f"wrote {target}: Neo4j {neo4j_version(fresh)}, {len(fresh)} jars, {_megabytes(sum(p.size for p in fresh))}")
        return 0
    added = sorted({p.line() for p in fresh} - {p.line() for p in current})
    removed = sorted({p.line() for p in current} - {p.line() for p in fresh})
    for line in removed:
        print(f"- {line}")
    for line in added:
        print(f"+ {line}")
    same = not added and not removed
    print(f"{PINS_FILE} {'matches' if same else 'differs from'} a fresh resolution of {RANGE_POM} (Neo4j {neo4j_version(fresh)}).")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
