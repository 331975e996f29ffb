#!/usr/bin/env python3
"""Runs the hook of .pre-commit-hooks.yaml the way pre-commit does: the staged files of a real git repository,
filtered by the hook's `files` (and `exclude`) regex with re.search, passed after `entry` and `args` to the
helder on PATH, in the repository's root. Checks the files chosen and the exit code.

Usage: pre_commit_hook_test.py SOURCE_DIR   (helder must be on PATH; pandoc makes a Word file)
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

import yaml

failures = []


def expect(condition, message):
    if not condition:
        failures.append(message)
    return condition


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, check=True).stdout


def staged_files(repo):
    # What pre-commit passes to a hook on `git commit`: the staged names, NUL-separated.
    out = git(repo, "diff", "--staged", "--name-only", "--no-ext-diff", "-z")
    return [n for n in out.decode("utf-8").split("\0") if n]


def select(hook, names):
    include = re.compile(hook.get("files", ""))
    exclude = re.compile(hook["exclude"]) if hook.get("exclude") else None
    # types: [file] (pre-commit's default) lets every regular file through.
    return [n for n in names if include.search(n) and not (exclude and exclude.search(n))]


def run_hook(hook, repo, names):
    command = shlex.split(hook["entry"]) + list(hook.get("args", []))
    if hook.get("pass_filenames", True):
        command += names
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False)


def commit_case(hook, repo, files, expected_selection, expected_code, what):
    """Stages `files` in a fresh index, runs the hook, and checks the selection and the exit code."""
    git(repo, "rm", "-r", "-q", "--cached", "--ignore-unmatch", ".")
    git(repo, "add", "--", *files)
    chosen = select(hook, staged_files(repo))
    expect(sorted(chosen) == sorted(expected_selection), f"{what}: the hook chose {chosen}, not {expected_selection}")
    result = run_hook(hook, repo, chosen)
    expect(result.returncode == expected_code,
           f"{what}: exit code {result.returncode}, expected {expected_code}\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return result


def main():
    source_dir = sys.argv[1]
    with open(os.path.join(source_dir, ".pre-commit-hooks.yaml"), encoding="utf-8") as f:
        hooks = yaml.safe_load(f)
    hook = next(h for h in hooks if h["id"] == "helder")
    expect(shutil.which(shlex.split(hook["entry"])[0]), f"{hook['entry']}: not on PATH")

    with tempfile.TemporaryDirectory() as repo:
        git(repo, "init", "-q")
        os.makedirs(os.path.join(repo, "brieven"))
        os.makedirs(os.path.join(repo, "src"))
        examples = os.path.join(source_dir, "examples")
        shutil.copy(os.path.join(examples, "brief-parkeervergunning.txt"), os.path.join(repo, "brieven", "stijve-brief.txt"))
        shutil.copy(os.path.join(examples, "brief-parkeervergunning-helder.md"), os.path.join(repo, "brieven", "heldere-brief.md"))
        subprocess.run(["pandoc", os.path.join(examples, "brief-parkeervergunning-helder.md"), "-o",
                        os.path.join(repo, "brieven", "Heldere-Brief.DOCX")], check=True)
        with open(os.path.join(repo, "src", "main.cpp"), "w", encoding="utf-8") as f:
            f.write("int main() { return 0; }  // indien dit een brief was, zou helder klagen\n")
        with open(os.path.join(repo, "logo.png"), "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))

        stiff = commit_case(hook, repo, ["brieven/stijve-brief.txt", "src/main.cpp", "logo.png"],
                            ["brieven/stijve-brief.txt"], 1, "a commit with the stiff letter")
        expect("brieven/stijve-brief.txt:" in stiff.stdout and "[rijksoverheid." in stiff.stdout,
               "the stiff letter's findings are not in the hook's output")
        commit_case(hook, repo, ["brieven/heldere-brief.md", "src/main.cpp"],
                    ["brieven/heldere-brief.md"], 0, "a commit with the plain letter")
        commit_case(hook, repo, ["brieven/heldere-brief.md", "brieven/Heldere-Brief.DOCX"],
                    ["brieven/heldere-brief.md", "brieven/Heldere-Brief.DOCX"], 0,
                    "a commit with the plain letter as Markdown and as a Word file")

    for f in failures:
        print("FAIL", f)
    print(f"pre-commit hook: {'failed' if failures else 'ok'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
