// Speed (docs/speed.md): zod requires its 60 translations of its error messages when it loads
// (`z.locales`; English, the default, is loaded directly and stays eager). The app defers them
// (boot/defer-modules.js); under jest, which loads every module again for each test file, they
// were about a tenth of the modules the suite compiled. jest maps zod's `../locales/index.cjs`
// here (moduleNameMapper): the same stand-in as the app's, loading the real index on first use.
import * as path from "path";

interface Rule {
  readonly request: string;
  standIn(load: () => unknown, file: string): unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEFERRED } = require("../boot/defer-modules") as { DEFERRED: Rule[] };

// By its full path, a request the mapper leaves alone.
const file = path.join(path.dirname(require.resolve("zod/package.json")), "v4/locales/index.cjs");
let real: unknown;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = () => (real ??= require(file));
const rule = DEFERRED.find((d) => d.request === "../locales/index.cjs")!;

export = rule.standIn(load, file) ?? load();
