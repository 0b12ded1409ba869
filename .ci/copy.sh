#!/usr/bin/env bash
# Copies the project's files (tracked and new, not ignored: no node_modules) into a new temporary
# folder and prints it: the other CI runs install there and leave this checkout alone. A sibling
# ../shared (the offline validator and Istio's charts, which tests find there) is linked beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
parent="$(mktemp -d "${TMPDIR:-/tmp}/gke-istio-ci-$1-XXXXXX")"
dest="$parent/project"
mkdir "$dest"
git ls-files -z --cached --others --exclude-standard |
  xargs -0 -I{} sh -c 'test -e "{}" && echo "{}"' | tar cf - -T - | tar xf - -C "$dest"
if [ -d ../shared ]; then ln -s "$(cd ../shared && pwd)" "$parent/shared"; fi
echo "$dest"
