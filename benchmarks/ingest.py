"""Ingest benchmark: full pipeline vs ``trimesh.load_scene`` alone, each in a fresh process.

Run from the repository root:  .venv/bin/python benchmarks/ingest.py [--triangles 1000000]

For every fixture model and a generated dense mesh (PLY and GLB) it prints wall time of the
full ingest (validate incl. Khronos validator, derivatives, analyse, poster), the poster
alone, and peak resident memory (ru_maxrss of the child process). Targets for 1M triangles on
a 2-core machine: thumbnail <= 2 s, full ingest <= 5 s, peak memory <= 1.5 GB. It then prints
the size of every derivative next to the reference pipeline's web GLB
(``gltf-transform optimize --compress meshopt --texture-compress webp --texture-size 2048
--simplify false``) on the same input; target: ``web`` within 1.2x of the reference.

    .venv/bin/python benchmarks/ingest.py --scan [--scan-triangles 5000000 --scan-texture 8192]

generates a textured scan (default 5 M triangles, 8192² JPEG, ~150 MB GLB) and the same kind of
scan as an OBJ + MTL + JPEG folder (default 15 M triangles, ~1 GB) in a temporary folder (or
``--scan-dir``; never in the repository) and prints wall time, CPU time and peak memory of
Python and Node for our ingest and for the reference pipeline on the same geometry, then the
time of every stage. Targets on 2 cores: GLB <= 30 s and <= 2 GB; OBJ folder <= 4 GB.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
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


REFERENCE = ["optimize", "--compress", "meshopt", "--texture-compress", "webp",
             "--texture-size", "2048", "--simplify", "false"]


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            out += [int(c) for c in task.read_text().split()]
        except OSError:
            pass
    return out


class TreePeak(threading.Thread):
    """Peak of the summed RSS of this process and its children, sampled every 0.2 s: Python
    and Node overlap on two cores, so their separate peaks could hide a larger total."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.stopped = threading.Event()

    def run(self):
        me = os.getpid()
        while not self.stopped.wait(0.2):
            pids, todo = [me], [me]
            while todo:
                kids = _children(todo.pop())
                pids += kids
                todo += kids
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in pids))


def _usage(t0: float, tree: TreePeak | None = None) -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": time.perf_counter() - t0,
        "cpu_s": own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime,
        "peak_rss_mb": own.ru_maxrss / 1024,
        # The largest Node child (validator or derive.cjs).
        "node_peak_rss_mb": kids.ru_maxrss / 1024,
        "tree_peak_mb": (tree.peak_kb if tree else 0) / 1024,
    }


def child(mode: str, path: str) -> None:
    sys.path.insert(0, str(REPO_ROOT))
    tree = TreePeak()
    tree.start()
    t0 = time.perf_counter()
    if mode == "reference":
        cli = REPO_ROOT / "node_modules" / "@gltf-transform" / "cli" / "bin" / "cli.js"
        # The reference output goes to a temporary folder: fixtures are read in place, never
        # written beside.
        with tempfile.TemporaryDirectory() as work:
            out = Path(work) / (Path(path).stem + ".reference.glb")
            subprocess.run(["node", str(cli), REFERENCE[0], path, str(out), *REFERENCE[1:]],
                           check=True, capture_output=True)
            print(json.dumps({**_usage(t0, tree), "bytes": out.stat().st_size}))
        return
    if mode == "load":
        import trimesh

        scene = trimesh.load_scene(path)
        out = {"seconds": time.perf_counter() - t0, "geometries": len(scene.geometry)}
    else:
        from models3d.processing import Limits
        from models3d.processing.pipeline import ingest

        with tempfile.TemporaryDirectory() as work:
            # A 15 M-triangle OBJ folder is ~1 GB: the upload limit raised as an administrator
            # would for such scans (THREED_MAX_UPLOAD_BYTES); nothing else differs.
            result = ingest(Path(path), Path(work), Limits(max_upload_bytes=8 * 1024**3))
            out = {
                "timings": result.timings,
                "node_timings": result.derivatives.timings,
                "triangles": result.analysis.triangle_count,
                "vertices": result.analysis.vertex_count,
                "derivatives": [d.to_dict() for d in result.derivatives.by_role.values()],
            }
            # What derive.cjs read: OBJ converted during validation, PLY/STL by trimesh.
            for base in (Path(work) / "base.glb", Path(work) / "out" / "base.glb"):
                if mode == "ingest-keep-base" and base.exists():
                    shutil.copyfile(base, sys.argv[-1])
    out.update(_usage(t0, tree))
    print(json.dumps(out))


def measure(mode: str, path: Path, *extra: str) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path), *extra],
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


def size_table(paths: list[Path], tmp: Path) -> None:
    """Our derivatives against the reference pipeline's web GLB, run on the same GLB input."""
    header = (f"{'model':34} {'master':>10} {'reference':>10} {'web':>10} {'web/ref':>8} "
              f"{'mobile':>9} {'ar':>10} {'mobile tris':>11}")
    print()
    print(header)
    print("-" * len(header))
    for path in paths:
        base = path
        if path.suffix.lower() not in (".glb", ".gltf"):
            base = tmp / f"{path.stem}.base.glb"
            ours = measure("ingest-keep-base", path, str(base))
        else:
            ours = measure("ingest", path)
        if "error" in ours:
            print(f"{path.name:34} ERROR {ours['error']}")
            continue
        ref = measure("reference", base)
        sizes = {d["role"]: d for d in ours["derivatives"]}
        master = sum(f.stat().st_size for f in path.parent.iterdir()) \
            if path.suffix == ".gltf" else path.stat().st_size
        print(f"{path.name:34} {master:>10} {ref.get('bytes', 0):>10} {sizes['web']['bytes']:>10} "
              f"{sizes['web']['bytes'] / max(ref.get('bytes', 1), 1):>7.2f}x "
              f"{sizes['mobile']['bytes']:>9} {sizes['ar']['bytes']:>10} "
              f"{sizes['mobile']['triangle_count']:>11}")


def _generate(kind: str, path: Path, triangles: int, texture: int) -> Path:
    """A generated scan in ``path`` (reused if present). Generated in its own process: a
    child forked from a big parent would inherit its peak RSS (ru_maxrss survives fork and
    exec) and spoil the memory figures."""
    if not path.exists():
        t0 = time.perf_counter()
        call = (f"write_glb(Path({str(path)!r}), {triangles}, {texture})" if kind == "glb" else
                f"write_obj_folder(Path({str(path)!r}), {triangles}, {texture})")
        subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                        f"sys.path.insert(0, {str(REPO_ROOT)!r}); "
                        "from benchmarks.scan import write_glb, write_obj_folder; " + call],
                       check=True)
        print(f"generated {path.name} in {time.perf_counter() - t0:.1f} s")
    size = path.stat().st_size if path.is_file() else sum(
        f.stat().st_size for f in path.iterdir())
    print(f"{path.name}: {triangles:,} triangles, {texture}² JPEG, {size / 1024**2:.1f} MB")
    return path


def _row(label: str, r: dict) -> str:
    if "error" in r:
        return f"{label:22} ERROR {r['error']}"
    sizes = {d["role"]: d for d in r.get("derivatives", [])}
    web = sizes["web"]["bytes"] if sizes else r.get("bytes", 0)
    mobile = f"{sizes['mobile']['bytes'] / 1024**2:>9.1f}" if sizes else f"{'-':>9}"
    tris = f"{sizes['mobile']['triangle_count']:>11}" if sizes else f"{'-':>11}"
    return (f"{label:22} {r['seconds']:>7.1f} {r['cpu_s']:>7.1f} {r['peak_rss_mb']:>10.0f} "
            f"{r['node_peak_rss_mb']:>8.0f} {r['tree_peak_mb']:>8.0f} {web / 1024**2:>7.1f} "
            f"{mobile} {tris}")


def scan_benchmark(triangles: int, texture: int, obj_triangles: int, folder: Path,
                   with_trimesh: bool) -> None:
    """The 5 M-triangle GLB scan and the 15 M-triangle OBJ folder: our ingest and the
    reference pipeline on the same geometry, each in a fresh process."""
    glb = _generate("glb", folder / f"scan_{triangles}.glb", triangles, texture)
    obj_dir = _generate("obj", folder / f"scan_obj_{obj_triangles}", obj_triangles, texture)
    print("load average before: {:.1f} {:.1f} {:.1f} (2 cores; wall times are only comparable "
          "within one run)".format(*os.getloadavg()))
    header = (f"{'pipeline':22} {'wall s':>7} {'CPU s':>7} {'Python MB':>10} {'Node MB':>8} "
              f"{'sum MB':>8} {'web MB':>7} {'mobile MB':>9} {'mobile tris':>11}")
    print(header)
    print("-" * len(header))
    ours = measure("ingest", glb)
    print(_row("ours, GLB", ours))
    print(_row("reference, GLB", measure("reference", glb)))
    base = folder / "obj_base.glb"
    ours_obj = measure("ingest-keep-base", obj_dir, str(base))
    print(_row("ours, OBJ folder", ours_obj))
    if base.exists():
        print(_row("reference, same as GLB", measure("reference", base)))
    if with_trimesh:
        load = measure("load", obj_dir / "scan.obj")
        print(f"{'trimesh OBJ load only':22} {load.get('seconds', 0):>7.1f} "
              f"{load.get('cpu_s', 0):>7.1f} {load.get('peak_rss_mb', 0):>10.0f}")
    print("load average after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    for label, r in (("GLB", ours), ("OBJ", ours_obj)):
        if "timings" in r:
            print(f"{label} stages (s): " + ", ".join(f"{k} {v:.1f}" for k, v in r["timings"].items())
                  + " | node: " + ", ".join(f"{k} {v:.1f}" for k, v in r["node_timings"].items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--triangles", type=int, default=1_000_000)
    parser.add_argument("--skip-fixtures", action="store_true",
                        help="Only the generated mesh (e.g. with --triangles 5000000).")
    parser.add_argument("--scan", action="store_true",
                        help="Only the large textured scan against the reference pipeline.")
    parser.add_argument("--scan-triangles", type=int, default=5_000_000)
    parser.add_argument("--scan-texture", type=int, default=8192)
    parser.add_argument("--scan-obj-triangles", type=int, default=15_000_000)
    parser.add_argument("--scan-dir", type=Path,
                        help="Keep (and reuse) the generated scans here, e.g. /tmp/scans; "
                             "never inside /work/shared. Default: a temporary folder.")
    parser.add_argument("--scan-trimesh", action="store_true",
                        help="Also time trimesh loading the OBJ (the old path; ~0.6 GB per "
                             "million triangles).")
    parser.add_argument("--child", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child[:2])
        return
    if args.scan and args.scan_dir:
        args.scan_dir.mkdir(parents=True, exist_ok=True)
        scan_benchmark(args.scan_triangles, args.scan_texture, args.scan_obj_triangles,
                       args.scan_dir, args.scan_trimesh)
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.scan:
            scan_benchmark(args.scan_triangles, args.scan_texture, args.scan_obj_triangles,
                           Path(tmp), args.scan_trimesh)
            return
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
                  f"{t['thumbnail']:>8.2f} {t['validate']:>8.2f} {t['derivatives']:>8.2f} "
                  f"{full['peak_rss_mb']:>8.0f} | {load['seconds']:>7.3f} "
                  f"{load['peak_rss_mb']:>8.0f}")
        size_table(paths, Path(tmp))


if __name__ == "__main__":
    main()
