"use strict";
// Replaces: ValidateBinaryVersion.prototype.validate in cdktf's
// lib/validations/validate-binary-version.js (CDK Terrain's is the same class).
// Checked against: cdktf 0.21.0, cdktn 0.24.0, node 20, node 22, node 24.
// (__tests__/boot/checked-against.test.ts fails on another version or shape.)
// Speed (docs/speed.md): at synth, cdktf checks that Terraform is recent enough for each construct
// that needs it (a terraform_data resource: >= 1.4; import and moved blocks: >= 1.5) by running
// `terraform version` in a shell, once per such construct: a shell and a Terraform process each,
// about 50 ms. A file whose environments hold N release-channel or dataplane records ran it N
// times; the fuzz test of `npm test`, a hundred.
//
// Installed by boot/register-ts.js (the app) and the jest setup: each distinct check (binary,
// constraint, command and hint) runs once per process and its answer is reused, so the messages
// are the same, in the same order; Terraform does not change while a synth runs.
// GKE_ISTIO_BINARY_VERSIONS=each runs every check, as cdktf does.
function installBinaryVersions(target = engineClass(), env = process.env) {
  if (!target || env.GKE_ISTIO_BINARY_VERSIONS === "each" || target.prototype.validate.once) return;
  const validate = target.prototype.validate;
  const answers = new Map();
  function validateOnce() {
    const key = JSON.stringify([
      this.binary,
      this.versionConstraint,
      this.versionCommand,
      this.hint,
    ]);
    if (!answers.has(key)) answers.set(key, validate.call(this));
    return [...answers.get(key)];
  }
  validateOnce.once = true;
  validateOnce.original = validate;
  validateOnce.answers = answers;
  target.prototype.validate = validateOnce;
}

/** The engine's class (cdktf, or CDK Terrain under the `cdktf` name); undefined if it moved. */
function engineClass(load = () => require("cdktf/lib/validations/validate-binary-version")) {
  let found;
  try {
    found = load().ValidateBinaryVersion;
  } catch {
    // another engine layout: cdktf's own checks run, each time
  }
  return found;
}

module.exports = { installBinaryVersions, engineClass };
