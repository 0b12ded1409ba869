// Speed (docs/speed.md): cdktf's `terraform version` checks run once per process in the app and
// the tests alike (boot/binary-versions.js), by a patch of cdktf's ValidateBinaryVersion class.
// The jest setup used to load that class to patch it in every test file, and with it semver's
// 45 modules, though most files never synthesize. jest maps cdktf's module here instead
// (moduleNameMapper, `validate-binary-version$`): the real module loads when cdktf (or a test)
// first requires it, and is patched then, before any check can run.
import * as path from "path";

// By its full path, a request the mapper leaves alone.
const real = path.join(
  path.dirname(require.resolve("cdktf/package.json")),
  "lib",
  "validations",
  "validate-binary-version.js",
);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loaded = require(real) as { ValidateBinaryVersion: unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("../boot/binary-versions").installBinaryVersions(loaded.ValidateBinaryVersion);

export = loaded;
