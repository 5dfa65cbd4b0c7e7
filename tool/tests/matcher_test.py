#!/usr/bin/env python3
"""Problem matchers against umalint's real output.

Runs umalint over testdata/ with --format=gcc and --format=msvc and applies
the regular expressions an editor or CI would: the matcher in
tool/matchers/vscode-tasks.json, the GitHub matcher in
tool/matchers/umalint-matcher.json, and VS Code's built-in $gcc and
$msCompile patterns (as written in linter-conventions.md section 2.2). Every
finding must be picked up with the right file, line, column, severity, code
and message (--format=json is the reference), and no note line may match.

Usage: matcher_test.py UMALINT TESTDATA_DIR MATCHERS_DIR
"""
import json
import os
import re
import subprocess
import sys

VSCODE_GCC = r"^(.*):(\d+):(\d+):\s+(?:fatal\s+)?(warning|error):\s+(.*)$"
VSCODE_MSCOMPILE = (r"^(?:\s+\d+\>)?([^\s].*)\((\d+|\d+,\d+|\d+,\d+,\d+,\d+)\)\s*:\s+"
                    r"(error|warning|info)\s+(\w{1,2}\d+)\s*:\s*(.*)$")

passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def js_regexp(pattern):
    """The matchers hold JavaScript regexps; these use only syntax Python
    reads the same way (groups, classes, \\d, \\s, \\w, quantifiers)."""
    return re.compile(pattern)


def run(umalint, *arguments):
    result = subprocess.run([umalint, "--quiet", *arguments], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(f"umalint {' '.join(arguments)} exited {result.returncode}: {result.stderr}")
    return result.stdout


def pattern_fields(pattern):
    return {key: pattern[key] for key in ("file", "line", "column", "severity", "message", "code")
            if key in pattern}


def apply(regexp, fields, line):
    """What a matcher extracts from one line, or None."""
    match = regexp.match(line)
    if not match:
        return None
    return {key: match.group(index) for key, index in fields.items()}


def expected_from_json(diagnostic):
    return {"file": diagnostic["file"], "line": str(diagnostic["line"]),
            "column": str(diagnostic["column"]), "severity": diagnostic["severity"],
            "code": diagnostic["rule"], "message": diagnostic["message"]}


def check_matcher(name, regexp, fields, lines, diagnostics, severities, message_has_code=False):
    """umalint prints each finding's line, then one line per note. Findings
    whose severity the matcher reads must match, field by field; note lines
    (and findings at other severities) must not."""
    check(f"{name}: one output line per finding and note",
          len(lines) == sum(1 + len(d["notes"]) for d in diagnostics), f"{len(lines)} lines")
    position = 0
    unmatched, note_matches, wrong, matched = [], [], [], 0
    for diagnostic in diagnostics:
        line = lines[position] if position < len(lines) else ""
        got = apply(regexp, fields, line)
        position += 1
        for _ in diagnostic["notes"]:
            note_line = lines[position] if position < len(lines) else ""
            if apply(regexp, fields, note_line):
                note_matches.append(note_line)
            position += 1
        if diagnostic["severity"] not in severities:
            if got:
                note_matches.append(line)
            continue
        if not got:
            unmatched.append(line)
            continue
        matched += 1
        want = expected_from_json(diagnostic)
        if message_has_code:
            want["message"] = f"{want['message']} [{want['code']}]"
        for key, value in got.items():
            if key == "line" and "," in value:   # $msCompile's "(line,col)" location group
                value = tuple(value.split(",")[:2])
                if value != (want["line"], want["column"]):
                    wrong.append((key, value, want["line"], want["column"]))
                continue
            if key == "severity" and value == "info":
                value = "note"
            if value != want[key]:
                wrong.append((key, value, want[key]))
    check(f"{name}: every finding matches", not unmatched and matched > 0, unmatched[:3])
    check(f"{name}: note lines do not match", not note_matches, note_matches[:3])
    check(f"{name}: file, line, column, severity, code and message as in --format=json", not wrong, wrong[:3])


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    umalint, testdata, matchers = sys.argv[1:]
    diagnostics = json.loads(run(umalint, "--format=json", testdata))["diagnostics"]
    check("testdata has findings to match", len(diagnostics) > 10, len(diagnostics))
    check("testdata has findings with notes", any(d["notes"] for d in diagnostics))
    gcc_lines = run(umalint, "--format=gcc", testdata).splitlines()
    msvc_lines = run(umalint, "--format=msvc", testdata).splitlines()
    gcc_severities = ("warning", "error")   # the gcc matchers read only these, like VS Code's $gcc

    with open(os.path.join(matchers, "vscode-tasks.json"), encoding="utf-8") as file:
        tasks = json.load(file)["tasks"]
    gcc_task = next(task for task in tasks if "--format=gcc" in task["command"])
    matcher = gcc_task["problemMatcher"]
    check("vscode-tasks.json: owner umalint, fileLocation autoDetect",
          matcher["owner"] == "umalint" and matcher["fileLocation"][0] == "autoDetect", matcher)
    pattern = matcher["pattern"]
    check("vscode-tasks.json: pattern has file, line, column, severity, message and code",
          set(pattern_fields(pattern)) == {"file", "line", "column", "severity", "message", "code"}, pattern)
    check_matcher("vscode-tasks.json matcher on --format=gcc", js_regexp(pattern["regexp"]),
                  pattern_fields(pattern), gcc_lines, diagnostics, gcc_severities)
    msvc_task = next(task for task in tasks if "--format=msvc" in task["command"])
    check("vscode-tasks.json: the msvc task extends $msCompile",
          msvc_task["problemMatcher"].get("base") == "$msCompile", msvc_task)

    with open(os.path.join(matchers, "umalint-matcher.json"), encoding="utf-8") as file:
        github = json.load(file)["problemMatcher"]
    check("umalint-matcher.json: one matcher, owner umalint", len(github) == 1 and github[0]["owner"] == "umalint")
    pattern = github[0]["pattern"][0]
    check_matcher("GitHub matcher on --format=gcc", js_regexp(pattern["regexp"]), pattern_fields(pattern),
                  gcc_lines, diagnostics, gcc_severities)

    # VS Code's $gcc has no code group: the code stays in the message.
    check_matcher("VS Code $gcc on --format=gcc", js_regexp(VSCODE_GCC),
                  {"file": 1, "line": 2, "column": 3, "severity": 4, "message": 5}, gcc_lines,
                  diagnostics, gcc_severities, message_has_code=True)
    check_matcher("VS Code $msCompile on --format=msvc", js_regexp(VSCODE_MSCOMPILE),
                  {"file": 1, "line": 2, "severity": 3, "code": 4, "message": 5}, msvc_lines, diagnostics,
                  ("error", "warning", "note"))

    # The text format's source and caret lines must not look like findings.
    text_lines = run(umalint, "--format=text", "--color=never", os.path.join(testdata, "rules")).splitlines()
    gutter = [line for line in text_lines if re.match(r"^ *\d* \| ", line)]
    regexp = js_regexp(github[0]["pattern"][0]["regexp"])
    check("text format: gutter lines exist and match no matcher",
          gutter and not any(regexp.match(line) or js_regexp(VSCODE_GCC).match(line) for line in gutter),
          gutter[:2])
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
