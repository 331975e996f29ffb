#!/usr/bin/env bash
# Installs the npm packages of a client test into the BUILD tree (never the source tree): copies
# package.json and package-lock.json from SOURCE_DIR to DEST_DIR and runs `npm ci` there, unless
# DEST_DIR/node_modules already matches that lock file. Fails without node or npm.
# Usage: npm_install.sh SOURCE_DIR DEST_DIR [npm ci options...]
set -euo pipefail
src="$(cd "$1" && pwd)"
mkdir -p "$2"
dest="$(cd "$2" && pwd)"
shift 2

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "FAIL: $tool is not installed (scripts/bootstrap.sh installs nodejs and npm)"
    exit 1
  fi
done

# A copy of the lock file inside node_modules marks an install made from it (npm ci wipes node_modules).
if cmp -s "$src/package-lock.json" "$dest/node_modules/.package-lock.json.source" &&
   cmp -s "$src/package.json" "$dest/package.json"; then
  echo "up to date: $dest/node_modules"
  exit 0
fi

cp "$src/package.json" "$src/package-lock.json" "$dest/"
cd "$dest"
echo "npm ci in $dest (node $(node --version), npm $(npm --version))"
if ! npm ci --no-audit --no-fund --loglevel=error "$@"; then
  echo "npm ci failed: the test needs the npm registry (or a filled npm cache) once" >&2
  exit 1
fi
cp "$src/package-lock.json" node_modules/.package-lock.json.source
