"""umalint for Bazel users: an aspect that lints cc targets and a test rule.

    # Reports (one per source file) for any cc_library / cc_binary / cc_test:
    bazel build --aspects=@umalint//tool:umalint.bzl%umalint_aspect \
        --output_groups=umalint_reports //drivers:all

    # A test that fails on findings at warning or above:
    load("@umalint//tool:umalint.bzl", "umalint_test")
    umalint_test(name = "ioctl_lint", deps = [":ioctl"])

Each source file is linted by one action whose inputs are declared (the
source, the headers the target can include, the umalint binary and its
bundled WDK shim headers) and whose output is one deterministic report in
umalint's gcc format, so local, remote-cache and remote-execution runs give
the same bytes and Bazel reuses them. The compiler flags are the target's
own: defines and include directories of its CcInfo (transitive, as the
compiler sees them), its local_defines and copts. Toolchain and --copt flags
are not used: they are meant for the host compiler, umalint parses for the
MSVC x64 target. The configuration is the .umalint.json the label flag
//tool/bazel:config names (none by default; it is then a declared input).
The aspect does not follow deps: lint a dependency by naming it (or use
//...). A target tagged "no-umalint" is skipped.
"""

UmalintInfo = provider(
    doc = "umalint reports of a cc target, one file per linted source.",
    fields = {"reports": "depset of File: umalint --format=gcc reports"},
)

# The extensions umalint analyses (tool/discover.c); headers are inputs only.
_LINTED_EXTENSIONS = ["c", "cc", "cpp", "cxx"]

# Copts that turn the host compiler's warnings into errors or instrument the
# build: under umalint's parse they would only turn warnings into UM0001.
_DROPPED_COPT_PREFIXES = ["-Werror", "-pedantic-errors", "-fsanitize"]

# umalint exits 1 when it reports findings: that is a successful lint here.
# Any other status (usage error, unreadable input, crash) fails the action
# with umalint's one-line reason.
_LINT_COMMAND = """
"$@"
status=$?
if [ "$status" -gt 1 ]; then
  echo "umalint exited with status $status" >&2
  exit "$status"
fi
"""

def _kept_copt(copt):
    if "$(" in copt:
        return False  # make variables / locations: not expandable here
    for prefix in _DROPPED_COPT_PREFIXES:
        if copt.startswith(prefix):
            return False
    return True

def _compiler_arguments(compilation_context, local_defines, copts):
    """The target's flags as umalint --extra-arg arguments, compiler order."""
    flags = []
    for define in compilation_context.defines.to_list():
        flags.append("-D" + define)
    for define in local_defines:
        flags.append("-D" + define)
    for directory in compilation_context.quote_includes.to_list():
        flags.extend(["-iquote", directory])
    for directory in compilation_context.includes.to_list():
        flags.extend(["-I", directory])
    for directory in compilation_context.system_includes.to_list():
        flags.extend(["-isystem", directory])
    flags.extend([copt for copt in copts if _kept_copt(copt)])
    return ["--extra-arg=" + flag for flag in flags]

def _local_defines(ctx, compilation_context):
    # CcCompilationContext.local_defines is newer than some Bazel releases;
    # the rule attribute holds the same list.
    if hasattr(compilation_context, "local_defines"):
        return compilation_context.local_defines.to_list()
    return getattr(ctx.rule.attr, "local_defines", [])

def _report_name(target_label, source):
    """bazel-bin/<package>/<target>.umalint/<source>.txt, unique per source."""
    package = target_label.package + "/" if target_label.package else ""
    relative = source.short_path
    if source.owner and source.owner.workspace_name == target_label.workspace_name and \
       relative.startswith(package):
        relative = relative[len(package):]
    else:
        relative = "_/" + relative.replace("../", "external/")
    return "%s.umalint/%s.txt" % (target_label.name, relative)

def _umalint_aspect_impl(target, ctx):
    if CcInfo not in target or "no-umalint" in ctx.rule.attr.tags or \
       not hasattr(ctx.rule.files, "srcs"):
        return [UmalintInfo(reports = depset()), OutputGroupInfo(umalint_reports = depset())]

    compilation_context = target[CcInfo].compilation_context
    sources = [f for f in ctx.rule.files.srcs if f.extension in _LINTED_EXTENSIONS]
    compiler_arguments = _compiler_arguments(
        compilation_context,
        _local_defines(ctx, compilation_context),
        getattr(ctx.rule.attr, "copts", []),
    )
    umalint = ctx.executable._umalint
    shim_headers = ctx.files._shim_headers
    empty_database = ctx.file._empty_compile_database
    config_files = ctx.files._config
    if len(config_files) > 1:
        fail("umalint: --@umalint//tool/bazel:config must name one .umalint.json file, not %d files" %
             len(config_files))
    config_file = config_files[0] if config_files else None

    # Everything the target's sources may include: the target's and its deps'
    # headers (the compilation context is transitive) and the headers listed
    # in srcs (private headers are not in the context).
    headers = depset(
        [f for f in ctx.rule.files.srcs if f.extension not in _LINTED_EXTENSIONS],
        transitive = [compilation_context.headers],
    )

    reports = []
    for source in sources:
        report = ctx.actions.declare_file(_report_name(ctx.label, source))
        arguments = ctx.actions.args()
        arguments.add(umalint)
        arguments.add_all([
            "--format=gcc",
            "--color=never",
            "--quiet",
            "-j",
            "1",
            # Bazel caches the reports itself; umalint's own result cache
            # would write outside the action's outputs.
            "--no-cache",
            # An explicit, empty compile database: umalint must not search
            # upward from the (symlinked) source for the workspace's own
            # compile_commands.json; the flags are the target's, given below.
            "-p",
            empty_database.dirname,
            "-o",
            report.path,
        ])
        # A .umalint.json found by searching upward would not be a declared
        # input (the result would depend on sandboxing): the configuration
        # is the file the //tool/bazel:config flag names, or none.
        if config_file:
            arguments.add_all(["--config", config_file])
        else:
            arguments.add("--no-config")
        arguments.add_all(compiler_arguments)
        arguments.add("--")
        arguments.add(source)
        ctx.actions.run_shell(
            command = _LINT_COMMAND,
            arguments = [arguments],
            inputs = depset([source, empty_database] + shim_headers + config_files, transitive = [headers]),
            outputs = [report],
            tools = [umalint],
            # The bundled headers come from the declared runtime/include files
            # rather than from a cache under $HOME: nothing is written outside
            # the action's output and the paths in the report are relative.
            env = {"UMALINT_SHIM_DIR": _shim_directory(shim_headers)},
            mnemonic = "UmalintLint",
            progress_message = "umalint %s" % source.short_path,
        )
        reports.append(report)

    reports_set = depset(reports)
    return [UmalintInfo(reports = reports_set), OutputGroupInfo(umalint_reports = reports_set)]

def _shim_directory(shim_headers):
    """The include directory of the bundled headers (runtime/include) as seen
    from the execution root, in this or in an external repository."""
    for header in shim_headers:
        if header.basename == "usermode_accessors.h":
            return header.dirname
    fail("umalint: //runtime:shim_headers has no usermode_accessors.h")

umalint_aspect = aspect(
    implementation = _umalint_aspect_impl,
    doc = "Lints the sources of a cc target with umalint; reports in the output group umalint_reports.",
    attrs = {
        "_umalint": attr.label(
            default = Label("//tool:umalint"),
            executable = True,
            cfg = "exec",
        ),
        "_shim_headers": attr.label(
            default = Label("//runtime:shim_headers"),
            allow_files = True,
        ),
        "_empty_compile_database": attr.label(
            default = Label("//tool/bazel:compile_commands.json"),
            allow_single_file = True,
        ),
        # A label flag: --@umalint//tool/bazel:config=//:umalint_config
        # (a target with one .umalint.json) lints with that configuration.
        "_config": attr.label(
            default = Label("//tool/bazel:config"),
            allow_files = True,
        ),
    },
)

# The test: prints every report into the test log and fails when any line is
# a finding at warning or error level (gcc format: FILE:LINE:COL: SEVERITY:).
_TEST_SCRIPT = """#!/usr/bin/env bash
# Generated by umalint_test (@umalint//tool:umalint.bzl).
set -u
findings=0
files=0
for report in {reports}; do
  files=$((files + 1))
  if [ ! -r "$report" ]; then
    echo "umalint_test: error: $report: report missing from the runfiles" >&2
    exit 2
  fi
  cat "$report"
  count=$(grep -cE '^.+:[0-9]+:[0-9]+: (warning|error): ' "$report")
  findings=$((findings + count))
done
if [ "$findings" -gt 0 ]; then
  echo "umalint_test: $findings finding(s) at warning or above in $files linted file(s)"
  exit 1
fi
echo "umalint_test: no finding at warning or above in $files linted file(s)"
"""

def _shell_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"

def _umalint_test_impl(ctx):
    reports = depset(transitive = [dep[UmalintInfo].reports for dep in ctx.attr.deps])
    report_list = reports.to_list()
    script = ctx.actions.declare_file(ctx.label.name + ".umalint_test.sh")
    ctx.actions.write(
        output = script,
        content = _TEST_SCRIPT.format(
            reports = " ".join([_shell_quote(r.short_path) for r in report_list]),
        ),
        is_executable = True,
    )
    return [DefaultInfo(
        executable = script,
        runfiles = ctx.runfiles(files = report_list),
    )]

umalint_test = rule(
    implementation = _umalint_test_impl,
    doc = "Fails when umalint reports a finding at warning or above in the sources of deps.",
    attrs = {
        "deps": attr.label_list(
            aspects = [umalint_aspect],
            providers = [CcInfo],
            doc = "cc_library / cc_binary / cc_test targets whose sources are linted.",
        ),
    },
    test = True,
)
