#!/usr/bin/env bash
# Runs the unit and integration tests once more on another Node.js major (default 24), so a
# version bump of better-sqlite3, Next or Prisma that breaks there is seen.
#   scripts/test-other-node.sh [major]        (PostgreSQL pass when TEST_DATABASE_URL is set)
# Node itself comes from the npm registry (`npx node@<major>`, the official build with headers).
# better-sqlite3 is a native addon built for one Node ABI, so the tests run in a scratch copy of
# the tree: everything hard-linked except better-sqlite3, which is copied and rebuilt there from
# its bundled sources against that Node's headers. The working tree is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
major=${1:-24}
root=$PWD
started=$(date +%s)

# The npm registry serves each official Node release (binary and include/node headers) as
# node-<platform>-<arch>, the package `npx node@<major>` installs underneath; it is kept in a cache.
platform=$(node -p 'process.platform + "-" + process.arch')
cache="${XDG_CACHE_HOME:-$HOME/.cache}/switchyard/node$major"
if [[ ! -x "$cache/node_modules/node-$platform/bin/node" ]] || [[ -n "$(find "$cache" -maxdepth 0 -mtime +7)" ]]; then
  npm install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-$platform@$major" >/dev/null
  touch "$cache"
fi
node_dir="$cache/node_modules/node-$platform"
node_bin="$node_dir/bin/node"
echo "[node$major] $("$node_bin" --version) at $node_bin"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/switchyard-node$major.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
# Hard links are instant and read-only use is safe; .next, data and .git are not needed.
for entry in $(ls -A "$root"); do
  case "$entry" in .git | .next | data | node_modules) ;; *) cp -al "$root/$entry" "$scratch/" ;; esac
done
# data/ holds the local database (not copied) and the files the product ships there (copied).
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
  (cd "$root" && git ls-files -z data | xargs -0 -r cp -al --parents -t "$scratch")
elif [[ -d "$root/data/backtest" ]]; then
  mkdir -p "$scratch/data" && cp -al "$root/data/backtest" "$scratch/data/"
fi
mkdir "$scratch/node_modules"
for entry in $(ls -A "$root/node_modules"); do
  [[ "$entry" == better-sqlite3 ]] || cp -al "$root/node_modules/$entry" "$scratch/node_modules/"
done
cp -a "$root/node_modules/better-sqlite3" "$scratch/node_modules/"
addon_dir="$scratch/node_modules/better-sqlite3/build/Release"
rm -rf "$scratch/node_modules/better-sqlite3/build"
mkdir -p "$addon_dir"

# Compiling SQLite takes minutes: the addon is cached per better-sqlite3 version and Node release.
sqlite_version=$(node -p 'require("./node_modules/better-sqlite3/package.json").version')
cached_addon="$cache/better-sqlite3-$sqlite_version-node-$("$node_bin" --version).node"
if [[ -f "$cached_addon" ]]; then
  cp "$cached_addon" "$addon_dir/better_sqlite3.node"
else
  echo "[node$major] building better-sqlite3 $sqlite_version for ABI $("$node_bin" -p 'process.versions.modules')"
  npm_gyp=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js
  (cd "$scratch/node_modules/better-sqlite3" &&
    "$node_bin" "$npm_gyp" rebuild --release --nodedir="$node_dir" -j 2 >"$scratch/gyp.log" 2>&1) || {
    tail -30 "$scratch/gyp.log" >&2
    exit 1
  }
  cp "$addon_dir/better_sqlite3.node" "$cached_addon"
fi
built=$(date +%s)
echo "[node$major] ready in $((built - started)) s"

cd "$scratch"
PATH="$(dirname "$node_bin"):$PATH" "$node_bin" node_modules/vitest/vitest.mjs run --project unit --project integration
echo "[node$major] unit + integration passed in $(($(date +%s) - started)) s (setup $((built - started)) s)"
