"""The project's own Neo4j Community server: pinned jars from Maven Central (graph/maven.py), run as a background process.

State lives under `var/` (git-ignored): `var/neo4j/{lib,conf,data,logs,run}`, `var/neo4j/state.json`
(PID, ports, version) and `var/neo4j-password` (mode 0600, generated at first start).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from graph import maven
from graph.errors import GraphError, LocalNeo4jError
from graph.paths import project_root, var_dir
from graph.settings import Settings, local_state_file, password_file

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
SUPPORTED_JAVA = (17, 21)
START_TIMEOUT = 180.0
STOP_TIMEOUT = 60.0
# Sized for a 2-core / 24 GiB machine that also runs the API, the loaders and the tests.
HEAP_INITIAL, HEAP_MAX, PAGE_CACHE = "1g", "4g", "2g"
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
)


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    version: str | None
    uri: str | None
    http_uri: str | None

    def describe(self) -> str:
        if not self.running:
            return f"stopped (Neo4j {self.version or 'not yet downloaded'}; data in {home()})"
        return (
            f"running: Neo4j {self.version} Community at {self.uri}, browser {self.http_uri}, PID {self.pid}"
        )


def home() -> Path:
    return var_dir() / "neo4j"


def dist_dir() -> Path:
    """The downloaded server, shared by every state directory of this checkout (run and tests)."""
    return project_root() / "var" / "neo4j-dist"


def lib_dir() -> Path:
    return dist_dir() / "lib"


# -- tools ----------------------------------------------------------------------------------------------


def java_major(java: str) -> int | None:
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30, check=False)
    except OSError:
        return None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr + done.stdout)
    if not found:
        return None
    major = int(found.group(1))
    return int(found.group(2) or 0) if major == 1 else major


def find_java() -> str:
    """A Java 17 or 21 executable: JAVA_HOME, then PATH, then the JDKs under /usr/lib/jvm."""
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    on_path = shutil.which("java")
    if on_path:
        candidates.append(on_path)
    candidates.extend(str(p / "bin" / "java") for p in sorted(Path("/usr/lib/jvm").glob("*")) if p.is_dir())
    for candidate in candidates:
        if Path(candidate).is_file() and java_major(candidate) in SUPPORTED_JAVA:
            return candidate
    raise LocalNeo4jError(
        "Java 17 or 21 is needed to run the local Neo4j and none was found; install it "
        "(e.g. `apt-get install openjdk-17-jre-headless`) or set NEO4J_URI to use your own Neo4j 5 server."
    )


def find_maven() -> str:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LocalNeo4jError(
            "Maven (mvn) is needed to download Neo4j and was not found; install it (e.g. `apt-get install maven`) "
            "or set NEO4J_URI to use your own Neo4j 5 server."
        )
    return mvn


# -- provisioning ---------------------------------------------------------------------------------------


def resolved_version() -> str | None:
    """The Neo4j version whose jars sit in var/neo4j/lib, if any."""
    for jar in lib_dir().glob("neo4j-5.*.jar") if lib_dir().is_dir() else []:
        found = re.fullmatch(r"neo4j-(5\.\d+\.\d+)\.jar", jar.name)
        if found:
            return found.group(1)
    return None


def resolve() -> str:
    """Provision the pinned Neo4j Community 5.26 jars (graph/neo4j-artifacts.txt) with Maven, once; its version.

    A later change of the pinned list (a new patch release) provisions the new jars at the next start.
    """
    marker = dist_dir() / "resolved"
    wanted = maven.pins_digest()
    version = resolved_version()
    if version and marker.is_file() and marker.read_text().split()[1:] == [wanted]:
        return version
    mvn = find_maven()
    # Fetched beside the jars in use and swapped in whole: a failed download leaves the old server runnable.
    fresh, old = dist_dir() / "lib.new", dist_dir() / "lib.old"
    for leftover in (fresh, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    version = maven.fetch_jars(mvn, fresh, dist_dir() / "maven")
    if lib_dir().exists():
        lib_dir().rename(old)
    fresh.rename(lib_dir())
    shutil.rmtree(old, ignore_errors=True)
    marker.write_text(f"{version} {wanted}\n")
    return version


def free_port(preferred: int | None = None) -> int:
    if preferred and _port_free(preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # Neo4j binds with SO_REUSEADDR too, so a port in TIME_WAIT after a stop is still ours to reuse.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def write_conf(bolt_port: int, http_port: int) -> Path:
    conf_dir = home() / "conf"
    conf_dir.mkdir(parents=True, exist_ok=True)
    for sub in ("data", "logs", "run", "plugins", "import"):
        (home() / sub).mkdir(parents=True, exist_ok=True)
    conf = conf_dir / "neo4j.conf"
    conf.write_text(
        "# Written by `cograph neo4j start`; edits are overwritten at the next start.\n"
        "server.default_listen_address=127.0.0.1\n"
        "server.default_advertised_address=127.0.0.1\n"
        f"server.bolt.listen_address=127.0.0.1:{bolt_port}\n"
        f"server.bolt.advertised_address=127.0.0.1:{bolt_port}\n"
        "server.http.enabled=true\n"
        f"server.http.listen_address=127.0.0.1:{http_port}\n"
        f"server.http.advertised_address=127.0.0.1:{http_port}\n"
        "server.https.enabled=false\n"
        f"server.directories.data={home() / 'data'}\n"
        f"server.directories.logs={home() / 'logs'}\n"
        f"server.directories.run={home() / 'run'}\n"
        f"server.directories.plugins={home() / 'plugins'}\n"
        f"server.directories.import={home() / 'import'}\n"
        f"server.memory.heap.initial_size={HEAP_INITIAL}\n"
        f"server.memory.heap.max_size={HEAP_MAX}\n"
        f"server.memory.pagecache.size={PAGE_CACHE}\n"
        "dbms.memory.transaction.total.max=2g\n"
        "dbms.security.auth_enabled=true\n"
        "db.tx_log.rotation.retention_policy=2 files\n"
        "dbms.usage_report.enabled=false\n"
    )
    return conf_dir


def _java_env(conf_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["NEO4J_HOME"] = str(home())
    env["NEO4J_CONF"] = str(conf_dir)
    return env


def new_password() -> str:
    """A random password the admin tool reads as a value: hex, so it never starts with "-" (token_urlsafe can,
    and neo4j-admin then takes it for an option and exits 64)."""
    return secrets.token_hex(24)


def _set_initial_password(java: str, conf_dir: Path) -> None:
    """Generate and set the password before the first start; store it with mode 0600."""
    password = new_password()
    done = subprocess.run(
        [java, "-cp", f"{lib_dir()}/*", ADMIN_TOOL, "dbms", "set-initial-password", password],
        env=_java_env(conf_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise LocalNeo4jError(
            f"Setting the initial Neo4j password failed (exit {done.returncode}): "
            f"{(done.stderr or done.stdout).strip()[-400:]}; delete {home() / 'data'} and try again."
        )
    target = password_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(password + "\n")
    os.chmod(target, 0o600)


# -- state ----------------------------------------------------------------------------------------------


def _read_state() -> dict[str, object]:
    path = local_state_file()
    if not path.is_file():
        return {}
    try:
        loaded = json.loads(path.read_text())
    except json.JSONDecodeError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _write_state(state: dict[str, object]) -> None:
    path = local_state_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state, indent=2) + "\n")


def _ours(pid: int) -> bool:
    """True when `pid` is alive and is the Neo4j this checkout started (not a recycled PID)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False
    return ENTRY_POINT in cmdline and str(home()) in cmdline


def status() -> Status:
    state = _read_state()
    pid = state.get("pid")
    running = isinstance(pid, int) and _ours(pid)
    bolt, http = state.get("bolt_port"), state.get("http_port")
    return Status(
        running=running,
        pid=pid if running and isinstance(pid, int) else None,
        version=resolved_version(),
        uri=f"bolt://127.0.0.1:{bolt}" if running and bolt else None,
        http_uri=f"http://127.0.0.1:{http}/browser/" if running and http else None,
    )


def _log_tail(lines: int = 25) -> str:
    chunks = []
    for name in ("neo4j.log", "console.log", "debug.log"):
        path = home() / "logs" / name
        if path.is_file():
            text = path.read_text(errors="replace").strip().splitlines()[-lines:]
            if text:
                chunks.append(f"--- {path} (last {len(text)} lines)\n" + "\n".join(text))
    return "\n".join(chunks) or "(Neo4j wrote no log)"


# -- start / stop ---------------------------------------------------------------------------------------


def start(timeout: float = START_TIMEOUT) -> tuple[Status, bool]:
    """Start the local Neo4j unless it runs; wait until Bolt answers. Returns (status, started_now)."""
    current = status()
    if current.running:
        return current, False
    java = find_java()
    version = resolve()
    state = _read_state()
    bolt_port = free_port(_int(state.get("bolt_port")))
    http_port = free_port(_int(state.get("http_port")))
    if http_port == bolt_port:
        http_port = free_port()
    conf_dir = write_conf(bolt_port, http_port)
    first_start = not (home() / "data" / "databases" / "system").exists()
    if first_start or not password_file().is_file():
        if not first_start:
            raise LocalNeo4jError(
                f"The local Neo4j has data but its password file {password_file()} is missing; "
                f"delete {home() / 'data'} to start afresh (this erases the local graph)."
            )
        _set_initial_password(java, conf_dir)
    log = home() / "logs" / "console.log"
    command = [
        java,
        f"-Xms{HEAP_INITIAL}",
        f"-Xmx{HEAP_MAX}",
        *JVM_FLAGS,
        "-cp",
        f"{lib_dir()}/*",
        ENTRY_POINT,
        f"--home-dir={home()}",
        f"--config-dir={conf_dir}",
    ]
    pid = _spawn(command, log, _java_env(conf_dir))
    _write_state(
        {
            "pid": pid,
            "bolt_port": bolt_port,
            "http_port": http_port,
            "version": version,
            "started_at": time.time(),
        }
    )
    settings = Settings(
        uri=f"bolt://127.0.0.1:{bolt_port}",
        user="neo4j",
        password=password_file().read_text().strip(),
        database="neo4j",
        local=True,
    )
    _wait_for_bolt(pid, settings, timeout)
    return status(), True


def _spawn(command: list[str], log: Path, env: dict[str, str]) -> int:
    """Start the server in its own session with output appended to `log`; it outlives this process."""
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        return os.posix_spawn(
            command[0],
            command,
            env,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, fd, 1),
                (os.POSIX_SPAWN_DUP2, fd, 2),
            ],
            setsid=True,
        )
    finally:
        os.close(fd)


def _wait_for_bolt(pid: int, settings: Settings, timeout: float) -> None:
    from graph.store import Graph

    deadline = time.monotonic() + timeout
    last_error = "no answer yet"
    while time.monotonic() < deadline:
        if not _alive(pid):
            raise LocalNeo4jError(f"The local Neo4j exited during start-up; see its log:\n{_log_tail()}")
        if not _port_free(int(settings.uri.rsplit(":", 1)[1])):
            try:
                with Graph(settings) as graph:
                    graph.verify()
                return
            except GraphError as error:
                last_error = str(error)
        time.sleep(0.25)
    _terminate(pid)
    raise LocalNeo4jError(
        f"The local Neo4j did not answer on {settings.uri} within {timeout:.0f} s ({last_error}); "
        f"it was stopped. Its log:\n{_log_tail()}"
    )


def stop(timeout: float = STOP_TIMEOUT) -> bool:
    """Stop the Neo4j this checkout started (by its recorded PID), gracefully; False if none ran."""
    state = _read_state()
    pid = state.get("pid")
    if not isinstance(pid, int) or not _ours(pid):
        if "pid" in state:
            del state["pid"]
            _write_state(state)
        return False
    _terminate(pid, timeout)
    del state["pid"]
    _write_state(state)
    return True


def _terminate(pid: int, timeout: float = STOP_TIMEOUT) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.2)
    os.kill(pid, signal.SIGKILL)
    while _alive(pid):
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        reaped, _ = os.waitpid(pid, os.WNOHANG)
        if reaped == pid:
            return False
    except ChildProcessError:
        pass
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None
