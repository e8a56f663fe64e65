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
