"""The oversight overview (/oversight/) for a province of 250 offices and
for a national scope of 8,000, in-process: time and queries of a view.

    .venv/bin/python bench/oversight_load.py                 # 8,000 offices
    .venv/bin/python bench/oversight_load.py --orgs 1000     # smaller
    .venv/bin/python bench/oversight_load.py --reuse         # keep the data

1. Builds (or with `--reuse` keeps) the PostgreSQL database
   `ita_oversight_bench` with the public bench's builder
   (`bench/public_load.build`: N organisations × five fiscal years, each
   with its assessment, a published plan of fifteen measures, progress and a
   published reporting round).
2. Gives two overseers their grants: one of a list of `--province` offices
   (250, as large a province as Thailand has) and one of the whole country.
3. Views, with Django's test client in this process (production settings
   otherwise), the overview of the last fiscal year for each: first view,
   then `--runs` more (median and slowest), a filtered and sorted view, the
   XLSX export; prints seconds and queries of each. The query count must be
   the same for both scopes (it is constant, tests/oversight); any response
   but 200 ends the run with exit code 1.

Figures on the 2-CPU development machine with other suites running (load
average about 7), 8,000 offices, the file cache production uses:

| scope | view | first s | median s | queries |
| --- | --- | ---: | ---: | ---: |
| 250 offices | overview | 1.05 | 0.24 | 21 |
| | late only, by score | 0.17 | 0.25 | 21 |
| | search | 0.20 | 0.20 | 21 |
| | XLSX export | 0.26 | 0.27 | 15 |
| 8,000 offices | overview | 9.19 | 3.26 | 21 |
| | late only, by score | 3.22 | 4.34 | 21 |
| | search | 5.09 | 5.51 | 21 |
| | XLSX export | 10.00 | 6.53 | 15 |

A first view scores every assessment of the scope (16,000 for the country:
most of its 9 s); the scores are then kept in the cache, one entry a scope
and year, until an assessment changes. Before that (and before the
measures' counts became two aggregates) the country took 15-40 s a view.

The overview reads every office of the scope on each view (its filters,
sorting, counts and charts span the scope) in ten queries, and scores each
office's two assessments in Python (`assessments.services.evaluate_many`);
the time grows with the scope, the query count does not.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common, public_load  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=8000, help="organisations")
    parser.add_argument(
        "--province", type=int, default=250, help="a province's offices"
    )
    parser.add_argument("--runs", type=int, default=5, help="views of each kind")
    parser.add_argument("--database", default="ita_oversight_bench")
    parser.add_argument("--reuse", action="store_true", help="keep the database")
    parser.add_argument("--seed", type=int, default=2566, help="random seed")
    return parser.parse_args(argv)


def grants(province: int):
    from django.contrib.auth import get_user_model

    from organizations.models import Organization
    from oversight import services
    from oversight.models import Grant

    User = get_user_model()
    users = {}
    for name in ("bench-province", "bench-country"):
        user, _new = User.objects.get_or_create(username=name)
        Grant.objects.filter(user=user).delete()
        users[name] = user
    offices = Organization.objects.order_by("pk")[:province]
    services.grant_create(
        user=users["bench-province"],
        scope=Grant.Scope.LIST,
        organizations=offices,
        by=None,
    )
    services.grant_create(
        user=users["bench-country"], scope=Grant.Scope.COUNTRY, by=None
    )
    return users


def measure(client, path: str, runs: int) -> tuple[float, float, float, int]:
    """(first, median, slowest seconds of `runs` more, queries)."""
    first, queries, _sql = common.visit_in_process(client, path)
    times = []
    for _ in range(runs):
        seconds, queries, _sql = common.visit_in_process(client, path)
        times.append(seconds)
    return first, statistics.median(times), max(times), queries


def main(argv=None) -> int:
    args = parse_args(argv)
    rng = random.Random(args.seed)  # nosec B311  (bench data, nothing secret)
    url = common.database_url(args.database)
    workdir = common.workdir()
    env = common.production_env(url, workdir)
    # A cache as production has one (README, "Configuration"): the overview
    # keeps its scope's computed scores there.
    env.update(CACHE_URL=f"file://{workdir / 'cache'}", CACHE_MAX_ENTRIES="100000")
    reuse = common.open_database(url, env, reuse=args.reuse)
    if not reuse:
        build_args = public_load.parse_args(["--orgs", str(args.orgs)])
        common.note(f"loading {args.orgs:,} organisations (bench/public_load.build)")
        started = time.monotonic()
        counts = public_load.build(build_args, rng)
        print(
            "  "
            + ", ".join(f"{n:,} {name}" for name, n in counts.items())
            + f" in {time.monotonic() - started:.0f} s"
        )
    from django.core.management import call_command
    from django.test import Client

    call_command("collectstatic", interactive=False, verbosity=0)

    from organizations.models import Organization

    total = Organization.objects.count()
    users = grants(min(args.province, total))
    year = public_load.LAST_YEAR
    kinds = [
        ("overview", f"/oversight/?fiscal_year={year}"),
        ("late only, by score", f"/oversight/?fiscal_year={year}&late=on&sort=-score"),
        ("search", f"/oversight/?fiscal_year={year}&q=00042"),
        ("XLSX export", f"/oversight/export.xlsx?fiscal_year={year}"),
    ]
    common.note(
        f"load average {os.getloadavg()[0]:.1f}; "
        f"{args.runs} views of each after a first"
    )
    print("  | scope | view | first s | median s | slowest s | queries |")
    print("  | --- | --- | ---: | ---: | ---: | ---: |")
    queries_seen = {}
    for name, scope_size in (
        ("bench-province", min(args.province, total)),
        ("bench-country", total),
    ):
        client = Client(headers={"x-forwarded-proto": "https"}, secure=True)
        client.force_login(users[name])
        for kind, path in kinds:
            first, median, slowest, queries = measure(client, path, args.runs)
            queries_seen.setdefault(kind, set()).add(queries)
            print(
                f"  | {scope_size:,} offices | {kind} | {first:.2f} | {median:.2f} "
                f"| {slowest:.2f} | {queries} |"
            )
    same = all(len(seen) == 1 for seen in queries_seen.values())
    print(f"  query count the same for both scopes: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
