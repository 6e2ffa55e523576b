"""Start, stop and inspect a local OpenSearch 2.19 node that runs from Maven Central jars.

Why this exists: integration tests and local development need a *real* search engine (Lucene
scoring, language analyzers, percolator), but there is no Docker and no download site, only
package registries. So the node is assembled from Maven Central artifacts (see ``java/pom.xml``)
and launched by a tiny Java main class (``java/src/main/java/io/wirewatch/engine/WirewatchNode.java``).

Layout on disk::

    <cache>/build/classpath-<pom hash>.txt   resolved jar list (jars themselves live in ~/.m2)
    <cache>/build/classes-<source hash>/     compiled launcher + its log4j2.properties
    <home>/node.pid                           PID of the running JVM (the only handle we kill by)
    <home>/logs/node.out                      JVM stdout+stderr (all OpenSearch logging goes here)
    <home>/data/                              index data (wiped by ``start(fresh=True)``)
    <home>/config/                            written by the launcher on every start

This module deliberately uses only the standard library (``urllib`` for HTTP) so that it can be
imported by shell helpers and test fixtures without pulling in a search client.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["EngineError", "EngineStatus", "EngineNode", "free_port"]

MAIN_CLASS = "io.wirewatch.engine.WirewatchNode"
JAVA_DIR = Path(__file__).resolve().parent / "java"
POM = JAVA_DIR / "pom.xml"
SOURCES = JAVA_DIR / "src" / "main" / "java"
RESOURCES = JAVA_DIR / "src" / "main" / "resources"

MIN_JAVA = 17
JDK_HINT = "install openjdk-17-jdk-headless"

# The packaged OpenSearch launcher sets these; they keep date parsing, logging and Netty's memory use
# identical to a real distribution, and stop log4j from doing anything clever (lookups, JMX, hooks).
JVM_FLAGS = (
    "-Djava.locale.providers=SPI,COMPAT",
    "-Dlog4j2.formatMsgNoLookups=true",
    "-Dlog4j.shutdownHookEnabled=false",
    "-Dlog4j2.disable.jmx=true",
    "-Djava.awt.headless=true",
    "-Dfile.encoding=UTF-8",
    "-Djna.nosys=true",
    "-Dio.netty.noUnsafe=true",
    "-Dio.netty.noKeySetOptimization=true",
    "-Dio.netty.recycler.maxCapacityPerThread=0",
    "-Dio.netty.allocator.numDirectArenas=0",
    "-XX:+ExitOnOutOfMemoryError",  # a half-dead node is worse for tests than a dead one
    "-Xss1m",
)

_HEAP_RE = re.compile(r"^[1-9][0-9]*[kKmMgG]?$")
_LOG_TAIL_LINES = 15
# Never route 127.0.0.1 through an http_proxy from the environment (CI machines often set one).
_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class EngineError(RuntimeError):
    """A problem the user can act on; the first line of the message says what and what to do."""


@dataclass
class EngineStatus:
    """What ``status()``/``start()`` found. ``running`` means our process is alive *and* answers HTTP."""

    running: bool
    pid: int | None
    url: str
    version: str | None
    home: Path

    def describe(self) -> str:
        """One human line, shared by ``python -m wirewatch.engine`` and the typer CLI."""
        if self.running:
            return f"OpenSearch {self.version} running at {self.url} (pid {self.pid}, home {self.home})"
        if self.pid is not None:
            return f"OpenSearch node starting at {self.url} (pid {self.pid}, home {self.home})"
        return f"no OpenSearch node running at {self.url} (home {self.home})"


def cache_root() -> Path:
    """Where builds and default node homes live: $WIREWATCH_ENGINE_CACHE, else ~/.cache/wirewatch/engine."""
    if env := os.environ.get("WIREWATCH_ENGINE_CACHE"):
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "wirewatch" / "engine"


def free_port(host: str = "127.0.0.1") -> int:
    """An ephemeral port that is free right now (for tests that must not touch 9200)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    """True if something listens on host:port.

    Binding (rather than connecting) also catches listeners on 0.0.0.0/[::]; SO_REUSEADDR mirrors
    what Netty does, so sockets of a node that just stopped (TIME_WAIT) don't count as busy.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


class EngineNode:
    """One local single-node OpenSearch cluster, identified by its home directory and HTTP port."""

    def __init__(
        self,
        home: Path | None = None,
        port: int = 9200,
        transport_port: int | None = None,
        heap: str = "512m",
    ) -> None:
        if not _HEAP_RE.match(heap):
            raise EngineError(f"invalid heap size {heap!r}: use a JVM size such as 512m or 1g")
        self.port = port
        self.transport_port = transport_port if transport_port is not None else port + 100
        self.heap = heap
        if home is None:
            env_home = os.environ.get("WIREWATCH_ENGINE_HOME")
            home = Path(env_home) if env_home else cache_root() / f"node-{port}"
        self.home = Path(home).expanduser().resolve()
        self.url = f"http://127.0.0.1:{port}"
        self._proc: subprocess.Popen[bytes] | None = None  # set when *this* object started the JVM

    def __repr__(self) -> str:
        return f"EngineNode(home={str(self.home)!r}, port={self.port}, heap={self.heap!r})"

    # ------------------------------------------------------------------ paths

    @property
    def pid_file(self) -> Path:
        return self.home / "node.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "node.out"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    # ------------------------------------------------------------------ build

    def ensure_built(self) -> list[str]:
        """Return the launcher's classpath, resolving jars and compiling the launcher if needed.

        The first call downloads ~50 MB of jars into ~/.m2 (via Maven, the only registry client
        that can fetch them) and runs javac; later calls only check that cached files still exist.
        A file lock serialises concurrent builds (e.g. parallel test workers).
        """
        build_dir = cache_root() / "build"
        build_dir.mkdir(parents=True, exist_ok=True)
        cp_file = build_dir / f"classpath-{_digest([POM])}.txt"
        classes = build_dir / f"classes-{_digest([POM, SOURCES, RESOURCES])}"

        cached = self._cached_classpath(cp_file)
        if cached is not None and (classes / ".complete").exists():
            return [str(classes), *cached]

        with _file_lock(build_dir / ".lock"):
            cached = self._cached_classpath(cp_file)  # another process may have built it meanwhile
            if cached is None:
                _require_java_tools()
                cached = _resolve_classpath(cp_file)
            if not (classes / ".complete").exists():
                _require_java_tools()
                _compile_launcher(classes, cached)
        return [str(classes), *cached]

    @staticmethod
    def _cached_classpath(cp_file: Path) -> list[str] | None:
        """The cached jar list, or None if absent or if ~/.m2 was cleaned since it was written."""
        try:
            jars = [p for p in cp_file.read_text().strip().split(os.pathsep) if p]
        except OSError:
            return None
        if not jars or not all(os.path.isfile(j) for j in jars):
            return None
        return jars

    # ------------------------------------------------------------------ lifecycle

    def start(self, timeout: float = 180, fresh: bool = False) -> EngineStatus:
        """Start the node (or reuse ours if it already runs) and wait until cluster health is yellow.

        ``fresh=True`` wipes the data directory first; if our node is already running it is
        restarted, because wiping data under a live node would corrupt it.
        """
        deadline = time.monotonic() + timeout
        self.home.mkdir(parents=True, exist_ok=True)
        # Two callers starting the same home at once (parallel test workers, two shells) would both
        # launch a JVM and overwrite each other's node.pid; the lock makes the second one reuse the first.
        with _file_lock(self.home / ".start.lock"):
            return self._start_locked(deadline, fresh)

    def _start_locked(self, deadline: float, fresh: bool) -> EngineStatus:
        pid = self._our_pid()
        elsewhere = self._our_pid(any_port=True)
        if pid is None and elsewhere is not None:
            # Same home (same data dir and its lock) but another port: refusing beats a confusing timeout.
            raise EngineError(
                f"the node in {self.home} is already running on another port (pid {elsewhere}); stop it first"
            )
        if pid is not None:
            if not fresh:
                self._wait_ready(pid, deadline)
                return self.status()
            self.stop()
        elif self.pid_file.exists():
            self.pid_file.unlink(missing_ok=True)  # stale: the process is gone or the PID was reused

        # Check ports here, before the (slow) JVM start, so the error is immediate and unambiguous.
        if port_in_use(self.port):
            raise EngineError(f"port {self.port} is in use by another process")
        if port_in_use(self.transport_port):
            raise EngineError(
                f"transport port {self.transport_port} is in use by another process "
                "(pass a different transport_port)"
            )

        classpath = self.ensure_built()
        if fresh and self.data_dir.exists():
            shutil.rmtree(self.data_dir)
        for sub in ("logs", "tmp"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        if self.log_file.exists():
            self.log_file.replace(self.log_file.with_name("node.out.1"))

        cmd = [
            _java_tool("java"),
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            *JVM_FLAGS,
            f"-Djava.io.tmpdir={self.home / 'tmp'}",
            *shlex.split(os.environ.get("WIREWATCH_ENGINE_JAVA_OPTS", "")),
            "-cp",
            os.pathsep.join(classpath),
            MAIN_CLASS,
            f"path.home={self.home}",
            f"http.port={self.port}",
            f"transport.port={self.transport_port}",
        ]
        with open(self.log_file, "wb") as log:
            try:
                # New session: the node must survive the shell/CLI that started it, and must not get
                # the terminal's Ctrl-C meant for a test run.
                self._proc = subprocess.Popen(
                    cmd,
                    cwd=self.home,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            except OSError as exc:
                raise EngineError(f"could not run java ({exc}): Java {MIN_JAVA}+ is required: {JDK_HINT}") from exc
        _write_atomic(self.pid_file, f"{self._proc.pid}\n")

        try:
            self._wait_ready(self._proc.pid, deadline)
        except EngineError:
            if self._alive(self._proc.pid):  # timed out: don't leave a half-started JVM behind
                self.stop(timeout=10)
            self.pid_file.unlink(missing_ok=True)
            raise
        return self.status()

    def stop(self, timeout: float = 30) -> bool:
        """Stop our node by its saved PID: SIGTERM, then SIGKILL after ``timeout``.

        Returns True if a running process was stopped. Never signals by process name, and refuses to
        signal a PID that is not our launcher for this home (PIDs get reused).
        """
        pid = self._our_pid(any_port=True)
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)  # the JVM's shutdown hook closes the node (flushes, unlocks)
        if not self._wait_exit(pid, timeout):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            self._wait_exit(pid, 10)
        self.pid_file.unlink(missing_ok=True)
        self._proc = None
        return True

    def status(self) -> EngineStatus:
        """Inspect without side effects: PID file, process identity, then ``GET /`` for the version."""
        pid = self._our_pid()
        version = None
        if pid is not None:
            info = _get_json(f"{self.url}/", timeout=3)
            if info and info.get("version", {}).get("distribution") == "opensearch":
                version = info["version"].get("number")
        return EngineStatus(running=version is not None, pid=pid, url=self.url, version=version, home=self.home)

    # ------------------------------------------------------------------ internals

    def _wait_ready(self, pid: int, deadline: float) -> None:
        """Poll cluster health until yellow; fail early (with the log tail) if the JVM dies."""
        health = f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=1s"
        while True:
            if not self._alive(pid):
                raise EngineError(self._death_message())
            body = _get_json(health, timeout=5)
            if body and not body.get("timed_out") and body.get("status") in ("yellow", "green"):
                return
            if time.monotonic() >= deadline:
                raise EngineError(f"OpenSearch did not become ready at {self.url} in time; see {self.log_file}")
            time.sleep(0.5)

    def _death_message(self) -> str:
        code = self._proc.returncode if self._proc is not None else None
        log = _tail(self.log_file)
        tail = log[-_LOG_TAIL_LINES:]
        # The launcher prints "error: ..." for the failures it understands (a stack trace may follow);
        # lead with that line so the first line of the EngineError says what went wrong.
        reason = next((ln[len("error: "):] for ln in reversed(log) if ln.startswith("error: ")), None)
        head = "OpenSearch node exited during startup"
        if code is not None:
            head += f" (exit code {code})"
        if reason:
            head += f": {reason}"
        return "\n".join([head, f"last lines of {self.log_file}:", *("  " + ln for ln in tail)])

    def _alive(self, pid: int) -> bool:
        if self._proc is not None and self._proc.pid == pid:
            return self._proc.poll() is None  # reaps our own child, keeping its exit code
        return _process_alive(pid)

    def _wait_exit(self, pid: int, timeout: float) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if not self._alive(pid):
                return True
            time.sleep(0.1)
        return not self._alive(pid)

    def _our_pid(self, any_port: bool = False) -> int | None:
        """The PID from node.pid if that process is alive and is our launcher for this home (and port).

        Checking the command line guards against PID reuse: a stale node.pid must never make us
        signal an unrelated process.
        """
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        if not self._alive(pid):
            return None
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return pid  # no procfs (not Linux): trust the PID file
        decoded = [a.decode(errors="replace") for a in args]
        if MAIN_CLASS not in decoded or f"path.home={self.home}" not in decoded:
            return None
        if not any_port and f"http.port={self.port}" not in decoded:
            return None
        return pid


# ---------------------------------------------------------------------- helpers


def _java_tool(name: str) -> str:
    """Path of a JDK tool, preferring $JAVA_HOME/bin like the OpenSearch scripts do."""
    if java_home := os.environ.get("JAVA_HOME"):
        candidate = Path(java_home) / "bin" / name
        if candidate.is_file():
            return str(candidate)
    return shutil.which(name) or name


def _require_java_tools() -> None:
    """Clear errors for a missing or too-old JDK or Maven, before anything cryptic happens."""
    java = _java_tool("java")
    if shutil.which(java) is None:
        raise EngineError(f"Java {MIN_JAVA}+ is required: {JDK_HINT}")
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if match:
        major = int(match.group(1))
        if major == 1 and match.group(2):  # "1.8.0_402" style
            major = int(match.group(2))
        if major < MIN_JAVA:
            raise EngineError(f"Java {MIN_JAVA}+ is required (found Java {major} at {java}): {JDK_HINT}")
    if shutil.which(_java_tool("javac")) is None:
        raise EngineError(f"javac not found (a JRE is not enough): {JDK_HINT}")
    if shutil.which("mvn") is None:
        raise EngineError("Maven is required to fetch the OpenSearch jars from Maven Central: install maven")


def _resolve_classpath(cp_file: Path) -> list[str]:
    """Run Maven's dependency plugin; it downloads into ~/.m2 and writes the jar list for us."""
    tmp = cp_file.with_suffix(f".tmp{os.getpid()}")
    cmd = ["mvn", "-q", "-B", "-f", str(POM), "dependency:build-classpath", f"-Dmdep.outputFile={tmp}"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, check=False)
    except subprocess.TimeoutExpired as exc:
        raise EngineError("Maven took more than 30 minutes to resolve the OpenSearch jars") from exc
    if proc.returncode != 0 or not tmp.exists():
        lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.strip()]
        first_error = next((ln for ln in lines if "[ERROR]" in ln), lines[-1] if lines else "no output")
        raise EngineError(
            f"Maven could not resolve the OpenSearch jars (is Maven Central reachable?): {first_error.strip()}"
        )
    tmp.replace(cp_file)
    return [p for p in cp_file.read_text().strip().split(os.pathsep) if p]


def _compile_launcher(classes: Path, jars: list[str]) -> None:
    """javac the launcher into a fresh directory, then rename it into place (atomic for readers)."""
    staging = classes.with_name(classes.name + f".tmp{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    sources = sorted(str(p) for p in SOURCES.rglob("*.java"))
    cmd = [_java_tool("javac"), "--release", str(MIN_JAVA), "-nowarn", "-d", str(staging),
           "-cp", os.pathsep.join(jars), *sources]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise EngineError(f"compiling the OpenSearch launcher failed: {detail[0] if detail else 'javac error'}")
    if RESOURCES.is_dir():
        shutil.copytree(RESOURCES, staging, dirs_exist_ok=True)
    (staging / ".complete").write_text("")
    shutil.rmtree(classes, ignore_errors=True)
    staging.rename(classes)


def _digest(paths: list[Path]) -> str:
    """Short content hash of files/directory trees; a changed pom or launcher gets a new cache entry."""
    h = hashlib.sha256()
    for root in paths:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for f in files:
            if f.is_file():
                h.update(str(f.relative_to(JAVA_DIR)).encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:16]


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _process_alive(pid: int) -> bool:
    """Alive and not a zombie. Reaps the PID if it happens to be our child that already exited."""
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _get_json(url: str, timeout: float) -> dict | None:
    """GET a JSON object; None on any connection/HTTP/parse failure (callers just poll again)."""
    try:
        with _HTTP.open(url, timeout=timeout) as resp:
            data = json.loads(resp.read().decode("utf-8"))
    except (OSError, ValueError):  # URLError/HTTPError/timeouts are OSErrors
        return None
    return data if isinstance(data, dict) else None


def _tail(path: Path) -> list[str]:
    """Non-blank lines of the last 64 KiB of a log file."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            fh.seek(max(0, fh.tell() - 64 * 1024))
            text = fh.read().decode("utf-8", errors="replace")
    except OSError:
        return ["(no log written)"]
    return [ln.rstrip() for ln in text.splitlines() if ln.strip()]


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.write_text(text)
    tmp.replace(path)
