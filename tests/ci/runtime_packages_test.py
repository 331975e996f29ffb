#!/usr/bin/env python3
"""Checks the lists of Debian packages that the CI examples install to run helder without building it (the
sharded GitHub workflow and the Dockerfile) against what the built helder really needs: the packages of the
libraries that helder and its plugins link (ELF NEEDED entries) and of the dictionary files it reads.

Usage: runtime_packages_test.py SOURCE_DIR HELDER
"""
import glob
import os
import re
import subprocess
import sys

import yaml

# Part of every Debian system; nobody installs them.
ESSENTIAL = {"libc6", "libgcc-s1", "libstdc++6"}
# The data files helder opens at run time (WordServicePaths::defaults in host/src/word_services.cpp).
DATA_FILES = ["/usr/share/hunspell/nl.aff", "/usr/share/hunspell/nl.dic", "/usr/share/hyphen/hyph_nl_NL.dic"]


def needed(path):
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def library_paths():
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    paths = {}
    # The 64-bit library first, where a 32-bit one of the same name is installed too.
    for m in sorted(re.finditer(r"^\s*(\S+) \(([^)]*)\) => (\S+)$", out, re.M), key=lambda m: "64" not in m.group(2)):
        paths.setdefault(m.group(1), m.group(3))
    return paths


def packages_of(paths):
    """{path: Debian package} for the paths dpkg knows; one dpkg call, since each call reads its whole database."""
    # /lib is /usr/lib on Debian 12, and dpkg knows a file by the path its package gave: ask for both.
    real = {p: p for p in paths}
    real.update({os.path.realpath(p): p for p in paths})
    out = subprocess.run(["dpkg", "-S", *real], capture_output=True, text=True, check=False).stdout
    owners = {}
    for line in out.splitlines():
        package, _, path = line.partition(": ")
        if path in real:
            owners[real[path]] = package.split(":")[0]
    return owners


def main():
    source_dir, helder = sys.argv[1], sys.argv[2]
    failures = []
    binaries = [helder] + sorted(glob.glob(os.path.join(os.path.dirname(helder), "..", "lib", "helder", "plugins", "*.so")))
    if len(binaries) < 2:
        failures.append(f"no plugins found beside {helder}")
    where = library_paths()
    libraries = {}  # path -> the binary that needs it
    for binary in binaries:
        for soname in needed(binary):
            libraries[where.get(soname, soname)] = binary
    owners = packages_of(list(libraries) + DATA_FILES)
    for path in list(libraries) + DATA_FILES:
        if path not in owners:
            failures.append(f"{path} ({libraries.get(path, 'read at run time')}) belongs to no Debian package")
    wanted = set(owners.values())
    wanted -= ESSENTIAL
    # A sanitizer build (asan-ubsan, tsan presets) links the sanitizer runtimes; a release build does not.
    wanted = {p for p in wanted if not re.match(r"lib(asan|ubsan|tsan|lsan)\d+$", p)}

    with open(os.path.join(source_dir, "docs/examples/ci/github-sharded-workflow.yml"), encoding="utf-8") as f:
        workflow = set(yaml.safe_load(f)["env"]["HELDER_RUNTIME_PACKAGES"].split())
    with open(os.path.join(source_dir, "docs/examples/ci/Dockerfile"), encoding="utf-8") as f:
        dockerfile = f.read().replace("\\\n", " ")
    final_stage = dockerfile.split("\nFROM ")[-1]
    m = re.search(r"apt-get install ([^&]*)", final_stage)
    image = {w for w in m.group(1).split() if not w.startswith("-")} if m else set()

    for name, listed in (("github-sharded-workflow.yml HELDER_RUNTIME_PACKAGES", workflow),
                         ("Dockerfile (the image)", image)):
        if wanted - listed:
            failures.append(f"{name} lacks {sorted(wanted - listed)}")
        if listed - wanted:
            failures.append(f"{name} installs what helder does not need: {sorted(listed - wanted)}")
    for f in failures:
        print("FAIL", f)
    print(f"runtime packages ({len(wanted)}): {' '.join(sorted(wanted))}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
