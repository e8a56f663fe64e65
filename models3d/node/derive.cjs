// Makes every viewer derivative of one glTF/GLB master in a single Node process. On stdout, one
// JSON line {"ready": role, "file": name} per finished file, then a last line with the report:
// {"master": {...}, "derivatives": [{role, file, bytes, triangle_count, max_texture_size,
// validator: {errors, warnings}}], "timings": {...}}.
//
//   node derive.cjs INPUT OUT_DIR '{"web": {...}, "mobile": {...}, "ar": {...}}'
//
// One process reads the master once (a 5M-triangle scan is ~150 MB; reading it three times
// dominated ingest time), cleans it up once the way `gltf-transform optimize` does, then:
//   web    = cleaned master, textures <= 2048 px WebP, meshopt-compressed, never simplified;
//   ar     = geometry simplified to <= mobile.triangles with locked borders, textures <= 2048
//            px in their own JPEG/PNG format, no meshopt (Scene Viewer cannot decode it);
//   mobile = the same simplified geometry, textures <= 1024 px WebP, meshopt-compressed.
// The master file itself is only read. Each output is checked with the Khronos validator here,
// in-process, so Python does not pay for three more Node start-ups.
"use strict";
const fs = require("fs");
const path = require("path");
const { NodeIO, ImageUtils, Logger } = require("@gltf-transform/core");
const { ALL_EXTENSIONS } = require("@gltf-transform/extensions");
const F = require("@gltf-transform/functions");
const { MeshoptDecoder, MeshoptEncoder, MeshoptSimplifier } = require("meshoptimizer");
const draco3d = require("draco3dgltf");
const sharp = require("sharp");
const validator = require("gltf-validator");
const { Worker, MessageChannel, receiveMessageOnPort } = require("worker_threads");

const [input, outDir, rawOptions] = process.argv.slice(2);
const options = JSON.parse(rawOptions || "{}");
const WEB = { texture: 2048, ...(options.web || {}) };
const MOBILE = { texture: 1024, triangles: 500000, ...(options.mobile || {}) };
const AR = { texture: 2048, ...(options.ar || {}) };
const timings = {};
// stdout carries the JSON lines only; library notices go to stderr.
console.log = console.info = console.warn = console.debug = (...args) =>
  process.stderr.write(args.join(" ") + "\n");

// Large typed arrays are only returned to the OS once collected; collecting between stages
// keeps a 5M-triangle scan well under 2 GB (run with --expose-gc).
function collect() {
  if (global.gc) global.gc();
}

function since(t0) {
  return Math.round((performance.now() - t0)) / 1000;
}

function triangleCount(doc) {
  let n = 0;
  for (const mesh of doc.getRoot().listMeshes()) {
    for (const prim of mesh.listPrimitives()) {
      if (prim.getMode() !== 4) continue; // TRIANGLES; strips and fans are rare in scans
      const idx = prim.getIndices();
      const pos = prim.getAttribute("POSITION");
      n += Math.floor((idx ? idx.getCount() : pos ? pos.getCount() : 0) / 3);
    }
  }
  return n;
}

// Counts of the master as stored (per mesh, not per instance), plus triangles as drawn
// (every node that instances a mesh) and the world-space bounding box of the default scene.
function masterStats(doc) {
  const root = doc.getRoot();
  let vertices = 0;
  let points = 0;
  let primitives = 0;
  for (const mesh of root.listMeshes()) {
    for (const prim of mesh.listPrimitives()) {
      primitives += 1;
      const pos = prim.getAttribute("POSITION");
      const n = pos ? pos.getCount() : 0;
      if (prim.getMode() === 0) points += n;
      else vertices += n;
    }
  }
  let drawn = 0;
  const scene = root.getDefaultScene() || root.listScenes()[0];
  if (scene) {
    scene.traverse((node) => {
      const mesh = node.getMesh();
      if (!mesh) return;
      for (const prim of mesh.listPrimitives()) {
        if (prim.getMode() !== 4) continue;
        const idx = prim.getIndices();
        const pos = prim.getAttribute("POSITION");
        drawn += Math.floor((idx ? idx.getCount() : pos ? pos.getCount() : 0) / 3);
      }
    });
  }
  const bounds = scene ? F.getBounds(scene) : { min: [0, 0, 0], max: [0, 0, 0] };
  const finite = bounds.min.concat(bounds.max).every(Number.isFinite);
  return {
    triangle_count: triangleCount(doc), vertex_count: vertices, point_count: points,
    primitive_count: primitives, drawn_triangle_count: drawn,
    bbox_min: finite ? bounds.min : [0, 0, 0], bbox_max: finite ? bounds.max : [0, 0, 0],
    max_texture_size: maxTextureSize(doc),
  };
}

function maxTextureSize(doc) {
  let max = 0;
  for (const tex of doc.getRoot().listTextures()) {
    const size = ImageUtils.getSize(tex.getImage(), tex.getMimeType());
    if (size) max = Math.max(max, size[0], size[1]);
  }
  return max;
}

async function validate(bytes) {
  const report = await validator.validateBytes(new Uint8Array(bytes), { maxIssues: 20 });
  const messages = (report.issues.messages || []).filter((m) => m.severity === 0);
  return {
    errors: report.issues.numErrors,
    warnings: report.issues.numWarnings,
    messages: messages.slice(0, 5).map((m) => `${m.code} ${m.pointer || ""}`.trim()),
  };
}

async function write(io, doc, role) {
  const t0 = performance.now();
  const bytes = await io.writeBinary(doc);
  const file = path.join(outDir, `${role}.glb`);
  fs.writeFileSync(file, bytes);
  const entry = {
    role,
    file: path.basename(file),
    bytes: bytes.byteLength,
    triangle_count: triangleCount(doc),
    max_texture_size: maxTextureSize(doc),
    validator: await validate(bytes),
  };
  timings[`write_${role}`] = since(t0);
  // One line as soon as a file is complete: Python draws the poster from `ar` while the
  // other versions are still being made.
  process.stdout.write(JSON.stringify({ ready: entry.role, file: entry.file }) + "\n");
  return entry;
}

// The cleanup of `gltf-transform optimize` minus simplification and compression: lossless
// merging of duplicate data, instancing, welding; the reference pipeline we are measured by.
function cleanup() {
  return [
    F.dedup(), F.instance(), F.palette(), F.flatten(), F.join(), F.weld(), F.resample(),
    // Solid-colour texture detection decodes every texture (1.2 s on an 8K scan) and sparse
    // accessors only pay off for morph targets; both are left out.
    F.prune({ keepAttributes: false, keepIndices: false, keepLeaves: false,
      keepSolidTextures: true }),
  ];
}

function webp(size) {
  return F.textureCompress({ encoder: sharp, targetFormat: "webp", resize: [size, size] });
}

function meshopt() {
  return F.meshopt({ encoder: MeshoptEncoder, level: "high" });
}

// A simplifier with meshoptimizer's interface whose `simplify` runs in a worker thread (see
// simplify-worker.cjs); gltf-transform calls it synchronously, so the main thread waits on
// an Atomics flag and reads the reply with receiveMessageOnPort.
function isolatedSimplifier() {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(path.join(__dirname, "simplify-worker.cjs"), {
    workerData: { port: port2, signal }, transferList: [port2],
  });
  return {
    simplify(indices, positions, stride, target, error, flags) {
      Atomics.store(signal, 0, 0);
      port1.postMessage({ indices, positions, stride, target, error, flags });
      if (Atomics.wait(signal, 0, 0, 30 * 60 * 1000) === "timed-out") {
        throw new Error("mesh simplification timed out");
      }
      const reply = receiveMessageOnPort(port1).message;
      if (reply.failure) throw new Error(reply.failure);
      return [reply.indices, reply.error];
    },
    simplifyPoints: (...args) => MeshoptSimplifier.simplifyPoints(...args),
    compactMesh: (...args) => MeshoptSimplifier.compactMesh(...args),
    close: () => worker.terminate(),
  };
}

// Simplify until the whole model has at most `target` triangles. Borders stay locked, so
// cut edges of a scan and UV-atlas seams keep their outline; a second, unbounded-error pass
// runs only if the error cap stopped the first one short of the budget.
async function simplifyTo(doc, target) {
  const before = triangleCount(doc);
  if (before <= target) return before;
  const simplifier = isolatedSimplifier();
  try {
    for (const error of [0.01, 1]) {
      const ratio = Math.min(1, target / triangleCount(doc));
      await doc.transform(F.simplify({ simplifier, ratio, error, lockBorder: true }));
      if (triangleCount(doc) <= target) break;
    }
  } finally {
    await simplifier.close();
  }
  return triangleCount(doc);
}

async function main() {
  await Promise.all([MeshoptDecoder.ready, MeshoptEncoder.ready, MeshoptSimplifier.ready]);
  const io = new NodeIO().registerExtensions(ALL_EXTENSIONS).registerDependencies({
    "draco3d.decoder": await draco3d.createDecoderModule(),
    "meshopt.decoder": MeshoptDecoder,
    "meshopt.encoder": MeshoptEncoder,
  });
  let t0 = performance.now();
  const doc = await io.read(input);
  doc.setLogger(new Logger(Logger.Verbosity.ERROR));
  timings.read = since(t0);
  const master = masterStats(doc);
  // Draco is decoded on read; derivatives never carry it (meshopt decodes faster; AR readers
  // are safest without any geometry compression).
  for (const ext of doc.getRoot().listExtensionsUsed()) {
    if (ext.extensionName === "KHR_draco_mesh_compression") ext.dispose();
  }
  t0 = performance.now();
  await doc.transform(...cleanup());
  timings.cleanup = since(t0);

  // Smallest first: the simplified copy is made (and its full-size clone freed) before the
  // web version's meshopt encoding allocates its own buffers, which keeps peak memory down.
  const derivatives = [];
  t0 = performance.now();
  const small = F.cloneDocument(doc);
  small.setLogger(doc.getLogger());
  await simplifyTo(small, MOBILE.triangles);
  collect();
  timings.simplify = since(t0);

  t0 = performance.now();
  const ar = F.cloneDocument(small);
  ar.setLogger(doc.getLogger());
  // Resize only, in the texture's own format: WebP is not read by every AR viewer.
  await ar.transform(
    F.textureCompress({ encoder: sharp, targetFormat: "png", formats: /webp|avif/ }),
    F.textureCompress({ encoder: sharp, resize: [AR.texture, AR.texture] }),
  );
  for (const ext of ar.getRoot().listExtensionsUsed()) {
    if (["EXT_texture_webp", "EXT_texture_avif"].includes(ext.extensionName)) ext.dispose();
  }
  timings.ar = since(t0);
  derivatives.push(await write(io, ar, "ar"));

  t0 = performance.now();
  // From the AR textures (already <= 2048 px), not the master's: one decode of an 8K image less.
  const mobile = ar;
  await mobile.transform(webp(MOBILE.texture), meshopt());
  timings.mobile = since(t0);
  derivatives.push(await write(io, mobile, "mobile"));
  collect();

  t0 = performance.now();
  await doc.transform(webp(WEB.texture));
  collect();
  await doc.transform(meshopt());
  collect();
  timings.web = since(t0);
  derivatives.unshift(await write(io, doc, "web"));

  process.stdout.write(JSON.stringify({ master, derivatives, timings }));
}

main().catch((error) => {
  process.stderr.write(String((error && error.stack) || error));
  process.exitCode = 2;
});
