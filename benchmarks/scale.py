"""Campaign scale benchmark: every public page, feed and admin screen at N published assets.

Run from the repository root (PostgreSQL; one database per N, kept and reused between runs):

    .venv/bin/python benchmarks/scale.py --assets 1000 10000 50000

For each N it builds (once) a database ``<prefix>_<N>`` with the campaign tree, a FAQ page and
N live assets spread over the 27 Member States through the product's own models, in bulk (each
asset with a ready 3D model, an element, an OAI-PMH row and a search index entry). It then
measures, in one process per N, through Django's test client (all middleware, no network):

* the median (p50) and p95 latency over ``--repeat`` requests after one warm-up request,
* the number of SQL queries of one request,

for the home page, a Member State page, an asset page, search, the API (list and detail), OAI-PMH
(first ListRecords page and a resumption page), the sitemap index and one of its sitemaps, the
admin dashboard, the page explorer of a Member State, and ``export_dataset`` for one country. The
FAQ page, whose cost does not depend on N, is measured in the same run as the reference. The page
cache for anonymous readers is switched off: these are uncached figures.

Options: ``--database-url`` (server, default postgres://postgres@127.0.0.1:5432/), ``--prefix``
(database name prefix, default ``twinit_scale``), ``--rebuild`` (drop and regenerate). Targets at
50,000 assets: p95 < 300 ms and within 8x of the FAQ page for every public page and the dashboard;
growth from the smallest to the largest N <= 2x; query counts constant in N.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

REPO_ROOT = Path(__file__).resolve().parents[1]
ADMIN_PASSWORD = "scale-benchmark"  # noqa: S105 - a throwaway user in a throwaway database


def server_connection(server_url):
    import psycopg

    url = urlparse(server_url)
    return psycopg.connect(
        host=url.hostname or "127.0.0.1", port=url.port or 5432,
        user=url.username or "postgres", password=url.password, dbname="postgres",
        autocommit=True,
    )


def prepare_database(server_url, name, rebuild):
    """Create the database if missing (or dropped by --rebuild); True if it must be filled."""
    with server_connection(server_url) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and rebuild:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return not exists


def django_setup(database_url, media_root):
    sys.path.insert(0, str(REPO_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    os.environ["DATABASE_URL"] = database_url
    os.environ["MEDIA_ROOT"] = media_root
    import django

    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = media_root
    # Uncached figures: the anonymous page cache (if configured) must not answer for the view.
    settings.TWINIT_PAGE_CACHE_SECONDS = 0


def generate(count):
    """Migrate and fill an empty database: campaign tree, FAQ page, `count` assets, index."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from oai import build_tree, bulk_assets  # benchmarks/oai.py, beside this file
    from wagtail.search.backends import get_search_backend
    from wagtail.search.index import get_indexed_models

    from twinit_pages.models import CampaignPage

    call_command("setup_campaign", verbosity=0)
    locale, states, institutions = build_tree()
    home = states[0].get_parent()
    faq = CampaignPage(
        title="Frequently asked questions", slug="faq", locale=locale,
        intro="Answers to the questions Member States and institutions ask most often.",
        body=[("faq_item", {"question": f"Question {i}?",
                            "answer": f"<p>Answer {i}, in a few sentences.</p>"})
              for i in range(8)],
    )
    home.add_child(instance=faq)
    faq.save_revision().publish()
    bulk_assets(count, locale, states, institutions)
    call_command("refresh_collection", verbosity=0)  # bulk_create sends no page signals
    # What `update_index` does, in chunks of 2,000 rows per INSERT.
    backend = get_search_backend()
    for model in get_indexed_models():
        objects = model.get_indexed_objects().order_by("pk")
        index = backend.get_index_for_model(model)
        ids = list(objects.values_list("pk", flat=True))
        for start in range(0, len(ids), 2000):
            index.add_items(model, list(objects.filter(pk__in=ids[start:start + 2000])))
    get_user_model().objects.create_superuser("scale-admin", "scale@example.org", ADMIN_PASSWORD)
    # Planner statistics, as autovacuum would gather them on a live site after a bulk load.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def timed(fetch, repeat):
    """(p50 ms, p95 ms, queries of one call, bytes) of `fetch`, after one warm-up call."""
    from django.db import connection

    fetch()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # Not CaptureQueriesContext: every request resets the connection's query log.
    with connection.execute_wrapper(count):
        size = fetch()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fetch()
        times.append((time.perf_counter() - start) * 1000)
    return {"p50": statistics.median(times), "p95": percentile(times, 0.95),
            "queries": len(queries), "bytes": size}


def get(client, url):
    def fetch():
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return len(response.content)
    return fetch


def oai_resumption_url(client):
    from lxml import etree

    first = client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "edm"})
    token = etree.fromstring(first.content).xpath(
        "//o:resumptionToken/text()", namespaces={"o": "http://www.openarchives.org/OAI/2.0/"})
    return f"/oai/?verb=ListRecords&resumptionToken={token[0]}" if token else None


def wanted(name, only):
    """Whether a figure is measured: all by default, else those naming a word of ``--only``
    (the FAQ reference always, so every run has its yardstick)."""
    return not only or name.startswith("FAQ") or any(w.lower() in name.lower() for w in only)


def measure(repeat, only=()):
    from django.core.management import call_command
    from django.test import Client

    from twinit_pages.models import HeritageAssetPage, MemberStatePage

    state = MemberStatePage.objects.get(iso_code="EE", locale__language_code="en")
    asset = HeritageAssetPage.objects.child_of(state).live().order_by("path").last()
    anonymous = Client()
    sitemap = anonymous.get("/sitemap.xml").content.decode()
    first_sitemap = None
    if "<sitemapindex" in sitemap:
        first_sitemap = urlparse(sitemap.split("<loc>")[1].split("</loc>")[0]).path
    urls = {
        "FAQ page (reference)": "/en/faq/",
        "home /en/": "/en/",
        "Member State page": state.url,
        "asset page": asset.url,
        "collection explorer": "/en/collection/",
        "collection explorer, filtered": "/en/collection/?country=EE&type=building",
        "search ?q=heritage": "/en/search/?q=heritage",
        "search, typo ?q=heritgae": "/en/search/?q=heritgae",
        "API asset list": "/api/v1/assets/",
        "API asset detail": f"/api/v1/assets/{asset.pk}/",
        "OAI ListRecords, first page": "/oai/?verb=ListRecords&metadataPrefix=edm",
        "OAI ListRecords, resumption": oai_resumption_url(anonymous),
        "sitemap.xml": "/sitemap.xml",
        "sitemap section": first_sitemap,
    }
    figures = {}
    for name, url in urls.items():
        if url and wanted(name, only):
            figures[name] = timed(get(anonymous, url), repeat)
    admin = Client()
    if not admin.login(username="scale-admin", password=ADMIN_PASSWORD):
        raise SystemExit("the benchmark's admin user cannot log in")
    for name, url in {"admin dashboard": "/admin/",
                      "page explorer (Member State)": f"/admin/pages/{state.pk}/"}.items():
        if wanted(name, only):
            figures[name] = timed(get(admin, url), repeat)
    if not wanted("export_dataset", only):
        return figures
    with tempfile.TemporaryDirectory(prefix="twinit-scale-export-") as tmp:
        def export():
            target = Path(tmp) / "ee.zip"
            call_command("export_dataset", str(target), country="EE", verbosity=0)
            return target.stat().st_size
        figures["export_dataset --country EE"] = timed(export, max(1, repeat // 10))
    return figures


def child(args):
    count = args.child
    name = f"{args.prefix}_{count}"
    fresh = prepare_database(args.database_url, name, args.rebuild)
    database_url = args.database_url.rstrip("/") + "/" + name
    with tempfile.TemporaryDirectory(prefix="twinit-scale-media-") as media:
        django_setup(database_url, media)
        from django.core.management import call_command

        from twinit_pages.models import HeritageAssetPage

        start = time.perf_counter()
        # Always: a reused database follows the code's migrations (indexes, extensions).
        call_command("migrate", verbosity=0, interactive=False)
        if fresh:
            try:
                generate(count)
            except BaseException:
                from django.db import connections

                connections.close_all()
                prepare_database(args.database_url, name, rebuild=True)  # never half-filled
                raise
        elif HeritageAssetPage.objects.count() != count:
            raise SystemExit(f"database {name} does not hold {count} assets: use --rebuild")
        generation = time.perf_counter() - start if fresh else None
        # Measure the process a production worker is: its entry point loads every URL and view
        # and freezes them out of the garbage collector's walk (cms/wsgi.py).
        import cms.wsgi  # noqa: F401
        figures = measure(args.repeat, args.only)
    print(json.dumps({"assets": count, "generation_seconds": generation, "figures": figures}))


def table(results):
    sizes = [result["assets"] for result in results]
    names = list(results[-1]["figures"])
    header = ["", *[f"{n:,} assets p50 / p95 ms (queries)" for n in sizes], "x FAQ p95",
              f"growth {sizes[0]:,}->{sizes[-1]:,}"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    faq = results[-1]["figures"]["FAQ page (reference)"]["p95"]
    for name in names:
        cells = [name]
        for result in results:
            f = result["figures"].get(name)
            cells.append(f"{f['p50']:.0f} / {f['p95']:.0f} ({f['queries']})" if f else "-")
        first, last = results[0]["figures"].get(name), results[-1]["figures"].get(name)
        cells.append(f"{last['p95'] / faq:.1f}" if last else "-")
        cells.append(f"{last['p95'] / first['p95']:.1f}x" if first and last else "-")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assets", type=int, nargs="+", default=[1000, 10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url", default=os.environ.get(
        "SCALE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/"))
    parser.add_argument("--prefix", default="twinit_scale")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--only", nargs="+", default=[], metavar="WORD",
                        help="measure only the figures naming one of these words (e.g. search)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    results = []
    for count in args.assets:
        command = [sys.executable, __file__, "--child", str(count), "--repeat", str(args.repeat),
                   "--database-url", args.database_url, "--prefix", args.prefix]
        if args.only:
            command += ["--only", *args.only]
        if args.rebuild:
            command.append("--rebuild")
        output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True,
                                cwd=REPO_ROOT).stdout
        result = json.loads(output.strip().splitlines()[-1])
        generated = result["generation_seconds"]
        print(f"{count:,} assets: " + (f"generated in {generated:.0f} s" if generated
                                       else "database reused"), flush=True)
        results.append(result)
    print(table(results))


if __name__ == "__main__":
    main()
