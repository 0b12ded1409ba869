"use strict";
// Replaces: ts-node, with a `.ts` entry in require.extensions (deprecated by Node, still
// supported) that compiles with TypeScript's transpileModule.
// Checked against: typescript 5.9.3, node 20, node 22, node 24.
// (__tests__/boot/checked-against.test.ts fails on another version or shape.)
// Runs the project's TypeScript without ts-node: each file is transpiled once with TypeScript's
// transpileModule (no type check: `tsc --noEmit` does that in `npm test`) and cached by content,
// so later synths never load the compiler (about 3x faster and 100 MB lighter than ts-node).
// Use: node --require ./boot/register-ts.js main.ts
const fs = require("fs");
const path = require("path");

// Dependencies the app never calls are loaded on first use (boot/defer-modules.js).
require("./defer-modules");
// cdktf's creation stack traces are not recorded (boot/creation-stacks.js).
require("./creation-stacks").installCreationStacks();

const root = path.resolve(__dirname, "..");
// Module resolution into node_modules remembered across runs (boot/resolve-cache.js).
require("./resolve-cache").installResolveCache(root);
// cdktf's `terraform version` checks run once per process (boot/binary-versions.js).
require("./binary-versions").installBinaryVersions();
const cacheDir =
  process.env.GKE_ISTIO_TS_CACHE || path.join(root, "node_modules", ".cache", "gke-istio-cdktf");
const tsconfigPath = path.join(root, "tsconfig.json");

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

// Keyed by the source, the compiler version and tsconfig (boot/transpile-cache.js).
const compile = require("./transpile-cache").createTranspileCache({
  cacheDir,
  typescriptVersion: require("typescript/package.json").version,
  tsconfigText: fs.readFileSync(tsconfigPath, "utf8"),
  transpile,
});

require.extensions[".ts"] = function compileTypeScript(module, filename) {
  module._compile(compile(fs.readFileSync(filename, "utf8"), filename), filename);
};
