#!/usr/bin/env bash
# Packages the VS Code extension (lsp/vscode) to a .vsix in its build-tree copy, whose node_modules
# npm_install.sh filled, and checks what the .vsix (a zip) holds: the manifest, extension.js, the
# language client and its runtime packages, and no development tools; then loads the unpacked
# extension.js with only the packages inside the .vsix (load_extension.js).
# Usage: package_vsix.sh EXTENSION_SOURCE_DIR BUILD_COPY_DIR CMAKE_COMMAND PROJECT_VERSION
# (CMAKE_COMMAND: its `-E tar` reads zip files; PROJECT_VERSION: the .vsix must carry the project's version)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$(cd "$1" && pwd)"
copy="$(cd "$2" && pwd)"
cmake="$3"
project_version="$4"

command -v node >/dev/null || { echo "FAIL: node is not installed (scripts/bootstrap.sh installs it)"; exit 1; }
[ -x "$copy/node_modules/.bin/vsce" ] || { echo "FAIL: $copy/node_modules/.bin/vsce is missing (clients.vscode.install)"; exit 1; }

# The files that go in; package.json is already there (npm_install.sh copied it with the lock file).
cp "$src/package.json" "$src/extension.js" "$src/README.md" "$src/LICENSE" "$src/.vscodeignore" "$copy/"
version="$(node -p 'require(process.argv[1]).version' "$copy/package.json")"
if [ "$version" != "$project_version" ]; then
  echo "FAIL: the extension's version is $version, the project's is $project_version"
  exit 1
fi
vsix="$copy/helder-$version.vsix"
rm -f "$copy"/*.vsix

cd "$copy"
# No repository field: helder has no public address yet, and vsce would otherwise ask on the terminal.
./node_modules/.bin/vsce package --allow-missing-repository --out "$vsix" </dev/null

listing="$("$cmake" -E tar tf "$vsix")"
status=0
expect() {
  if ! grep -qx -- "$1" <<<"$listing"; then
    echo "FAIL: $1 is not in $(basename "$vsix")"
    status=1
  fi
}
refuse() {
  if grep -q -- "$1" <<<"$listing"; then
    echo "FAIL: $(basename "$vsix") holds $1, which does not belong in it"
    status=1
  fi
}
expect 'extension.vsixmanifest'
expect 'extension/package.json'
expect 'extension/extension.js'
expect 'extension/README.md'
expect 'extension/LICENSE.txt'
expect 'extension/node_modules/vscode-languageclient/package.json'
expect 'extension/node_modules/vscode-languageclient/lib/node/main.js'
expect 'extension/node_modules/vscode-languageserver-protocol/package.json'
expect 'extension/node_modules/vscode-jsonrpc/package.json'
refuse 'extension/node_modules/@vscode/vsce/'
# Outside node_modules: exactly these files, nothing left over from a build or an earlier run.
others="$(grep -v '^extension/node_modules/' <<<"$listing" | LC_ALL=C sort | tr '\n' ' ')"
wanted='[Content_Types].xml extension.vsixmanifest extension/LICENSE.txt extension/README.md extension/extension.js extension/package.json '
if [ "$others" != "$wanted" ]; then
  echo "FAIL: outside node_modules the .vsix holds: $others"
  echo "      expected: $wanted"
  status=1
fi

# Beside the copy, not in it: the next `vsce package` would take it in.
unpacked="$copy.unpacked"
rm -rf "$unpacked"
mkdir "$unpacked"
(cd "$unpacked" && "$cmake" -E tar xf "$vsix")
# The marketplace reads the version from the package's manifest: the project's.
if ! grep -q "Version=\"$project_version\"" "$unpacked/extension.vsixmanifest"; then
  echo "FAIL: extension.vsixmanifest does not carry the project's version $project_version"
  status=1
fi
# The manifest in the package is the one in the source tree.
if ! cmp -s "$unpacked/extension/package.json" "$src/package.json"; then
  echo "FAIL: extension/package.json in the .vsix differs from $src/package.json"
  status=1
fi
# Unpacked, extension.js must load with only the packages inside the .vsix.
node "$here/load_extension.js" "$unpacked/extension" || status=1

[ "$status" -eq 0 ] && echo "ok: $vsix ($(wc -l <<<"$listing") files, $(du -k "$vsix" | cut -f1) KiB)"
exit "$status"
