"""Deadline day on this machine: offices ask for their plan and progress PDFs
while the public reads published plans and staff save score forms.

2 gunicorn processes, one Redis (broker and Django's cache, its own database
numbers), and 1 then 2 Celery workers (`celery worker --concurrency 1`
each, under `nice -n 10` as the README advises where workers share a
server's cores with web processes). Figures printed, not asserted:

- p50/p95 of the page requests made while renders run (staff forms, public
  pages, /healthz, and the document requests themselves: each answers at
  once, 202 with the progress state, and its polls);
- renders per minute with 1 and with 2 workers (each office's documents are
  its own content: every one is a real render);
- public first and repeat views as ratios of /healthz's throughput in the
  same run, in alternating chunks: "first" is the first visitor of a plan
  after its publication (the rebuild task `public.rebuild_plan_year` has
  run, as it does after a real publication); "cold" is a plan no change
  rebuilt (the first view builds the page), for comparison;
- errors.

The dataset is public_load.py's builder (`--orgs` organisations, 2 fiscal
years, 15 measures, 2 progress updates each) in `ita_peak_bench`, plus a
staff member for each office that asks for documents.

    .venv/bin/python bench/peak.py [--orgs 300] [--offices 16] [--reuse]
"""

import argparse
import os
import random
import subprocess  # nosec B404  (celery with fixed arguments, never a shell)
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common, load, public_load  # noqa: E402

PASSWORD = "peak-bench-2566"  # nosec B105  (a throwaway bench database)
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379")
BROKER_DB, CACHE_DB = 12, 13
POLL_SECONDS = 1.0
NICE = 10  # the workers' CPU priority below the web processes' (README, "Deploying")
LAST_YEAR = public_load.LAST_YEAR


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=300)
    parser.add_argument(
        "--offices", type=int, default=16, help="offices asking, each phase"
    )
    parser.add_argument("--public", type=int, default=600, help="requests a kind")
    parser.add_argument("--concurrency", type=int, default=6)
    parser.add_argument("--database", default="ita_peak_bench")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--seed", type=int, default=2566)
    return parser.parse_args(argv)


def offices(count: int) -> list[dict]:
    """A staff member for each of `count` organisations, with the plan and
    the round of their last year and an assessment to edit scores on."""
    from django.contrib.auth.hashers import make_password

    from assessments.models import Assessment
    from measures.models import Plan
    from organizations.models import Membership, User

    chosen = []
    password = make_password(PASSWORD)
    plans = (
        Plan.objects.filter(fiscal_year=LAST_YEAR, is_current=True)
        .select_related("organization")
        .order_by("organization_id")[:count]
    )
    for plan in plans:
        org = plan.organization
        user, created = User.objects.get_or_create(
            username=f"peak-{org.slug}",
            defaults={
                "password": password,
                "first_name": "เจ้าหน้าที่",
                "last_name": org.slug,
            },
        )
        Membership.objects.get_or_create(
            user=user, organization=org, defaults={"role": Membership.Role.STAFF}
        )
        chosen.append(
            {
                "username": user.username,
                "plan": plan.pk,
                "round": plan.rounds.order_by("-pk").values_list("pk", flat=True)[0],
                "assessments": list(
                    Assessment.objects.filter(organization=org).values_list(
                        "pk", flat=True
                    )
                ),
                "public": [(org.slug, LAST_YEAR)],
            }
        )
    return chosen


class Worker:
    """`celery worker` (one process, one render at a time) while in a block."""

    def __init__(self, env, workdir: Path, name: str):
        self.env, self.name = env, name
        self.log_path = workdir / f"celery-{name}.log"

    def __enter__(self):
        celery = str(Path(sys.executable).with_name("celery"))
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(  # nosec B603
            [
                # Renders are background work: where workers share cores with
                # web processes (this machine), the pages come first.
                "/usr/bin/nice", "-n", str(NICE),
                celery, "-A", "ita_portal", "worker", "--concurrency", "1",
                "--pool", "prefork", "--loglevel", "WARNING", "-n",
                f"{self.name}@%h", "--without-gossip", "--without-mingle",
            ],
            cwd=common.ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def wait_for_queue(redis_client, seconds=300) -> None:
    """Until the broker's queue is empty (every task taken)."""
    deadline = time.monotonic() + seconds
    while redis_client.llen("celery") and time.monotonic() < deadline:
        time.sleep(0.5)


def ask_for_documents(run, port, office) -> list[float]:
    """One office: log in, ask for the plan PDF and the progress PDF, poll each
    until ready, download it. Returns when each download became ready."""
    browser = load.Browser(run, port)
    browser.login(office["username"], PASSWORD)
    ready = []
    for path in (
        f"/memos/plans/{office['plan']}/plan.pdf",
        f"/memos/rounds/{office['round']}/progress.pdf",
    ):
        document = browser.get("document request", path, ok=(200, 202))
        if document.status == 202:
            digest = document.body.decode().split("?job=", 1)[1][:64]
            poll = f"{path}?job={digest}"
            while document.body[:4] != b"%PDF":
                # As the page's polling does; the bench's client sends no
                # HX-Request, so the poll that finds the file downloads it.
                time.sleep(POLL_SECONDS)
                document = browser.get("document poll", poll, ok=(200, 202))
                if b'data-state="failed"' in document.body:
                    raise load.BadPage(f"{path}: render failed")
        ready.append(time.monotonic())
        if document.body[:4] != b"%PDF":
            raise load.BadPage(f"{path}: not a PDF")
    return ready


def background(run, port, users, rng, stop: threading.Event):
    """The rest of the day while renders run: staff save score forms, the
    public reads published plans, the load balancer asks /healthz."""

    def staff(user):
        while not stop.is_set():
            try:
                load.staff_session(load.Browser(run, port), user, rng, PASSWORD)
            except load.Stop:
                return
            except load.BadPage as error:
                if not error.recorded:
                    run.record("staff", common.Response(0, None, b"", 0), str(error))

    def public():
        browser = load.Browser(run, port)
        while not stop.is_set():
            try:
                load.public_visit(browser, rng, [u["public"][0] for u in users])
                browser.get("GET /healthz", "/healthz")
            except load.Stop:
                return
            except load.BadPage:
                pass

    threads = [threading.Thread(target=staff, args=(u,)) for u in users[:2]]
    threads += [threading.Thread(target=public) for _ in range(2)]
    for thread in threads:
        thread.start()
    return threads


def render_phase(args, port, workers_count, batch, background_users, rng):
    run = load.Run(requests=10**9, deadline=time.monotonic() + 900)
    stop = threading.Event()
    threads = background(run, port, background_users, rng, stop)
    started = time.monotonic()
    finished = []
    errors = []

    def office(user):
        try:
            finished.extend(ask_for_documents(run, port, user))
        except (load.BadPage, OSError) as error:
            errors.append(str(error))

    offices_ = [threading.Thread(target=office, args=(u,)) for u in batch]
    for thread in offices_:
        thread.start()
    for thread in offices_:
        thread.join()
    stop.set()
    for thread in threads:
        thread.join()
    minutes = (max(finished) - started) / 60 if finished else 0
    rate = len(finished) / minutes if minutes else 0
    common.note(
        f"{workers_count} worker(s): {len(finished)} documents of {len(batch)} "
        f"offices ready in {minutes * 60:.0f} s: {rate:.1f} renders/minute"
    )
    pages = common.Figures("page requests while renders run")
    for figures in run.figures.values():
        pages.add(figures)
    pages.seconds = 0
    common.print_figures(sorted(run.figures.values(), key=lambda f: f.name))
    print("  " + pages.line())
    for error in errors[:5]:
        print(f"    office: {error}")
    total_errors = len(errors) + sum(len(f.errors) for f in run.figures.values())
    return rate, pages, total_errors


def public_phase(args, port, rng, published, cold, redis_client):
    """/healthz, first views after the rebuild task, repeat views and cold
    first views, in alternating chunks."""
    from public.tasks import rebuild_plan_year

    common.note(f"publishing {len(published)} plans (their rebuild tasks)")
    for org_id, (_slug, year) in published.items():
        rebuild_plan_year.delay(org_id, year)
    wait_for_queue(redis_client)
    time.sleep(3)  # the last task taken finishes
    trivial = common.Figures("GET /healthz")
    first = common.Figures("public first view (rebuilt)")
    repeat = common.Figures("public repeat view")
    cold_figures = common.Figures("public first view (cold)")
    first_paths = [f"/public/{slug}/{year}/" for slug, year in published.values()]
    cold_paths = [f"/public/{slug}/{year}/" for slug, year in cold]
    chunk = 50
    seen = []
    for start in range(0, len(first_paths), chunk):
        common.drive_into(
            trivial,
            [lambda: common.get(port, "/healthz")] * chunk,
            concurrency=args.concurrency,
        )
        batch = first_paths[start : start + chunk]
        common.drive_into(
            first,
            [lambda p=p: common.get(port, p) for p in batch],
            concurrency=args.concurrency,
        )
        seen += batch
        common.drive_into(
            repeat,
            [lambda p=p: common.get(port, p) for p in rng.choices(seen, k=chunk)],
            concurrency=args.concurrency,
        )
        common.drive_into(
            cold_figures,
            [
                lambda p=p: common.get(port, p)
                for p in cold_paths[start : start + chunk]
            ],
            concurrency=args.concurrency,
        )
    return trivial, first, repeat, cold_figures


def main(argv=None) -> int:
    args = parse_args(argv)
    rng = random.Random(args.seed)  # nosec B311  (picks pages)
    import redis

    broker = f"{REDIS}/{BROKER_DB}"
    cache_url = f"{REDIS}/{CACHE_DB}"
    for url in (broker, cache_url):
        redis.Redis.from_url(url).flushdb()
    url = common.database_url(args.database)
    workdir = common.workdir()
    env = common.production_env(url, workdir)
    env.update(REDIS_URL=broker, CACHE_URL=cache_url, CELERY_RESULT_BACKEND="")
    started = time.monotonic()
    reuse = common.open_database(url, env, reuse=args.reuse)
    if not reuse:
        build_args = SimpleNamespace(
            orgs=args.orgs, years=2, measures=15, updates=2, seed=args.seed
        )
        common.note(f"loading {args.orgs} organisations × 2 years")
        public_load.build(build_args, rng)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    everyone = offices(args.offices * 2 + 2)
    from django.db import connections

    from measures.models import Plan

    # Plans to "publish" in the public phase and plans left cold.
    rest = list(
        Plan.objects.filter(fiscal_year=LAST_YEAR, is_current=True)
        .order_by("-organization_id")
        .values_list("organization_id", "organization__slug")[: args.public]
    )
    half = len(rest) // 2
    published = {org_id: (slug, LAST_YEAR) for org_id, slug in rest[:half]}
    cold = [(slug, LAST_YEAR - 1) for _org_id, slug in rest[half:]]
    connections.close_all()

    server = common.Server(env, workdir, workers=2)
    # The rebuild task renders the page at the address visitors use.
    env["PORTAL_URL"] = f"https://127.0.0.1:{server.port}"
    os.environ["PORTAL_URL"] = env["PORTAL_URL"]
    from django.conf import settings

    settings.PORTAL_URL = env["PORTAL_URL"]
    redis_client = redis.Redis.from_url(broker)
    results = {}
    total_errors = 0
    background_users = everyone[-2:]
    with server:
        common.drive(
            "warm-up", [lambda: common.get(server.port, "/healthz")] * 50, concurrency=4
        )
        with Worker(env, workdir, "one"):
            batch = everyone[: args.offices]
            rate, pages, errors = render_phase(
                args, server.port, 1, batch, background_users, rng
            )
            results[1] = (rate, pages)
            total_errors += errors
            with Worker(env, workdir, "two"):
                time.sleep(5)  # the second worker connects
                batch = everyone[args.offices : 2 * args.offices]
                rate, pages, errors = render_phase(
                    args, server.port, 2, batch, background_users, rng
                )
                results[2] = (rate, pages)
                total_errors += errors
                kinds = public_phase(
                    args, server.port, rng, published, cold, redis_client
                )
    trivial, *views = kinds
    common.print_figures(kinds)
    *after_publication, cold_views = views
    common.print_shares(trivial, after_publication, 0.5, baseline_name="healthz")
    common.print_shares(trivial, [cold_views], None, baseline_name="healthz")
    total_errors += sum(len(f.errors) for f in kinds)
    common.note("summary")
    for count, (rate, pages) in results.items():
        print(
            f"  {count} worker(s): {rate:.1f} renders/minute; page requests while "
            f"rendering p50 {pages.percentile(50):.0f} ms, p95 {pages.percentile(95):.0f} ms"
        )
    per_worker = results[1][0]
    if per_worker:
        # 7,850 offices × (plan + progress) within one week of 5 working days,
        # 8 hours a day.
        documents = 7850 * 2
        minutes = 5 * 8 * 60
        print(
            f"  7,850 offices, 2 documents each, in a week of 40 hours: "
            f"{documents / minutes:.1f} renders/minute on average, "
            f"{documents / minutes / per_worker:.2f} workers at this machine's "
            f"{per_worker:.1f} renders/worker-minute"
        )
    print(
        f"  errors: {total_errors}; whole run {time.monotonic() - started:.0f} s; logs in {workdir}"
    )
    print(f"  load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 1 if total_errors else 0


if __name__ == "__main__":
    sys.exit(main())
