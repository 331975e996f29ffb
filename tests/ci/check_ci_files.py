#!/usr/bin/env python3
"""Checks one CI example file of docs/ci.md: it parses as YAML, holds the keys its CI system needs, and every
helder command in it uses only options that the built helder knows.

Usage: check_ci_files.py KIND SOURCE_DIR HELDER
KIND: github-workflow, github-sharded-workflow, gitlab-ci, kubernetes-job, kubernetes-merge-job, pre-commit-hooks
"""
import os
import re
import shlex
import subprocess
import sys

import yaml

failures = []


def expect(condition, message):
    if not condition:
        failures.append(message)
    return condition


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def workflow_on(workflow):
    # PyYAML reads YAML 1.1, where the key `on` is the boolean true.
    return workflow.get("on", workflow.get(True))


def steps_of(job):
    return job.get("steps") or []


def run_texts(workflow):
    return [s["run"] for job in workflow["jobs"].values() for s in steps_of(job) if "run" in s]


def helder_commands(script):
    """The `helder ...` commands in a shell script, continuation lines joined, up to a redirection or pipe."""
    joined = re.sub(r"\\\n", " ", script)
    commands = []
    for line in joined.splitlines():
        for part in re.split(r"\|\||&&|\||;", line):
            part = part.strip()
            if part.startswith("helder "):
                words = shlex.split(part.split(">")[0], comments=True)
                commands.append(words)
    return commands


_help_cache = {}


def known_options(helder, subcommand):
    if subcommand not in _help_cache:
        out = subprocess.run([helder, subcommand, "--help"], capture_output=True, text=True, check=False).stdout
        _help_cache[subcommand] = set(re.findall(r"(?:^|[\s,])(--?[A-Za-z0-9][\w-]*)", out))
    return _help_cache[subcommand]


def check_helder_options(helder, scripts, where):
    """Every option of every helder command in the scripts is one that `helder SUBCOMMAND --help` lists."""
    count = 0
    for script in scripts:
        for words in helder_commands(script):
            count += 1
            subcommand = words[1]
            if not expect(subcommand in ("check", "merge"), f"{where}: unexpected command {' '.join(words)}"):
                continue
            options = known_options(helder, subcommand)
            expect(options, f"`helder {subcommand} --help` listed no options")
            for word in words[2:]:
                if word.startswith("-") and word != "-":
                    name = word.split("=")[0]
                    expect(name in options, f"{where}: `helder {subcommand}` has no option {name}")
    expect(count > 0, f"{where}: no helder command found")
    return count


def output_file(words, fmt):
    """FILE of `--output FMT=FILE` in a helder command, or None."""
    for i, w in enumerate(words[:-1]):
        if w in ("--output", "-o") and words[i + 1].startswith(fmt + "="):
            return words[i + 1].split("=", 1)[1]
    return None


def upload_sarif_steps(job):
    return [s for s in steps_of(job) if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]


def check_sarif_upload(workflow, job_name):
    job = workflow["jobs"][job_name]
    perms = job.get("permissions") or workflow.get("permissions") or {}
    expect(perms.get("security-events") == "write", f"job {job_name}: permissions security-events: write is missing")
    uploads = upload_sarif_steps(job)
    if not expect(len(uploads) == 1, f"job {job_name}: no github/codeql-action/upload-sarif step"):
        return
    upload = uploads[0]
    expect(upload["uses"] == "github/codeql-action/upload-sarif@v3", f"upload-sarif is not @v3: {upload['uses']}")
    sarif_file = upload.get("with", {}).get("sarif_file")
    written = [output_file(w, "sarif") for s in steps_of(job) if "run" in s for w in helder_commands(s["run"])]
    expect(sarif_file in written, f"job {job_name}: upload-sarif reads {sarif_file}, helder writes {written}")
    # Findings make helder exit with 1; the upload must run then too.
    expect("!cancelled()" in str(upload.get("if", "")) or "always()" in str(upload.get("if", "")),
           f"job {job_name}: the upload-sarif step does not run after a failed check step")
    expect(any("--format github" in " ".join(w) for s in steps_of(job) if "run" in s for w in helder_commands(s["run"])),
           f"job {job_name}: no helder run with --format github (annotations)")


def check_github_workflow(path, helder):
    wf = load(path)
    expect(workflow_on(wf), "the workflow has no `on` trigger")
    expect("helder" in wf["jobs"], "the workflow has no job `helder`")
    check_sarif_upload(wf, "helder")
    check_helder_options(helder, run_texts(wf), path)


def check_github_sharded_workflow(path, helder):
    wf = load(path)
    expect(workflow_on(wf), "the workflow has no `on` trigger")
    jobs = wf["jobs"]
    shard = jobs["shard"]
    shards = shard["strategy"]["matrix"]["shard"]
    expect(shards == list(range(1, len(shards) + 1)), f"matrix.shard is not 1..N: {shards}")
    n = len(shards)
    expect(n == 3, f"the example has 3 shards, not {n}")
    runs = [s["run"] for s in steps_of(shard) if "run" in s]
    commands = [w for r in runs for w in helder_commands(r)]
    checks = [w for w in commands if w[1] == "check"]
    expect(len(checks) == 1, "the shard job runs helder check once")
    if checks:
        words = checks[0]
        joined = " ".join(words)
        expect("--shard ${{ matrix.shard }}/" + str(n) in joined,
               f"the shard job does not pass --shard ${{{{ matrix.shard }}}}/{n}: {joined}")
        expect("--format jsonl" in joined, "the shard job does not write jsonl")
        expect("--fail-on none" in joined, "a shard with findings would fail its job: --fail-on none is missing")
        expect("--files-from" in joined, "the shard job does not use --files-from")
    uploads = [s for s in steps_of(shard) if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    expect(len(uploads) == 1 and "matrix.shard" in uploads[0]["with"]["name"],
           "each shard uploads its report as an artifact named by its shard")
    merge = jobs["merge"]
    needs = merge.get("needs")
    expect(needs == "shard" or (isinstance(needs, list) and "shard" in needs), "the merge job does not wait for shards")
    merges = [w for s in steps_of(merge) if "run" in s for w in helder_commands(s["run"]) if w[1] == "merge"]
    if expect(len(merges) == 1, "the merge job runs helder merge once"):
        words = merges[0]
        inputs = [w for w in words[2:] if w.endswith(".jsonl")]
        expect(len(inputs) == n, f"helder merge reads {inputs}, not the {n} shards")
        expect(output_file(words, "html"), "helder merge writes no HTML report")
    check_sarif_upload(wf, "merge")
    check_helder_options(helder, run_texts(wf), path)


def check_gitlab_ci(path, helder):
    ci = load(path)
    job = ci["helder"]
    expect("image" in job, "the GitLab job names no image")
    scripts = job["script"]
    commands = [w for line in scripts for w in helder_commands(line)]
    junit_files = [output_file(w, "junit") for w in commands if output_file(w, "junit")]
    artifacts = job.get("artifacts", {})
    reported = artifacts.get("reports", {}).get("junit")
    expect(junit_files == ["helder-junit.xml"], f"helder writes JUnit to {junit_files}, not helder-junit.xml")
    expect(reported == "helder-junit.xml", f"artifacts:reports:junit is {reported}, not helder-junit.xml")
    # Findings make helder exit with 1; GitLab keeps the reports of a failed job only with when: always.
    expect(artifacts.get("when") == "always", "artifacts: when: always is missing")
    check_helder_options(helder, scripts + job.get("before_script", []), path)


def job_container(job):
    containers = job["spec"]["template"]["spec"]["containers"]
    expect(len(containers) == 1, "the Job has one container")
    return containers[0]


def check_kubernetes_job(path, helder):
    job = load(path)
    expect(job["apiVersion"] == "batch/v1" and job["kind"] == "Job", "not a batch/v1 Job")
    spec = job["spec"]
    expect(spec.get("completionMode") == "Indexed", "completionMode is not Indexed")
    n = spec.get("completions")
    expect(isinstance(n, int) and n > 1, f"completions is {n}")
    expect(spec["template"]["spec"].get("restartPolicy") == "Never", "podFailurePolicy needs restartPolicy Never")
    container = job_container(job)
    script = "\n".join(container.get("args", []))
    expect(f"--shard $((JOB_COMPLETION_INDEX+1))/{n}" in script,
           f"the container does not pass --shard $((JOB_COMPLETION_INDEX+1))/{n} (the index counts from 0)")
    expect("--fail-on none" in script, "a shard with findings would fail its pod: --fail-on none is missing")
    rules = spec.get("podFailurePolicy", {}).get("rules", [])
    expect(any(r.get("onExitCodes", {}).get("containerName") == container["name"] for r in rules),
           "the podFailurePolicy names another container")
    check_helder_options(helder, [script], path)


def check_kubernetes_merge_job(path, helder):
    job = load(path)
    expect(job["apiVersion"] == "batch/v1" and job["kind"] == "Job", "not a batch/v1 Job")
    script = "\n".join(job_container(job).get("args", []))
    merges = [w for w in helder_commands(script) if w[1] == "merge"]
    if expect(len(merges) == 1, "the merge Job runs helder merge once"):
        expect(output_file(merges[0], "html") and output_file(merges[0], "sarif"), "no HTML and SARIF output")
    check_helder_options(helder, [script], path)


def check_pre_commit_hooks(path, helder):
    hooks = load(path)
    expect(isinstance(hooks, list), ".pre-commit-hooks.yaml is not a list of hooks")
    hook = next((h for h in hooks if h.get("id") == "helder"), None)
    if not expect(hook is not None, "no hook with id helder"):
        return
    for key in ("id", "name", "entry", "language"):  # the keys pre-commit requires
        expect(key in hook, f"the hook has no {key}")
    expect(hook.get("entry") == "helder check", f"entry is {hook.get('entry')}")
    expect(hook.get("language") == "system", f"language is {hook.get('language')}")
    expect(hook.get("pass_filenames", True) is True, "pass_filenames is not true")
    expect("types" not in hook or hook["types"] == ["file"], "types other than [file] would drop .docx and .pdf")
    regex = re.compile(hook["files"])
    for name in ("brief.txt", "a/b/nota.md", "Besluit.DOCX", "x.odt", "scan.PDF", "pagina.html", "p.htm", "p.xhtml"):
        expect(regex.search(name), f"files does not match {name}")
    for name in ("main.cpp", "foto.png", "brief.txt.orig", "data.json", "md"):
        expect(not regex.search(name), f"files matches {name}")
    check_helder_options(helder, [hook["entry"] + " " + " ".join(hook.get("args", []))], path)


KINDS = {
    "github-workflow": ("docs/examples/ci/github-workflow.yml", check_github_workflow),
    "github-sharded-workflow": ("docs/examples/ci/github-sharded-workflow.yml", check_github_sharded_workflow),
    "gitlab-ci": ("docs/examples/ci/gitlab-ci.yml", check_gitlab_ci),
    "kubernetes-job": ("docs/examples/ci/kubernetes-job.yaml", check_kubernetes_job),
    "kubernetes-merge-job": ("docs/examples/ci/kubernetes-merge-job.yaml", check_kubernetes_merge_job),
    "pre-commit-hooks": (".pre-commit-hooks.yaml", check_pre_commit_hooks),
}


def main():
    kind, source_dir, helder = sys.argv[1], sys.argv[2], sys.argv[3]
    relative, check = KINDS[kind]
    path = os.path.join(source_dir, relative)
    try:
        check(path, helder)
    except (KeyError, TypeError, yaml.YAMLError) as e:  # a key that is missing, or no YAML at all
        failures.append(f"{relative}: {type(e).__name__}: {e}")
    for f in failures:
        print(f"FAIL {relative}: {f}")
    if failures:
        return 1
    print(f"{relative}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
