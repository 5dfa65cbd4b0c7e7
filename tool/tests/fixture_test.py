#!/usr/bin/env python3
"""Fixture harness: runs umalint over testdata/ and compares its findings
with the expectations written inside the fixtures.

An expectation is a comment on the line of the finding:
    CopyFromUser(&k, u, sizeof(k));   // expect: UM2003
or on another line, relative to it:
    // expect+1: UM1003          (the finding is on the next line)
    // expect-2: UM1002, UM2001  (two lines up; several codes)
Lines and files without expectations must produce no finding.
Prints a per-rule table (expected, found, missing, extra) and fails on any
missing or extra finding.
"""
import collections
import json
import os
import re
import subprocess
import sys

EXPECT = re.compile(r"expect([+-]\d+)?:\s*((?:UM\d{4})(?:\s*,\s*UM\d{4})*)")
SOURCE_SUFFIXES = (".c", ".cc", ".cpp", ".cxx", ".h", ".hpp")


def expectations(root):
    expected = collections.Counter()
    for directory, _, names in os.walk(root):
        for name in sorted(names):
            if not name.endswith(SOURCE_SUFFIXES):
                continue
            path = os.path.normpath(os.path.join(directory, name))
            with open(path, encoding="utf-8", errors="replace") as source:
                for number, line in enumerate(source, start=1):
                    for match in EXPECT.finditer(line):
                        target = number + int(match.group(1) or 0)
                        for code in re.split(r"\s*,\s*", match.group(2)):
                            expected[(path, target, code)] += 1
    return expected


def main():
    if len(sys.argv) < 3:
        print("usage: fixture_test.py UMALINT TESTDATA_DIR [umalint args...]", file=sys.stderr)
        return 2
    umalint, root, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    run = subprocess.run([umalint, "--format=json", "--quiet"] + extra + [root],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if run.returncode not in (0, 1):
        print(f"umalint exited {run.returncode}:\n{run.stderr}", file=sys.stderr)
        return 1
    report = json.loads(run.stdout)
    found = collections.Counter()
    messages = {}
    for diagnostic in report["diagnostics"]:
        key = (os.path.normpath(diagnostic["file"]), diagnostic["line"], diagnostic["rule"])
        found[key] += 1
        messages[key] = diagnostic["message"]
    expected = expectations(root)

    missing = expected - found
    extra_found = found - expected
    rules = sorted({key[2] for key in list(expected) + list(found)})
    print(f"{'rule':8} {'expected':>8} {'found':>6} {'missing':>8} {'extra':>6}")
    for rule in rules:
        def count(counter):
            return sum(n for key, n in counter.items() if key[2] == rule)
        print(f"{rule:8} {count(expected):>8} {count(found):>6} {count(missing):>8} {count(extra_found):>6}")
    for (path, line, code), n in sorted(missing.items()):
        print(f"MISSING {path}:{line}: {code}" + (f" (x{n})" if n > 1 else ""))
    for (path, line, code), n in sorted(extra_found.items()):
        print(f"EXTRA   {path}:{line}: {code}: {messages.get((path, line, code), '')}")
    total_expected = sum(expected.values())
    ok = not missing and not extra_found
    print(f"fixtures: {report['files_analyzed']} files, {total_expected} expected findings: "
          f"{'all matched' if ok else 'MISMATCH'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
