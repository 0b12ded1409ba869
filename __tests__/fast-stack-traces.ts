// Speed (docs/speed.md): cdktf records a full stack trace (Error.stackTraceLimit = Infinity) every
// time it creates a token or a complex attribute, dozens per resource, only to quote it if that
// token later fails to resolve. Under jest each of those went through jest's source-map formatter,
// frame by frame: a third of the suite's CPU time. Here stacks captured on plain objects (cdktf's
// `{ stack: "" }` holders) get V8's own cheap format; every real Error, thrown by a test or the
// code under test, still goes to jest's formatter and keeps its source-mapped frames.

import { readFileSync } from "fs";

// The main realm's Error, where jest installs its formatter (it reinstalls it per test file).
// Core modules come from the main realm, so their Function constructor evaluates there.
const MainRealmError = (readFileSync.constructor as FunctionConstructor)(
  "return Error",
)() as ErrorConstructor;

/** Frames kept of a cdktf creation stack: where the token was made, not the whole jest stack. */
const FRAMES = 12;

const isRealError = (e: unknown) => Object.prototype.toString.call(e) === "[object Error]";

Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => {
  if (isRealError(error) && MainRealmError.prepareStackTrace)
    return MainRealmError.prepareStackTrace(error as Error, frames);
  const head = isRealError(error) ? String(error) : "Error";
  const shown = frames.slice(0, FRAMES).map((f) => `\n    at ${f}`);
  const more = frames.length > FRAMES ? `\n    at ... ${frames.length - FRAMES} more frames` : "";
  return `${head}${shown.join("")}${more}`;
};

// And cdktf records no creation stack at all unless GKE_ISTIO_CREATION_STACKS=full, as in the app
// (boot/creation-stacks.js): the capture itself was most of what was left of that cost.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("../boot/creation-stacks").installCreationStacks(Error);

// And cdktf's `terraform version` checks run once per test file, as once per process in the app
// (boot/binary-versions.js): patched when cdktf loads its class (binary-versions-on-load.ts).
