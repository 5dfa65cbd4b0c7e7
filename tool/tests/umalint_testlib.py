"""Helpers shared by the Python end-to-end tests: run umalint, record
checks, print the `N passed, N failed` line and exit non-zero on failure."""
import json
import os
import re
import subprocess
import sys
import tempfile

CRASH = re.compile(r"sanitizer|runtime error|segmentation|core dumped|abort", re.IGNORECASE)


class Suite:
    def __init__(self, umalint):
        self.umalint = os.path.realpath(umalint)
        self.passed = 0
        self.failed = 0
        self.work = tempfile.mkdtemp(prefix="umalint.", dir=os.environ.get("TEST_TMPDIR"))
        os.environ.setdefault("XDG_CACHE_HOME", os.path.join(self.work, "cache"))

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print("ok   " + name)
        else:
            self.failed += 1
            print("FAIL %s: %s" % (name, detail))
        return condition

    def run(self, *args, cwd=None, env=None):
        """Runs umalint; returns (status, stdout, stderr). A crash is a failure."""
        full_env = dict(os.environ)
        if env:
            full_env.update(env)
        process = subprocess.run([self.umalint] + [str(a) for a in args], cwd=cwd or self.work,
                                 env=full_env, capture_output=True, text=True)
        if CRASH.search(process.stderr):
            self.check("no crash: umalint " + " ".join(map(str, args)), False, process.stderr)
        return process.returncode, process.stdout, process.stderr

    def json_run(self, *args, cwd=None):
        """Runs umalint --format=json; returns (status, diagnostics, stderr)."""
        status, out, err = self.run("--format=json", *args, cwd=cwd)
        try:
            diagnostics = json.loads(out)["diagnostics"]
        except (ValueError, KeyError):
            diagnostics = None
            self.check("json output of umalint " + " ".join(map(str, args)), False, out + err)
        return status, diagnostics or [], err

    def write(self, relative, text):
        path = os.path.join(self.work, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as handle:
            handle.write(text)
        return path

    def finish(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        sys.exit(1 if self.failed else 0)


def rules_at(diagnostics):
    """{(rule, line)} of a diagnostics list."""
    return sorted((d["rule"], d["line"]) for d in diagnostics)


def apply_fixes(text, fixes):
    """Applies byte-range edits (JSON `fixes`) to text, last first."""
    data = text.encode()
    for fix in sorted(fixes, key=lambda f: f["offset"], reverse=True):
        data = data[:fix["offset"]] + fix["replacement"].encode() + data[fix["offset"] + fix["length"]:]
    return data.decode()
