/* Part of the Bazel example (testdata/bazel_example/BUILD): a handler with a
 * hand-sized copy, so the umalint aspect reports it and its umalint_test
 * fails. Built for real on the host against //runtime:headers.
 *
 * The second handler is compiled only with the target's own define
 * EXAMPLE_LEGACY_QUERY and uses a type from include/example_protocol.h,
 * reachable only through the target's `includes`; the fixture harness runs
 * without either, so it sees only the first finding. The Bazel test
 * (tool/tests/bazel_aspect_test.sh) checks that the aspect reports the
 * second one too: proof that it lints with the target's flags. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _EXAMPLE_SET_REQUEST {
    ULONG Version;
    ULONG Flags;
    ULONG64 Cookie;
} EXAMPLE_SET_REQUEST, *PEXAMPLE_SET_REQUEST;

NTSTATUS ExampleSetConfig(PEXAMPLE_SET_REQUEST UserRequest)
{
    EXAMPLE_SET_REQUEST Request;
    __try {
        CopyFromUserAligned(&Request, UserRequest, sizeof(EXAMPLE_SET_REQUEST), TYPE_ALIGNMENT(EXAMPLE_SET_REQUEST)); // expect: UM2003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Request.Version == 1 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

#if __has_include(<example_protocol.h>)
#include <example_protocol.h>
#endif

#ifdef EXAMPLE_LEGACY_QUERY
NTSTATUS ExampleLegacyQuery(PEXAMPLE_QUERY_REQUEST UserQuery)
{
    EXAMPLE_QUERY_REQUEST Query;
    __try {
        /* Under Bazel (define and include path of :legacy_ioctl) umalint
         * reports UM2003 on the next line. */
        CopyFromUserAligned(&Query, UserQuery, sizeof(EXAMPLE_QUERY_REQUEST), TYPE_ALIGNMENT(EXAMPLE_QUERY_REQUEST));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Query.Version == 1 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
#endif
