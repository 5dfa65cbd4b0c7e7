"""Inline suppressions as a user meets them: each directive form hides the
finding it names (and only that one), bare NOLINT does not, unused and
malformed suppressions are reported (UM0002) with a fix that removes them,
unmatched blocks are errors (UM0003), and --no-inline-suppressions ignores
them all. Usage: suppress_test.py UMALINT"""
import sys

from umalint_testlib import Suite, apply_fixes, rules_at

suite = Suite(sys.argv[1])
CHECKS = "--checks=-*,UM0*,UM2003"
COPY = "CopyFromUser(&Local, UserReq, sizeof(Local));"

HEAD = """#include <ntddk.h>
#include <usermode_accessors.h>
typedef struct _REQ { ULONG Length; ULONG64 Value; } REQ;
"""


def driver(body, head=""):
    """A handler whose body lines are `body`; COPY lines give one UM2003 each."""
    return (HEAD + head + "NTSTATUS Handler(REQ *UserReq) {\n    REQ Local;\n    __try {\n" +
            "".join("        %s\n" % line for line in body) +
            "    } __except (EXCEPTION_EXECUTE_HANDLER) {\n        return GetExceptionCode();\n    }\n"
            "    return Local.Length ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;\n}\n")


def line_of(text, needle, occurrence=1):
    seen = 0
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError("%r not in text" % needle)


def lint(name, text, *extra):
    path = suite.write("src/%s.c" % name, text)
    status, diagnostics, err = suite.json_run(CHECKS, *extra, path)
    return path, status, diagnostics, err


# --- each form hides exactly what it names ---------------------------------
forms = {
    "disable-line": [COPY + " // umalint-disable-line UM2003 -- legacy layout, checked by caller", COPY],
    "disable-line by name": [COPY + " // umalint-disable-line struct-sized-copy", COPY],
    "disable-line glob": [COPY + " // umalint-disable-line UM20*", COPY],
    "disable-next-line": ["// umalint-disable-next-line UM2003 -- reason", COPY, COPY],
    "NOLINT(...)": [COPY + " // NOLINT(UM2003)", COPY],
    "NOLINT with clang-tidy IDs": [COPY + " // NOLINT(bugprone-sizeof-expression, UM2003): reason", COPY],
    "NOLINTNEXTLINE(...)": ["// NOLINTNEXTLINE(struct-sized-copy)", COPY, COPY],
    "block comment disable-line": [COPY + " /* umalint-disable-line UM2003 */", COPY],
}
for name, body in forms.items():
    text = driver(body)
    path, status, diagnostics, err = lint(name.replace(" ", "_").replace("(", "").replace(")", "").replace(".", ""),
                                          text)
    lines = [d["line"] for d in diagnostics if d["rule"] == "UM2003"]
    last_copy = len(text.splitlines()) - 5   # the last COPY line of the body
    suite.check(name + ": hides the finding it names, keeps the other", lines == [last_copy],
                "UM2003 on lines %s, want [%d]" % (lines, last_copy))
    suite.check(name + ": no UM0002/UM0003", not [d for d in diagnostics if d["rule"] in ("UM0002", "UM0003")],
                str(rules_at(diagnostics)))
    suite.check(name + ": summary counts it", "1 suppressed inline" in err, err)

# all findings suppressed: exit 0, nothing printed
text = driver([COPY + " // umalint-disable-line UM2003 -- reason"])
path = suite.write("src/all_suppressed.c", text)
status, out, err = suite.run(CHECKS, path)
suite.check("everything suppressed: exit 0", status == 0, "exit %d: %s" % (status, err))
suite.check("everything suppressed: text output empty", out.strip() == "", out)
status, out, err = suite.run(CHECKS, "--format=gcc", path)
suite.check("everything suppressed: gcc output empty", status == 0 and out.strip() == "", out)
status, out, err = suite.run(CHECKS, "--format=msvc", path)
suite.check("everything suppressed: msvc output empty", status == 0 and out.strip() == "", out)

# block and file forms
text = driver([COPY, "/* umalint-disable UM2003 -- generated table */", COPY, COPY, "/* umalint-enable UM2003 */", COPY])
path, status, diagnostics, err = lint("block", text)
suite.check("disable/enable block: hides the lines between", rules_at(diagnostics) ==
            [("UM2003", line_of(text, COPY, 1)), ("UM2003", line_of(text, COPY, 4))], str(rules_at(diagnostics)))

text = driver([COPY, "/* NOLINTBEGIN(UM2003) */", COPY, "/* NOLINTEND(UM2003) */", COPY])
path, status, diagnostics, err = lint("nolint_block", text)
suite.check("NOLINTBEGIN/NOLINTEND block", rules_at(diagnostics) ==
            [("UM2003", line_of(text, COPY, 1)), ("UM2003", line_of(text, COPY, 3))], str(rules_at(diagnostics)))

text = "/* umalint-disable-file UM2003 -- vendor code */\n" + driver([COPY, COPY])
path, status, diagnostics, err = lint("file", text)
suite.check("disable-file hides the whole file", diagnostics == [] and status == 0, str(rules_at(diagnostics)))

text = driver([COPY]) .replace("#include <ntddk.h>", "#include <ntddk.h>\n/* umalint-disable-file\n"
                                " * UM2003 is not read here: IDs come from the first line */")
path, status, diagnostics, err = lint("file_ids_first_line", text)
suite.check("IDs are read from the directive's first line only",
            ("UM2003", line_of(text, COPY)) in rules_at(diagnostics) and
            any(d["rule"] == "UM0002" and "names no check" in d["message"] for d in diagnostics),
            str([(d["rule"], d["message"]) for d in diagnostics]))

# --- what is not a suppression ------------------------------------------------
text = driver([COPY + " // NOLINT", COPY + " // NOLINT (UM2003)",
               'const char *Text = "// umalint-disable-next-line UM2003";', COPY,
               COPY + " // umalint-disable-line UM2004"])
path, status, diagnostics, err = lint("not_suppressions", text)
lines = [d["line"] for d in diagnostics if d["rule"] == "UM2003"]
suite.check("bare NOLINT, 'NOLINT (X)', a directive in a string and another ID do not suppress",
            lines == [line_of(text, COPY, n) for n in (1, 2, 3, 4)], "UM2003 on %s" % lines)
suite.check("bare NOLINT is not reported either", not [d for d in diagnostics if d["rule"] == "UM0002" and
                                                        "NOLINT" in d["message"]], str(diagnostics))

# --- UM0002 ---------------------------------------------------------------------
text = driver([COPY + " // umalint-disable-line", "Local.Length = 0; // umalint-disable-line UM2003 -- stale",
               COPY + " // umalint-disable-line UM2003, UM2030, doubel-fetch -- typos",
               "// umalint-disable-lines UM2003", COPY])
path, status, diagnostics, err = lint("um0002", text)
um0002 = {d["line"]: d for d in diagnostics if d["rule"] == "UM0002"}
suite.check("UM0002: a directive without IDs is reported",
            "names no check" in um0002.get(line_of(text, "umalint-disable-line\n".strip()), {}).get("message", ""),
            str(um0002))
suite.check("UM0002: the finding under an ID-less directive is not suppressed",
            ("UM2003", line_of(text, COPY, 1)) in rules_at(diagnostics), str(rules_at(diagnostics)))
stale = um0002.get(line_of(text, "-- stale"))
suite.check("UM0002: an unused ID is reported as unused", stale and "unused suppression" in stale["message"]
            and stale["severity"] == "warning", str(stale))
typos = um0002.get(line_of(text, "-- typos"))
suite.check("UM0002: unknown IDs are named", typos and "UM2030, doubel-fetch match no umalint check" in
            typos["message"], str(typos))
suite.check("UM0002: the used ID still suppresses", ("UM2003", line_of(text, "-- typos")) not in
            rules_at(diagnostics), str(rules_at(diagnostics)))
unknown = um0002.get(line_of(text, "umalint-disable-lines"))
suite.check("UM0002: an unknown directive is reported", unknown and "unknown directive" in unknown["message"],
            str(unknown))
suite.check("UM0002 fails the run (warning)", status == 1, "exit %d" % status)

# the fixes: applying them removes the stale comment and the typos, and a rerun is clean of UM0002 there
fixes = [f for d in (stale, typos) if d for f in d.get("fixes", [])]
suite.check("UM0002 fixes are safe", all(d.get("fix_applicability") == "safe" for d in (stale, typos) if d), "")
fixed = apply_fixes(text, fixes)
suite.check("UM0002 fix deletes a trailing unused comment and its blanks", "Local.Length = 0;\n" in fixed, fixed)
suite.check("UM0002 fix keeps the used ID and the reason",
            COPY + " // umalint-disable-line UM2003 -- typos" in fixed, fixed)
path = suite.write("src/um0002_fixed.c", fixed)
status, diagnostics, err = suite.json_run(CHECKS, path)
left = [d["message"] for d in diagnostics if d["rule"] == "UM0002"]
suite.check("after the fix only the ID-less and unknown directives remain",
            len(left) == 2 and all("names no check" in m or "unknown directive" in m for m in left), str(left))

# a comment alone on its line goes with its line; a block goes with its enable
text = driver(["// umalint-disable-next-line UM2003 -- nothing below", "Local.Length = 1;",
               "/* umalint-disable UM2003 */", "Local.Length = 2;", "/* umalint-enable UM2003 */"])
path, status, diagnostics, err = lint("um0002_lines", text)
fixes = [f for d in diagnostics if d["rule"] == "UM0002" for f in d.get("fixes", [])]
fixed = apply_fixes(text, fixes)
suite.check("UM0002 fix removes whole comment lines, and the block's enable with its disable",
            "umalint-" not in fixed and "        Local.Length = 1;\n        Local.Length = 2;\n" in fixed, fixed)
suite.check("after that fix the file has no UM0003", not [d for d in suite.json_run(
    CHECKS, suite.write("src/um0002_lines_fixed.c", fixed))[1] if d["rule"] == "UM0003"], fixed)

# --fix applies the UM0002 fix, and never the fix of a suppressed finding
text = driver([COPY + " // umalint-disable-line UM2003 -- keep the hand-written size",
               "Local.Length = 0; // umalint-disable-line UM2003"])
path = suite.write("src/fix_um0002.c", text)
status, out, err = suite.run(CHECKS, "--fix", path)
with open(path) as handle:
    fixed = handle.read()
suite.check("--fix removes the unused suppression", "Local.Length = 0;\n" in fixed, fixed + err)
suite.check("--fix leaves the suppressed finding's code alone", COPY + " // umalint-disable-line UM2003" in fixed,
            fixed)
suite.check("--fix: exit 0 afterwards", status == 0, "exit %d: %s" % (status, err))

# an ID whose checks are disabled is not judged
text = driver(["Local.Length = 0; // umalint-disable-line UM2003"])
path = suite.write("src/disabled_check.c", text)
status, diagnostics, err = suite.json_run("--checks=-*,UM0*", path)
suite.check("a suppression of a check disabled by --checks is not 'unused'", diagnostics == [], str(diagnostics))
status, diagnostics, err = suite.json_run(CHECKS + ",-UM0002", path)
suite.check("--checks=-UM0002 turns the report off", diagnostics == [], str(diagnostics))

# --- UM0003 -----------------------------------------------------------------------
text = driver([COPY, "/* umalint-enable UM2003 */", "/* umalint-disable UM2003 -- open */", COPY])
path, status, diagnostics, err = lint("um0003", text)
um0003 = sorted((d["line"], d["severity"], d["message"]) for d in diagnostics if d["rule"] == "UM0003")
suite.check("UM0003: enable without disable and disable without enable, as errors",
            [(line, severity) for line, severity, _ in um0003] ==
            [(line_of(text, "umalint-enable"), "error"), (line_of(text, "umalint-disable"), "error")], str(um0003))
suite.check("UM0003: an unclosed block still suppresses to the end of the file",
            rules_at([d for d in diagnostics if d["rule"] == "UM2003"]) == [("UM2003", line_of(text, COPY, 1))],
            str(rules_at(diagnostics)))

# --- audit mode -------------------------------------------------------------------
text = driver([COPY + " // umalint-disable-line UM2003", "Local.Length = 0; // umalint-disable-line UM2003",
               "/* umalint-disable UM2003 */"])
path, status, diagnostics, err = lint("audit", text, "--no-inline-suppressions")
suite.check("--no-inline-suppressions: the finding is reported, the comments are not judged",
            rules_at(diagnostics) == [("UM2003", line_of(text, COPY))], str(rules_at(diagnostics)))
suite.check("--no-inline-suppressions: exit 1", status == 1, "exit %d" % status)

# --- a suppression in a header ----------------------------------------------------
suite.write("src/inc/helper.h", HEAD.replace("typedef", "#pragma once\ntypedef") +
            "static NTSTATUS Helper(REQ *UserReq) {\n    REQ Local;\n    __try {\n"
            "        " + COPY + " // umalint-disable-line UM2003 -- in a header\n"
            "        " + COPY + "\n"
            "        Local.Length = 0; // umalint-disable-line UM2003\n"
            "    } __except (EXCEPTION_EXECUTE_HANDLER) { return GetExceptionCode(); }\n    return 0;\n}\n")
path = suite.write("src/uses_header.c", '#include "inc/helper.h"\nNTSTATUS Entry(REQ *R) { return Helper(R); }\n')
status, diagnostics, err = suite.json_run(CHECKS, path)
suite.check("a suppression in a header hides the header's finding",
            [(d["rule"], d["file"].endswith("helper.h"), d["line"]) for d in diagnostics] == [("UM2003", True, 9)],
            str([(d["rule"], d["file"], d["line"], d["message"]) for d in diagnostics]))

suite.finish()
