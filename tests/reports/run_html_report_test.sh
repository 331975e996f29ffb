#!/usr/bin/env bash
# The HTML report in a real browser: runs the real `helder check` on a folder with an HTML and a JSON report,
# then check_html_report.js opens the HTML in headless Chromium and compares it with the JSON.
# A missing node or chromium fails the test (scripts/bootstrap.sh installs both): it is never skipped.
# Usage: run_html_report_test.sh HELDER FOLDER WORK_DIR NODE_MODULES CHROMIUM
set -euo pipefail
helder="$1" folder="$2" work="$3" node_modules="$4" chromium="$5"
here="$(cd "$(dirname "$0")" && pwd)"

if ! command -v node >/dev/null; then
  echo "FAIL: node is not installed (scripts/bootstrap.sh installs nodejs)"
  exit 1
fi
if [ ! -x "$chromium" ]; then
  echo "FAIL: $chromium is not installed (scripts/bootstrap.sh installs chromium)"
  exit 1
fi
if [ ! -d "$folder" ]; then
  echo "FAIL: $folder is missing (the shared corpus sits next to the clone, in ../shared)"
  exit 1
fi

mkdir -p "$HOME"  # ctest gives Chromium its own home in the build tree
rm -rf "$work"
mkdir -p "$work"
# --fail-on none: the letters do have findings; here only the reports count.
status=0
"$helder" check --fail-on none "$folder" --output "html=$work/report.html" --output "json=$work/report.json" \
  >"$work/check.txt" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  echo "FAIL: helder check ended with exit code $status:"
  cat "$work/check.txt"
  exit 1
fi
for report in report.html report.json; do
  if [ ! -s "$work/$report" ]; then
    echo "FAIL: helder check wrote no $report"
    exit 1
  fi
done

NODE_PATH="$node_modules" node "$here/check_html_report.js" --html "$work/report.html" --json "$work/report.json" \
  --chromium "$chromium" --work "$work"
