"""HTTP smoke test of a running production deployment (run by .ci/production-smoke).

Reads SMOKE_BASE (the front web server), SMOKE_USER, SMOKE_PASSWORD. Every request says it came
through HTTPS (X-Forwarded-Proto), as a TLS-terminating proxy would; cookies are kept by hand
because they are Secure. Exits non-zero with the first thing that is wrong.
"""

import http.client
import json
import os
import re
import sys
from urllib.parse import urlencode, urlsplit

BASE = os.environ["SMOKE_BASE"].rstrip("/")
HOST = urlsplit(BASE).netloc
cookies = {}


def fetch(path, *, method="GET", body=None, headers=None):
    url = urlsplit(path if "://" in path else BASE + path)
    conn = http.client.HTTPConnection(HOST, timeout=60)
    sent = {"Host": HOST, "X-Forwarded-Proto": "https", "Accept-Encoding": "identity"}
    if cookies:
        sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    sent.update(headers or {})
    conn.request(method, url.path + (f"?{url.query}" if url.query else ""), body=body, headers=sent)
    response = conn.getresponse()
    data = response.read()
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            cookies[key] = rest.split(";", 1)[0]
    conn.close()
    return response, data


def expect(condition, message):
    if not condition:
        print(f"FAILED: {message}", file=sys.stderr)
        sys.exit(1)
    print(f"ok  {message}")


def local(url):
    """Exported URLs carry the public base URL; fetch their path from the server under test."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# Home: the root sends readers to their language, the page renders with hashed static files.
response, _ = fetch("/")
expect(response.status in (301, 302) and "/en/" in response.getheader("Location", ""),
       f"/ redirects to the English home ({response.status} {response.getheader('Location')})")
response, body = fetch("/en/")
html = body.decode()
expect(response.status == 200 and "<html" in html, f"home /en/ answers 200 ({response.status})")
hashed = re.findall(r'/static/[^"\']+\.[0-9a-f]{12}\.(?:css|js)', html)
expect(hashed, "home links static files by their hashed (manifest) names")

response, body = fetch(hashed[0])
expect(response.status == 200 and len(body) > 0, f"hashed static file {hashed[0]} is served")
expect("immutable" in response.getheader("Cache-Control", "") or
       "max-age=315360000" in response.getheader("Cache-Control", ""),
       f"hashed static file is cached for ever ({response.getheader('Cache-Control')})")

# API and the asset page it points to.
response, body = fetch("/api/v1/assets/")
expect(response.status == 200 and response.getheader("Content-Type", "").startswith("application/json"),
       f"API answers JSON ({response.status})")
listing = json.loads(body)
assets = listing.get("results") or listing.get("assets") or []
expect(assets, f"API lists published assets ({listing.get('count')})")
with_model = next((a for a in assets if a.get("models")), assets[0])
response, body = fetch(local(with_model["url"]))
page = body.decode()
expect(response.status == 200, f"asset page {local(with_model['url'])} answers 200 ({response.status})")
expect("model-viewer" in page and re.search(r"model-viewer\.min\.[0-9a-f]{12}\.js", page),
       "asset page loads the 3D viewer from a hashed static file")

# Media files, served by nginx with the right types and, for masters, as downloads.
model = with_model["models"][0]
response, body = fetch(local(model["web_glb_url"]))
expect(response.status == 200 and body[:4] == b"glTF", f"web GLB is served ({response.status})")
expect(response.getheader("Content-Type") == "model/gltf-binary",
       f"GLB Content-Type is model/gltf-binary ({response.getheader('Content-Type')})")
expect(response.getheader("X-Content-Type-Options") == "nosniff", "media carries nosniff")
response, body = fetch(local(model["master_url"]))
expect(response.status == 200 and len(body) == model["file_size"],
       f"master file is served whole ({response.status}, {len(body)} bytes)")
expect(response.getheader("Content-Disposition", "").startswith("attachment"),
       f"master is a download ({response.getheader('Content-Disposition')})")
expect(response.getheader("X-Content-Type-Options") == "nosniff", "master carries nosniff")

# Every 3D format nginx serves gets its media type; text formats are compressed; an uploaded
# HTML file is never rendered as a page of the site.
media_root = os.environ["SMOKE_MEDIA_ROOT"]
os.makedirs(f"{media_root}/smoke", exist_ok=True)
samples = {"gltf": "model/gltf+json", "obj": "model/obj", "ply": "model/ply", "stl": "model/stl",
           "mtl": "model/mtl", "html": "text/html"}
for ext in samples:
    with open(f"{media_root}/smoke/sample.{ext}", "w") as handle:
        handle.write("v 0 0 0\n" * 1000)
for ext, media_type in samples.items():
    response, body = fetch(f"/media/smoke/sample.{ext}", headers={"Accept-Encoding": "gzip"})
    expect(response.status == 200 and response.getheader("Content-Type", "").startswith(media_type),
           f".{ext} is served as {media_type} ({response.getheader('Content-Type')})")
    if ext != "html":
        expect(response.getheader("Content-Encoding") == "gzip", f".{ext} is gzip-compressed")
expect(response.getheader("Content-Disposition") == "attachment", "uploaded .html is a download")

# OAI-PMH.
response, body = fetch("/oai/?verb=Identify")
expect(response.status == 200 and b"<Identify>" in body, f"OAI-PMH Identify ({response.status})")
response, body = fetch("/oai/?verb=ListRecords&metadataPrefix=edm")
expect(response.status == 200 and b"<record>" in body, "OAI-PMH lists EDM records")

# Health for the load balancer: database, cache (Redis) and media storage.
response, body = fetch("/healthz")
expect(response.status == 200 and json.loads(body)["status"] == "ok", f"/healthz is ok ({body[:120]})")
expect(response.getheader("X-Request-ID", "") != "", "responses carry the request id from nginx")

# Errors are plain pages, never the debug page.
response, body = fetch("/en/no-such-page-here/")
expect(response.status == 404 and b"Traceback" not in body and b"URLconf" not in body,
       f"an unknown page is a plain 404 ({response.status})")

# Admin login with the editor created by the recipe.
response, body = fetch("/admin/login/")
expect(response.status == 200, f"admin login form ({response.status})")
token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
expect(token, "admin login form carries a CSRF token")
form = urlencode({"csrfmiddlewaretoken": token.group(1).decode(), "username": os.environ["SMOKE_USER"],
                  "password": os.environ["SMOKE_PASSWORD"], "next": "/admin/"})
response, body = fetch("/admin/login/", method="POST", body=form, headers={
    "Content-Type": "application/x-www-form-urlencoded", "Referer": f"https://{HOST}/admin/login/",
    "Origin": f"https://{HOST}"})
expect(response.status == 302 and response.getheader("Location", "").endswith("/admin/"),
       f"admin login succeeds ({response.status} {response.getheader('Location')})")
response, body = fetch("/admin/")
expect(response.status == 200 and b"Dashboard" in body, f"admin dashboard ({response.status})")
print("smoke test: all checks passed")
