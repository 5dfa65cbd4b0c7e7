// Accessors probe by themselves, but they raise on a bad address: without
// __try/__except that is a bugcheck.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_PRIORITY {
    ULONG ThreadId;
    LONG Priority;
} SAMPLE_PRIORITY, *PSAMPLE_PRIORITY;

extern NTSTATUS SampleBoost(ULONG ThreadId, LONG Priority);

NTSTATUS SampleSetPriority(PIRP Irp)
{
    PSAMPLE_PRIORITY Request = (PSAMPLE_PRIORITY)Irp->UserBuffer;
    ULONG ThreadId = ReadULongFromUser(&Request->ThreadId); // expect: UM1002
    LONG Priority = ReadLongFromUser(&Request->Priority);   // expect: UM1002
    return SampleBoost(ThreadId, Priority);
}
