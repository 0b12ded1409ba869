#!/usr/bin/env bash
# CDK Terrain, proven: in a copy of the project, `npm run engine -- cdktn`, a fresh install on
# Node 24 that must print no warning, the whole suite, and `cdktn synth` (JSON and --hcl) against
# the default engine's reference synths: equal as JSON, with the byte differences listed.
# .ci/engine-cdktn.sh <reference cdktf.out> <reference cdktf.out of synth --hcl>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
nodedir="$("$here/node.sh" 24)"
copy="$("$here/copy.sh" cdktn)"
# Removed at the end, also on failure (GKE_ISTIO_KEEP_CI_COPY=1 keeps it for a look).
[ -n "${GKE_ISTIO_KEEP_CI_COPY:-}" ] || trap 'cd / && rm -rf "$(dirname "$copy")"' EXIT
cd "$copy"
export PATH="$nodedir/bin:$PATH"
export npm_config_nodedir="$nodedir"
echo "== CDK Terrain on Node $(node --version) in $copy"
npm run --silent engine -- cdktn
# The lockfile names cdktf 0.21: npm install resolves the engine's packages anew.
npm install --no-audit --no-fund 2>&1 | tee npm-install.log
if grep -E "^npm (warn|WARN|error)" npm-install.log; then
  echo "engine-cdktn: npm install printed the warnings above" >&2
  exit 1
fi
[ "$(node -p 'require("cdktf/package.json").name')" = cdktn ] || { echo "engine-cdktn: cdktf is not cdktn" >&2; exit 1; }
npm test
npx cdktn synth --output "$copy/out-json" >/dev/null
npx cdktn synth --hcl --output "$copy/out-hcl" >/dev/null
node "$here/compare-out.js" "$1" "$copy/out-json" --as-json
node "$here/compare-out.js" "$2" "$copy/out-hcl" --as-json
