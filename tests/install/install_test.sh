#!/usr/bin/env bash
# Installs helder into a temporary prefix, checks a letter with the installed program (its plugins
# and packs are found in the install tree, not the build tree), then builds a ministry's plugin
# against the installed SDK with find_package(helder) and loads it with --plugin-dir.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
helder="$work/prefix/bin/helder"
export XDG_CONFIG_HOME="$work/no-user-config"

mkdir -p "$work/letters"
cat > "$work/letters/brief.txt" <<'LETTER'
Voorwaar, het college van burgemeester en wethouders heeft naar aanleiding van uw aanvraag van 12 maart 2025 besloten om u een vergunning te verlenen voor het parkeren van uw auto in uw wijk.
LETTER

set +e
out=$("$helder" check "$work/letters/brief.txt")
rc=$?
set -e
echo "$out"
[ "$rc" -eq 1 ] || { echo "expected exit code 1 from the installed helder, got $rc"; exit 1; }
grep -q "\[rijksoverheid.sentence-length\]" <<<"$out" || { echo "installed helder found no plugin rule"; exit 1; }
"$helder" rules | grep -q "complexity" || { echo "installed helder lists no complexity plugin"; exit 1; }
"$helder" explain rijksoverheid.sentence-length | grep -q "zin" || { echo "no documentation installed"; exit 1; }

cmake -S "$source_dir/tests/install/consumer" -B "$work/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/consumer" >/dev/null
cat > "$work/letters/.helder.toml" <<TOML
packs = ["ministerie"]
pack_paths = ["$source_dir/tests/install/consumer/packs"]
TOML
set +e
out=$("$helder" --plugin-dir "$work/consumer" check --format json "$work/letters/brief.txt")
rc=$?
set -e
echo "$out"
[ "$rc" -eq 1 ] || { echo "expected exit code 1 with the ministry plugin, got $rc"; exit 1; }
grep -qE '"rule": ?"ministerie.old-word"' <<<"$out" || { echo "the ministry plugin did not report"; exit 1; }
grep -qE '"rule": ?"rijksoverheid.sentence-length"' <<<"$out" || { echo "the base pack did not report"; exit 1; }
echo "install test passed"
