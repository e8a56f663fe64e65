"""The ingest stages that overlap on two cores: derivatives start while the Khronos validator
checks a glTF master, and stop with nothing left behind when it refuses it; the poster is
drawn as soon as ``ar.glb`` exists."""

import json
import struct

import pytest

from benchmarks.scan import write_glb
from models3d.processing import Limits, ModelRejected, pipeline
from models3d.processing.derivative import DerivativeJob
from models3d.processing.errors import ProcessingError

from .conftest import FIXTURES


def repack(src, out, edit):
    data = src.read_bytes()
    json_len = struct.unpack("<I", data[12:16])[0]
    doc = json.loads(data[20:20 + json_len])
    edit(doc)
    js = json.dumps(doc).encode()
    js += b" " * ((4 - len(js) % 4) % 4)
    rest = data[20 + json_len:]
    out.write_bytes(struct.pack("<4sII", b"glTF", 2, 20 + len(js) + len(rest))
                    + struct.pack("<I4s", len(js), b"JSON") + js + rest)
    return out


def test_validator_refusal_stops_the_early_derivatives_and_leaves_nothing(tmp_path, monkeypatch):
    good = write_glb(tmp_path / "scan.glb", 2000, 64)

    def lie_about_bounds(doc):
        doc["accessors"][0]["max"] = [9.0, 9.0, 9.0]

    bad = repack(good, tmp_path / "bad.glb", lie_about_bounds)
    started = []
    real = DerivativeJob

    def spy(*args, **kwargs):
        started.append(real(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(pipeline, "DerivativeJob", spy)
    with pytest.raises(ModelRejected) as info:
        pipeline.ingest(bad, tmp_path / "work")
    assert info.value.code == "gltf_invalid" and "ACCESSOR_MAX_MISMATCH" in info.value.message
    # The derivatives had started alongside the validator; they were stopped and removed.
    assert len(started) == 1 and started[0].proc.returncode is not None
    assert not (tmp_path / "work" / "out").exists()


def test_each_version_is_announced_as_soon_as_it_is_written(tmp_path, fixtures_dir):
    job = DerivativeJob(FIXTURES / "cesium_milk_truck_glb/CesiumMilkTruck.glb", tmp_path, Limits())
    seen = []
    derivatives = job.finish(lambda role, path: seen.append((role, path.is_file())))
    # ar first: the poster is drawn from it while mobile and web are still being made.
    assert seen == [("ar", True), ("mobile", True), ("web", True)]
    assert set(derivatives.by_role) == {"ar", "mobile", "web"}


def test_derivatives_over_the_time_limit_are_stopped(tmp_path, fixtures_dir):
    job = DerivativeJob(FIXTURES / "cesium_milk_truck_glb/CesiumMilkTruck.glb", tmp_path,
                        Limits(derivative_timeout_s=0))
    with pytest.raises(ProcessingError, match="took longer than 0 s"):
        job.finish()
    assert job.proc.returncode is not None
