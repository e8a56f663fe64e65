// KTX2 against WebP on the first texture of a glTF/GLB (README, "KTX2"): WebP as derive.cjs
// encodes `web`, and KTX2 ETC1S and UASTC + Zstd through ktx2-encoder (Basis Universal as
// WebAssembly), which is not a project dependency:
//
//   npm install --no-save ktx2-encoder@0.6.0
//   node benchmarks/ktx2.mjs FILE.glb | grep -E "^(source|webp|ktx2)"   (the encoder is chatty)
import { createRequire } from "module";
const require = createRequire(import.meta.url);
const { encodeToKTX2 } = await import("ktx2-encoder").catch(() => {
  console.error("ktx2-encoder is not installed: npm install --no-save ktx2-encoder@0.6.0");
  process.exit(2);
});
const sharp = require("sharp");
const { NodeIO } = require("@gltf-transform/core");
const doc = await new NodeIO().read(process.argv[2]);
const tex = doc.getRoot().listTextures()[0];
const src = tex.getImage();
const { data, info } = await sharp(src).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
console.log(`source ${tex.getMimeType()} ${info.width}x${info.height} ${src.byteLength} B`);
const imageDecoder = async () => ({ data: new Uint8Array(data), width: info.width, height: info.height });
let t = performance.now();
const webp = await sharp(src).webp().toBuffer();
console.log(`webp (sharp default, as web.glb): ${webp.byteLength} B in ${((performance.now() - t) / 1000).toFixed(2)} s; GPU RGBA8+mips ${(info.width * info.height * 4 * 4 / 3 / 1024 ** 2).toFixed(1)} MiB`);
for (const [label, opts] of [
  ["ktx2 ETC1S (default quality)", { isUASTC: false, generateMipmap: true }],
  ["ktx2 UASTC + Zstd", { isUASTC: true, generateMipmap: true, needSupercompression: true }],
]) {
  t = performance.now();
  const out = await encodeToKTX2(src, { ...opts, imageDecoder });
  const secs = (performance.now() - t) / 1000;
  const gpu = (info.width * info.height * (opts.isUASTC ? 1 : 0.5) * 4 / 3 / 1024 ** 2).toFixed(1);
  process.stdout.write(`${label}: ${out.byteLength} B in ${secs.toFixed(2)} s; GPU (BC7/ASTC ${opts.isUASTC ? "8" : "ETC1S→BC1/ETC2 4"} bpp + mips) ~${gpu} MiB\n`);
}
