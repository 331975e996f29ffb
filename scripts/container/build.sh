#!/usr/bin/env bash
# Builds the helder container image for CI: a release build, its Debian package, then the image from
# scripts/container/Containerfile with podman or docker (whichever is there).
# Usage: scripts/container/build.sh [IMAGE_TAG]   (default: helder:VERSION)
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/bootstrap.sh release
version=$(sed -n 's/^project(helder VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
tag=${1:-helder:$version}
context=build/release/container
rm -rf "$context"
mkdir -p "$context"
cpack --config build/release/CPackConfig.cmake -G DEB -B build/release/package >/dev/null
cp build/release/package/helder_"$version"_*.deb scripts/container/Containerfile "$context/"
engine=$(command -v podman || command -v docker || true)
[ -n "$engine" ] || { echo "build.sh: podman or docker is needed; the package is in $context" >&2; exit 1; }
"$engine" build -t "$tag" -f "$context/Containerfile" "$context"
echo "image $tag: run it as  $engine run --rm -v \"\$PWD:/work\" $tag check ."
