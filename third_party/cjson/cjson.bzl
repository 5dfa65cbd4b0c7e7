"""Repository rule: the system's cJSON (Debian libcjson-dev).

Set UMALINT_CJSON_PREFIX to a prefix holding include/cjson/cJSON.h and lib/libcjson.so.
"""

def _cjson_repository_impl(ctx):
    prefix = ctx.os.environ.get("UMALINT_CJSON_PREFIX", "")
    candidates = [(prefix + "/include", prefix + "/lib")] if prefix else [
        ("/usr/include", "/usr/lib/x86_64-linux-gnu"),
        ("/usr/include", "/usr/lib/aarch64-linux-gnu"),
        ("/usr/local/include", "/usr/local/lib"),
    ]
    for include_dir, lib_dir in candidates:
        if ctx.path(include_dir + "/cjson/cJSON.h").exists and ctx.path(lib_dir + "/libcjson.so").exists:
            ctx.symlink(include_dir + "/cjson", "include/cjson")
            ctx.file("BUILD", """
package(default_visibility = ["//visibility:public"])

cc_library(
    name = "cjson",
    hdrs = glob(["include/cjson/*.h"]),
    includes = ["include"],
    linkopts = ["-L{lib}", "-lcjson"],
)
""".format(lib = lib_dir))
            ctx.file("WORKSPACE", "workspace(name = \"cjson\")\n")
            return
    fail("umalint: cJSON not found (cjson/cJSON.h, libcjson.so); install it: apt-get install libcjson-dev")

cjson_repository = repository_rule(
    implementation = _cjson_repository_impl,
    environ = ["UMALINT_CJSON_PREFIX"],
    local = True,
)
