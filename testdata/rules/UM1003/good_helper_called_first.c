// The helper reads the length before the caller looks at it: the caller's
// later check reads again, but the helper's read came first and fed no
// check (its own copy is bounded by the destination). One read per path
// before the call is what UM1003 across calls looks for.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _LOG_REQUEST {
    ULONG Length;
    UCHAR Text[32];
} LOG_REQUEST, *PLOG_REQUEST;

static ULONG LogLength(PLOG_REQUEST Request)
{
    return ReadULongFromUser(&Request->Length);
}

NTSTATUS LogDispatch(PIRP Irp)
{
    PLOG_REQUEST Request = (PLOG_REQUEST)Irp->UserBuffer;
    __try {
        ULONG Length = LogLength(Request);
        DbgPrint("length %lu\n", Length);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
