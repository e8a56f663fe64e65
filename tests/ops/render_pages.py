"""Print status and a digest of a few public pages, rendered from the configured database and
MEDIA_ROOT (run in a subprocess by the restore test, against the restored copy)."""

import hashlib
import json
import sys

import django

django.setup()

from django.test import Client  # noqa: E402

client = Client()
out = {}
for path in sys.argv[1:]:
    response = client.get(path)
    body = response.content if not response.streaming else b"".join(response.streaming_content)
    out[path] = [response.status_code, hashlib.sha256(body).hexdigest()]
print(json.dumps(out))
