""".umalint.json as a user meets it: found upward from each file, layered
with "inherit", replaced by --config, ignored with --no-config, printed by
--dump-config; every key changes what a run reports; a malformed file is one
line naming the file and line, exit 2, and nothing is analysed.
Usage: config_test.py UMALINT"""
import json
import os
import sys

from umalint_testlib import Suite, rules_at

suite = Suite(sys.argv[1])
COPY = "CopyFromUser(&Local, UserReq, sizeof(Local));"
DRIVER = """#include <ntddk.h>
#include <usermode_accessors.h>
typedef struct _REQ { ULONG Length; ULONG64 Value; } REQ;
NTSTATUS Handler(REQ *UserReq) {
    REQ Local;
    __try {
        %s
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Local.Length ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
""" % COPY
COPY_LINE = 7


def tree(name):
    """A fresh tree: NAME/a.c, NAME/sub/b.c, NAME/sub/deep/c.c (one UM2003 each)."""
    for relative in ("a.c", "sub/b.c", "sub/deep/c.c"):
        suite.write("%s/%s" % (name, relative), DRIVER)
    return os.path.join(suite.work, name)


def config(root, relative, text):
    suite.write(os.path.join(os.path.relpath(root, suite.work), relative, ".umalint.json"), text)


def found(diagnostics):
    """{file relative to its tree: [(rule, severity)]}"""
    result = {}
    for d in diagnostics:
        result.setdefault(d["file"], []).append((d["rule"], d["severity"]))
    return result


# --- discovery and layering -------------------------------------------------------
root = tree("layers")
config(root, "", """// the root: only the struct copies, as notes
{
  "checks": "-*,UM2003",   /* one check */
  "severity": {"UM2003": "note"}
}
""")
config(root, "sub", '{ "severity": {"struct-sized-copy": "error"} }')
status, diagnostics, err = suite.json_run(".", cwd=root)
got = found(diagnostics)
suite.check("comments are allowed; the root file applies to a.c", got.get("./a.c") == [("UM2003", "note")], str(got))
suite.check("the nearest file wins, without inheriting (sub/b.c gets every check)",
            ("UM2003", "error") in got.get("./sub/b.c", []) and len(got.get("./sub/b.c", [])) > 1, str(got))
suite.check("the nearest file above counts for deeper directories", got.get("./sub/deep/c.c") == got.get("./sub/b.c"),
            str(got))

config(root, "sub", '{ "inherit": true, "severity": {"struct-sized-copy": "error"} }')
status, diagnostics, err = suite.json_run(".", cwd=root)
got = found(diagnostics)
suite.check('"inherit": true layers onto the parent (its checks, our severity)',
            got.get("./sub/b.c") == [("UM2003", "error")] and got.get("./a.c") == [("UM2003", "note")], str(got))
suite.check("severity note only: a.c alone exits 0", suite.json_run("a.c", cwd=root)[0] == 0, "")

status, diagnostics, err = suite.json_run("--checks=UM1004", "a.c", cwd=root)
suite.check("command-line --checks applies after the file's checks",
            sorted(set(d["rule"] for d in diagnostics)) == ["UM1004", "UM2003"] or
            sorted(set(d["rule"] for d in diagnostics)) == ["UM2003"], str(rules_at(diagnostics)))
status, diagnostics, err = suite.json_run("--checks=-UM2003,UM0001", "a.c", cwd=root)
suite.check("command-line --checks can remove what the file enables", diagnostics == [] and status == 0,
            str(rules_at(diagnostics)) + err)

# a symbolic link is configured where the link is (as in a Bazel sandbox)
os.makedirs(os.path.join(suite.work, "linked"), exist_ok=True)
suite.write("linked/.umalint.json", '{"checks": "-*,UM0001"}')
os.symlink(os.path.join(root, "a.c"), os.path.join(suite.work, "linked", "a.c"))
status, diagnostics, err = suite.json_run("linked/a.c")
suite.check("a linked file takes the configuration of the link's directory", diagnostics == [] and status == 0,
            str(rules_at(diagnostics)))

# --config and --no-config
other = suite.write("elsewhere/strict.json", '{"checks": "-*,UM2003", "warnings_as_errors": "UM2*"}')
status, diagnostics, err = suite.json_run("--config", other, ".", cwd=root)
suite.check("--config FILE is used for every file, nearer files ignored",
            set(map(tuple, sum(found(diagnostics).values(), []))) == {("UM2003", "error")} and
            len(found(diagnostics)) == 3, str(found(diagnostics)))
status, diagnostics, err = suite.json_run("--no-config", "a.c", cwd=root)
suite.check("--no-config: defaults (every check, default severity)",
            ("UM2003", "warning") in found(diagnostics).get("a.c", []), str(found(diagnostics)))
status, out, err = suite.run("--config", other, "--no-config", "a.c", cwd=root)
suite.check("--config with --no-config is a usage error", status == 2 and err.count("umalint: error:") == 1, err)
status, out, err = suite.run("--config", "missing.json", "a.c", cwd=root)
suite.check("--config with a missing file: one-line error, exit 2",
            status == 2 and err.strip() == "umalint: error: missing.json: no such file", err)

# --dump-config
status, out, err = suite.run("--dump-config", "--checks=-UM0002", "--user-param=NtX:2", "sub/b.c", cwd=root)
try:
    dumped = json.loads(out)
except ValueError:
    dumped = {}
suite.check("--dump-config: exit 0 and a JSON object", status == 0 and isinstance(dumped, dict), out + err)
suite.check("--dump-config: layered checks, then the command line's",
            dumped.get("checks") == "-*,UM2003,-UM0002", str(dumped.get("checks")))
suite.check("--dump-config: the layered severity", dumped.get("severity") == {"UM2003": "note",
                                                                              "struct-sized-copy": "error"},
            str(dumped.get("severity")))
suite.check("--dump-config: command-line user params", dumped.get("user_params") == {"NtX": [2]},
            str(dumped.get("user_params")))
suite.check("--dump-config: every key, so the output is a usable .umalint.json",
            sorted(dumped) == sorted(["checks", "warnings_as_errors", "exclude", "extra_args", "severity",
                                      "user_params", "origin_fields"]), str(sorted(dumped)))
suite.check("--dump-config: names the files it layered on stderr",
            "configuration for sub/b.c: .umalint.json, then sub/.umalint.json" in err, err)
dump_file = suite.write("dumped/.umalint.json", out)
suite.write("dumped/a.c", DRIVER)
status, diagnostics, err2 = suite.json_run("--checks=UM0002", os.path.dirname(dump_file))
suite.check("the dumped configuration reads back", status == 1 and diagnostics and
            all(d["rule"] == "UM2003" and d["severity"] == "error" for d in diagnostics), err2)
status, out, err = suite.run("--dump-config", cwd=suite.write("empty/x.txt", "") and os.path.join(suite.work, "empty"))
suite.check("--dump-config without a configuration file: defaults and a note",
            status == 0 and json.loads(out)["checks"] == "*" and "no .umalint.json applies" in err, out + err)

# --list-checks follows the configuration of the first path
status, out, err = suite.run("--list-checks", "a.c", cwd=root)
suite.check("--list-checks lists what the configuration enables",
            [line.split()[0] for line in out.splitlines()] == ["UM2003"], out)

# --- every key ----------------------------------------------------------------------
root = tree("keys")
suite.write("keys/sub/third_party/t.c", DRIVER)
suite.write("keys/sub/gen/x_autogen.c", DRIVER)
suite.write("keys/sub/keep/generated.c", DRIVER)
suite.write("keys/outside_third_party/o.c", DRIVER)
config(root, "sub", """{
  "checks": "-*,UM2003,UM1001",
  "exclude": ["third_party/", "*_autogen.c", "deep/c.c"],
  "extra_args": ["-DLEVEL=1"]
}""")
status, diagnostics, err = suite.json_run(".", cwd=root)
files = sorted(found(diagnostics))
suite.check("exclude: a directory, a name glob at any depth, a path, relative to the file's directory",
            files == ["./a.c", "./outside_third_party/o.c", "./sub/b.c", "./sub/keep/generated.c"], str(files))
status, diagnostics, err = suite.json_run("sub/third_party/t.c", cwd=root)
suite.check("exclude applies to a file named on the command line too", diagnostics == [] and
            "no findings in 0 files" in err, err)

suite.write("keys/sub/level.c", """#include <ntddk.h>
#include <usermode_accessors.h>
typedef struct _REQ { ULONG Length; ULONG64 Value; } REQ;
NTSTATUS Handler(REQ *UserReq) {
    REQ Local;
    __try {
#if LEVEL == 2
        %s
#endif
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Local.Length ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
""" % COPY)
status, diagnostics, err = suite.json_run("sub/level.c", cwd=root)
suite.check("extra_args reach the compiler (LEVEL=1: nothing)", diagnostics == [], str(rules_at(diagnostics)))
status, diagnostics, err = suite.json_run("-DLEVEL=2", "sub/level.c", cwd=root)
suite.check("command-line -D comes after extra_args and wins", rules_at(diagnostics) == [("UM2003", 8)],
            str(rules_at(diagnostics)) + err)

config(root, "", """{"checks": "-*,UM2003", "severity": {"UM2*": "note", "UM2003": "warning"},
  "warnings_as_errors": "UM*,-UM1*"}""")
status, diagnostics, err = suite.json_run("a.c", cwd=root)
suite.check("severity: later entries win; warnings_as_errors promotes what its globs select",
            [d["severity"] for d in diagnostics] == ["error"], str([(d["rule"], d["severity"]) for d in diagnostics]))

user = suite.write("keys/user/ioctl.c", """#include <ntddk.h>
typedef struct _MY_INPUT { PVOID UserAddress; ULONG Length; } MY_INPUT;
NTSTATUS NtFooControl(HANDLE Handle, PVOID Buffer) {
    UNREFERENCED_PARAMETER(Handle);
    return *(PULONG)Buffer ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}
NTSTATUS Handle(MY_INPUT *In) {
    ULONG Value = *(PULONG)In->UserAddress;
    return Value ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}
""")
status, diagnostics, err = suite.json_run("--checks=-*,UM1001", user)
suite.check("without configuration: no user pointer known", diagnostics == [], str(rules_at(diagnostics)))
config(root, "user", '{"user_params": {"NtFooControl": [1]}, "origin_fields": ["UserAddress"]}')
status, diagnostics, err = suite.json_run("--checks=-*,UM1001", user)
suite.check("user_params and origin_fields make user pointers (UM1001 at both reads)",
            rules_at(diagnostics) == [("UM1001", 5), ("UM1001", 8)], str(rules_at(diagnostics)))
suite.check("the origin is named in the note", any("configured origin field" in n["message"]
                                                   for d in diagnostics for n in d["notes"]), str(diagnostics))

# --- malformed files ----------------------------------------------------------------
bad_cases = [
    ("syntax error", '{\n  "checks": "UM2*",\n  "exclude": ["a",]\n}\n', 3, "invalid JSON near ']'"),
    ("unknown key", '{\n  "checks": "UM2*",\n\n  "chekcs": "-*"\n}\n', 4, 'unknown key "chekcs"'),
    ("unterminated comment", '{\n "checks": "UM2*"\n /* never closed\n}\n', 3, "unterminated /* comment"),
    ("a glob that matches no check", '// x\n{"checks": "-*,UM9*"}', 2, "'UM9*' matches no check"),
    ("a key given twice", '{"checks": "UM2*",\n "checks": "UM1*"}', 2, '"checks" is given twice'),
    ("a wrong type", '{"exclude": "third_party"}', 1, '"exclude" must be an array of strings'),
    ("a wrong severity", '{"severity": {\n  "UM2003": "fatal"}}', 2, '"UM2003" must be "error", "warning" or "note"'),
    ("an unknown check in severity", '{"severity": {"UM9999": "note"}}', 1, "'UM9999' matches no check"),
    ("a bad parameter index", '{"user_params": {"F": [1.5]}}', 1, "0-based parameter indexes"),
    ("not an object", '["checks"]', 1, "expected a JSON object"),
    ("an empty file", '', 1, "empty file"),
    ("a truncated file", '{"checks": "UM2*"', 1, "unexpected end"),
    ("trailing text", '{"checks": "UM2*"} {}', 1, "invalid JSON near '{}'"),
    ("a NUL byte", '{"checks": \0"UM2*"}', 1, "NUL byte"),
    ("checks that enable nothing", '{"checks": "-*"}', 0, "no check is enabled"),
]
for name, text, line, reason in bad_cases:
    root = tree("bad_" + name.replace(" ", "_"))
    config(root, "sub", text)
    status, out, err = suite.run(".", cwd=root)
    where = "sub/.umalint.json:%d: " % line if line else "sub/.umalint.json: "
    lines = err.strip().splitlines()
    suite.check("malformed (%s): exit 2, one line naming file, line and reason" % name,
                status == 2 and len(lines) == 1 and lines[0].startswith("umalint: error: " + where) and
                reason in lines[0], "exit %d: %s" % (status, err))
    suite.check("malformed (%s): nothing analysed or printed" % name, out == "", out)

os.makedirs(os.path.join(tree("bad_directory"), "sub", ".umalint.json"))
status, out, err = suite.run(".", cwd=os.path.join(suite.work, "bad_directory"))
suite.check("a directory named .umalint.json: one-line error", status == 2 and
            err.strip() == "umalint: error: sub/.umalint.json: not a regular file", err)

root = tree("strings")
config(root, "", '{"exclude": ["sub//*", "a/*.c"], // comment markers inside strings stay\n'
                 ' "extra_args": ["-DX=\\"/* not a comment */\\""]}')
status, out, err = suite.run("--dump-config", ".", cwd=root)
suite.check("comment markers inside strings survive", status == 0 and json.loads(out)["exclude"] ==
            ["sub//*", "a/*.c"] and json.loads(out)["extra_args"] == ['-DX="/* not a comment */"'], out + err)

suite.finish()
