"use strict";
// Replaces: Error.captureStackTrace, for the `{ stack: "" }` holders of captureStackTrace in
// cdktf's lib/tokens/private/stack-trace.js (CDK Terrain's is the same function).
// Checked against: cdktf 0.21.0, cdktn 0.24.0, node 20, node 22, node 24.
// (__tests__/boot/checked-against.test.ts fails on another version or shape.)
// Speed (docs/speed.md): cdktf records a complete stack trace (Error.stackTraceLimit raised to
// the maximum) every time it creates a token, a lazy value or a complex attribute, dozens per
// resource, only to quote it in the message of a token that later fails to resolve. Capturing
// and formatting those traces was 40 % of the app's CPU time and a third of its memory.
//
// Installed by boot/register-ts.js (the app) and the jest setup: cdktf's trace holders, plain
// `{ stack: "" }` objects, get no trace, so cdktf records an empty creation stack. Real errors
// (anything whose tag is Error) and any other object are captured exactly as before.
//
// GKE_ISTIO_CREATION_STACKS=full keeps cdktf's traces, for the rare resolution error that needs
// to say where a token was made.
function installCreationStacks(target = Error, env = process.env) {
  if (env.GKE_ISTIO_CREATION_STACKS === "full" || target.captureStackTrace.skipsCreationStacks)
    return;
  const capture = target.captureStackTrace;
  const isTraceHolder = (object) =>
    object !== null &&
    typeof object === "object" &&
    Object.getPrototypeOf(object) === Object.prototype &&
    object.stack === "" &&
    Object.keys(object).length === 1;
  function captureStackTrace(object, below) {
    if (isTraceHolder(object)) return;
    return capture.call(this, object, below);
  }
  captureStackTrace.skipsCreationStacks = true;
  captureStackTrace.original = capture;
  target.captureStackTrace = captureStackTrace;
}

module.exports = { installCreationStacks };
