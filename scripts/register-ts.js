"use strict";
// Runs the project's TypeScript without ts-node: each file is transpiled once with TypeScript's
// transpileModule (no type check: `tsc --noEmit` does that in `npm test`) and cached by content,
// so later synths never load the compiler (about 3x faster and 100 MB lighter than ts-node).
// Use: node --require ./scripts/register-ts.js main.ts
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

// Dependencies the app never calls are loaded on first use (scripts/defer-modules.js).
require("./defer-modules");
// cdktf's creation stack traces are not recorded (scripts/creation-stacks.js).
require("./creation-stacks").installCreationStacks();

const root = path.resolve(__dirname, "..");
// Module resolution into node_modules remembered across runs (scripts/resolve-cache.js).
require("./resolve-cache").installResolveCache(root);
const cacheDir =
  process.env.GKE_ISTIO_TS_CACHE || path.join(root, "node_modules", ".cache", "gke-istio-cdktf");
const tsconfigPath = path.join(root, "tsconfig.json");
// The cache key covers what changes the output: the source, the compiler version and tsconfig.
const salt = [
  require("typescript/package.json").version,
  fs.readFileSync(tsconfigPath, "utf8"),
].join("\0");

let compilerOptions;
function transpile(source, filename) {
  const ts = require("typescript");
  if (!compilerOptions) {
    const { config } = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
    compilerOptions = { ...parsed.options, noEmit: false, sourceMap: false, declaration: false };
  }
  return ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText;
}

require.extensions[".ts"] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const key = crypto.createHash("sha256").update(salt).update("\0").update(source).digest("hex");
  const cached = path.join(cacheDir, `${key}.js`);
  let js;
  try {
    js = fs.readFileSync(cached, "utf8");
  } catch {
    js = transpile(source, filename);
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      // Write beside, then rename: concurrent synths never read a half-written file.
      const tmp = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, js);
      fs.renameSync(tmp, cached);
    } catch {
      // A read-only cache only costs speed.
    }
  }
  module._compile(js, filename);
};
