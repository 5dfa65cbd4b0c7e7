"""Repository rule: the system's libclang 19, located through llvm-config.

Set UMALINT_LLVM_CONFIG to another llvm-config to use a different install.
When none is found the build stops with one line saying what to install.
"""

def _libclang_repository_impl(ctx):
    llvm_config = ctx.os.environ.get("UMALINT_LLVM_CONFIG", "llvm-config-19")
    tool = ctx.which(llvm_config) if not llvm_config.startswith("/") else ctx.path(llvm_config)
    if tool == None or not tool.exists:
        fail("umalint: libclang 19 not found (no %s on PATH); install it: apt-get install libclang-19-dev llvm-19" % llvm_config)
    include_dir = ctx.execute([tool, "--includedir"]).stdout.strip()
    lib_dir = ctx.execute([tool, "--libdir"]).stdout.strip()
    version = ctx.execute([tool, "--version"]).stdout.strip()
    if not ctx.path(include_dir + "/clang-c/Index.h").exists:
        fail("umalint: %s/clang-c/Index.h missing; install it: apt-get install libclang-19-dev" % include_dir)
    if not ctx.path(lib_dir + "/libclang.so").exists:
        fail("umalint: %s/libclang.so missing; install it: apt-get install libclang-19-dev" % lib_dir)
    major = version.split(".")[0]
    resource_dir = lib_dir + "/clang/" + major
    if not ctx.path(resource_dir + "/include/stddef.h").exists:
        fail("umalint: %s/include/stddef.h missing (clang's builtin headers); install it: apt-get install libclang-common-%s-dev" % (resource_dir, major))
    ctx.symlink(include_dir + "/clang-c", "include/clang-c")
    ctx.symlink(lib_dir + "/libclang.so", "lib/libclang.so")
    ctx.file("BUILD", """
package(default_visibility = ["//visibility:public"])

cc_library(
    name = "libclang",
    hdrs = glob(["include/clang-c/*.h"]),
    includes = ["include"],
    # Where clang's builtin headers (stddef.h, ...) live: libclang does not
    # always find them on its own, so umalint passes -resource-dir.
    # (Bazel tokenizes defines like a shell, so the path is stringified in C.)
    defines = ["UMALINT_CLANG_RESOURCE_DIR={resource}"],
    linkopts = ["-L{lib}", "-Wl,-rpath,{lib}", "-lclang"],
)

# Version string of the LLVM that provides libclang, e.g. "19.1.7".
exports_files(["VERSION"])
""".format(lib = lib_dir, resource = resource_dir))
    ctx.file("VERSION", version + "\n")
    ctx.file("WORKSPACE", "workspace(name = \"libclang\")\n")

libclang_repository = repository_rule(
    implementation = _libclang_repository_impl,
    environ = ["UMALINT_LLVM_CONFIG", "PATH"],
    local = True,
)
