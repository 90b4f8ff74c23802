"""What the benches share: a PostgreSQL database of their own, production-like
settings, gunicorn on a free local port, and a bounded load driver that
counts, times and checks every request.

Standard library only (threads + http.client), so a bench measures the portal
and not a load-testing tool; the numbers are comparable between runs on the
same machine, not between machines.
"""

import atexit
import http.client
import os
import secrets
import shutil
import signal
import socket
import statistics

# Bandit B404/B603: runs gunicorn with fixed arguments, never a shell.
import subprocess  # nosec B404
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres"
# Every request says it came through a TLS-terminating proxy, as in
# production (README, "Deploying"): no HTTPS redirect, secure cookies work.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def note(message: str) -> None:
    print(f"==> {message}", flush=True)


# --- the database -------------------------------------------------------------


def database_url(name: str, server_url: str = "") -> str:
    """`server_url` (any database on the server) with the database `name`."""
    parts = urlsplit(server_url or os.environ.get("BENCH_PG_URL", DEFAULT_SERVER_URL))
    return urlunsplit(parts._replace(path="/" + name))


def recreate_database(url: str) -> None:
    """Drop and create the database of `url`; the name must start with ita_."""
    import psycopg2
    from psycopg2 import sql

    name = urlsplit(url).path.lstrip("/")
    if not name.startswith("ita_"):
        raise SystemExit(f"refusing to recreate {name!r}: not an ita_ database")
    admin = psycopg2.connect(database_url("postgres", url))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


def database_exists(url: str) -> bool:
    import psycopg2

    name = urlsplit(url).path.lstrip("/")
    admin = psycopg2.connect(database_url("postgres", url))
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        found = cursor.fetchone() is not None
    admin.close()
    return found


# --- settings and Django in this process -------------------------------------


def production_env(url: str, workdir: Path) -> dict[str, str]:
    """The environment of a production app server (README, "Deploying"), on
    this machine: DEBUG off, a random SECRET_KEY, only 127.0.0.1 allowed."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=url,
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        SECURE_PROXY_SSL_HEADER_NAME="HTTP_X_FORWARDED_PROTO",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="ita_portal.settings",
        PYTHONPATH=str(ROOT),
    )
    return env


def setup_django(env: dict[str, str]) -> None:
    """Configure Django in this process with `env` (plus `testserver`, so
    the bench can look at a page in-process)."""
    os.environ.update(env)
    os.environ["ALLOWED_HOSTS"] = env["ALLOWED_HOSTS"] + ",testserver"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def open_database(url: str, env: dict[str, str], *, reuse: bool = False) -> bool:
    """Django in this process (`setup_django`) on the database of `url`: kept
    if `reuse` and it exists, else dropped, created again and migrated.
    Returns whether it was kept."""
    kept = reuse and database_exists(url)
    if not kept:
        note(f"creating the database {urlsplit(url).path.lstrip('/')}")
        recreate_database(url)
    setup_django(env)
    if not kept:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    return kept


def visit_in_process(client, path: str) -> tuple[float, int, float]:
    """GET `path` with Django's test `client` in this process: (seconds,
    queries, seconds of SQL). Anything but 200 ends the run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(path)
        seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code}")
    sql = sum(float(q["time"]) for q in captured.captured_queries)
    return seconds, len(captured.captured_queries), sql


def workdir() -> Path:
    """A scratch directory for static files, media and the cache; at exit
    only gunicorn's log is left in it."""
    path = Path(tempfile.mkdtemp(prefix="ita-bench-"))

    def clean():
        for name in ("static", "media", "cache"):
            shutil.rmtree(path / name, ignore_errors=True)

    atexit.register(clean)
    return path


# --- gunicorn -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving the portal on 127.0.0.1 (a free port) while in a
    `with` block; its log goes to `workdir/gunicorn.log`."""

    def __init__(self, env: dict[str, str], workdir: Path, workers: int = 4):
        self.env = env
        self.port = free_port()
        self.workers = workers
        self.log_path = workdir / "gunicorn.log"
        self.process = None

    def __enter__(self):
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        self.log = open(self.log_path, "wb")  # closed in __exit__
        self.process = subprocess.Popen(  # nosec B603
            [
                gunicorn,
                "ita_portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.log_path}")
            try:
                if get(self.port, "/healthz").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer /healthz; see {self.log_path}")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


# --- requests -------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float
    redirected: bool = False  # the page a redirect led to

    def header(self, name: str) -> str:
        return self.headers.get(name, "")

    def cookies(self) -> dict[str, str]:
        jar = {}
        for value in self.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]
        return jar


def get(port: int, path: str, headers: dict | None = None) -> Response:
    return request(port, "GET", path, headers=headers)


def request(
    port: int,
    method: str,
    path: str,
    *,
    headers: dict | None = None,
    body: bytes | None = None,
    timeout: float = 60,
) -> Response:
    """One request on a new connection (gunicorn's sync workers close each
    connection after the response anyway), timed from connect to last byte."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(
            method, path, body=body, headers={**PROXY_HEADERS, **(headers or {})}
        )
        response = connection.getresponse()
        content = response.read()
    finally:
        connection.close()
    return Response(
        response.status, response.headers, content, time.perf_counter() - started
    )


# --- load and figures -------------------------------------------------------------


@dataclass
class Figures:
    """What a bounded run measured: throughput, latency percentiles, errors."""

    name: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """The p-th percentile latency in milliseconds (nearest rank)."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[rank] * 1000

    def line(self, percentiles=(50, 95)) -> str:
        spread = "  ".join(f"p{p} {self.percentile(p):7.1f} ms" for p in percentiles)
        return (
            f"{self.name:<28} {self.count:>6} requests  {self.rps:8.1f} req/s  "
            f"{spread}  errors {len(self.errors)}"
        )

    def add(self, other: "Figures") -> None:
        self.latencies += other.latencies
        self.errors += other.errors
        self.seconds += other.seconds

    def mean_ms(self) -> float:
        return statistics.fmean(self.latencies) * 1000 if self.latencies else 0.0


def drive(
    name: str,
    jobs: Iterable[Callable[[], Response | list[Response] | None]],
    *,
    concurrency: int,
    check: Callable[[Response], str | None] | None = None,
) -> Figures:
    """Run every job (a callable making one or a few requests) on
    `concurrency` threads; each response is timed and checked (`check` returns
    an error message or None; by default any status but 2xx/3xx is an error).
    A job that raises counts as one error."""
    check = check or expect_ok
    figures = Figures(name)
    pending = iter(list(jobs))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                job = next(pending, None)
            if job is None:
                return
            try:
                responses = job()
            except Exception as error:  # counted as an error, the run goes on
                with lock:
                    figures.errors.append(f"{type(error).__name__}: {error}")
                continue
            if isinstance(responses, Response):
                responses = [responses]
            for response in responses or ():
                problem = check(response)
                with lock:
                    figures.latencies.append(response.seconds)
                    if problem:
                        figures.errors.append(problem)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    figures.seconds = time.perf_counter() - started
    return figures


def drive_into(
    figures: Figures,
    jobs: list[Callable[[], Response | list[Response] | None]],
    *,
    concurrency: int,
    check: Callable[[Response], str | None] | None = None,
) -> None:
    """`drive` the jobs, if any, and add what they measured to `figures`."""
    if jobs:
        figures.add(drive(figures.name, jobs, concurrency=concurrency, check=check))


def expect_ok(response: Response) -> str | None:
    if 200 <= response.status < 400:
        return None
    return f"HTTP {response.status}: {response.body[:200]!r}"


def print_errors(figures: Figures, limit: int = 5) -> None:
    for error in figures.errors[:limit]:
        print(f"    {figures.name}: {error}")
    if len(figures.errors) > limit:
        print(f"    … and {len(figures.errors) - limit} more")


def print_figures(kinds: Iterable[Figures]) -> None:
    """Each kind's line and first errors, under the machine's load average."""
    note(f"figures (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    for figures in kinds:
        print("  " + figures.line())
        print_errors(figures)


def print_shares(
    baseline: Figures,
    kinds: Iterable[Figures],
    target: float | None,
    *,
    baseline_name: str,
    none: str = "none in this run",
) -> None:
    """Each kind's throughput as a share of `baseline`'s, against `target`
    (None: printed for comparison, with no target)."""
    for figures in kinds:
        if not figures.count:
            print(f"  {figures.name}: {none}")
            continue
        ratio = figures.rps / baseline.rps if baseline.rps else 0.0
        if target is None:
            verdict = "for comparison, no target"
        else:
            verdict = "meets" if ratio >= target else "misses"
            verdict += f" the target of {target:.2f}"
        print(f"  {figures.name} / {baseline_name} throughput: {ratio:.2f} ({verdict})")
