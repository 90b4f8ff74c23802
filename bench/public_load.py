"""Public plan page under load, next to a trivial view on the same server.

    /work/main/.venv/bin/python bench/public_load.py            # full size
    /work/main/.venv/bin/python bench/public_load.py --orgs 200 # small

1. Builds the PostgreSQL database `ita_quality_bench` (dropped and created
   again; `--reuse` keeps it) with COPY: N organisations (8,000 by default,
   about as many as Thailand's local governments), each with five divisions,
   and for each of five fiscal years an assessment (ten indicator scores)
   and a published measures plan of fifteen measures and three analysis
   paragraphs; four progress updates a measure and a published reporting
   round a plan (the 12-month round of past years, the 6-month round of the
   last), so the plan pages show statuses and results.
2. Looks at a few plan pages in-process: queries and time of a page built
   from scratch and of the same page cached, and the cost of the payload.
3. Serves the portal with gunicorn on 127.0.0.1 with production settings
   (DEBUG off, a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, hashed static
   files, behind an HTTPS proxy as far as Django can tell) and a cache its
   workers share (CACHE_URL=file://…, README "Deploying").
4. Sends a fixed number of requests from a few concurrent clients, in
   rounds (`load`): first views of plan pages of random organisations and
   years (nothing cached), then /healthz, repeat views (pages shown in the
   last PUBLIC_CACHE_SECONDS: head, payload and page cached, no query) and
   revisits (pages shown longer ago: the head has expired, one query, the
   page is still cached) taking turns in chunks of 100. Prints requests per
   second and p50/p95 latency of each kind, and each plan kind's throughput
   as a share of /healthz's.

The target (issue 8): the public plan page at no less than half the trivial
view's throughput. /healthz and the plan page go through the same gunicorn
workers and the same middleware; /healthz reads neither the database nor
the cache. What the ratio measures is the repeat view, the page as most
visitors get it; a first view builds the page (eight to twelve queries and a
template of every measure) and a revisit asks the database once, and their
ratios are printed too. Every response must be 200 (and a plan page must
list its measures); anything else fails the run (exit code 1).

The numbers depend on the machine and on what else runs on it (the load
average is printed with them); compare ratios from one run, not req/s
between runs. On the 2-CPU development machine, full size, with other test
suites running beside it (load average 7-9), 4 workers, 8 clients:

| code | kind | req/s | p50 ms | p95 ms | / healthz |
| --- | --- | ---: | ---: | ---: | ---: |
| before (82f1eaa) | /healthz | 433 | 14.1 | 38.6 | |
| | first view | 9.6 | 807 | 1204 | 0.02 |
| | repeat view (one query) | 158 | 43.2 | 85.2 | 0.36 |
| after | /healthz | 520 | 12.3 | 31.0 | |
| | first view | 12.9 | 613 | 808 | 0.02 |
| | repeat view (no query) | 313 | 21.1 | 48.2 | 0.60 |
| | revisit (head expired) | 126 | 59.9 | 92.0 | 0.24 |

The "before" rows are the old code under this bench (another run of it:
0.33). When the kinds ran one after the other, the old code measured 0.27
(quiet machine: /healthz 1,253 req/s, repeat 336, first view 29) and 0.48
(busy), which is why they now take turns. A revisit costs what a repeat
view cost before plus writing the head back to the cache and reading when a
division last changed: 0.24 against 0.33-0.36 before, from single runs. The
first view stays at a few percent: it is built once per plan version.
"""

import argparse
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

BANGKOK = ZoneInfo("Asia/Bangkok")
LAST_YEAR = 2567
TARGET_RATIO = 0.5

PROVINCES = (
    "กระบี่", "ขอนแก่น", "อุบลราชธานี", "เชียงใหม่", "นครราชสีมา", "สงขลา",
    "ชลบุรี", "ระยอง", "ลำปาง", "พิษณุโลก", "สุราษฎร์ธานี", "อุดรธานี",
)  # fmt: skip
# (kind, name prefix, share): most local governments are อบต.
KINDS = (
    ("sao", "องค์การบริหารส่วนตำบล", 68),
    ("subdistrict", "เทศบาลตำบล", 27),
    ("town", "เทศบาลเมือง", 3),
    ("city", "เทศบาลนคร", 1),
    ("pao", "องค์การบริหารส่วนจังหวัด", 1),
)
DIVISIONS = (
    ("สำนักปลัด", "clerk"),
    ("กองคลัง", "finance"),
    ("กองช่าง", "engineering"),
    ("กองการศึกษา", "education"),
    ("กองสาธารณสุขและสิ่งแวดล้อม", "health"),
)
ANALYSIS = (
    (
        "IIT",
        "ผลการประเมินด้าน IIT พบว่า ตัวชี้วัดการใช้ทรัพย์สินของราชการมีคะแนนต่ำสุด "
        "หน่วยงานควรจัดทำคู่มือแนวปฏิบัติการใช้ทรัพย์สินของราชการและเผยแพร่ให้บุคลากรทราบ",
    ),
    (
        "EIT",
        "ผลการประเมินด้าน EIT พบว่า ตัวชี้วัดคุณภาพการดำเนินงานมีคะแนนต่ำสุด "
        "หน่วยงานควรเปิดเผยข้อมูลแก่ผู้มาใช้บริการอย่างถูกต้อง ตรงไปตรงมา และโปร่งใส",
    ),
    (
        "OIT",
        "ผลการประเมินด้าน OIT พบว่า ตัวชี้วัดการเปิดเผยข้อมูลมีคะแนนต่ำสุด "
        "หน่วยงานควรนำข้อมูลพื้นฐาน แผนดำเนินงาน งบประมาณ และผลการจัดซื้อจัดจ้างขึ้นเว็บไซต์ให้ครบถ้วน",
    ),
)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=8000, help="organisations")
    parser.add_argument("--years", type=int, default=5, help="fiscal years")
    parser.add_argument("--measures", type=int, default=15, help="a plan's measures")
    parser.add_argument(
        "--updates", type=int, default=4, help="progress updates a measure"
    )
    parser.add_argument("--requests", type=int, default=3000, help="of each kind")
    parser.add_argument("--rounds", type=int, default=3, help="kinds take turns")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    parser.add_argument(
        "--chunk", type=int, default=100, help="requests of a kind in one turn"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--database", default="ita_quality_bench")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database if it exists"
    )
    parser.add_argument("--seed", type=int, default=2566, help="random seed")
    return parser.parse_args(argv)


# --- the dataset ----------------------------------------------------------------


def _organizations(count: int, rng: random.Random):
    kinds = [kind for kind in KINDS for _ in range(kind[2])]
    for number in range(1, count + 1):
        kind, prefix, _share = kinds[rng.randrange(len(kinds))]
        yield (
            number,
            f"{prefix}ทดสอบ {number:05d}",
            kind,
            f"bench-{number:05d}",
            PROVINCES[number % len(PROVINCES)],
        )


def _timeframe(template) -> tuple[str, int | None, int | None, int | None]:
    timeframe = template.timeframe or {}
    kind = timeframe.get("kind", "year")
    if kind == "months":
        return kind, timeframe.get("start_month"), timeframe.get("end_month"), None
    if kind == "quarter":
        return kind, None, None, timeframe.get("quarter")
    return "year", None, None, None


PROGRESS_RESULT = (
    "ดำเนินการตามขั้นตอนที่ {step} แล้ว แจ้งเวียนบุคลากรทุกสำนัก/กอง "
    "และเผยแพร่ผลการดำเนินงานทางเว็บไซต์ของหน่วยงาน"
)


def _status(measure: int, step: int, steps: int) -> str:
    """Most measures start, go on and end done; every seventh starts late."""
    if step == steps - 1:
        return "done"
    if step == 0 and measure % 7 == 0:
        return "not_started"
    return "in_progress"


def build(args, rng: random.Random) -> dict[str, int]:
    """Fill the (migrated, empty) database; returns the row counts."""
    from assessments.models import Assessment, FrameworkYear, IndicatorScore
    from bench import bulk
    from measures.models import (
        AnalysisParagraph,
        Measure,
        MeasureTemplate,
        Plan,
        ProgressStatus,
        ProgressUpdate,
        ReportingRound,
        RoundEntry,
    )
    from organizations.models import Division, Organization

    years = list(range(LAST_YEAR - args.years + 1, LAST_YEAR + 1))
    frameworks = {
        f.fiscal_year: f
        for f in FrameworkYear.objects.filter(fiscal_year__in=[y - 1 for y in years])
    }
    missing = sorted({y - 1 for y in years} - set(frameworks))
    if missing:
        raise SystemExit(f"no framework for fiscal years {missing}")
    indicators = {
        year: list(framework.indicators.values_list("pk", flat=True))
        for year, framework in frameworks.items()
    }
    templates = list(MeasureTemplate.objects.library().order_by("key"))
    if not templates:
        raise SystemExit("the measure template library is empty")
    kinds = {kind for _name, kind in DIVISIONS}
    measure_through = Measure.divisions.through
    bulk.fast_session()

    organizations = list(_organizations(args.orgs, rng))
    now = datetime.now(BANGKOK)
    with bulk.Copy(
        Organization, ["id", "name", "kind", "slug", "province", "created_at"]
    ) as copy:
        for number, name, kind, slug, province in organizations:
            copy.row(number, name, kind, slug, province, now)

    divisions = {}  # (org, kind) -> division id
    # Each division with the history row its creation leaves (the plan
    # page's lookup reads when a division last changed).
    with (
        bulk.Copy(Division, ["id", "organization", "name", "kind"]) as copy,
        bulk.Copy(
            Division.history.model,
            ["id", "organization", "name", "kind", "history_date", "history_type"],
        ) as history,
    ):
        pk = 0
        created = now - timedelta(days=400)
        for number, *_rest in organizations:
            for name, kind in DIVISIONS:
                pk += 1
                copy.row(pk, number, name, kind)
                history.row(pk, number, name, kind, created, "+")
                divisions[number, kind] = pk

    counts = {}
    assessment_pk = score_pk = plan_pk = paragraph_pk = measure_pk = link_pk = 0
    update_pk = round_pk = entry_pk = 0
    with (
        bulk.Copy(
            Assessment,
            ["id", "organization", "framework", "reported_overall", "reported_grade"],
        ) as assessments,
        bulk.Copy(IndicatorScore, ["id", "assessment", "indicator", "score"]) as scores,
        bulk.Copy(
            Plan,
            [
                "id", "organization", "fiscal_year", "revision", "is_current",
                "source_assessment", "title", "status", "submitted_at",
                "approved_at", "published_at", "created_at", "updated_at",
            ],
        ) as plans,
        bulk.Copy(
            AnalysisParagraph, ["id", "plan", "instrument", "order", "text"]
        ) as paragraphs,
        bulk.Copy(
            Measure,
            [
                "id", "plan", "order", "title", "steps", "lead_division",
                "timeframe_kind", "start_month", "end_month", "quarter",
                "follow_up", "reporting_frequency", "finding", "indicators",
                "items",
            ],
        ) as measures,
        bulk.Copy(measure_through, ["id", "measure", "division"]) as links,
        bulk.Copy(
            ProgressUpdate,
            [
                "id", "measure", "follows", "status", "reported_on", "result",
                "created_at",
            ],
        ) as updates,
        bulk.Copy(
            ReportingRound,
            [
                "id", "plan", "period", "starts_on", "ends_on", "status",
                "closed_at", "approved_at", "published_at", "created_at",
            ],
        ) as rounds,
        bulk.Copy(
            RoundEntry,
            ["id", "round", "measure", "update", "status", "result", "reported_on"],
        ) as entries,
    ):  # fmt: skip
        for number, *_rest in organizations:
            for year in years:
                assessment_pk += 1
                framework = frameworks[year - 1]
                values = [rng.randint(6000, 9990) for _ in indicators[year - 1]]
                overall = sum(values) / len(values) / 100
                assessments.row(
                    assessment_pk, number, framework.pk, round(overall, 2), ""
                )
                for indicator, value in zip(indicators[year - 1], values, strict=True):
                    score_pk += 1
                    scores.row(score_pk, assessment_pk, indicator, value / 100)

                plan_pk += 1
                # Approved in November of the fiscal year (which starts on
                # 1 October of the year before, CE = BE - 543).
                approved = datetime(
                    year - 544, 11, 1, 10, 0, tzinfo=BANGKOK
                ) + timedelta(days=number % 28)
                published = approved + timedelta(days=1)
                plans.row(
                    plan_pk, number, year, 1, True, assessment_pk,
                    f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {year}",
                    Plan.Status.PUBLISHED, approved, approved, published,
                    approved - timedelta(days=20), published,
                )  # fmt: skip
                for order, (instrument, text) in enumerate(ANALYSIS):
                    paragraph_pk += 1
                    paragraphs.row(paragraph_pk, plan_pk, instrument, order, text)
                # One published progress round: the 12-month round of a past
                # year, the 6-month round of the last one.
                period = "year" if year < LAST_YEAR else "half"
                starts_on, ends_on = ReportingRound.period_bounds(year, period)
                closed = datetime.combine(
                    ends_on + timedelta(days=5), approved.timetz()
                )
                if args.updates:
                    round_pk += 1
                    rounds.row(
                        round_pk, plan_pk, period, starts_on, ends_on,
                        ReportingRound.Status.PUBLISHED, closed,
                        closed + timedelta(days=10), closed + timedelta(days=12),
                        closed,
                    )  # fmt: skip
                for order in range(1, args.measures + 1):
                    measure_pk += 1
                    template = templates[(plan_pk * 7 + order) % len(templates)]
                    kind = template.division_kind
                    lead = divisions[number, kind if kind in kinds else "clerk"]
                    timeframe = _timeframe(template)
                    measures.row(
                        measure_pk, plan_pk, order, template.title, template.steps,
                        lead, *timeframe, template.follow_up,
                        template.reporting_frequency, template.finding,
                        template.indicators, template.items,
                    )  # fmt: skip
                    link_pk += 1
                    links.row(link_pk, measure_pk, lead)
                    if order % 2:
                        other = divisions[number, DIVISIONS[order % 5][1]]
                        if other != lead:
                            link_pk += 1
                            links.row(link_pk, measure_pk, other)
                    if not args.updates:
                        continue
                    covered = None  # the round's entry: the last update in it
                    for step in range(args.updates):
                        update_pk += 1
                        reported_on = starts_on + timedelta(
                            days=(step + 1) * 360 // (args.updates + 1)
                        )
                        status = _status(measure_pk, step, args.updates)
                        result = PROGRESS_RESULT.format(step=step + 1)
                        updates.row(
                            update_pk, measure_pk,
                            update_pk - 1 if step else None, status, reported_on,
                            result, closed,
                        )  # fmt: skip
                        if reported_on <= ends_on:
                            covered = (update_pk, status, result, reported_on)
                    entry_pk += 1
                    if covered:
                        entries.row(entry_pk, round_pk, measure_pk, *covered)
                    else:
                        entries.row(
                            entry_pk, round_pk, measure_pk, None,
                            ProgressStatus.NOT_STARTED, "", None,
                        )  # fmt: skip
        counts = {
            "organisations": len(organizations),
            "divisions": len(divisions),
            "assessments": assessments.count,
            "indicator scores": scores.count,
            "plans": plans.count,
            "analysis paragraphs": paragraphs.count,
            "measures": measures.count,
            "measure divisions": links.count,
            "progress updates": updates.count,
            "published rounds": rounds.count,
            "round entries": entries.count,
        }
    bulk.end_fast_session()
    bulk.reset_sequences(
        [
            Organization, Division, Assessment, IndicatorScore, Plan,
            AnalysisParagraph, Measure, measure_through, ProgressUpdate,
            ReportingRound, RoundEntry,
        ]
    )  # fmt: skip
    bulk.analyze()
    return counts


def plan_paths() -> list[str]:
    from measures.models import Plan

    return [
        f"/public/{slug}/{year}/"
        for slug, year in Plan.objects.published()
        .filter(is_current=True)
        .values_list("organization__slug", "fiscal_year")
        .order_by()
    ]


# --- where a page's time goes (in-process) ------------------------------------


def look_inside(paths: list[str], rng: random.Random, samples: int = 40) -> None:
    """Queries and time of a few plan pages rendered in this process: built
    from scratch (empty cache), then again (cached), and how much of the
    first is SQL and building the payload."""
    from django.core.cache import cache
    from django.test import Client

    from public import queries
    from public.serializers import build_payload

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.get(rng.choice(paths))  # imports, template compilation, framework cache
    chosen = rng.sample(paths, min(samples, len(paths)))
    cache.clear()
    for label, _pass in (("built", 1), ("cached", 2)):
        runs = [common.visit_in_process(client, path) for path in chosen]
        counts = sorted({count for _s, count, _sql in runs})
        print(
            "  in-process, {n} pages {label}: {queries} queries a page, "
            "{ms:.1f} ms a page of which {sql:.1f} ms SQL".format(
                n=len(chosen),
                label=label,
                queries="/".join(str(c) for c in counts),
                ms=sum(r[0] for r in runs) / len(runs) * 1000,
                sql=sum(r[2] for r in runs) / len(runs) * 1000,
            )
        )
    started = time.perf_counter()
    for path in chosen:
        _, slug, year = path.strip("/").split("/")
        build_payload(queries.published_plan(slug, int(year)))
    print(
        "  building a payload (its queries included): "
        f"{(time.perf_counter() - started) / len(chosen) * 1000:.1f} ms; the rest "
        "of a built page is the template and the request cycle"
    )
    cache.clear()


# --- the run ----------------------------------------------------------------------


def load(args, port: int, paths: list[str], rng: random.Random, head_seconds: int):
    """`--rounds` rounds. Each starts with first views of plan pages never
    shown before (nothing cached); then /healthz, repeat views of pages
    shown in the last `head_seconds` (their head still cached: no query) and
    revisits of pages shown longer ago (head expired: the one query that
    finds the plan; none until some page is that old) take turns in chunks
    of `--chunk` requests, so that the three see the same background load
    (other processes on the machine come and go within seconds)."""
    trivial = common.Figures("GET /healthz")
    first = common.Figures("plan page, first view")
    repeat = common.Figures("plan page, repeat view")
    revisit = common.Figures("plan page, revisit")
    per_round = max(1, args.requests // args.rounds)
    fresh = rng.sample(paths, min(len(paths), per_round * args.rounds))
    # page → when its head was last cached: at its first view or revisit
    shown: dict[str, float] = {}
    # A repeat view's head must not expire while its kind runs, nor a
    # revisit's be cached again by a view shortly before.
    margin = 10

    def page(path):
        return lambda: common.get(port, path)

    def caching(path):
        def job():
            response = common.get(port, path)
            shown[path] = time.monotonic()
            return response

        return job

    # A plan page lists its measures and, with progress, their statuses.
    expected = b'class="badge status-' if args.updates else b'data-testid="measure"'

    def plan_ok(response):
        if response.status != 200 or expected not in response.body:
            return f"HTTP {response.status}: {response.body[:120]!r}"
        return None

    def drive(figures, jobs):
        check = None if figures is trivial else plan_ok
        common.drive_into(figures, jobs, concurrency=args.concurrency, check=check)

    for number in range(args.rounds):
        batch = fresh[number * per_round : (number + 1) * per_round]
        drive(first, [caching(path) for path in batch])
        now = time.monotonic()
        recent = [p for p, at in shown.items() if now - at < head_seconds - margin]
        old = [p for p, at in shown.items() if now - at > head_seconds + margin]
        kinds = [
            (trivial, [page("/healthz")] * per_round),
            (
                repeat,
                [page(rng.choice(recent)) for _ in range(per_round * bool(recent))],
            ),
            # Each page once: a revisit caches its head again.
            (revisit, [caching(p) for p in rng.sample(old, min(len(old), per_round))]),
        ]
        for start in range(0, per_round, args.chunk):
            for figures, jobs in kinds:
                drive(figures, jobs[start : start + args.chunk])
    return trivial, first, repeat, revisit


def main(argv=None) -> int:
    args = parse_args(argv)
    # Bandit B311: picks pages, nothing secret.
    rng = random.Random(args.seed)  # nosec B311
    url = common.database_url(args.database)
    workdir = common.workdir()
    env = common.production_env(url, workdir)
    # One cache for the server's workers, as in production (README,
    # "Configuration"), big enough for every page of the run.
    env.update(CACHE_URL=f"file://{workdir / 'cache'}", CACHE_MAX_ENTRIES="200000")
    started = time.monotonic()

    reuse = common.open_database(url, env, reuse=args.reuse)
    from django.core.cache import cache
    from django.core.management import call_command

    from public.cache import head_seconds as cached_head_seconds

    head_seconds = cached_head_seconds()

    if not reuse:
        common.note(
            f"loading {args.orgs:,} organisations × {args.years} fiscal years × "
            f"{args.measures} measures × {args.updates} progress updates"
        )
        loading = time.monotonic()
        counts = build(args, rng)
        print(
            "  "
            + ", ".join(f"{count:,} {name}" for name, count in counts.items())
            + f" in {time.monotonic() - loading:.0f} s"
        )
    cache.clear()
    common.note("collecting static files (production storage)")
    call_command("collectstatic", interactive=False, verbosity=0)

    paths = plan_paths()
    if not paths:
        raise SystemExit("no published plans in the database")
    common.note(f"where a plan page's time goes ({len(paths):,} published plans)")
    look_inside(paths, rng)
    from django.db import connections

    connections.close_all()

    common.note(
        f"gunicorn, {args.workers} workers; {args.rounds} rounds of "
        f"{args.requests // args.rounds} requests of each kind, "
        f"{args.concurrency} concurrent clients; plan heads cached "
        f"{head_seconds} s (PUBLIC_HEAD_SECONDS)"
    )
    with common.Server(env, workdir, workers=args.workers) as server:
        port = server.port
        common.drive(
            "warm-up",
            [lambda: common.get(port, "/healthz")] * 100,
            concurrency=args.concurrency,
        )
        kinds = load(args, port, paths, rng, head_seconds)
    trivial, *pages = kinds
    common.print_figures(kinds)
    common.print_shares(
        trivial,
        pages,
        TARGET_RATIO,
        baseline_name="healthz",
        none="none in this run (too short for the TTL)",
    )
    print(f"  whole run: {time.monotonic() - started:.0f} s; log {server.log_path}")
    return 1 if any(figures.errors for figures in kinds) else 0


if __name__ == "__main__":
    sys.exit(main())
