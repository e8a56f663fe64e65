"""Ingest benchmark: full pipeline vs ``trimesh.load_scene`` alone, each in a fresh process.

Run from the repository root:  .venv/bin/python benchmarks/ingest.py [--triangles 1000000]

For every fixture model and a generated dense mesh (PLY and GLB) it prints wall time of the
full ingest (validate incl. Khronos validator, analyse, derivative, thumbnail), the thumbnail
alone, and peak resident memory (ru_maxrss of the child process). Targets for 1M triangles on
a 2-core machine: thumbnail <= 2 s, full ingest <= 5 s, peak memory <= 1.5 GB.
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = REPO_ROOT.parent / "shared" / "fixtures" / "3d"
MODELS = [
    "cesium_milk_truck_glb/CesiumMilkTruck.glb",
    "cesium_milk_truck_draco_glb/CesiumMilkTruck_draco.glb",
    "damaged_helmet_gltf/DamagedHelmet.gltf",
    "danish_bust_obj/BustManWreath.obj",
    "danish_bust_ply/BustManWreath.ply",
    "danish_bust_stl/BustManWreath.stl",
]


def child(mode: str, path: str) -> None:
    sys.path.insert(0, str(REPO_ROOT))
    t0 = time.perf_counter()
    if mode == "load":
        import trimesh

        scene = trimesh.load_scene(path)
        out = {"seconds": time.perf_counter() - t0, "geometries": len(scene.geometry)}
    else:
        from models3d.processing.pipeline import ingest

        with tempfile.TemporaryDirectory() as work:
            result = ingest(Path(path), Path(work))
            out = {
                "seconds": time.perf_counter() - t0,
                "timings": result.timings,
                "triangles": result.analysis.triangle_count,
                "vertices": result.analysis.vertex_count,
            }
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def measure(mode: str, path: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode:
        return {"error": proc.stderr.strip().splitlines()[-1:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def generate(triangles: int, folder: Path) -> list[Path]:
    sys.path.insert(0, str(REPO_ROOT))
    from models3d.demo import dense_scan

    mesh = dense_scan(triangles)
    ply = folder / f"dense_{len(mesh.faces)}.ply"
    glb = folder / f"dense_{len(mesh.faces)}.glb"
    ply.write_bytes(mesh.export(file_type="ply"))
    glb.write_bytes(mesh.export(file_type="glb"))
    return [ply, glb]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--triangles", type=int, default=1_000_000)
    parser.add_argument("--skip-fixtures", action="store_true",
                        help="Only the generated mesh (e.g. with --triangles 5000000).")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        fixtures = [] if args.skip_fixtures else [FIXTURES / m for m in MODELS]
        paths = fixtures + generate(args.triangles, Path(tmp))
        header = (f"{'model':34} {'tris':>9} {'ingest s':>9} {'thumb s':>8} {'valid s':>8} "
                  f"{'deriv s':>8} {'peak MB':>8} | {'load s':>7} {'peak MB':>8}")
        print(header)
        print("-" * len(header))
        for path in paths:
            full = measure("ingest", path)
            load = measure("load", path)
            if "error" in full:
                print(f"{path.name:34} ERROR {full['error']}")
                continue
            t = full["timings"]
            print(f"{path.name:34} {full['triangles']:>9} {full['seconds']:>9.2f} "
                  f"{t['thumbnail']:>8.2f} {t['validate']:>8.2f} {t['derivative']:>8.2f} "
                  f"{full['peak_rss_mb']:>8.0f} | {load['seconds']:>7.3f} "
                  f"{load['peak_rss_mb']:>8.0f}")


if __name__ == "__main__":
    main()
