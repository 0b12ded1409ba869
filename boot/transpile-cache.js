"use strict";
// The transpile cache of boot/register-ts.js: each file's JavaScript is kept under a key made
// of everything that changes the output (the source, the TypeScript version, tsconfig.json's
// text: it extends nothing, so its text is all of it). The Node version is not part of the key:
// transpileModule's output does not depend on it. Tested input by input in
// __tests__/boot/boot-caches.test.ts, in-process so that `npm run mutation` sees it.
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

/**
 * Returns compile(source, filename) -> JavaScript, from `cacheDir` when the key matches.
 * `transpile(source, filename)` does the work on a miss.
 */
function createTranspileCache({ cacheDir, typescriptVersion, tsconfigText, transpile }) {
  const salt = [typescriptVersion, tsconfigText].join("\0");
  return function compile(source, filename) {
    const key = crypto.createHash("sha256").update(salt).update("\0").update(source).digest("hex");
    const cached = path.join(cacheDir, `${key}.js`);
    try {
      return fs.readFileSync(cached, "utf8");
    } catch {
      // not cached yet
    }
    const js = transpile(source, filename);
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      // Write beside, then rename: concurrent synths never read a half-written file.
      const tmp = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, js);
      fs.renameSync(tmp, cached);
    } catch {
      // A read-only cache only costs speed.
    }
    return js;
  };
}

module.exports = { createTranspileCache };
