#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine for helder: installs the missing Debian packages (as root, with
# apt-get), then configures and builds with a CMake preset (default: dev).
# Usage: scripts/bootstrap.sh [preset]
set -euo pipefail
preset="${1:-dev}"
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost-dev libicu-dev libhunspell-dev hunspell-nl libhyphen-dev hyphen-nl
  libtomlplusplus-dev catch2 nlohmann-json3-dev libcli11-dev libfmt-dev libmd4c-dev
  libzip-dev libpugixml-dev libpoppler-cpp-dev libgumbo-dev libssl-dev
  neovim
  # tests: real producers of Word, ODT, HTML and PDF files, a SARIF schema validator, a browser
  pandoc libcairo2-dev qpdf zip python3 python3-jsonschema python3-yaml parallel chromium
  # the fuzz preset: clang with libFuzzer and the sanitizer runtimes, llvm-symbolizer for readable crash stacks
  clang libclang-rt-14-dev llvm
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm for the editor-client tests: any installation will do (Debian's, or NodeSource's, whose
# nodejs package already holds npm and conflicts with Debian's npm package).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
