#!/usr/bin/env bash
# The suite on another Node (22 or 24), in a copy of the project: a fresh `npm ci` that must print
# no warning, `npm test`, and `cdktf synth` through the real CLI, whose output must equal the
# reference synth byte for byte: .ci/on-node.sh 24 <reference cdktf.out>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
nodedir="$("$here/node.sh" "$1")"
reference="$2"
copy="$("$here/copy.sh" "node$1")"
# Removed at the end, also on failure (GKE_ISTIO_KEEP_CI_COPY=1 keeps it for a look).
[ -n "${GKE_ISTIO_KEEP_CI_COPY:-}" ] || trap 'cd / && rm -rf "$(dirname "$copy")"' EXIT
cd "$copy"
export PATH="$nodedir/bin:$PATH"
# node-pty (cdktf-cli) has no prebuilt binary for Node 24 and compiles against these headers,
# not the ones a machine's npm config may name.
export npm_config_nodedir="$nodedir"
echo "== Node $(node --version) in $copy"
npm ci --no-audit --no-fund 2>&1 | tee npm-ci.log
if grep -E "^npm (warn|WARN|error)" npm-ci.log; then
  echo "on-node: npm ci on Node $1 printed the warnings above" >&2
  exit 1
fi
npm test
npx cdktf synth --output "$copy/cdktf.out" >/dev/null
node "$here/compare-out.js" "$reference" "$copy/cdktf.out"
