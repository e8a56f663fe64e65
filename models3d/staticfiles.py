"""A staticfiles finder serving exactly the viewer files we need from npm's node_modules.

``<model-viewer>`` and its Draco/KTX2 decoders are installed by ``npm install`` (never
committed). This finder exposes only the listed files under ``models3d/vendor/`` so
``collectstatic`` and WhiteNoise serve them from our own origin: the viewer then works offline
and sends no request to Google's or jsDelivr's CDNs.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Warning as CheckWarning
from django.core.files.storage import FileSystemStorage

PREFIX = "models3d/vendor"
VENDOR_FILES = {
    # The minified viewer ends with `sourceMappingURL=model-viewer.min.js.map`: the manifest storage
    # rewrites that reference and refuses to finish collectstatic if the map is not exposed too.
    "model-viewer": ("@google/model-viewer/dist", ["model-viewer.min.js", "model-viewer.min.js.map"]),
    "draco": ("three/examples/jsm/libs/draco/gltf",
              ["draco_decoder.js", "draco_decoder.wasm", "draco_wasm_wrapper.js"]),
    "basis": ("three/examples/jsm/libs/basis", ["basis_transcoder.js", "basis_transcoder.wasm"]),
    "meshopt": ("three/examples/jsm/libs", ["meshopt_decoder.module.js"]),
    # The public collection: map (Leaflet, clustering, country outlines) and the API reference.
    "leaflet": ("leaflet/dist", ["leaflet.js", "leaflet.js.map", "leaflet.css",
                                 "images/layers.png", "images/layers-2x.png",
                                 "images/marker-icon.png", "images/marker-icon-2x.png",
                                 "images/marker-shadow.png"]),
    "markercluster": ("leaflet.markercluster/dist", [
        "leaflet.markercluster.js", "leaflet.markercluster.js.map", "MarkerCluster.css",
        "MarkerCluster.Default.css"]),
    "topojson": ("topojson-client/dist", ["topojson-client.min.js"]),
    "world-atlas": ("world-atlas", ["countries-110m.json"]),
    "redoc": ("redoc/bundles", ["redoc.standalone.js", "redoc.standalone.js.map"]),
}


def node_modules() -> Path:
    return Path(settings.NODE_MODULES)


class NodeModulesFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storages = {}
        for folder, (source, _names) in VENDOR_FILES.items():
            storage = FileSystemStorage(location=node_modules() / source)
            storage.prefix = f"{PREFIX}/{folder}"
            self.storages[folder] = storage

    def check(self, **kwargs):
        missing = [
            f"{source}/{name}" for source, names in VENDOR_FILES.values() for name in names
            if not (node_modules() / source / name).is_file()
        ]
        if missing:
            return [CheckWarning(
                f"3D viewer files missing from {node_modules()}: {', '.join(missing)}. "
                "Run `npm install`.", id="models3d.W001")]
        return []

    def _locate(self, path: str) -> str | None:
        if not path.startswith(PREFIX + "/"):
            return None
        folder, _, name = path[len(PREFIX) + 1:].partition("/")
        if folder not in VENDOR_FILES or name not in VENDOR_FILES[folder][1]:
            return None
        full = node_modules() / VENDOR_FILES[folder][0] / name
        return str(full) if full.is_file() else None

    def find(self, path, find_all=False, **kwargs):
        find_all = find_all or kwargs.get("all", False)
        match = self._locate(path)
        if find_all:
            return [match] if match else []
        return match

    def list(self, ignore_patterns):
        for folder, (source, names) in VENDOR_FILES.items():
            for name in names:
                if (node_modules() / source / name).is_file():
                    yield name, self.storages[folder]
