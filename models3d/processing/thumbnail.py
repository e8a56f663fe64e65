"""Deterministic poster PNG rendered on the CPU: a numpy z-buffer rasterizer, no GPU, no GL.

Flat Lambert shading with per-face base colour (texture sampled at the face centroid, which
is cheap and reads well at poster size), orthographic camera from a fixed three-quarter view,
2x supersampling. Triangles are rasterized in batches grouped by screen-space bounding-box
size so that a million tiny triangles cost a few numpy passes rather than a Python loop.
"""

from pathlib import Path

import numpy as np
import trimesh
from PIL import Image

from .materials import base_colour, base_colour_image

# Warm stone grey: readable for plaster casts and scans exported with black or no material.
NEUTRAL = np.array([0.80, 0.77, 0.72], dtype=np.float32)
BACKGROUND = (240, 239, 236)
_DEPTH_BITS = 20
_ID_BITS = 24
_MAX_CANDIDATES = 2_000_000
# Bounding boxes up to this many pixels are rasterized candidate by candidate.
_SMALL_BOX = 64


def _rotation(azimuth_deg: float, elevation_deg: float) -> np.ndarray:
    az, el = np.radians(azimuth_deg), np.radians(elevation_deg)
    ry = np.array([[np.cos(az), 0, np.sin(az)], [0, 1, 0], [-np.sin(az), 0, np.cos(az)]])
    rx = np.array([[1, 0, 0], [0, np.cos(el), -np.sin(el)], [0, np.sin(el), np.cos(el)]])
    return (rx @ ry).astype(np.float64)


def _texture_array(img, cache: dict) -> np.ndarray | None:
    # glTF materials often share one atlas (the milk truck: four materials, one 2048² JPEG);
    # decode each image once per render. Keyed by id() with the image kept alive alongside.
    cached = cache.get(id(img))
    if cached is not None and cached[0] is img:
        return cached[1]
    try:
        array = np.asarray(img.convert("RGB"))
    except Exception:  # noqa: BLE001 - an undecodable texture falls back to the factor
        array = None
    cache[id(img)] = (img, array)
    return array


def _material_colour(material, cache: dict) -> tuple[np.ndarray, np.ndarray | None]:
    """(base colour factor RGB 0..1, texture as HxWx3 uint8 or None) of a trimesh material."""
    factor = base_colour(material)
    img = base_colour_image(material)
    image = _texture_array(img, cache) if img is not None else None
    if factor is None:
        factor = np.ones(3, dtype=np.float32) if image is not None else NEUTRAL.copy()
    return factor, image


def face_colours(geom: trimesh.Trimesh, cache: dict | None = None) -> np.ndarray:
    """Per-face RGB in 0..1; black or missing materials get the neutral colour."""
    n = len(geom.faces)
    visual = geom.visual
    kind = getattr(visual, "kind", None)
    if kind == "texture":
        factor, image = _material_colour(visual.material, {} if cache is None else cache)
        uv = getattr(visual, "uv", None)
        if image is not None and uv is not None and len(uv) == len(geom.vertices):
            centroid = np.asarray(uv, dtype=np.float32)[geom.faces].mean(axis=1)
            h, w = image.shape[:2]
            u = np.mod(centroid[:, 0], 1.0)
            v = np.mod(centroid[:, 1], 1.0)
            px = np.clip((u * w).astype(np.int64), 0, w - 1)
            py = np.clip(((1.0 - v) * h).astype(np.int64), 0, h - 1)
            return image[py, px].astype(np.float32) / 255.0 * factor
        if factor.max() < 0.03:
            factor = NEUTRAL
        return np.broadcast_to(factor, (n, 3))
    if kind == "vertex":
        vc = np.asarray(visual.vertex_colors, dtype=np.float32)[:, :3] / 255.0
        return vc[geom.faces].mean(axis=1)
    if kind == "face":
        return np.asarray(visual.face_colors, dtype=np.float32)[:, :3] / 255.0
    return np.broadcast_to(NEUTRAL, (n, 3))


def _collect(scene: trimesh.Scene):
    """Per drawn geometry: world-space vertices, faces and colours; plus points and colours."""
    meshes, pts, pcols = [], [], []
    textures: dict = {}
    for node in scene.graph.nodes_geometry:
        transform, name = scene.graph[node]
        geom = scene.geometry.get(name)
        if geom is None or len(geom.vertices) == 0:
            continue
        v = trimesh.transform_points(np.asarray(geom.vertices, dtype=np.float64), transform)
        if isinstance(geom, trimesh.PointCloud):
            pts.append(v.astype(np.float32))
            colours = getattr(geom, "colors", None)
            if colours is not None and len(colours) == len(v):
                pcols.append(np.asarray(colours, dtype=np.float32)[:, :3] / 255.0)
            else:
                pcols.append(np.broadcast_to(NEUTRAL, (len(v), 3)))
        elif len(getattr(geom, "faces", ())):
            meshes.append((v.astype(np.float32), np.asarray(geom.faces),
                           np.asarray(face_colours(geom, textures), dtype=np.float32)))
    pt = np.concatenate(pts) if pts else np.zeros((0, 3), np.float32)
    pcol = np.concatenate(pcols) if pcols else np.zeros((0, 3), np.float32)
    return meshes, pt, pcol


def _shade(tri_view: np.ndarray, colours: np.ndarray) -> np.ndarray:
    normals = np.cross(tri_view[:, 1] - tri_view[:, 0], tri_view[:, 2] - tri_view[:, 0])
    length = np.linalg.norm(normals, axis=1, keepdims=True)
    normals = normals / np.maximum(length, 1e-30)
    # Scans rarely have consistent winding: light both sides of every face alike.
    normals *= np.where(normals[:, 2:3] < 0, -1.0, 1.0).astype(np.float32)
    key = np.array([-0.35, 0.55, 0.76], dtype=np.float32)
    key /= np.linalg.norm(key)
    lambert = np.clip(normals @ key, 0.0, 1.0)
    head = np.clip(normals[:, 2], 0.0, 1.0)
    shade = 0.28 + 0.52 * lambert + 0.25 * head
    return np.clip(colours * shade[:, None], 0.0, 1.0)


def _fragments(x, y, z, n_pix: int):
    """Pixel index, depth and triangle index of every covered pixel centre."""
    xmin, xmax = _min3(x), _max3(x)
    ymin, ymax = _min3(y), _max3(y)
    imin = np.clip(np.ceil(xmin - 0.5), 0, n_pix - 1).astype(np.int32)
    imax = np.clip(np.floor(xmax - 0.5), -1, n_pix - 1).astype(np.int32)
    jmin = np.clip(np.ceil(ymin - 0.5), 0, n_pix - 1).astype(np.int32)
    jmax = np.clip(np.floor(ymax - 0.5), -1, n_pix - 1).astype(np.int32)
    w = imax - imin + 1
    h = jmax - jmin + 1
    area = (x[:, 1] - x[:, 0]) * (y[:, 2] - y[:, 0]) - (x[:, 2] - x[:, 0]) * (y[:, 1] - y[:, 0])
    # Triangles that cover no pixel centre are dropped early: on dense scans that is most.
    idx = np.nonzero((w > 0) & (h > 0) & (np.abs(area) > 1e-9))[0]
    if not len(idx):
        empty = np.zeros(0, np.int64)
        return empty, np.zeros(0, np.float32), empty
    x, y, z, area = x[idx], y[idx], z[idx], area[idx]
    imin, imax, jmin, jmax, w, h = imin[idx], imax[idx], jmin[idx], jmax[idx], w[idx], h[idx]
    x0, x1, x2 = x[:, 0], x[:, 1], x[:, 2]
    y0, y1, y2 = y[:, 0], y[:, 1], y[:, 2]
    inv = 1.0 / area
    # Barycentric weights and depth as planes in pixel coordinates: w = a*px + b*py + c,
    # evaluated relative to the bounding-box corner to keep float32 precise.
    ox = imin.astype(np.float32) + 0.5
    oy = jmin.astype(np.float32) + 0.5
    a0, b0 = (y1 - y2) * inv, (x2 - x1) * inv
    a1, b1 = (y2 - y0) * inv, (x0 - x2) * inv
    c0 = ((x1 - ox) * (y2 - oy) - (x2 - ox) * (y1 - oy)) * inv
    c1 = ((x2 - ox) * (y0 - oy) - (x0 - ox) * (y2 - oy)) * inv
    dz0, dz1, z2 = z[:, 0] - z[:, 2], z[:, 1] - z[:, 2], z[:, 2]
    out_pix, out_z, out_id = [], [], []
    eps = np.float32(-1e-6)

    def emit(t, l0, l1, dx, dy):
        out_z.append(z2[t] + l0 * dz0[t] + l1 * dz1[t])
        out_pix.append((jmin[t] + dy).astype(np.int64) * n_pix + imin[t] + dx)
        out_id.append(idx[t])

    # Small triangles (dense scans: nearly all): every pixel centre of each bounding box is one
    # candidate, generated exactly, in slices of at most _MAX_CANDIDATES.
    counts = w.astype(np.int64) * h.astype(np.int64)
    small = np.nonzero(counts <= _SMALL_BOX)[0]
    n = counts[small]
    ends = np.cumsum(n)
    first = 0
    while first < len(small):
        done = ends[first - 1] if first else 0
        last = max(first + 1, int(np.searchsorted(ends, done + _MAX_CANDIDATES, side="right")))
        nn = n[first:last]
        t = np.repeat(small[first:last], nn)
        local = np.arange(int(nn.sum()), dtype=np.int64) - np.repeat(
            ends[first:last] - nn - done, nn)
        dy, dx = np.divmod(local, w[t])
        fdx, fdy = dx.astype(np.float32), dy.astype(np.float32)
        l0 = a0[t] * fdx + b0[t] * fdy + c0[t]
        l1 = a1[t] * fdx + b1[t] * fdy + c1[t]
        keep = (l0 >= eps) & (l1 >= eps) & (l0 + l1 <= 1 - eps)
        emit(t[keep], l0[keep], l1[keep], dx[keep], dy[keep])
        first = last

    # Big triangles (few): batches with the same power-of-two box, evaluated by broadcasting.
    big = np.nonzero(counts > _SMALL_BOX)[0]
    if len(big):
        lw = np.ceil(np.log2(w[big])).astype(np.int64)
        lh = np.ceil(np.log2(h[big])).astype(np.int64)
        bucket = lw * 32 + lh
        for key in np.unique(bucket):
            sel = big[bucket == key]
            kw, kh = 1 << int(key // 32), 1 << int(key % 32)
            step = max(1, _MAX_CANDIDATES // (kw * kh))
            dy, dx = np.divmod(np.arange(kw * kh, dtype=np.int64), kw)
            fdx, fdy = dx.astype(np.float32), dy.astype(np.float32)
            for i in range(0, len(sel), step):
                tids = sel[i:i + step]
                inside = (dx[None, :] < w[tids, None]) & (dy[None, :] < h[tids, None])
                l0 = a0[tids, None] * fdx + b0[tids, None] * fdy + c0[tids, None]
                l1 = a1[tids, None] * fdx + b1[tids, None] * fdy + c1[tids, None]
                inside &= (l0 >= eps) & (l1 >= eps) & (l0 + l1 <= 1 - eps)
                rows, cols = np.nonzero(inside)
                emit(tids[rows], l0[rows, cols], l1[rows, cols], dx[cols], dy[cols])
    if not out_pix:
        empty = np.zeros(0, np.int64)
        return empty, np.zeros(0, np.float32), empty
    return np.concatenate(out_pix), np.concatenate(out_z), np.concatenate(out_id)


def _min3(a):
    return np.minimum(np.minimum(a[:, 0], a[:, 1]), a[:, 2])


def _max3(a):
    return np.maximum(np.maximum(a[:, 0], a[:, 1]), a[:, 2])


def _colmin(a):
    return np.array([a[:, i].min() for i in range(a.shape[1])], dtype=a.dtype)


def _colmax(a):
    return np.array([a[:, i].max() for i in range(a.shape[1])], dtype=a.dtype)


def _resolve(pix, dq, ids):
    """Per pixel, the nearest fragment: (pixel, id, quantised depth), smaller depth = nearer."""
    if len(ids) and ids.max() < (1 << _ID_BITS) and pix.max() < (1 << 20):
        key = (pix.astype(np.uint64) << np.uint64(_DEPTH_BITS + _ID_BITS)) | (
            dq.astype(np.uint64) << np.uint64(_ID_BITS)) | ids.astype(np.uint64)
        key.sort()
        kpix = key >> np.uint64(_DEPTH_BITS + _ID_BITS)
        first = np.ones(len(key), bool)
        first[1:] = kpix[1:] != kpix[:-1]
        win = key[first]
        return (kpix[first].astype(np.int64),
                (win & np.uint64((1 << _ID_BITS) - 1)).astype(np.int64),
                ((win >> np.uint64(_ID_BITS)) & np.uint64((1 << _DEPTH_BITS) - 1)
                 ).astype(np.int64))
    order = np.lexsort((ids, dq, pix))
    spix = pix[order]
    first = np.ones(len(order), bool)
    first[1:] = spix[1:] != spix[:-1]
    return spix[first], ids[order][first], dq[order][first]


# Triangles rasterized per batch so memory stays bounded for scans of tens of millions.
_TRIANGLE_BATCH = 2_000_000


def render(scene: trimesh.Scene, size: int = 512, supersample: int = 2,
           azimuth: float = 35.0, elevation: float = 20.0) -> Image.Image:
    """The poster as a PIL image (RGB, ``size`` x ``size``)."""
    meshes, pts, pcol = _collect(scene)
    s = size * supersample
    background = np.array(BACKGROUND, dtype=np.float32) / 255.0
    if not meshes and not len(pts):
        return Image.new("RGB", (size, size), BACKGROUND)
    rot = _rotation(azimuth, elevation).astype(np.float32)
    # Bounds and rotation on vertices, before faces gather them (six times fewer rows).
    clouds = [v for v, _f, _c in meshes] + ([pts] if len(pts) else [])
    lo = np.min([_colmin(v) for v in clouds], axis=0)
    hi = np.max([_colmax(v) for v in clouds], axis=0)
    centre = (lo + hi) / 2
    rotated = [(v - centre) @ rot.T for v in clouds]
    both_min = np.min([_colmin(v) for v in rotated], axis=0)
    both_max = np.max([_colmax(v) for v in rotated], axis=0)
    tv = (np.concatenate([r[f] for r, (_v, f, _c) in zip(rotated, meshes, strict=False)])
          if meshes else np.zeros((0, 3, 3), np.float32))
    col = (np.concatenate([c for _v, _f, c in meshes]) if meshes
           else np.zeros((0, 3), np.float32))
    pv = rotated[-1] if len(pts) else pts
    del clouds, rotated
    extent = max(float(both_max[0] - both_min[0]), float(both_max[1] - both_min[1]), 1e-12)
    scale = s * 0.88 / extent
    half = np.float32(s / 2)
    mid = (both_max[:2] + both_min[:2]) / 2
    zmin, zmax = float(both_min[2]), float(both_max[2])
    zspan = max(zmax - zmin, 1e-12)

    def quantise(z):
        # 0 is nearest to the camera (largest view-space z).
        return ((zmax - z) / zspan * ((1 << _DEPTH_BITS) - 1)).astype(np.int64)

    zbuf = np.full(s * s, np.iinfo(np.int64).max, dtype=np.int64)
    image = np.empty((s * s, 3), dtype=np.float32)
    image[:] = background

    def merge(pix, dq, ids, palette):
        if not len(pix):
            return
        upix, uid, udq = _resolve(pix, dq, ids)
        nearer = udq < zbuf[upix]
        zbuf[upix[nearer]] = udq[nearer]
        image[upix[nearer]] = palette[uid[nearer]]

    for start in range(0, len(tv), _TRIANGLE_BATCH):
        batch = tv[start:start + _TRIANGLE_BATCH]
        shaded = _shade(batch, col[start:start + _TRIANGLE_BATCH])
        x = ((batch[..., 0] - mid[0]) * scale + half).astype(np.float32)
        y = (-(batch[..., 1] - mid[1]) * scale + half).astype(np.float32)
        pix, depth, ids = _fragments(x, y, np.ascontiguousarray(batch[..., 2]), s)
        merge(pix, quantise(depth), ids, shaded)

    if len(pv):
        # Points become small square splats so sparse clouds still read as a shape.
        px = np.floor((pv[:, 0] - mid[0]) * scale + half).astype(np.int64)
        py = np.floor(-(pv[:, 1] - mid[1]) * scale + half).astype(np.int64)
        dq = quantise(pv[:, 2])
        pixs, dqs, idss = [], [], []
        for dx in range(supersample):
            for dy in range(supersample):
                qx, qy = px + dx, py + dy
                ok = (qx >= 0) & (qx < s) & (qy >= 0) & (qy < s)
                pixs.append((qy * s + qx)[ok])
                dqs.append(dq[ok])
                idss.append(np.nonzero(ok)[0])
        merge(np.concatenate(pixs), np.concatenate(dqs), np.concatenate(idss),
              pcol * 0.9 + 0.05)

    image = image.reshape(size, supersample, size, supersample, 3).mean(axis=(1, 3))
    return Image.fromarray(np.round(image * 255).astype(np.uint8), "RGB")


def write_thumbnail(scene: trimesh.Scene, out_path: Path, size: int = 512) -> Path:
    render(scene, size=size).save(out_path, format="PNG", optimize=False)
    return out_path
