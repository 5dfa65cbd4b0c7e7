/* A system service probes the raw buffer with the caller's length and
 * reads the request through a typed alias with no length check between. */
#include <ntddk.h>

typedef struct _COUNTER_REQUEST {
    ULONG Index;
    ULONG Flags;
} COUNTER_REQUEST, *PCOUNTER_REQUEST;

NTSTATUS ResetCounter(ULONG Index);

__kernel_entry NTSTATUS NtResetDeviceCounter(_In_reads_bytes_(Length) PVOID Buffer, _In_ ULONG Length)
{
    PCOUNTER_REQUEST Request = (PCOUNTER_REQUEST)Buffer;
    ULONG Index;

    __try {
        ProbeForRead(Buffer, Length, TYPE_ALIGNMENT(COUNTER_REQUEST));
        Index = Request->Index; // expect: UM1006, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return ResetCounter(Index);
}
