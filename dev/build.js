#!/usr/bin/env node
// `npm run build` (and `npm pack`, through prepack): the library as the published package holds it.
// dist/ gets the compiled JavaScript and .d.ts files of the library's folders, the local charts
// (the constructs find them at <dist>/charts, as they find <repo>/charts from source) and the
// environment file's JSON Schema, for editors.
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");

fs.rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json")],
  { cwd: root, stdio: "inherit" },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
fs.cpSync(path.join(root, "charts"), path.join(dist, "charts"), { recursive: true });
fs.copyFileSync(
  path.join(root, "config", "environments.schema.json"),
  path.join(dist, "config", "environments.schema.json"),
);
