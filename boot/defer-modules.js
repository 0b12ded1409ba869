"use strict";
// Replaces: Module._load (Node's require), for two requests from named files only: `archiver`
// from cdktf's lib/private/fs.js (CDK Terrain zips with fflate: that rule never fires) and
// `../locales/index.cjs` from zod's v4/core/index.cjs and v4/classic/external.cjs.
// Checked against: cdktf 0.21.0, cdktn 0.24.0, zod 4.6.7, node 20, node 22, node 24.
// (__tests__/boot/checked-against.test.ts fails on another version or shape.)
// Two dependencies the app never uses are loaded only if something calls them (docs/speed.md):
// - `archiver`, which cdktf requires at load for TerraformAsset zip archives (this project
//   makes none; cdktf even zips in a child process): ~80 ms and 14 MB of a ~0.6 s, 135 MB synth;
// - zod's 60 translations of its error messages (`z.locales`; English, the default, is loaded
//   directly by zod and stays eager): ~28 ms and 8 MB.
// Each is replaced, only where that one file requires it, by a stand-in that loads the real
// module on first use, so behaviour is unchanged. Loaded by boot/register-ts.js.
const fs = require("fs");
const Module = require("module");

const sep = "[\\\\/]";
const DEFERRED = [
  {
    request: "archiver",
    from: new RegExp(`${sep}cdktf${sep}lib${sep}private${sep}fs\\.js$`),
    // archiver is a function: `archiver("zip", options)`.
    standIn: (load) =>
      function archiver(...args) {
        return load()(...args);
      },
  },
  {
    request: "../locales/index.cjs",
    from: new RegExp(`${sep}zod${sep}v4${sep}(core${sep}index|classic${sep}external)\\.cjs$`),
    // An ES-module namespace: one getter per locale, read from the index's own export list.
    standIn: (load, file) => {
      const names = [...fs.readFileSync(file, "utf8").matchAll(/defineProperty\(exports, "(\w+)"/g)]
        .map((m) => m[1])
        .filter((n) => n !== "__esModule");
      if (names.length === 0) return undefined; // not the layout we know: load it now
      const namespace = { __esModule: true };
      for (const name of names) {
        Object.defineProperty(namespace, name, { enumerable: true, get: () => load()[name] });
      }
      return namespace;
    },
  },
];

const originalLoad = Module._load;
const standIns = new Map();
Module._load = function deferringLoad(request, parent, isMain) {
  const rule =
    parent &&
    parent.filename &&
    DEFERRED.find((d) => d.request === request && d.from.test(parent.filename));
  if (!rule) return originalLoad.call(this, request, parent, isMain);
  const file = Module._resolveFilename(request, parent, isMain);
  if (!standIns.has(file)) {
    let real;
    const load = () => (real ??= originalLoad.call(Module, request, parent, false));
    const standIn = rule.standIn(load, file);
    if (standIn === undefined) return load();
    standIns.set(file, standIn);
  }
  return standIns.get(file);
};

// For __tests__/boot/checked-against.test.ts: the files and requests each rule expects.
module.exports = { DEFERRED };
