// Runs the Khronos glTF validator on one .gltf/.glb and prints its JSON report on stdout.
// External resources are only read from inside the root folder given as second argument,
// so a hostile glTF cannot make the validator read arbitrary files from the server.
"use strict";
const fs = require("fs");
const path = require("path");
const validator = require("gltf-validator");

const file = process.argv[2];
const root = path.resolve(process.argv[3] || path.dirname(file));
const maxIssues = parseInt(process.argv[4] || "50", 10);

function insideRoot(p) {
  const rel = path.relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

const data = fs.readFileSync(file);
validator
  .validateBytes(new Uint8Array(data), {
    uri: path.basename(file),
    maxIssues,
    externalResourceFunction: (uri) =>
      new Promise((resolve, reject) => {
        let target;
        try {
          target = path.resolve(path.dirname(file), decodeURIComponent(uri));
        } catch (e) {
          reject("bad uri");
          return;
        }
        if (!insideRoot(target)) {
          reject("outside upload: " + uri);
          return;
        }
        fs.readFile(target, (err, buf) => (err ? reject(err.toString()) : resolve(new Uint8Array(buf))));
      }),
  })
  .then((report) => {
    process.stdout.write(JSON.stringify(report));
  })
  .catch((error) => {
    process.stdout.write(JSON.stringify({ fatal: String(error) }));
    process.exitCode = 2;
  });
