"""Shared paths for the 3D tests: fixtures are read in place from ../shared, never copied."""

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT.parent / "shared" / "fixtures" / "3d"
BAD = FIXTURES / "bad"

GOOD_MODELS = [
    "cesium_milk_truck_glb/CesiumMilkTruck.glb",
    "cesium_milk_truck_draco_glb/CesiumMilkTruck_draco.glb",
    "damaged_helmet_gltf/DamagedHelmet.gltf",
    "danish_bust_obj/BustManWreath.obj",
    "danish_bust_ply/BustManWreath.ply",
    "danish_bust_stl/BustManWreath.stl",
]


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    if not FIXTURES.is_dir():
        pytest.skip(f"3D fixtures not found at {FIXTURES}")
    return FIXTURES


def chunked_upload(client, path: Path, chunk: int = 300_000, extra=None):
    """Upload ``path`` through the admin's resumable upload as the upload page's script does
    (start, chunks, finish); returns the finish response and the upload id."""
    from django.urls import reverse
    from wagtail.models import Collection

    data = path.read_bytes()
    start = client.post(reverse("models3d:upload_start"), {"name": path.name, "size": len(data)})
    assert start.status_code == 200, start.content
    upload_id = start.json()["upload_id"]
    url = reverse("models3d:upload_chunk", args=[upload_id])
    offset = 0
    while offset < len(data):
        r = client.post(f"{url}?offset={offset}", data[offset:offset + chunk],
                        content_type="application/octet-stream")
        assert r.status_code == 200, r.content
        offset = r.json()["received"]
    root = Collection.get_first_root_node()
    return client.post(reverse("models3d:upload_finish", args=[upload_id]),
                       {"collection": root.pk, **(extra or {})}), upload_id
