#!/usr/bin/env bash
# Follows examples/ministerie/README.md with a freshly installed helder: copies the example ministry from the
# install tree, builds its plugin with find_package(helder) + helder_add_plugin(), runs its own tests and
# `helder rules test` on its pack, checks its letter with the plugin (--plugin-dir, then an installed plugin
# through plugin_paths in the user's config), and checks that helder_add_plugin() hides every symbol but the
# entry point and refuses to link a plugin with an undefined symbol.
# Usage: ministerie_test.sh BUILD_DIR
set -euo pipefail
build_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*"; exit 1; }

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
helder="$work/prefix/bin/helder"
export XDG_CONFIG_HOME="$work/config"  # the user's own config.toml, empty until the last step
mkdir -p "$XDG_CONFIG_HOME/helder"

# Step 1 of the README: copy the folder from the install tree.
[ -f "$work/prefix/share/helder/examples/ministerie/README.md" ] || fail "the example ministry is not installed"
cp -r "$work/prefix/share/helder/examples/ministerie" "$work/ienw"
cd "$work/ienw"

# Step 2: a new term, with an example that uses it.
cat >> packs/ienw/vaktaal.toml <<'TOML'

[[rules.vaktaal.entries]]
phrase = "baggerspecie"
replacement = "bagger"
reason = "\"Baggerspecie\" is vaktaal. \"Bagger\" is korter en zegt hetzelfde."
TOML
sed -i '/expect = \["stremming"\] },$/a\  { text = "Wij halen de baggerspecie uit de haven.", expect = ["baggerspecie"] },' packs/ienw/pack.toml
grep -q 'de baggerspecie uit' packs/ienw/pack.toml || fail "could not add an example to the pack"

# Step 3, without the plugin the pack's examples cannot all run: exit code 2, and helder says which plugin is missing.
set +e
out=$("$helder" rules test packs/ienw 2>&1)
rc=$?
set -e
echo "$out"
[ "$rc" -eq 2 ] || fail "rules test without the plugin: expected exit code 2, got $rc"
grep -q "ienw.vaktaal: 5 van de 5 voorbeelden goed" <<<"$out" || fail "the term list's examples (with the new term) did not pass"
grep -q "plugin ienw is niet geladen" <<<"$out" || fail "rules test did not name the missing plugin"

# Step 4: build the plugin against the installed SDK, with the example's own CMakeLists.txt.
cmake -S . -B build -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_INSTALL_PREFIX="$work/ienw-install" >/dev/null
cmake --build build --parallel 1 >/dev/null
plugin=build/libhelder-ienw.so
[ -f "$plugin" ] || fail "helder_add_plugin() did not make $plugin"
# Hidden visibility: of the plugin's own code only the entry point is exported (the SDK's inline functions too
# stay hidden). Instantiations of the standard library keep libstdc++'s default visibility, so they are left out.
exported=$(nm -DC --defined-only "$plugin" | cut -d' ' -f3- | grep -Ev '^(_init|_fini)$|^([a-z ]+ )?std::' || true)
[ "$exported" = "helder_plugin_v1" ] || fail "the plugin exports more than helder_plugin_v1: $exported"

# The pack's examples, every rule: exit code 0.
out=$("$helder" --plugin-dir build rules test packs/ienw) || fail "rules test with the plugin failed: $out"
echo "$out"
grep -q "Samenvatting: 17 van de 17 voorbeelden goed (4 regels)" <<<"$out" || fail "not every example ran"

# Step 6 with --plugin-dir (the first way of step 5): the letter, with the plugin's, the pack's and the changed
# base rule's findings.
set +e
out=$("$helder" --plugin-dir build check --format json tests/brief.txt)
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "expected exit code 1 for the letter, got $rc"
findings=$(python3 -c '
import json, sys
for f in json.load(sys.stdin)["files"][0]["findings"]:
    fixes = "|".join(x["replacement"] for x in f["fixes"])
    print(f["range"]["start"]["line"], f["severity"], f["rule"], f["text"], "->", fixes)' <<<"$out")
echo "$findings"
grep -qx "7 warning ienw.datum-in-cijfers 12-05-2025 -> 12 mei 2025" <<<"$findings" || fail "no date finding from the plugin"
grep -qx "7 warning ienw.vaktaal stremming -> afsluiting" <<<"$findings" || fail "no term finding from the pack"
grep -qx "5 warning ienw.vaktaal d.d. -> van" <<<"$findings" || fail "no finding for d.d."
grep -q "^9 warning rijksoverheid.sentence-length " <<<"$findings" || fail "the stricter sentence length did not apply"
! grep -q "rijksoverheid.passive-voice" <<<"$findings" || fail "passive-voice is switched off in the pack, but reported"
[ "$(grep -c ienw.datum-in-cijfers <<<"$findings")" -eq 2 ] || fail "the reference number 12-05-2025-017 was taken for a date"

# The example's own tests (ctest): the pack's examples and the letter against tests/brief-verwacht.txt.
ctest --test-dir build --output-on-failure >/dev/null || { ctest --test-dir build --output-on-failure; fail "the example's own tests"; }

# The other way of step 5: installed into a plugin folder and named in the user's config.toml, no --plugin-dir.
cmake --install build >/dev/null
[ -f "$work/ienw-install/lib/helder/plugins/libhelder-ienw.so" ] || fail "the plugin is not installed in lib/helder/plugins"
printf 'plugin_paths = ["%s"]\n' "$work/ienw-install/lib/helder/plugins" > "$XDG_CONFIG_HOME/helder/config.toml"
set +e
out=$("$helder" check tests/brief.txt 2>&1)
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "with plugin_paths: expected exit code 1, got $rc: $out"
grep -q "\[ienw.datum-in-cijfers\]" <<<"$out" || fail "the installed plugin was not loaded through plugin_paths"

# -z defs: a plugin that uses a function nobody defines does not link.
mkdir -p "$work/undefined"
cat > "$work/undefined/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(undefined_symbol LANGUAGES CXX)
find_package(helder REQUIRED)
helder_add_plugin(undefined plugin.cpp)
CMAKE
cat > "$work/undefined/plugin.cpp" <<'CPP'
int defined_nowhere();
int use_it() { return defined_nowhere(); }
CPP
cmake -S "$work/undefined" -B "$work/undefined/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
if out=$(cmake --build "$work/undefined/build" 2>&1); then fail "a plugin with an undefined symbol linked"; fi
grep -q "defined_nowhere" <<<"$out" || fail "the link error does not name the undefined symbol: $out"
echo "ministerie test passed"
