"""A bounded mixed workload on the demo data, as its users would make it.

    /work/main/.venv/bin/python bench/load.py                    # 3,000 requests
    /work/main/.venv/bin/python bench/load.py --requests 600     # small

Builds the PostgreSQL database `ita_quality_load` (dropped and created again)
with `seed_demo`, serves the portal with gunicorn on 127.0.0.1 with
production settings (as bench/public_load.py), and runs virtual users on
threads, each with its own session, until the fixed number of requests is
made or the duration is over:

- staff (`<slug>-staff`) log in, open their organisation's assessment, post
  the indicator score form with one score changed, and read the result;
- division heads (`<slug>-head`) log in, open งานของฉัน, open a measure of
  their division and post a progress update (now and then with a PDF as
  evidence);
- citizens read the public directory, an organisation, a plan and its JSON.

Every user logs out and in again now and then. Prints throughput and
p50/p95/p99 latency per kind of request and in all, and every error: a
status other than 2xx/3xx, a form that did not save, a page without what it
should show. Exits 1 if there was any error.
"""

import argparse
import io
import os
import random
import re
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# How measures.rules.STALE_UPDATE begins (checked at start).
STALE = "มีผู้บันทึกความก้าวหน้าของมาตรการนี้ก่อนคุณ"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="in all")
    parser.add_argument("--duration", type=float, default=300, help="seconds at most")
    parser.add_argument("--users", type=int, default=16, help="concurrent users")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--database", default="ita_quality_load")
    parser.add_argument("--seed", type=int, default=2566, help="random seed")
    return parser.parse_args(argv)


# --- forms in pages ---------------------------------------------------------------


class Forms(HTMLParser):
    """The POST forms of a page, each as a list of (name, value) the browser
    would send (checked boxes, selected options, text areas)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._textarea = None
        self._select = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"action": attrs.get("action") or "", "fields": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("file", "submit", "button", "image", "reset"):
                return
            self._form["fields"].append([attrs["name"], attrs.get("value") or ""])
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = [attrs["name"], ""]
            self._form["fields"].append(self._textarea)
        elif tag == "select" and attrs.get("name"):
            self._select = [attrs["name"], None]
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            if self._select[1] is None or "selected" in attrs:
                self._select[1] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def with_field(self, prefix: str) -> list[list[str]]:
        for form in self.forms:
            if any(name.startswith(prefix) for name, _value in form["fields"]):
                return [[n, v or ""] for n, v in form["fields"]]
        raise LookupError(f"no form with a field {prefix}…")


def form_errors(html: str) -> str:
    """The error messages a form shows, for the report."""
    found = re.findall(
        r'class="(?:invalid-feedback|alert alert-danger)[^"]*"[^>]*>(.*?)</', html, re.S
    )
    return " | ".join(re.sub(r"<[^>]+>|\s+", " ", f).strip() for f in found)[:300]


def multipart(fields, files) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, filename, content in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


# --- users ------------------------------------------------------------------------


class Stop(Exception):
    """The run's request budget or time is spent."""


class BadPage(Exception):
    """A page that is not what the user expected: counted as an error (by
    `Browser.request` when `recorded`, else by `user_loop`)."""

    def __init__(self, message: str, recorded: bool = False):
        super().__init__(message)
        self.recorded = recorded


@dataclass
class Run:
    requests: int
    deadline: float
    figures: dict[str, common.Figures] = field(default_factory=dict)
    notes: dict[str, int] = field(default_factory=dict)
    made: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self):
        with self.lock:
            if self.made >= self.requests or time.monotonic() > self.deadline:
                raise Stop
            self.made += 1

    def count(self, what: str):
        with self.lock:
            self.notes[what] = self.notes.get(what, 0) + 1

    def record(self, kind: str, response, error: str | None = None):
        with self.lock:
            figures = self.figures.setdefault(kind, common.Figures(kind))
            figures.latencies.append(response.seconds)
            if error:
                figures.errors.append(error)


class Browser:
    """One user's session: cookies, the CSRF token, the Referer."""

    def __init__(self, run: Run, port: int):
        self.run = run
        self.port = port
        self.cookies: dict[str, str] = {}
        self.origin = f"https://127.0.0.1:{port}"
        self.last = self.origin + "/"

    def request(self, kind, method, path, *, body=None, content_type=None, ok=(200,)):
        self.run.take()
        headers = {"Referer": self.last}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        response = common.request(self.port, method, path, headers=headers, body=body)
        self.cookies.update(response.cookies())
        error = None
        if response.status not in ok:
            error = f"{method} {path}: HTTP {response.status}, expected {ok}"
            if response.status >= 500 or not 200 <= response.status < 400:
                error += f" {response.body[:200]!r}"
        self.run.record(kind, response, error)
        if error:
            raise BadPage(error, recorded=True)
        if method == "GET":
            self.last = self.origin + path
        return response

    def get(self, kind, path, **kwargs):
        return self.request(kind, "GET", path, **kwargs)

    def post_form(self, kind, path, fields, files=(), ok=(302,)):
        """Post a form and follow its redirect; a status in `ok` other than
        302 (a form shown again) is returned as it is."""
        if files:
            body, content_type = multipart(fields, files)
        else:
            body = urlencode([tuple(f) for f in fields]).encode()
            content_type = "application/x-www-form-urlencoded"
        response = self.request(
            kind, "POST", path, body=body, content_type=content_type, ok=ok
        )
        if response.status != 302:
            return response
        target = response.header("Location")
        page = self.get(kind + " → redirect", urlsplit(target).path or "/")
        page.redirected = True
        return page

    def login(self, username: str, password: str):
        page = self.get("login page", "/accounts/login/")
        fields = Forms(page.body.decode()).with_field("username")
        values = dict(fields)
        values.update(username=username, password=password)
        self.post_form("log in", "/accounts/login/", list(values.items()))

    def logout(self):
        page = self.get("home", "/")
        for form in Forms(page.body.decode()).forms:
            if form["action"].endswith("/accounts/logout/"):
                self.post_form("log out", "/accounts/logout/", form["fields"])
                return
        raise BadPage("no log-out form on the home page")


def staff_session(browser: Browser, user: dict, rng: random.Random, password: str):
    browser.login(user["username"], password)
    for _ in range(rng.randint(5, 12)):
        assessment = rng.choice(user["assessments"])
        path = f"/assessments/{assessment}/edit/indicators/"
        page = browser.get("score form", path)
        fields = Forms(page.body.decode()).with_field("ind_")
        number = rng.randint(1, 10)
        score = f"{rng.uniform(60, 99.99):.2f}"
        fields = [[n, score if n == f"ind_{number}" else v] for n, v in fields]
        result = browser.post_form("score form post", path, fields)
        if score.encode() not in result.body:
            raise BadPage(f"{path}: the score {score} is not on the result page")
        public_visit(browser, rng, user["public"], quick=True)
    browser.logout()


def head_session(browser: Browser, user: dict, rng: random.Random, password: str):
    browser.login(user["username"], password)
    for _ in range(rng.randint(5, 12)):
        browser.get("งานของฉัน", "/plans/mine/")
        plan, measure = rng.choice(user["measures"])
        path = f"/plans/{plan}/measures/{measure}/progress/"
        page = browser.get("progress form", path)
        fields = Forms(page.body.decode()).with_field("seen")
        result_text = f"ดำเนินการแล้ว ครั้งที่ {rng.randint(1, 10**6)}"
        values = dict(fields)
        values.update(status=rng.choice(["in_progress", "done"]), result=result_text)
        files = [("files", "หลักฐาน.pdf", PDF)] if rng.random() < 0.2 else []
        response = browser.post_form(
            "progress post", path, list(values.items()), files=files, ok=(200, 302)
        )
        body = response.body.decode()
        if not response.redirected:
            # Two users may report on one measure at once: the second is
            # shown the first's update and the form again (expected).
            if STALE not in body:
                raise BadPage(f"{path}: not saved: {form_errors(body)}")
            browser.run.count("progress post refused as stale (expected)")
        elif result_text not in body:
            raise BadPage(f"{path}: the saved update is not on the page")
    browser.logout()


def public_visit(browser: Browser, rng: random.Random, public: list, quick=False):
    slug, year = rng.choice(public)
    if not quick:
        browser.get("public directory", "/public/")
        browser.get("public organisation", f"/public/{slug}/")
    page = browser.get("public plan", f"/public/{slug}/{year}/")
    if b'data-testid="measure"' not in page.body:
        raise BadPage(f"/public/{slug}/{year}/ lists no measure")
    if not quick and rng.random() < 0.5:
        browser.get("public plan JSON", f"/public/{slug}/{year}.json")


def citizen_session(browser: Browser, user: dict, rng: random.Random, _password):
    for _ in range(rng.randint(3, 8)):
        public_visit(browser, rng, user["public"])


SESSIONS = {"staff": staff_session, "head": head_session, "citizen": citizen_session}


def user_loop(run: Run, port: int, user: dict, seed: int, password: str):
    # Bandit B311: picks pages and scores, nothing secret.
    rng = random.Random(seed)  # nosec B311
    while True:
        browser = Browser(run, port)
        try:
            SESSIONS[user["role"]](browser, user, rng, password)
        except Stop:
            return
        except Exception as error:  # then a new session starts
            if isinstance(error, BadPage) and error.recorded:
                continue
            with run.lock:
                run.figures.setdefault("other", common.Figures("other")).errors.append(
                    f"{type(error).__name__}: {error}"
                )


# --- the demo's users and objects ---------------------------------------------------


def demo_users() -> tuple[list[dict], list]:
    """Staff with their assessments, heads with the measures they report on,
    and the published plans anyone may read."""
    from assessments.models import Assessment
    from measures.models import Measure, Plan
    from organizations.models import Membership
    from organizations.permissions import can

    public = list(
        Plan.objects.published()
        .values_list("organization__slug", "fiscal_year")
        .distinct()
    )
    users = []
    for membership in Membership.objects.select_related("user", "organization"):
        username = membership.user.username
        if username.endswith("-staff"):
            assessments = list(
                Assessment.objects.filter(
                    organization=membership.organization
                ).values_list("pk", flat=True)
            )
            if assessments:
                users.append(
                    {
                        "role": "staff",
                        "username": username,
                        "assessments": assessments,
                        "public": public,
                    }
                )
        elif username.endswith("-head"):
            measures = [
                (m.plan_id, m.pk)
                for m in Measure.objects.reporting()
                .filter(divisions__in=membership.divisions.all())
                .select_related("plan__organization")
                .distinct()
                if can(membership.user, "report", m)
            ]
            if measures:
                users.append(
                    {
                        "role": "head",
                        "username": username,
                        "measures": measures,
                        "public": public,
                    }
                )
    if not public:
        raise SystemExit("the demo has no published plan")
    return users, public


def cast(users: list[dict], public: list, count: int) -> list[dict]:
    """`count` virtual users: each demo staff account once, then division
    heads and citizens in turn, the heads taken round (so that with more
    users than heads, a head reports from two browsers at once).

    Staff accounts are not doubled: two browsers changing the same score of
    one assessment at once get the score form's "changed meanwhile" refusal
    (a right answer, tested in tests/assessments/test_views.py), which this
    bench would count as a form that did not save."""
    staff = [u for u in users if u["role"] == "staff"]
    heads = [u for u in users if u["role"] == "head"]
    chosen = staff[:count]
    for number in range(count - len(chosen)):
        if heads and number % 2 == 0:
            chosen.append(heads[number // 2 % len(heads)])
        else:
            chosen.append({"role": "citizen", "public": public})
    return chosen


# --- the run ----------------------------------------------------------------------


def main(argv=None) -> int:
    args = parse_args(argv)
    url = common.database_url(args.database)
    workdir = common.workdir()
    env = common.production_env(url, workdir)
    env.update(CACHE_URL=f"file://{workdir / 'cache'}", CACHE_MAX_ENTRIES="10000")
    started = time.monotonic()

    common.note(f"creating the database {args.database} with seed_demo")
    common.recreate_database(url)
    common.setup_django(env)
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    call_command("collectstatic", interactive=False, verbosity=0)
    from demo.organizations import DEMO_PASSWORD
    from measures.rules import STALE_UPDATE

    if not str(STALE_UPDATE).startswith(STALE):
        raise SystemExit("measures.rules.STALE_UPDATE changed: update STALE")
    users, public = demo_users()
    cast_ = cast(users, public, args.users)
    connections.close_all()
    roles = {role: sum(u["role"] == role for u in cast_) for role in SESSIONS}
    common.note(
        f"gunicorn, {args.workers} workers; {args.users} users "
        f"({', '.join(f'{n} {r}' for r, n in roles.items())}); "
        f"{args.requests} requests or {args.duration:.0f} s"
    )
    with common.Server(env, workdir, workers=args.workers) as server:
        run = Run(args.requests, time.monotonic() + args.duration)
        threads = [
            threading.Thread(
                target=user_loop,
                args=(run, server.port, user, args.seed + n, DEMO_PASSWORD),
            )
            for n, user in enumerate(cast_)
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - began
    log = server.log_path.read_text(errors="replace")
    tracebacks = len(re.findall(r"^Traceback", log, re.MULTILINE))

    common.note(
        f"figures (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    total = common.Figures("all requests")
    for kind in sorted(run.figures):
        figures = run.figures[kind]
        figures.seconds = seconds
        total.latencies += figures.latencies
        total.errors += figures.errors
        if figures.latencies:
            print("  " + figures.line((50, 95, 99)))
    total.seconds = seconds
    print("  " + total.line((50, 95, 99)))
    for what, number in sorted(run.notes.items()):
        print(f"  {what}: {number}")
    for figures in run.figures.values():
        common.print_errors(figures)
    if tracebacks:
        print(f"  gunicorn log: {tracebacks} tracebacks in {server.log_path}")
    print(f"  whole run: {time.monotonic() - started:.0f} s; log {server.log_path}")
    return 1 if total.errors or tracebacks else 0


if __name__ == "__main__":
    sys.exit(main())
