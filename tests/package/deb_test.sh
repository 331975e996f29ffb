#!/usr/bin/env bash
# Builds the Debian package from a build tree (cpack -G DEB), checks its control data and its files in their FHS
# places, unpacks it into a temporary root and runs that root's helder on a real letter (its plugins, plugin
# worker, packs and data found in the unpacked tree, nothing from the build tree), builds a plugin against the
# SDK in the package, and lets apt resolve the package's dependencies, from the file and from a local repository
# (simulated: nothing is installed on this machine).
# Usage: deb_test.sh BUILD_DIR SOURCE_DIR PROJECT_VERSION
set -euo pipefail
build_dir=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
version=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# --- Build --------------------------------------------------------------------------------------------
cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack did not build the package"; }
arch=$(dpkg --print-architecture)
deb="$work/out/helder_${version}_${arch}.deb"
[ -f "$deb" ] || { ls "$work/out"; fail "no $(basename "$deb") (the package version must be the project's)"; }
echo "built $(basename "$deb"): $(du -k "$deb" | cut -f1) KiB"

# --- Control data -------------------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = helder ] || fail "Package is $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version is $(field Version), the project's is $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is $(field Architecture)"
depends=$(field Depends)
echo "Depends: $depends"
# From dpkg-shlibdeps (the libraries the program links) and by hand (the data it reads).
for needed in libicu72 libhunspell libpoppler-cpp libzip4 libgumbo libhyphen0 libstdc++6 hunspell-nl hyphen-nl; do
  grep -q "$needed" <<<"$depends" || fail "Depends lacks $needed"
done
grep -qi "helder" <<<"$(field Description)" || fail "no description"

# --- Files in their FHS places ------------------------------------------------------------------------
listing=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/helder ./usr/lib/helder/helder-plugin-worker \
            ./usr/lib/helder/plugins/libhelder-complexity.so ./usr/lib/helder/plugins/libhelder-jargon.so \
            ./usr/lib/helder/plugins/libhelder-abbreviations.so ./usr/lib/helder/plugins/libhelder-spelling.so \
            ./usr/share/helder/rules/rijksoverheid/pack.toml ./usr/share/helder/rules/rijksoverheid/docs/sentence-length.md \
            ./usr/share/helder/data/frequency-nl.txt ./usr/share/helder/data/SOURCES.md \
            ./usr/include/helder/plugin_abi.h ./usr/include/helder/sdk.hpp \
            ./usr/lib/cmake/helder/helderConfig.cmake ./usr/lib/cmake/helder/helderConfigVersion.cmake \
            ./usr/share/doc/helder/copyright ./usr/share/doc/helder/README.md ./usr/share/doc/helder/docs/plugins.md; do
  grep -qx -- "$path" <<<"$listing" || fail "$path is not in the package"
done
# Nothing of the build or the tests: no test binaries, no CMake files of the rule packs, no /usr/local.
for wrong in helder_unit_tests helder_bench /usr/local/ rules/CMakeLists.txt libhelder-unruly; do
  ! grep -q -- "$wrong" <<<"$listing" || fail "the package holds $wrong"
done
# Stripped: the program carries no debug information (the plugin loader reads .dynsym, which strip keeps).
dpkg-deb -x "$deb" "$work/root"
sections=$(readelf -S "$work/root/usr/bin/helder")
! grep -q '\.debug_info' <<<"$sections" || fail "usr/bin/helder is not stripped"

# --- The unpacked program on a real letter --------------------------------------------------------------
helder="$work/root/usr/bin/helder"
export XDG_CONFIG_HOME="$work/no-user-config"
[ "$("$helder" --version)" = "helder $version" ] || fail "helder --version says $("$helder" --version)"
letter="$source_dir/../shared/corpus/letters"
letter_file=$(ls "$letter"/*.md "$letter"/*.txt 2>/dev/null | head -1 || true)
if [ -z "$letter_file" ]; then  # the shared corpus is not beside this clone: a letter of our own
  letter_file="$work/brief.txt"
  printf 'Indien u het niet eens bent met dit besluit, kunt u middels het formulier bezwaar maken.\n' >"$letter_file"
fi
set +e
"$helder" check --format json "$letter_file" >"$work/in-process.json"; rc=$?
"$helder" --isolate-plugins all check --format json "$letter_file" >"$work/isolated.json"; rc_isolated=$?
set -e
[ "$rc" -eq 1 ] || fail "helder check on $(basename "$letter_file") gave exit $rc, expected 1 (findings)"
[ "$rc_isolated" -eq 1 ] || fail "with --isolate-plugins all: exit $rc_isolated (the plugin worker in usr/lib/helder)"
cmp -s "$work/in-process.json" "$work/isolated.json" || fail "findings differ in process and in the plugin worker"
for rule in rijksoverheid.officialese rijksoverheid.sentence-length; do
  grep -q "\"$rule\"" "$work/in-process.json" || fail "no finding of $rule on $(basename "$letter_file")"
done
grep -q "complexity" <<<"$("$helder" rules)" || fail "helder rules lists no complexity plugin"
grep -q "zin" <<<"$("$helder" explain rijksoverheid.sentence-length)" || fail "no rule documentation in the package"
echo "ok: the unpacked helder found $(grep -o '"rule"' "$work/in-process.json" | wc -l) findings in $(basename "$letter_file")"

# --- The SDK in the package: a plugin built with find_package(helder) -----------------------------------
cmake -S "$source_dir/tests/install/consumer" -B "$work/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$work/root/usr" \
  >"$work/consumer.log" 2>&1 && cmake --build "$work/consumer" >>"$work/consumer.log" 2>&1 ||
  { cat "$work/consumer.log"; fail "a plugin does not build against the packaged SDK"; }

# --- apt resolves the dependencies: from the file, and from a local repository ---------------------------
# Simulated (-s): apt checks the dependencies against this machine's installed packages; nothing is installed.
apt-get install -s "$deb" >"$work/apt-file.log" 2>&1 || { cat "$work/apt-file.log"; fail "apt cannot install the .deb"; }
grep -q "^Inst helder " "$work/apt-file.log" || { cat "$work/apt-file.log"; fail "apt would not install helder"; }
# A local repository as IT sets one up (docs/install.md): dpkg-scanpackages, a file: source, its own lists.
mkdir -p "$work/repo" "$work/apt/lists/partial" "$work/apt/cache/archives/partial"
cp "$deb" "$work/repo/"
(cd "$work/repo" && dpkg-scanpackages --multiversion . 2>/dev/null | gzip -9 >Packages.gz)
echo "deb [trusted=yes] file:$work/repo ./" >"$work/apt/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$work/apt/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State::Lists=$work/apt/lists" -o "Dir::Cache=$work/apt/cache" -o "APT::Sandbox::User=root"
          -o "Debug::NoLocking=1")
apt-get "${apt_opts[@]}" update >"$work/apt-update.log" 2>&1 || { cat "$work/apt-update.log"; fail "apt update on the local repository"; }
policy=$(apt-cache "${apt_opts[@]}" policy helder)
grep -q "Candidate: $version" <<<"$policy" || fail "the local repository does not offer helder $version"
apt-get "${apt_opts[@]}" install -s helder >"$work/apt-repo.log" 2>&1 || { cat "$work/apt-repo.log"; fail "apt cannot install helder from the local repository"; }
grep -q "^Inst helder " "$work/apt-repo.log" || { cat "$work/apt-repo.log"; fail "apt would not install helder from the local repository"; }
echo "package test passed"
