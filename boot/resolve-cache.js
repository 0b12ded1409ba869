"use strict";
// Replaces: Module._resolveFilename (Node's module resolution), answering from a file what it
// answered before (Node 20.20.2 here, 22.23.5 and 24.22.3 in .ci/node.sh).
// Checked against: node 20, node 22, node 24.
// (__tests__/boot/checked-against.test.ts fails on another version or shape.)
// Speed (docs/speed.md): a synth resolves about 780 `require`s, nearly all into node_modules,
// each a walk of package.json files and stat calls: 50 to 75 ms of a 0.5 s app. The answers only
// change when the installed packages do, so they are remembered in node_modules/.cache, in a file
// named by package-lock.json, the Node version and the project folder. Only answers inside
// node_modules (or Node's own modules) are kept, for requests made from a package or for a
// package name; the project's relative requires resolve as usual. A remembered file that no
// longer exists is resolved again, and GKE_ISTIO_RESOLVE_CACHE=off turns it off.
// Installed by boot/register-ts.js.
const crypto = require("crypto");
const fs = require("fs");
const NodeModule = require("module");
const path = require("path");

// `host` stands in for Node in the in-process tests (__tests__/boot/boot-caches.test.ts).
function installResolveCache(root, env = process.env, host = {}) {
  const {
    Module = NodeModule,
    nodeVersion = process.version,
    onExit = (write) => process.once("exit", write),
  } = host;
  if (env.GKE_ISTIO_RESOLVE_CACHE === "off" || Module._resolveFilename.resolveCache) return;
  const modules = path.join(root, "node_modules") + path.sep;
  let lock;
  try {
    lock = fs.readFileSync(path.join(root, "package-lock.json"));
  } catch {
    return; // no lock file: nothing names the installed packages
  }
  const name = crypto
    .createHash("sha256")
    .update(lock)
    .update(`\0${nodeVersion}\0${root}`)
    .digest("hex")
    .slice(0, 20);
  const file = path.join(modules, ".cache", "gke-istio-cdktf", `resolve-${name}.json`);
  let known = Object.create(null);
  try {
    // Stryker disable next-line StringLiteral: equivalent, JSON.parse reads a Buffer as UTF-8 too
    known = Object.assign(Object.create(null), JSON.parse(fs.readFileSync(file, "utf8")));
  } catch {
    // first run, or an unreadable cache: resolve everything
  }
  let added = false;
  const resolve = Module._resolveFilename;
  function resolveFilename(request, parent, isMain, options) {
    const from = parent && parent.filename;
    // From a package, anything; from the project's own files, package names only.
    const bare = !request.startsWith(".") && !path.isAbsolute(request);
    if (options || isMain || !from || !(from.startsWith(modules) || bare)) {
      return resolve.call(this, request, parent, isMain, options);
    }
    const key = `${path.dirname(from)}\0${request}`;
    const cached = known[key];
    if (cached !== undefined && (!path.isAbsolute(cached) || fs.existsSync(cached))) return cached;
    const found = resolve.call(this, request, parent, isMain, options);
    if (Module.isBuiltin(found) || found.startsWith(modules)) {
      known[key] = found;
      added = true;
    }
    return found;
  }
  resolveFilename.resolveCache = true;
  Module._resolveFilename = resolveFilename;
  onExit(() => {
    if (!added) return;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(known));
      fs.renameSync(tmp, file); // concurrent runs never read a half-written file
    } catch {
      // A read-only cache only costs speed.
    }
  });
}

module.exports = { installResolveCache };
