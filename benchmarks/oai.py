"""OAI-PMH / EDM benchmark: 10,000 published assets in a throwaway database.

Run from the repository root:

    .venv/bin/python benchmarks/oai.py [--assets 10000] [--page-size 100]

It builds a campaign tree (27 Member State pages), bulk-inserts the assets (each with one
ready 3D model, an element and an OAI-PMH row) and prints:

* EDM records per second: every record built and serialised to RDF/XML as ``export_edm`` does;
* ListRecords (metadataPrefix=edm) page latency, median and p95, harvesting the whole
  collection through resumption tokens (the view called directly, without middleware);
* peak resident memory of the process.

Targets on this machine: >= 500 records/s in one process, p95 page < 500 ms.
The database is a temporary SQLite file unless DATABASE_URL names another (e.g. PostgreSQL:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/twinit_edm); DJANGO_SETTINGS_MODULE defaults to
cms.settings.test. Nothing is written to the project's own database or media folder.
"""

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def setup(tmp):
    sys.path.insert(0, str(REPO_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["MEDIA_ROOT"] = str(Path(tmp) / "media")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = os.environ["MEDIA_ROOT"]
    call_command("migrate", verbosity=0, interactive=False)


def build_tree():
    from wagtail.models import Locale, Page, Site

    from campaign.choices import MEMBER_STATES
    from locales.setup import ensure_locales
    from twinit_pages.models import CampaignHomePage, Institution, MemberStatePage

    ensure_locales()
    locale = Locale.get_default()
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = CampaignHomePage(title="Twin it! 3D", slug="home", locale=locale)
    root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.save()
    states, institutions = [], {}
    for code, name in MEMBER_STATES:
        state = MemberStatePage(title=str(name), slug=str(name).lower().replace(" ", "-"),
                                iso_code=code, locale=locale)
        home.add_child(instance=state)
        states.append(state)
        institutions[code] = Institution.objects.create(
            name=f"National heritage institute of {name}", country=code, locale=locale)
    return locale, states, institutions


def bulk_assets(count, locale, states, institutions):
    """Insert `count` live assets with one ready model each, bypassing per-page saves."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Collection, Page

    from campaign import choices
    from europeana.models import OAIRecord
    from models3d.models import ThreeDModel
    from twinit_pages.models import AssetElement, HeritageAssetPage

    rng = random.Random(42)
    ct = ContentType.objects.get_for_model(HeritageAssetPage)
    collection = Collection.get_first_root_node()
    now = timezone.now()
    valid_rights = list(choices.RIGHTS_URIS)
    models = ThreeDModel.objects.bulk_create([
        ThreeDModel(
            title=f"Model {i}", file=f"models3d/bench/{i}.glb", format="glb",
            file_size=rng.randint(10**6, 10**8), status="ready",
            vertex_count=rng.randint(10**4, 10**6), triangle_count=rng.randint(10**4, 2 * 10**6),
            point_count=0, web_file=f"models3d/web/{i}.glb",
            thumbnail=f"models3d/posters/{i}.jpg", rights_uri=rng.choice(valid_rights),
            credit_line=f"Scan team {i}", collection=collection,
        ) for i in range(count)
    ], batch_size=1000)
    pages, extra = [], []
    per_state = {}
    for i in range(count):
        state = states[i % len(states)]
        n = per_state.get(state.pk, 0) + 1
        per_state[state.pk] = n
        slug = f"asset-{i}"
        published = now - timedelta(seconds=count - i)
        pages.append(Page(
            title=f"Heritage asset {i}", draft_title=f"Heritage asset {i}", slug=slug,
            content_type=ct, path=Page._get_path(state.path, state.depth + 1, n),
            depth=state.depth + 1, numchild=0, url_path=f"{state.url_path}{slug}/",
            live=True, has_unpublished_changes=False, locale=locale,
            translation_key=uuid.uuid4(), first_published_at=published,
            last_published_at=published, latest_revision_created_at=published,
        ))
        extra.append((state, published))
    pages = Page.objects.bulk_create(pages, batch_size=1000)
    for state in states:
        Page.objects.filter(pk=state.pk).update(numchild=per_state.get(state.pk, 0))
    assets = []
    for i, (page, (state, _published)) in enumerate(zip(pages, extra, strict=True)):
        asset = HeritageAssetPage(
            page_ptr_id=page.pk, summary=f"Summary of heritage asset {i}.",
            description=f"<p>Description of heritage asset {i}, digitised in 3D.</p>",
            heritage_type=rng.choice(choices.HERITAGE_TYPES)[0],
            priority_categories=[rng.choice(choices.PRIORITY_CATEGORIES)[0]],
            place_name=f"Place {i}", latitude=round(rng.uniform(35, 70), 6),
            longitude=round(rng.uniform(-10, 30), 6), date_display="15th century",
            start_year=1400, end_year=1499, institution=institutions[state.iso_code],
            reuse_statement="For education and research.",
            usage_areas=rng.sample([c for c, _ in choices.USAGE_AREAS], 3),
            rights_uri=rng.choice(valid_rights), credit_line=f"Institute {i}",
            capture_technique="photogrammetry", digital_source_type="digitalCapture",
        )
        asset.models_3d = [("model", {"model": models[i], "caption": "", "camera_orbit": "",
                                      "annotations": []})]
        asset.stories = []
        assets.append(asset)
    fields = HeritageAssetPage._meta.local_concrete_fields
    for start in range(0, len(assets), 500):
        HeritageAssetPage._base_manager._insert(assets[start:start + 500], fields=fields)
    AssetElement.objects.bulk_create([
        AssetElement(page_id=page.pk, name=f"Element of {page.title}", locale=locale,
                     translation_key=uuid.uuid4(), sort_order=0) for page in pages
    ], batch_size=1000)
    OAIRecord.objects.bulk_create([
        OAIRecord(page_id=page.pk, translation_key=page.translation_key,
                  country=state.iso_code, datestamp=published.astimezone(UTC))
        for page, (state, published) in zip(pages, extra, strict=True)
    ], batch_size=1000)
    return len(pages)


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_edm(limit=None):
    from europeana.bulk import assets_in, batches, records_for
    from europeana.edm import record_to_xml

    count = 0
    size = 0
    start = time.perf_counter()
    for batch in batches(assets_in()):
        for record in records_for(batch):
            size += len(record_to_xml(record))
            count += 1
            if limit and count >= limit:
                break
        if limit and count >= limit:
            break
    seconds = time.perf_counter() - start
    return count, seconds, size


def measure_list_records(page_size):
    from django.conf import settings
    from django.test import RequestFactory
    from lxml import etree

    from europeana import oai

    settings.OAI_PAGE_SIZE = page_size
    factory = RequestFactory()
    ns = {"o": oai.OAI_NS}
    timings, records = [], 0
    params = {"verb": "ListRecords", "metadataPrefix": "edm"}
    while True:
        request = factory.get("/oai/", params)
        start = time.perf_counter()
        response = oai.endpoint(request)
        timings.append(time.perf_counter() - start)
        tree = etree.fromstring(response.content)
        errors = tree.xpath("o:error/@code", namespaces=ns)
        if errors:
            raise SystemExit(f"OAI error: {errors}")
        records += len(tree.xpath("//o:record", namespaces=ns))
        token = tree.xpath("//o:resumptionToken/text()", namespaces=ns)
        if not token:
            break
        params = {"verb": "ListRecords", "resumptionToken": token[0]}
    return timings, records


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assets", type=int, default=10_000)
    parser.add_argument("--page-size", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="twinit-oai-bench-") as tmp:
        t0 = time.perf_counter()
        setup(tmp)
        from django.db import connection

        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
        locale, states, institutions = build_tree()
        created = bulk_assets(args.assets, locale, states, institutions)
        print(f"generated {created} published assets in {time.perf_counter() - t0:.1f} s "
              "(including migrations)")
        count, seconds, size = measure_edm()
        print(f"EDM: {count} records in {seconds:.2f} s = {count / seconds:.0f} records/s "
              f"(average {size / max(count, 1) / 1024:.1f} KiB each)")
        timings, records = measure_list_records(args.page_size)
        ms = sorted(t * 1000 for t in timings)
        p95 = ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)]
        print(f"ListRecords edm, {args.page_size} per page: {len(ms)} pages, {records} records; "
              f"median {statistics.median(ms):.0f} ms, p95 {p95:.0f} ms, max {ms[-1]:.0f} ms")
        print(f"peak memory (max RSS of the process): {peak_mb():.0f} MB")
        ok = count / seconds >= 500 and p95 < 500
        print("targets (>= 500 records/s, p95 < 500 ms):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
