#!/usr/bin/env python3
"""--format=sarif as GitHub code scanning and other SARIF readers see it.

Every SARIF log this test makes umalint write (the whole testdata/ tree,
--checks subsets, absolute and odd paths, non-ASCII lines, multi-line
findings, a file that cannot be read, --report files) must validate against
the OASIS SARIF 2.1.0 schema and keep GitHub's ingestion rules and limits
(linter-conventions.md 2.4.1, 2.4.2). On top: results agree with
--format=json, columns are UTF-16 code units, paths are URIs relative to
%SRCROOT%, fixes apply, every rule links its doc page, and fingerprints do
not move when lines are inserted above a finding.

Usage: sarif_test.py UMALINT TESTDATA_DIR SCHEMA RULES_DIR
"""
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

import jsonschema

RULE_DOCS_URL = "https://github.com/umalint/umalint/blob/main/rules/"

BAD_C = """\
#include <ntddk.h>
#include <usermode_accessors.h>
typedef struct _REQ { ULONG Length; ULONG64 Value; } REQ;
NTSTATUS Handler(REQ *UserReq) {
    REQ Local;
    __try {
        CopyFromUserAligned(&Local, UserReq, sizeof(Local), TYPE_ALIGNMENT(REQ));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Local.Length ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
"""

passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


class Umalint:
    def __init__(self, binary, cwd):
        self.binary, self.cwd = binary, cwd

    def run(self, *arguments, want=(0, 1)):
        result = subprocess.run([self.binary, "--quiet", *arguments], cwd=self.cwd,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if result.returncode not in want:
            raise SystemExit(f"umalint {' '.join(arguments)}: exit {result.returncode}: "
                             f"{result.stderr.decode(errors='replace')}")
        return result

    def sarif(self, *arguments, want=(0, 1)):
        return json.loads(self.run("--format=sarif", *arguments, want=want).stdout)

    def json(self, *arguments):
        return json.loads(self.run("--format=json", *arguments).stdout)


# ---- the schema and GitHub's own rules ------------------------------------

def make_validator(schema_path):
    if not schema_path:
        return None
    with open(schema_path, encoding="utf-8") as file:
        schema = json.load(file)
    cls = jsonschema.validators.validator_for(schema)   # draft-04, per the schema's $schema
    checker = getattr(cls, "FORMAT_CHECKER", None) or jsonschema.FormatChecker()
    return cls(schema, format_checker=checker)


def github_problems(log, text):
    """GitHub's limits and the required properties it wants non-empty."""
    problems = []

    def need(condition, what):
        if not condition:
            problems.append(what)

    def nonempty(value):
        return isinstance(value, str) and value.strip() != ""

    need(len(gzip.compress(text)) <= 10 * 1024 * 1024, "gzip size over 10 MB")
    need(log.get("version") == "2.1.0", "version is not 2.1.0")
    need(nonempty(log.get("$schema")), "no $schema")
    runs = log.get("runs", [])
    need(1 <= len(runs) <= 20, "runs: 1 to 20")
    for run in runs:
        driver = run["tool"]["driver"]
        need(nonempty(driver.get("name")), "driver.name empty")
        need(nonempty(driver.get("semanticVersion")) or nonempty(driver.get("version")), "no driver version")
        need(len(run["tool"].get("extensions", [])) <= 100, "over 100 extensions")
        rules = driver.get("rules", [])
        need(0 < len(rules) <= 25000, "rules: 1 to 25000")
        for rule in rules:
            where = f"rule {rule.get('id')}"
            need(nonempty(rule.get("id")), f"{where}: id empty")
            need(len(rule.get("name", "")) <= 255, f"{where}: name over 255")
            for key in ("shortDescription", "fullDescription", "help"):
                need(nonempty(rule.get(key, {}).get("text")), f"{where}: {key}.text empty")
            for key in ("shortDescription", "fullDescription"):
                need(len(rule.get(key, {}).get("text", "")) <= 1024, f"{where}: {key} over 1024")
            need(rule.get("defaultConfiguration", {}).get("level") in ("note", "warning", "error"),
                 f"{where}: defaultConfiguration.level")
            properties = rule.get("properties", {})
            tags = properties.get("tags", [])
            need(len(tags) <= 10 and all(nonempty(t) for t in tags), f"{where}: tags (10 shown at most)")
            need(properties.get("precision") in ("very-high", "high", "medium", "low"), f"{where}: precision")
            need(properties.get("problem.severity") in ("error", "warning", "recommendation"),
                 f"{where}: problem.severity")
            if "security-severity" in properties:
                need(isinstance(properties["security-severity"], str), f"{where}: security-severity not a string")
        results = run.get("results", [])
        need(len(results) <= 25000, "over 25000 results")
        bases = run.get("originalUriBaseIds", {})
        for result in results:
            where = f"result {result.get('ruleId')}"
            need(nonempty(result.get("message", {}).get("text")), f"{where}: message.text empty")
            need(nonempty(result.get("ruleId")), f"{where}: no ruleId")
            index = result.get("ruleIndex")
            need(index is not None and 0 <= index < len(rules) and rules[index]["id"] == result["ruleId"],
                 f"{where}: ruleIndex does not name the rule")
            locations = result.get("locations", [])
            need(1 <= len(locations) <= 10, f"{where}: 1 to 10 locations")
            need(nonempty(result.get("partialFingerprints", {}).get("primaryLocationLineHash")),
                 f"{where}: no primaryLocationLineHash")
            for location in locations + result.get("relatedLocations", []):
                artifact = location["physicalLocation"]["artifactLocation"]
                uri = artifact.get("uri", "")
                need(nonempty(uri) and re.fullmatch(r"[\x21-\x7e]+", uri) is not None,
                     f"{where}: uri '{uri}' empty or not encoded")
                if "uriBaseId" in artifact:
                    need(artifact["uriBaseId"] in bases, f"{where}: uriBaseId not in originalUriBaseIds")
                    need(not urllib.parse.urlsplit(uri).scheme, f"{where}: relative uri with a scheme")
                else:
                    need(uri.startswith("file:///"), f"{where}: absolute uri not file:///")
    return problems


class Checker:
    def __init__(self, validator):
        self.validator = validator
        self.logs = 0

    def validate(self, name, text):
        """Schema and GitHub rules for one log; returns the parsed log."""
        self.logs += 1
        log = json.loads(text)
        if self.validator:
            errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in self.validator.iter_errors(log)]
            check(f"{name}: valid SARIF 2.1.0 (OASIS schema)", not errors, errors[:5])
        problems = github_problems(log, text)
        check(f"{name}: within GitHub's rules and limits", not problems, problems[:5])
        return log


def results_of(log):
    return log["runs"][0]["results"]


def location_of(result):
    physical = result["locations"][0]["physicalLocation"]
    return physical["artifactLocation"], physical["region"]


# ---- scenarios --------------------------------------------------------------

def check_testdata(umalint, checker, testdata, rules_dir):
    raw = umalint.run("--format=sarif", testdata).stdout
    log = checker.validate("testdata/", raw)
    run = log["runs"][0]
    diagnostics = umalint.json(testdata)["diagnostics"]
    results = run["results"]
    check("testdata/: one result per --format=json diagnostic, same order and fields",
          [(r["ruleId"], r["level"], r["message"]["text"], location_of(r)[1]["startLine"]) for r in results] ==
          [(d["rule"], d["severity"], d["message"], d["line"]) for d in diagnostics], f"{len(results)} results")
    check("testdata/: relative paths are relative to %SRCROOT% (the working directory)",
          all(location_of(r)[0] == {"uri": urllib.parse.quote(d["file"]), "uriBaseId": "SRCROOT"}
              for r, d in zip(results, diagnostics)), location_of(results[0])[0])
    cwd_uri = "file://" + urllib.parse.quote(os.path.realpath(umalint.cwd)) + "/"
    check("originalUriBaseIds.SRCROOT and workingDirectory are the cwd as a file:/// URI ending in /",
          run["originalUriBaseIds"]["SRCROOT"]["uri"] == cwd_uri and
          run["invocations"][0]["workingDirectory"]["uri"] == cwd_uri, (run["originalUriBaseIds"], cwd_uri))
    check("invocations[0].executionSuccessful is true", run["invocations"][0]["executionSuccessful"] is True)
    check("columnKind is utf16CodeUnits", run.get("columnKind") == "utf16CodeUnits")

    driver = run["tool"]["driver"]
    listed = [line.split()[0] for line in umalint.run("--list-checks").stdout.decode().splitlines()]
    check("tool.driver.rules: every registered rule, in registry order",
          [rule["id"] for rule in driver["rules"]] == listed, ([r["id"] for r in driver["rules"]], listed))
    check("tool.driver: name, version = semanticVersion, informationUri",
          driver["name"] == "umalint" and re.fullmatch(r"\d+\.\d+\.\d+", driver["semanticVersion"]) and
          driver["version"] == driver["semanticVersion"] and driver["informationUri"].startswith("https://"))
    docs = set(os.listdir(rules_dir))
    bad_links = []
    for rule in driver["rules"]:
        uri = rule.get("helpUri", "")
        name = uri[len(RULE_DOCS_URL):]
        if not uri.startswith(RULE_DOCS_URL) or name not in docs or not name.startswith(rule["id"] + "_"):
            bad_links.append((rule["id"], uri))
            continue
        with open(os.path.join(rules_dir, name), encoding="utf-8") as file:
            page = file.read()
        if rule["help"]["markdown"] != page or rule["help"]["text"] != page:
            bad_links.append((rule["id"], "help is not the doc page"))
        paragraph = re.search(r"## What it finds\n(.+?)(?:\n\n|\n#|$)", page, re.S)
        if paragraph and rule["fullDescription"]["text"] != " ".join(paragraph.group(1).split("\n")):
            bad_links.append((rule["id"], "fullDescription is not the first paragraph of 'What it finds'"))
    check("rules: helpUri is the doc page in rules/, help is its text, fullDescription its first paragraph",
          not bad_links, bad_links)
    check("rules: tags start with security, problem.severity follows the level",
          all(r["properties"]["tags"][0] == "security" for r in driver["rules"] if r["id"] >= "UM1") and
          all(r["properties"]["problem.severity"] ==
              {"error": "error", "warning": "warning", "note": "recommendation"}[r["defaultConfiguration"]["level"]]
              for r in driver["rules"]))

    with_notes = [(r, d) for r, d in zip(results, diagnostics) if d["notes"]]
    check("notes become relatedLocations with ids and messages",
          with_notes and all([(l["id"], l["message"]["text"], l["physicalLocation"]["region"]["startLine"])
                              for l in r["relatedLocations"]] ==
                             [(i + 1, n["message"], n["line"]) for i, n in enumerate(d["notes"])]
                             for r, d in with_notes), len(with_notes))

    fixes_ok, fixes_seen = True, 0
    for result, diagnostic in zip(results, diagnostics):
        if not diagnostic["fixes"]:
            fixes_ok &= "fixes" not in result
            continue
        fixes_seen += 1
        change = result["fixes"][0]["artifactChanges"][0]
        replacement = change["replacements"][0]
        fixes_ok &= (replacement["deletedRegion"] == {"byteOffset": diagnostic["fixes"][0]["offset"],
                                                      "byteLength": diagnostic["fixes"][0]["length"]} and
                     replacement.get("insertedContent", {}).get("text", "") == diagnostic["fixes"][0]["replacement"]
                     and result["fixes"][0]["description"]["text"] != "")
    check("fixes: artifactChanges with byteOffset/byteLength and insertedContent, as in --format=json",
          fixes_ok and fixes_seen > 0, fixes_seen)

    hashes = [(location_of(r)[0]["uri"], r["partialFingerprints"]["primaryLocationLineHash"]) for r in results]
    check("fingerprints: the baseline's content fingerprint as partialFingerprints['umalint/v1']",
          all(re.fullmatch(r"[0-9a-f]{16}-[0-9a-f]{16}", r["partialFingerprints"].get("umalint/v1", ""))
              for r in results), results[0]["partialFingerprints"])
    check("fingerprints: HEX:N, unique within each file",
          all(re.fullmatch(r"[0-9a-f]{16}:\d+", h) for _, h in hashes) and len(set(hashes)) == len(hashes))

    subset = umalint.run("--format=sarif", "--checks=-*,UM2003", testdata).stdout
    log = checker.validate("--checks=-*,UM2003", subset)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    check("--checks subset: rules[] still lists every rule; results only UM2003 with the right ruleIndex",
          len(rules) == len(listed) and results_of(log) and
          all(r["ruleId"] == "UM2003" and rules[r["ruleIndex"]]["id"] == "UM2003" for r in results_of(log)))


def check_paths_and_columns(umalint, checker, work):
    """Runs in `work`, so relative paths stay inside the working directory."""
    source = os.path.join(work, "bad.c")
    with open(source, "w", encoding="utf-8") as file:
        file.write(BAD_C)

    log = checker.validate("absolute path", json.dumps(umalint.sarif(source)).encode())
    artifact, region = location_of(results_of(log)[0])
    check("absolute path: file:/// URI, no uriBaseId",
          artifact == {"uri": "file://" + urllib.parse.quote(source)}, artifact)
    check("ASCII line: UTF-16 columns equal byte columns", (region["startColumn"], region["endLine"]) == (9, 7),
          region)

    odd_dir = os.path.join(work, "my dir", "ünïcödé #1%")
    os.makedirs(odd_dir)
    shutil.copy(source, os.path.join(odd_dir, "drïver file.c"))
    relative = os.path.relpath(os.path.join(odd_dir, "drïver file.c"), umalint.cwd)
    log = checker.validate("spaces, '#', '%' and non-ASCII in the path",
                           json.dumps(umalint.sarif(os.path.relpath(odd_dir, umalint.cwd))).encode())
    artifact, _ = location_of(results_of(log)[0])
    check("odd path: percent-encoded relative URI that decodes to the path",
          artifact.get("uriBaseId") == "SRCROOT" and urllib.parse.unquote(artifact["uri"]) == relative and
          " " not in artifact["uri"], artifact)

    dotted = os.path.join(os.path.relpath(work, umalint.cwd), ".", "bad.c")
    artifact, _ = location_of(results_of(umalint.sarif(dotted))[0])
    check("'./' segments are dropped from relative URIs", "/./" not in artifact["uri"], artifact)

    # é is 2 bytes and 1 UTF-16 unit; U+1F600 is 4 bytes and 2 units.
    wide = BAD_C.replace("        CopyFromUserAligned(&Local, UserReq, sizeof(Local), TYPE_ALIGNMENT(REQ));",
                         "/*é😀*/  CopyFromUserAligned(&Local, UserReq, sizeof(Local), TYPE_ALIGNMENT(REQ));")
    with open(os.path.join(work, "wide.c"), "w", encoding="utf-8") as file:
        file.write(wide)
    diagnostic = umalint.json(os.path.join(work, "wide.c"))["diagnostics"][0]
    log = checker.validate("non-ASCII line", umalint.run("--format=sarif", os.path.join(work, "wide.c")).stdout)
    _, region = location_of(results_of(log)[0])
    check("non-ASCII line: byte columns become UTF-16 columns (é -1, emoji -2)",
          (region["startColumn"], region["endColumn"]) ==
          (diagnostic["column"] - 3, diagnostic["end_column"] - 3), (region, diagnostic["column"]))

    split = BAD_C.replace("        CopyFromUserAligned(&Local, UserReq, sizeof(Local), TYPE_ALIGNMENT(REQ));",
                          "        CopyFromUserAligned(&Local,\n/*é*/ UserReq, sizeof(Local), TYPE_ALIGNMENT(REQ));")
    with open(os.path.join(work, "split.c"), "w", encoding="utf-8") as file:
        file.write(split)
    diagnostic = umalint.json(os.path.join(work, "split.c"))["diagnostics"][0]
    log = checker.validate("multi-line finding", umalint.run("--format=sarif", os.path.join(work, "split.c")).stdout)
    _, region = location_of(results_of(log)[0])
    check("multi-line finding: endLine, and the end column converted with the end line's text",
          diagnostic["end_line"] == diagnostic["line"] + 1 and
          (region["endLine"], region["endColumn"]) == (diagnostic["end_line"], diagnostic["end_column"] - 1),
          (region, diagnostic))

    missing = os.path.join(work, "missing.c")
    result = umalint.run("--format=sarif", source, missing, want=(2,))
    log = checker.validate("a missing input (exit 2)", result.stdout)
    check("a missing input: executionSuccessful false, the other file's results kept",
          log["runs"][0]["invocations"][0]["executionSuccessful"] is False and len(results_of(log)) == 1)

    with open(os.path.join(work, "syntax.c"), "w", encoding="utf-8") as file:
        file.write("#include <ntddk.h>\nint f(void) { return 1 +; }\n")
    log = checker.validate("parse errors (UM0001)",
                           umalint.run("--format=sarif", os.path.join(work, "syntax.c")).stdout)
    check("parse errors: a UM0001 result", [r["ruleId"] for r in results_of(log)] == ["UM0001"])

    with open(os.path.join(work, "suppressed.c"), "w", encoding="utf-8") as file:
        file.write(BAD_C.replace("TYPE_ALIGNMENT(REQ));",
                                 "TYPE_ALIGNMENT(REQ)); // umalint-disable-line UM2003 -- reviewed, by contract"))
    log = checker.validate("an inline suppression",
                           umalint.run("--format=sarif", os.path.join(work, "suppressed.c"), want=(0,)).stdout)
    check("a suppressed finding: in SARIF with suppressions[kind inSource, justification]",
          [r.get("suppressions") for r in results_of(log)] ==
          [[{"kind": "inSource", "justification": "reviewed, by contract"}]], results_of(log))

    clean = os.path.join(work, "clean.c")
    with open(clean, "w", encoding="utf-8") as file:
        file.write("#include <ntddk.h>\nNTSTATUS Nop(void) { return STATUS_SUCCESS; }\n")
    log = checker.validate("no findings", umalint.run("--format=sarif", clean).stdout)
    check("no findings: an empty results array", results_of(log) == [])

    report = os.path.join(work, "report.sarif")
    result = umalint.run("--report", f"sarif:{report}", source)
    with open(report, "rb") as file:
        log = checker.validate("--report sarif:FILE", file.read())
    check("--report sarif:FILE beside text on stdout",
          b"[UM2003]" in result.stdout and len(results_of(log)) == 1, result.stdout[:200])


def fingerprints_by_rule(log):
    return sorted((r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"],
                   r["partialFingerprints"].get("umalint/v1")) for r in results_of(log))


def check_fingerprints(umalint, checker, testdata, work):
    tree = os.path.join(work, "moved")
    shutil.copytree(os.path.join(testdata, "rules", "UM1001"), tree)
    before = checker.validate("fingerprints: before the edit", umalint.run("--format=sarif", tree).stdout)
    for name in os.listdir(tree):
        path = os.path.join(tree, name)
        with open(path, encoding="utf-8") as file:
            text = file.read()
        # A comment line at the top, and every line re-indented.
        edited = "/* a line inserted above everything */\n" + \
            "\n".join("  " + line if line.strip() else line for line in text.split("\n"))
        with open(path, "w", encoding="utf-8") as file:
            file.write(edited)
    after = checker.validate("fingerprints: after the edit", umalint.run("--format=sarif", tree).stdout)
    lines_before = [location_of(r)[1]["startLine"] for r in results_of(before)]
    lines_after = [location_of(r)[1]["startLine"] for r in results_of(after)]
    check("fingerprints: a line inserted above and re-indentation move every finding down one line",
          lines_before and [line + 1 for line in lines_before] == lines_after, (lines_before, lines_after))
    check("fingerprints: ... and keep every fingerprint (primaryLocationLineHash and umalint/v1)",
          fingerprints_by_rule(before) == fingerprints_by_rule(after),
          (fingerprints_by_rule(before)[:2], fingerprints_by_rule(after)[:2]))

    twice = BAD_C.replace("        CopyFromUserAligned(&Local, UserReq, sizeof(Local), TYPE_ALIGNMENT(REQ));",
                          "        CopyFromUserAligned(&Local, UserReq, sizeof(Local), TYPE_ALIGNMENT(REQ));\n"
                          "        CopyFromUserAligned(&Local, UserReq, sizeof(Local), TYPE_ALIGNMENT(REQ));")
    with open(os.path.join(work, "twice.c"), "w", encoding="utf-8") as file:
        file.write(twice)
    log = checker.validate("the same line twice", umalint.run("--format=sarif", os.path.join(work, "twice.c")).stdout)
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results_of(log) if r["ruleId"] == "UM2003"]
    check("fingerprints: identical lines differ only by the occurrence index",
          len(hashes) == 2 and hashes[0].split(":")[0] == hashes[1].split(":")[0] and
          [h.split(":")[1] for h in hashes] == ["1", "2"], hashes)


def check_baseline(umalint, checker, work):
    """--baseline: accepted findings stay in SARIF as "unchanged" (suppressed
    externally), the others are "new"; fingerprints are those of a run
    without the baseline; the other formats and the exit status see only
    the new ones."""
    tree = os.path.join(work, "legacy")
    os.makedirs(tree, exist_ok=True)
    source = os.path.join(tree, "legacy.c")
    with open(source, "w", encoding="utf-8") as file:
        file.write(BAD_C)
    baseline = os.path.join(work, "legacy-baseline.json")
    umalint.run("--write-baseline", baseline, tree)
    with open(source, "w", encoding="utf-8") as file:
        file.write(BAD_C.replace("    return Local.Length", "    CopyFromUser(&Local, UserReq, sizeof(Local));\n"
                                                        "    return Local.Length"))
    plain = checker.validate("without the baseline", umalint.run("--format=sarif", tree).stdout)
    result = umalint.run("--format=sarif", "--baseline", baseline, tree)
    log = checker.validate("with --baseline", result.stdout)
    results = results_of(log)
    states = sorted(r.get("baselineState") for r in results)
    new = [r for r in results if r.get("baselineState") == "new"]
    unchanged = [r for r in results if r.get("baselineState") == "unchanged"]
    check("--baseline SARIF: every result has a baselineState, one new and the rest unchanged",
          len(new) >= 1 and len(unchanged) >= 1 and len(new) + len(unchanged) == len(results), states)
    check("--baseline SARIF: the new result is the added line",
          all(location_of(r)[1]["startLine"] == 11 for r in new), [location_of(r) for r in new])
    check("--baseline SARIF: unchanged results are suppressed externally, new ones not",
          all([s["kind"] for s in r.get("suppressions", [])] == ["external"] for r in unchanged) and
          all("suppressions" not in r for r in new), [r.get("suppressions") for r in results])
    check("--baseline SARIF: the same results and fingerprints as without the baseline",
          sorted(r["partialFingerprints"]["primaryLocationLineHash"] for r in results) ==
          sorted(r["partialFingerprints"]["primaryLocationLineHash"] for r in results_of(plain)) and
          all("baselineState" not in r for r in results_of(plain)), "")
    check("--baseline: the exit status counts only the new findings", result.returncode == 1, result.returncode)
    text = umalint.run("--format=gcc", "--baseline", baseline, tree).stdout.decode()
    check("--baseline: the text formats show only the new findings",
          text.count("[UM") == len(new) and ":11:" in text, text)


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    binary, testdata, schema, rules_dir = (os.path.abspath(argument) if argument else "" for argument in sys.argv[1:])
    if not schema:
        print("skip: schema validation: no shared/schemas/sarif-schema-2.1.0.json beside the checkout "
              "(set UMALINT_SARIF_SCHEMA); GitHub's rules and limits are still checked")
    work = tempfile.mkdtemp(dir=os.environ.get("TEST_TMPDIR"))
    os.environ["XDG_CACHE_HOME"] = os.path.join(work, "cache")
    umalint = Umalint(binary, os.path.dirname(testdata))
    checker = Checker(make_validator(schema))
    check_testdata(umalint, checker, os.path.relpath(testdata, umalint.cwd), rules_dir)
    check_paths_and_columns(Umalint(binary, work), checker, work)
    check_fingerprints(umalint, checker, testdata, work)
    check_baseline(Umalint(binary, work), checker, work)
    print(f"({checker.logs} SARIF logs validated)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
