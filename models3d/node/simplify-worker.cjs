// meshoptimizer's simplifier in a worker thread of derive.cjs. WebAssembly memory only grows:
// simplifying a 5M-triangle scan leaves ~600 MB behind in the simplifier's instance. In a
// worker that memory is returned when the worker ends, before the web version is encoded.
"use strict";
const { workerData } = require("worker_threads");
const { MeshoptSimplifier } = require("meshoptimizer");

const { port, signal } = workerData;
MeshoptSimplifier.ready.then(() => {
  port.on("message", (m) => {
    let reply;
    try {
      const [indices, error] = MeshoptSimplifier.simplify(
        m.indices, m.positions, m.stride, m.target, m.error, m.flags);
      reply = { indices, error };
    } catch (e) {
      reply = { failure: String((e && e.stack) || e) };
    }
    port.postMessage(reply, reply.indices ? [reply.indices.buffer] : []);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
});
