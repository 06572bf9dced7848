"""The pinned Neo4j jars: the list agrees with neo4j-pom.xml, Maven gets a POM naming exactly them, progress
is read from Maven's real output lines, and the provisioned server runs exactly the pinned jars."""

from __future__ import annotations

import hashlib
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from graph import local, maven
from graph.errors import LocalNeo4jError
from graph.maven import Pin, Progress, neo4j_version, parse_pins, pinned, pinned_pom, verify
from graph.settings import external_uri_configured

POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}
RANGE_POM = Path(maven.__file__).with_name(maven.RANGE_POM)


def _range_dependencies() -> dict[tuple[str, str], str]:
    root = ET.parse(RANGE_POM).getroot()
    return {
        (dep.findtext("m:groupId", namespaces=POM_NS) or "", dep.findtext("m:artifactId", namespaces=POM_NS) or ""): (
            dep.findtext("m:version", namespaces=POM_NS) or ""
        )
        for dep in root.iterfind("m:dependencies/m:dependency", POM_NS)
    }


def test_the_pinned_neo4j_is_in_the_range_of_neo4j_pom() -> None:
    pins = pinned()
    wanted = _range_dependencies()
    low, high = re.fullmatch(r"\[([\d.]+),([\d.]+)\)", wanted[maven.NEO4J]).groups()  # type: ignore[union-attr]

    def key(version: str) -> tuple[int, ...]:
        return tuple(int(part) for part in version.split("."))

    assert key(low) <= key(neo4j_version(pins)) < key(high)
    for (group, artifact), version in wanted.items():
        if not version.startswith("["):
            assert any(p.group == group and p.artifact == artifact and p.version == version for p in pins), artifact


def test_the_pinned_list_names_each_jar_once() -> None:
    pins = pinned()
    assert len({pin.file_name for pin in pins}) == len(pins)
    assert len({(pin.group, pin.artifact, pin.classifier) for pin in pins}) == len(pins)
    assert all(pin.size > 0 for pin in pins)


def test_a_broken_line_names_the_line_and_the_fix() -> None:
    good = "org.neo4j:neo4j:5.26.30 100 " + "a" * 40
    assert parse_pins(f"# comment\n{good}\n")[0].coordinates == "org.neo4j:neo4j:5.26.30"
    with pytest.raises(LocalNeo4jError, match=r"line 3 .*python -m graph.maven pin"):
        parse_pins(f"# comment\n{good}\norg.neo4j:neo4j 100 {'a' * 40}\n")


def test_the_generated_pom_names_exactly_the_pins_without_their_dependencies() -> None:
    pins = pinned()
    root = ET.fromstring(pinned_pom(pins))
    dependencies = root.findall("m:dependencies/m:dependency", POM_NS)
    named = {
        (
            d.findtext("m:groupId", namespaces=POM_NS),
            d.findtext("m:artifactId", namespaces=POM_NS),
            d.findtext("m:version", namespaces=POM_NS),
            d.findtext("m:classifier", namespaces=POM_NS),
        )
        for d in dependencies
    }
    assert named == {(p.group, p.artifact, p.version, p.classifier) for p in pins}
    for dependency in dependencies:
        exclusions = dependency.findall("m:exclusions/m:exclusion", POM_NS)
        assert [(e.findtext("m:groupId", namespaces=POM_NS), e.findtext("m:artifactId", namespaces=POM_NS))
                for e in exclusions] == [("*", "*")]
    plugin = root.find("m:build/m:plugins/m:plugin", POM_NS)
    assert plugin is not None and plugin.findtext("m:version", namespaces=POM_NS) == maven.DEPENDENCY_PLUGIN


def _pin_of(path: Path, artifact: str, version: str, classifier: str | None = None) -> Pin:
    data = path.read_bytes()
    return Pin("org.example", artifact, version, classifier, len(data), hashlib.sha1(data).hexdigest())


def test_verify_names_missing_extra_and_altered_jars(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a-1.jar").write_bytes(b"a")
    (lib / "b-2-linux.jar").write_bytes(b"b")
    pins = [_pin_of(lib / "a-1.jar", "a", "1"), _pin_of(lib / "b-2-linux.jar", "b", "2", "linux")]
    assert verify(lib, pins) == []
    (lib / "b-2-linux.jar").write_bytes(b"B")
    (lib / "stray-1.jar").write_bytes(b"s")
    (lib / "a-1.jar").unlink()
    assert verify(lib, pins) == [
        "a-1.jar is missing",
        "stray-1.jar is not pinned",
        "b-2-linux.jar differs from the pinned size or SHA-1",
    ]


def test_progress_counts_the_pinned_jars_and_everything_else_from_mavens_lines() -> None:
    pins = [Pin("org.neo4j", "neo4j", "5.26.30", None, 2_000_000, "0" * 40)]
    reports: list[str] = []
    progress = Progress(pins, reports.append, every=0.0)
    central = "https://repo.maven.apache.org/maven2"
    progress.feed(f"[INFO] Downloading from central: {central}/org/neo4j/neo4j/5.26.30/neo4j-5.26.30.pom\n")
    progress.feed(f"[INFO] Downloaded from central: {central}/org/neo4j/neo4j/5.26.30/neo4j-5.26.30.pom (11 kB at 101 kB/s)\n")
    progress.feed(f"[INFO] Downloaded from central: {central}/org/neo4j/neo4j/5.26.30/neo4j-5.26.30.jar (2.0 MB at 1.1 MB/s)\n")
    assert (progress.jars, progress.jar_bytes, progress.other) == (1, 2_000_000, 1)
    assert progress.other_bytes == pytest.approx(11_000)
    assert len(reports) == 2 and "downloaded 1/1 (2.0 MB of 2.0 MB)" in reports[-1] and "neo4j-5.26.30.jar" in reports[-1]
    progress.feed("[INFO] Copying neo4j-5.26.30.jar to /tmp/lib/neo4j-5.26.30.jar\n")
    assert progress.copied == 1 and reports[-1].endswith("1 copied into place")
    assert progress.summary().startswith("downloaded 1 jars (2.0 MB) and 1 POMs")


def test_a_maven_failure_is_one_clear_message_with_mavens_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A stand-in for the mvn executable (not for Neo4j): it fails the way Maven does offline.
    fake = tmp_path / "mvn"
    fake.write_text("#!/bin/sh\necho '[INFO] Scanning for projects...'\n"
                    "echo '[ERROR] Failed to execute goal: Could not transfer artifact org.neo4j:neo4j:pom:5.26.30'\n"
                    "exit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("MAVEN_OPTS", f"-Dmaven.repo.local={tmp_path / 'm2'}")
    reports: list[str] = []
    with pytest.raises(LocalNeo4jError) as caught:
        maven.fetch_jars(str(fake), tmp_path / "lib", tmp_path / "work", reports.append)
    message = str(caught.value)
    assert "check the network" in message and "Could not transfer artifact" in message
    assert "Scanning" not in message
    assert reports and f"into {tmp_path / 'm2'}" in reports[0] and "downloading" in reports[0]


def test_a_warm_maven_cache_is_copied_from_without_starting_maven(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = tmp_path / "m2"
    pins = []
    for artifact, body in (("neo4j", b"server"), ("browser", b"page")):
        pin = Pin("org.neo4j", artifact, "5.26.30", None, len(body), hashlib.sha1(body).hexdigest())
        target = maven.cached_path(pin, repository)
        target.parent.mkdir(parents=True)
        target.write_bytes(body)
        pins.append(pin)
    monkeypatch.setenv("MAVEN_OPTS", f"-Dmaven.repo.local={repository}")
    reports: list[str] = []
    lib = tmp_path / "lib"
    # No such Maven: the run fails if it is started.
    assert maven.fetch_jars(str(tmp_path / "no-mvn"), lib, tmp_path / "work", reports.append, pins) == "5.26.30"
    assert verify(lib, pins) == [] and "copied its 2 jars" in reports[-1]
    # A cached jar that differs from its pin is not trusted: Maven is asked (and here, absent, fails).
    maven.cached_path(pins[0], repository).write_bytes(b"SERVER")
    with pytest.raises(OSError):
        maven.fetch_jars(str(tmp_path / "no-mvn"), tmp_path / "lib2", tmp_path / "work", reports.append, pins)


@pytest.mark.neo4j
def test_the_provisioned_server_runs_exactly_the_pinned_jars(neo4j_settings: object) -> None:
    if external_uri_configured():
        pytest.skip("the suite runs against an external Neo4j (NEO4J_URI); nothing was provisioned here")
    assert local.resolve() == neo4j_version(pinned())  # provisions anew when the pinned list changed
    assert verify(local.lib_dir(), pinned()) == []
    assert local.resolved_version() == neo4j_version(pinned())
    assert (local.dist_dir() / "resolved").read_text().split() == [neo4j_version(pinned()), maven.pins_digest()]
