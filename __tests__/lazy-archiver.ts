// Speed (docs/speed.md): cdktf requires `archiver` when it loads, for TerraformAsset archives,
// which this project never creates. Its ~70 modules were compiled again for every test file (jest
// gives each file its own module registry): about a tenth of the suite's CPU time. jest maps
// `archiver` here (moduleNameMapper); the real package loads on the first call, unchanged.
import * as path from "path";

// Found through its package.json, a request the mapper leaves alone ("archiver" alone is mapped).
const manifest = require.resolve("archiver/package.json", {
  paths: [path.dirname(require.resolve("cdktf/package.json"))],
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const realPath = path.join(path.dirname(manifest), require(manifest).main ?? "index.js");
let real: ((...args: unknown[]) => unknown) | undefined;

export = function archiver(...args: unknown[]): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  real ??= require(realPath) as (...args: unknown[]) => unknown;
  return real(...args);
};
