/* Part of the Bazel example (testdata/bazel_example/BUILD): a handler that
 * already reads its request with the struct accessor, so the umalint aspect
 * reports nothing and its umalint_test passes. Built for real on the host
 * against //runtime:headers. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _EXAMPLE_PING {
    ULONG Sequence;
    ULONG Payload;
} EXAMPLE_PING;

NTSTATUS ExamplePing(EXAMPLE_PING *UserPing)
{
    EXAMPLE_PING Ping;
    __try {
        ReadStructFromUserAligned(&Ping, UserPing, TYPE_ALIGNMENT(EXAMPLE_PING));
        Ping.Sequence++;
        WriteStructToUserAligned(UserPing, &Ping, TYPE_ALIGNMENT(EXAMPLE_PING));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
