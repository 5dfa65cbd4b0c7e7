"""The baseline as a team adopting umalint on a legacy tree uses it: a
baseline written today makes tomorrow's run exit 0 (blank lines and new
code above the findings, moved code, an edited neighbour line) until a new
finding appears, which alone is reported; stale entries are noted and
--prune-baseline removes them atomically; a malformed baseline is a
one-line error. Usage: baseline_test.py UMALINT"""
import glob
import json
import os
import shutil
import sys

from umalint_testlib import Suite

suite = Suite(sys.argv[1])
CHECKS = "--checks=-*,UM2003"
COPY = "CopyFromUser(&Local, UserReq, sizeof(Local));"
HEAD = """#include <ntddk.h>
#include <usermode_accessors.h>
typedef struct _REQ { ULONG Length; ULONG64 Value; } REQ;
"""


def handler(name, body):
    return ("NTSTATUS %s(REQ *UserReq) {\n    REQ Local;\n    __try {\n" % name +
            "".join("        %s\n" % line for line in body) +
            "    } __except (EXCEPTION_EXECUTE_HANDLER) {\n        return GetExceptionCode();\n    }\n"
            "    return Local.Length ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;\n}\n")


def project(name):
    """A small legacy tree: two files, four UM2003 findings."""
    root = os.path.join(suite.work, name)
    suite.write(name + "/drivers/ioctl.c", HEAD + handler("Ioctl", [COPY, "Local.Value = 1;", COPY]))
    suite.write(name + "/drivers/read.c", HEAD + handler("Read", [COPY]) + handler("Write", [COPY]))
    return root


def edit(root, relative, old, new):
    path = os.path.join(root, relative)
    with open(path) as handle:
        text = handle.read()
    assert old in text, (old, text)
    with open(path, "w") as handle:
        handle.write(text.replace(old, new, 1))


def lint(root, *args):
    return suite.json_run(CHECKS, *args, cwd=root)


# --- today: write the baseline --------------------------------------------------------
root = project("legacy")
status, diagnostics, err = suite.json_run(CHECKS, "drivers", cwd=root)
suite.check("the legacy tree fails today without a baseline", status == 1 and len(diagnostics) == 4,
            "exit %d, %d findings" % (status, len(diagnostics)))
status, diagnostics, err = lint(root, "--write-baseline", "umalint-baseline.json", "drivers")
suite.check("--write-baseline: exit 0, nothing reported", status == 0 and diagnostics == [], err)
suite.check("--write-baseline: a note with the counts",
            "baseline: wrote 3 entries for 4 findings to umalint-baseline.json" in err, err)
with open(os.path.join(root, "umalint-baseline.json")) as handle:
    written = handle.read()
baseline = json.loads(written)
entries = baseline["entries"]
suite.check("baseline: version 1, entries keyed by rule, path, fingerprint, with counts",
            baseline["version"] == 1 and all(set(e) >= {"rule", "path", "fingerprint", "count"} for e in entries),
            written)
suite.check("baseline: no line numbers", "line" not in written.replace("lines", ""), written)
suite.check("baseline: paths relative to the baseline file",
            sorted(set(e["path"] for e in entries)) == ["drivers/ioctl.c", "drivers/read.c"], written)
suite.check("baseline: identical lines with the same neighbours share an entry (count 2)",
            sorted(e["count"] for e in entries) == [1, 1, 1, 1] or sorted(e["count"] for e in entries) == [1, 1, 2],
            str([(e["path"], e["count"]) for e in entries]))
lint(root, "--write-baseline", "umalint-baseline.json", "drivers")
with open(os.path.join(root, "umalint-baseline.json")) as handle:
    suite.check("writing again gives the same bytes", handle.read() == written, "")

# --- tomorrow -------------------------------------------------------------------------------
status, diagnostics, err = lint(root, "--baseline", "umalint-baseline.json", "drivers")
suite.check("tomorrow, unchanged: exit 0, nothing reported, no stale note",
            status == 0 and diagnostics == [] and "baseline:" not in err, err)

edit(root, "drivers/ioctl.c", "typedef struct _REQ { ULONG Length; ULONG64 Value; } REQ;\n",
     "typedef struct _REQ { ULONG Length; ULONG64 Value; } REQ;\n\n\n\n"
     "static ULONG Twice(ULONG Value)\n{\n    return Value * 2;\n}\n\n")
status, diagnostics, err = lint(root, "--baseline", "umalint-baseline.json", "drivers")
suite.check("blank lines and a new function above the findings: still exit 0",
            status == 0 and diagnostics == [] and "baseline:" not in err, err + str(diagnostics))

with open(os.path.join(root, "drivers/read.c")) as handle:
    text = handle.read()
read_handler = text[text.index("NTSTATUS Read"):text.index("NTSTATUS Write")]
with open(os.path.join(root, "drivers/read.c"), "w") as handle:
    handle.write(text.replace(read_handler, "") + "\n" + read_handler)
status, diagnostics, err = lint(root, "--baseline", "umalint-baseline.json", "drivers")
suite.check("a function moved to the end of its file: still exit 0", status == 0 and diagnostics == [],
            err + str(diagnostics))

edit(root, "drivers/ioctl.c", "        Local.Value = 1;\n", "        Local.Value = 2;   /* tuned */\n")
status, diagnostics, err = lint(root, "--baseline", "umalint-baseline.json", "drivers")
suite.check("a neighbouring line edited: still exit 0", status == 0 and diagnostics == [], err + str(diagnostics))

edit(root, "drivers/ioctl.c", "        Local.Value = 2;", "        CopyFromUser(&Local, UserReq, sizeof(REQ));\n"
                                                      "        Local.Value = 2;")
status, diagnostics, err = lint(root, "--baseline", "umalint-baseline.json", "drivers")
suite.check("a new bad call: exit 1", status == 1, "exit %d: %s" % (status, err))
new_line = [n for n, line in enumerate(open(os.path.join(root, "drivers/ioctl.c")), 1) if "sizeof(REQ)" in line][0]
suite.check("a new bad call: only the new finding is reported",
            [(d["file"], d["rule"], d["line"]) for d in diagnostics] == [("drivers/ioctl.c", "UM2003", new_line)],
            str([(d["file"], d["rule"], d["line"]) for d in diagnostics]))

# from another directory: paths are relative to the baseline file, not to the working directory
status, diagnostics, err = suite.json_run(CHECKS, "--baseline", "../umalint-baseline.json", ".",
                                          cwd=os.path.join(root, "drivers"))
suite.check("run from another directory: the same single new finding",
            status == 1 and len(diagnostics) == 1 and diagnostics[0]["file"] == "./ioctl.c", str(diagnostics) + err)

# --- stale entries and --prune-baseline -----------------------------------------------------------
root = project("stale")
lint(root, "--write-baseline", "base.json", "drivers")
status, diagnostics, err = lint(root, "--baseline", "base.json", "drivers/read.c")
suite.check("a run on part of the tree does not call the other files' entries stale",
            status == 0 and "baseline:" not in err, err)
edit(root, "drivers/read.c", COPY, "ReadStructFromUser(&Local, UserReq);")
status, diagnostics, err = lint(root, "--baseline", "base.json", "drivers")
suite.check("a fixed finding: its entry is noted as stale, exit 0",
            status == 0 and "umalint: note: baseline: 1 entry no longer matches (run --prune-baseline)" in err, err)
os.remove(os.path.join(root, "drivers/ioctl.c"))
status, diagnostics, err = lint(root, "--baseline", "base.json", "drivers/read.c")
suite.check("a deleted file's entries are stale", "baseline: 3 entries no longer match" in err or
            "baseline: 2 entries no longer match" in err, err)
status, diagnostics, err = lint(root, "--baseline", "base.json", "--prune-baseline", "drivers")
with open(os.path.join(root, "base.json")) as handle:
    pruned = json.load(handle)
suite.check("--prune-baseline: a note, and only the live entry is left",
            "baseline: pruned" in err and [(e["path"], e["count"]) for e in pruned["entries"]] ==
            [("drivers/read.c", 1)], err + json.dumps(pruned))
suite.check("--prune-baseline leaves no temporary file", sorted(os.listdir(root)) == ["base.json", "drivers"],
            str(os.listdir(root)))
status, diagnostics, err = lint(root, "--baseline", "base.json", "drivers")
suite.check("after pruning: clean and no stale note", status == 0 and "baseline:" not in err, err)
status, diagnostics, err = lint(root, "--baseline", "base.json", "--prune-baseline", "drivers")
suite.check("pruning again: nothing to prune", "nothing to prune" in err, err)

# --- suppressed findings and the other options ------------------------------------------------------
root = project("suppressed")
edit(root, "drivers/read.c", COPY, COPY + " // umalint-disable-line UM2003 -- reviewed")
lint(root, "--write-baseline", "base.json", "drivers")
with open(os.path.join(root, "base.json")) as handle:
    suite.check("suppressed findings are not written to the baseline",
                sum(e["count"] for e in json.load(handle)["entries"]) == 3, "")

status, out, err = suite.run("--baseline", "a.json", "--write-baseline", "b.json", "x.c")
suite.check("--baseline with --write-baseline: usage error", status == 2 and err.count("umalint: error:") == 1, err)
status, out, err = suite.run("--prune-baseline", "x.c")
suite.check("--prune-baseline without --baseline: usage error", status == 2 and "--prune-baseline needs" in err, err)

# --- malformed baselines ------------------------------------------------------------------------------
root = project("malformed")
bad_cases = [
    ("missing file", None, 0, "no such file"),
    ("invalid JSON", '{\n  "version": 1,\n  "entries": [,]\n}\n', 3, "invalid JSON"),
    ("another version", '{"version": 2, "entries": []}', 1, "version 2 is not supported"),
    ("no entries", '{"version": 1}', 1, 'no "entries" array'),
    ("an entry without a rule", '{"version": 1, "entries": [\n  {"rule": "UM2003", "path": "a.c", '
     '"fingerprint": "x", "count": 1},\n  {"path": "a.c", "fingerprint": "x", "count": 1}\n]}', 3,
     'entry 2 has no "rule" string'),
    ("a zero count", '{"version": 1, "entries": [{"rule": "UM2003", "path": "a.c", "fingerprint": "x", '
     '"count": 0}]}', 1, '"count" must be a whole number'),
    ("a NUL byte", '{"version": 1,\n\0}', 2, "NUL byte"),
]
for name, text, line, reason in bad_cases:
    path = os.path.join(root, "bad.json")
    if os.path.exists(path):
        os.remove(path)
    if text is not None:
        with open(path, "w") as handle:
            handle.write(text)
    status, out, err = suite.run(CHECKS, "--baseline", "bad.json", "drivers", cwd=root)
    lines = err.strip().splitlines()
    where = "bad.json:%d: " % line if line else "bad.json: "
    suite.check("malformed baseline (%s): exit 2, one line with file, line and reason" % name,
                status == 2 and len(lines) == 1 and lines[0].startswith("umalint: error: " + where) and
                reason in lines[0], "exit %d: %s" % (status, err))
    suite.check("malformed baseline (%s): nothing analysed" % name, out == "", out)

path = os.path.join(root, "dup.json")
with open(path, "w") as handle:
    json.dump({"version": 1, "tool": "someone", "future_field": [1], "entries": [
        dict(e, path=e["path"]) for e in entries]}, handle)
status, diagnostics, err = lint(root, "--baseline", "dup.json", "drivers")
suite.check("unknown fields are ignored within version 1", status in (0, 1), err)

suite.finish()
