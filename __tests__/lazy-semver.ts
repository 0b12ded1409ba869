// Speed (docs/speed.md): cdktf requires `semver` (45 modules) when it loads, for one call:
// `semver.satisfies` in its binary version check, which runs at most once per check and test file
// (boot/binary-versions.js) and only in files whose stacks need a recent Terraform. jest maps
// `semver` here (moduleNameMapper); the real package loads on the first property read, unchanged.
import * as path from "path";

// cdktf's copy, by its full path, a request the mapper leaves alone ("semver" alone is mapped).
// cdktf is the only package of the tests' module registries that requires semver (jest's own
// snapshot module resolves it by path).
const manifest = require.resolve("semver/package.json", {
  paths: [path.dirname(require.resolve("cdktf/package.json"))],
});
let real: Record<PropertyKey, unknown> | undefined;
const load = () =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (real ??= require(path.join(path.dirname(manifest), "index.js")) as Record<PropertyKey, unknown>);

export = new Proxy({} as Record<PropertyKey, unknown>, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const found = Reflect.getOwnPropertyDescriptor(load(), key);
    return found && { ...found, configurable: true };
  },
});
