#!/usr/bin/env python3
"""Runs the container scripts of docs/examples/ci/kubernetes-job.yaml and kubernetes-merge-job.yaml on this
machine, as Kubernetes would: one `sh -c` per completion index with JOB_COMPLETION_INDEX set, the volumes'
mount paths replaced by temporary folders. The archive holds letters, a file helder cannot read and (in a
second run) a broken .helder.toml, so every branch of the shard script runs.

Usage: kubernetes_job_test.py SOURCE_DIR SHARED_DIR   (helder must be on PATH)
"""
import glob
import json
import os
import re
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


def load_job(path):
    with open(path, encoding="utf-8") as f:
        job = yaml.safe_load(f)
    container = job["spec"]["template"]["spec"]["containers"][0]
    return job, "\n".join(container["args"]), [m["mountPath"] for m in container.get("volumeMounts", [])]


def localise(script, mounts, root):
    for m in mounts:
        script = script.replace(m, os.path.join(root, m.strip("/")))
    return script


def run(script, env_extra=None):
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run(["sh", "-c", script], env=env, capture_output=True, text=True, check=False)


def main():
    source_dir, shared_dir = sys.argv[1], sys.argv[2]
    examples = os.path.join(source_dir, "docs", "examples", "ci")
    job, shard_script, shard_mounts = load_job(os.path.join(examples, "kubernetes-job.yaml"))
    _, merge_script, merge_mounts = load_job(os.path.join(examples, "kubernetes-merge-job.yaml"))
    n = job["spec"]["completions"]

    with tempfile.TemporaryDirectory() as root:
        archive = os.path.join(root, "archief")
        reports = os.path.join(root, "rapporten")
        os.makedirs(reports)
        shutil.copytree(os.path.join(shared_dir, "corpus", "circulaires"), archive)
        os.remove(os.path.join(archive, "index.tsv"))
        shutil.copy(os.path.join(source_dir, "examples", "brief-parkeervergunning.txt"), archive)
        with open(os.path.join(archive, "kapot.pdf"), "wb") as f:
            f.write(b"%PDF-1.7\n" + bytes(range(256)) * 4)  # a PDF header over garbage: helder cannot read it
        names = sorted(os.path.join(archive, n) for n in os.listdir(archive))
        shard = localise(shard_script, shard_mounts, root)
        file_list = re.search(r"--files-from (\S+)", shard).group(1)
        expect(file_list.startswith(archive), f"the file list {file_list} is not on the archive's volume")
        with open(file_list, "w", encoding="utf-8") as f:
            f.write("".join(p + "\n" for p in names))

        for index in range(n):
            result = run(shard, {"JOB_COMPLETION_INDEX": str(index)})
            expect(result.returncode == 0, f"index {index}: exit code {result.returncode}\n{result.stderr[-1500:]}")
            expect(os.path.exists(os.path.join(reports, f"deel-{index + 1}.jsonl")), f"index {index}: no deel-{index + 1}.jsonl")
        expect(not glob.glob(os.path.join(reports, "*.tmp")), "a shard left its temporary report behind")

        listed = []
        for path in sorted(glob.glob(os.path.join(reports, "deel-*.jsonl"))):
            with open(path, encoding="utf-8") as f:
                listed += [json.loads(l) for l in f if l.strip()]
        files = [l["file"] for l in listed if l["type"] == "file"]
        expect(sorted(files) == names, f"the {n} shards checked {len(files)} files, the list has {len(names)}")
        broken = [l for l in listed if l["type"] == "file" and l["file"].endswith("kapot.pdf")]
        expect(broken and broken[0]["error"], "kapot.pdf is not in the reports with its error")

        # The merge: reports for people and machines; exit code 2 for the file that could not be read makes
        # the Job fail, and the reports are written all the same.
        merge = localise(merge_script, merge_mounts, root)
        result = run(merge)
        expect(result.returncode != 0, "the merge Job succeeded although a file could not be read")
        for name in ("helder.html", "helder.sarif", "helder.jsonl"):
            expect(os.path.getsize(os.path.join(reports, name)) > 0 if os.path.exists(os.path.join(reports, name)) else False,
                   f"the merge Job wrote no {name}\n{result.stderr[-1500:]}")
        if os.path.exists(os.path.join(reports, "helder.sarif")):
            with open(os.path.join(reports, "helder.sarif"), encoding="utf-8") as f:
                sarif = json.load(f)
            results = sarif["runs"][0]["results"]
            expect(len(results) == sum(1 for l in listed if l["type"] == "finding"),
                   "the merged SARIF does not hold every finding of the shards")

        # helder cannot start (a broken .helder.toml): exit code 2 without a report, for the podFailurePolicy.
        for path in glob.glob(os.path.join(reports, "*")):
            os.remove(path)
        with open(os.path.join(archive, ".helder.toml"), "w", encoding="utf-8") as f:
            f.write("packs = [\n")
        result = run(shard, {"JOB_COMPLETION_INDEX": "0"})
        expect(result.returncode == 2, f"with a broken .helder.toml the shard ended with {result.returncode}, not 2")
        expect(not os.path.exists(os.path.join(reports, "deel-1.jsonl")), "a shard that could not start left a report")
        failing = [r for r in job["spec"]["podFailurePolicy"]["rules"] if r["action"] == "FailJob"]
        expect(failing and 2 in failing[0]["onExitCodes"]["values"], "the podFailurePolicy does not stop on exit code 2")

    for f in failures:
        print("FAIL", f)
    print(f"kubernetes jobs: {'failed' if failures else 'ok'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
