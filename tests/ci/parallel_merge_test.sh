#!/usr/bin/env bash
# Runs the GNU parallel commands of docs/ci.md exactly as written (the block after "<!-- ci-test: gnu-parallel
# -->") on a copy of the circulars corpus named `archief`, then checks that every file was checked in exactly one
# shard and that the merged report equals the report of one unsharded run (as JSON, compared as data).
# Usage: parallel_merge_test.sh SOURCE_DIR SHARED_DIR   (helder must be on PATH)
set -euo pipefail
source_dir=$1
shared_dir=$2
corpus="$shared_dir/corpus/circulaires"

command -v parallel >/dev/null || { echo "cannot run: GNU parallel is not installed (apt-get install parallel)"; exit 1; }
command -v helder >/dev/null || { echo "cannot run: helder is not on PATH"; exit 1; }
[ -d "$corpus" ] || { echo "cannot run: $corpus is missing"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$corpus" "$work/archief"
rm -f "$work/archief/index.tsv"

# The commands of the block, one per line.
awk '/<!-- ci-test: gnu-parallel -->/ {found=1; next}
     found && /^```sh$/ {inside=1; next}
     inside && /^```$/ {exit}
     inside {print}' "$source_dir/docs/ci.md" > "$work/commands.sh"
lines=$(grep -c . "$work/commands.sh" || true)
[ "$lines" -ge 2 ] || { echo "docs/ci.md: the GNU parallel block was not found"; exit 1; }
grep -q '^parallel ' "$work/commands.sh" || { echo "docs/ci.md: the block has no parallel command"; exit 1; }
grep -q '^helder merge ' "$work/commands.sh" || { echo "docs/ci.md: the block has no helder merge command"; exit 1; }

cd "$work"
mkdir -p home
export HOME="$work/home"  # parallel keeps its notes (--citation, semaphores) in ~/.parallel
failed=0
while IFS= read -r command; do
  [ -n "$command" ] || continue
  echo "+ $command"
  set +e
  bash -c "$command" 2> stderr.txt
  rc=$?
  set -e
  cat stderr.txt
  # helder merge ends with 1 when the reports hold findings (the circulars do); every other command with 0.
  case "$command" in
    "helder merge "*) expected="1" ;;
    *) expected="0" ;;
  esac
  if [ "$rc" != "$expected" ]; then
    echo "FAIL: exit code $rc, expected $expected: $command"
    failed=1
  fi
done < commands.sh
[ "$failed" -eq 0 ] || exit 1

for i in 1 2 3 4; do
  [ -s "deel-$i.jsonl" ] || { echo "FAIL: deel-$i.jsonl is missing or empty"; exit 1; }
done
for f in helder.sarif helder.html helder.jsonl; do
  [ -s "$f" ] || { echo "FAIL: the merge wrote no $f"; exit 1; }
done

set +e
helder check archief --format json > whole.json
rc_whole=$?
helder merge deel-1.jsonl deel-2.jsonl deel-3.jsonl deel-4.jsonl --format json > merged.json
rc_merged=$?
set -e
[ "$rc_whole" -eq 1 ] || { echo "FAIL: helder check archief ended with $rc_whole, expected 1"; exit 1; }
[ "$rc_merged" -eq 1 ] || { echo "FAIL: helder merge --format json ended with $rc_merged, expected 1"; exit 1; }

python3 - <<'PY'
import glob, json, sys

def files_in(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l)["file"] for l in f if l.strip() and json.loads(l)["type"] == "file"]

whole = json.load(open("whole.json", encoding="utf-8"))
merged = json.load(open("merged.json", encoding="utf-8"))
problems = []
shards = [files_in(p) for p in sorted(glob.glob("deel-*.jsonl"))]
seen = [f for s in shards for f in s]
names = [f["file"] for f in whole["files"]]
if sorted(seen) != sorted(names):
    problems.append(f"the shards checked {len(seen)} files ({len(set(seen))} different), one run {len(names)}")
if any(not s for s in shards):
    problems.append(f"a shard checked no file: {[len(s) for s in shards]}")
if [f["file"] for f in merged["files"]] != names:
    problems.append("the merged report lists other files, or in another order, than one run")
for a, b in zip(whole["files"], merged["files"]):
    if a != b:
        keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
        problems.append(f"{a['file']}: the merged report differs in {keys}")
        break
for key in sorted(set(whole) | set(merged)):
    if key != "files" and whole.get(key) != merged.get(key):
        problems.append(f"the merged report differs in {key!r}: {whole.get(key)!r} and {merged.get(key)!r}")
for p in problems:
    print("FAIL:", p)
if problems:
    sys.exit(1)
print(f"merged report of {len(shards)} shards equals one run: {len(names)} files, "
      f"{sum(len(f['findings']) for f in whole['files'])} findings")
PY
