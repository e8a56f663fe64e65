"""Bounded loopback load: concurrent anonymous readers against gunicorn with production settings.

Run from the repository root (PostgreSQL and Redis running):

    .venv/bin/python benchmarks/load.py [--readers 100] [--seconds 60] [--workers 3]

It prepares a throwaway PostgreSQL database and temporary MEDIA_ROOT/STATIC_ROOT the way
``.ci/production-smoke`` does (migrate, collectstatic with the manifest storage, setup_campaign,
oai_sync, load_demo), then runs the same load twice, side by side in one table:

* **no page cache** — production settings without ``REDIS_URL`` (the page cache is off);
* **page cache** — the same with ``REDIS_URL`` (pages for anonymous readers cached in Redis).

Each reader loops over home, an asset page, a Member State page, the API list and OAI-PMH
ListRecords with a fresh connection per request (gunicorn's sync workers close it anyway) and
no cookies. Printed per run: requests/s, p50/p95/p99 latency, errors (any status >= 400 or a
failed/timed-out request) and the peak resident memory of the gunicorn workers, plus p50 per URL.

The readers all come from 127.0.0.1, which the rate limiter would count as one client: the
limits are raised for the run so that the figures measure serving, not refusing. The client's
threads share the machine's cores with gunicorn; on a small machine the figures are a floor.
Nothing is written to the project's own database, media folder or Redis databases other than
``--redis-url``'s (flushed before and after).
"""

import argparse
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

REPO_ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(REPO_ROOT / ".venv" / "bin" / "python")
GUNICORN = str(REPO_ROOT / ".venv" / "bin" / "gunicorn")

# Prints the paths the readers visit: an asset page and the Member State page with most assets.
FIND_URLS = """
from twinit_pages.models import HeritageAssetPage, MemberStatePage
asset = HeritageAssetPage.objects.live().public().filter(locale__language_code="en").first()
print(asset.url)
print(next(p for p in MemberStatePage.objects.live().filter(locale__language_code="en")
           if p.get_children().live().exists()).url)
"""


def admin_connect(pg_url):
    import psycopg

    url = urlparse(pg_url)
    return psycopg.connect(host=url.hostname, port=url.port or 5432, user=url.username or "postgres",
                           password=url.password, dbname="postgres", autocommit=True)


def manage(env, *args):
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
    return done.stdout


def prepare(env, db, pg_url):
    with admin_connect(pg_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')
    for command in (["migrate", "--no-input", "-v", "0"], ["collectstatic", "--no-input", "-v", "0"],
                    ["setup_campaign"], ["oai_sync"], ["load_demo"]):
        print(f"  manage.py {' '.join(command)}", flush=True)
        manage(env, *command)
    # The shell may print its own lines (automatic imports) before the two paths.
    asset, country = manage(env, "shell", "-v", "0", "-c", FIND_URLS).split()[-2:]
    return {"home": "/en/", "asset page": asset, "Member State page": country,
            "API list": "/api/v1/assets/", "OAI ListRecords": "/oai/?verb=ListRecords&metadataPrefix=edm"}


def worker_pids(master):
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return []
    return [int(pid) for pid in children]


def rss_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def start_gunicorn(env, port, workers, log):
    process = subprocess.Popen([GUNICORN, "cms.wsgi", "--workers", str(workers),
                                "--bind", f"127.0.0.1:{port}", "--timeout", "120"],
                               cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    for _ in range(120):  # gunicorn imports the project before it listens
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.5)
    process.kill()
    raise SystemExit("gunicorn did not start listening:\n" + Path(log.name).read_text()[-3000:])


def fetch(base, path, timeout=60):
    # As nginx forwards it: the production settings redirect plain HTTP to HTTPS otherwise.
    request = urllib.request.Request(base + path, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


def run_load(base, paths, readers, seconds, master):
    results = []  # (path, seconds, status) appended by every reader; list.append is thread-safe
    deadline = time.monotonic() + seconds
    peak = {"total": 0, "largest": 0}

    def reader():
        order = paths[:]
        random.shuffle(order)
        i = 0
        while time.monotonic() < deadline:
            path = order[i % len(order)]
            i += 1
            started = time.monotonic()
            status = fetch(base, path)
            results.append((path, time.monotonic() - started, status))

    def sample_memory():
        while time.monotonic() < deadline:
            sizes = [rss_kib(pid) for pid in worker_pids(master)]
            if sizes:
                peak["total"] = max(peak["total"], sum(sizes))
                peak["largest"] = max(peak["largest"], max(sizes))
            time.sleep(1)

    threads = [threading.Thread(target=reader, daemon=True) for _ in range(readers)]
    threads.append(threading.Thread(target=sample_memory, daemon=True))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - started, peak


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else 0.0


def summarise(results, elapsed, peak):
    latencies = [seconds for _path, seconds, _status in results]
    errors = sum(1 for _path, _seconds, status in results if status is None or status >= 400)
    return {
        "requests": len(results),
        "req/s": len(results) / elapsed,
        "p50 ms": percentile(latencies, 50) * 1000,
        "p95 ms": percentile(latencies, 95) * 1000,
        "p99 ms": percentile(latencies, 99) * 1000,
        "errors": errors,
        "worker RSS MiB (sum)": peak["total"] / 1024,
        "worker RSS MiB (max)": peak["largest"] / 1024,
    }


def flush_redis(redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=100, help="concurrent readers (100)")
    parser.add_argument("--seconds", type=int, default=60, help="duration of each run (60)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (3, as the README)")
    parser.add_argument("--port", type=int, default=8701)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7",
                        help="a Redis database of its own: it is flushed")
    parser.add_argument("--database", help="name of the throwaway database (created and dropped)")
    args = parser.parse_args()

    db = args.database or f"twinit_load_{os.getpid()}"
    work = tempfile.mkdtemp(prefix="twinit-load-")
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update({
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "load-" + secrets.token_hex(32),
        "DATABASE_URL": f"{args.pg_url}/{db}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDIA_ROOT": f"{work}/media", "STATIC_ROOT": f"{work}/static",
        "RATE_LIMIT_API_PER_MINUTE": "10000000", "RATE_LIMIT_OAI_PER_MINUTE": "10000000",
    })
    Path(env["MEDIA_ROOT"]).mkdir()
    base = f"http://127.0.0.1:{args.port}"
    rows = {}
    try:
        print(f"preparing database {db} (production settings, demo content)", flush=True)
        paths = prepare(env, db, args.pg_url)
        print("paths: " + ", ".join(paths.values()), flush=True)
        for label, redis_url in (("no page cache", None), ("page cache", args.redis_url)):
            run_env = dict(env, **({"REDIS_URL": redis_url} if redis_url else {}))
            flush_redis(args.redis_url)
            with open(f"{work}/gunicorn-{len(rows)}.log", "w") as log:
                process = start_gunicorn(run_env, args.port, args.workers, log)
                try:
                    for path in paths.values():  # warm up: imports, template loading, first cache fill
                        status = fetch(base, path)
                        if status != 200:
                            raise SystemExit(f"{path} answered {status} before the load")
                    print(f"{label}: {args.readers} readers for {args.seconds} s", flush=True)
                    results, elapsed, peak = run_load(base, list(paths.values()), args.readers,
                                                      args.seconds, process.pid)
                finally:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(30)
            rows[label] = summarise(results, elapsed, peak)
            rows[label].update({f"p50 ms {name}":
                                statistics.median([s for p, s, _ in results if p == path] or [0]) * 1000
                                for name, path in paths.items()})
    finally:
        flush_redis(args.redis_url)
        with admin_connect(args.pg_url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        subprocess.run(["rm", "-rf", work], check=False)

    labels = list(rows)
    print(f"\n{args.readers} readers, {args.seconds} s, gunicorn --workers {args.workers}, "
          f"{os.cpu_count()} CPU cores shared with the client")
    print(f"{'':34}" + "".join(f"{label:>16}" for label in labels))
    for key in rows[labels[0]]:
        values = [rows[label][key] for label in labels]
        cells = "".join(f"{v:>16,.0f}" if isinstance(v, int) else f"{v:>16,.1f}" for v in values)
        print(f"{key:34}{cells}")


if __name__ == "__main__":
    main()
