/* A syscall-style entry point: the parameters are user pointers. The code
 * probes them (with the `try`/`except` spellings) and then reads them raw. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _WIDGET_QUERY {
    HANDLE Widget;
    ULONG InfoClass;
    PVOID Buffer;
} WIDGET_QUERY, *PWIDGET_QUERY;

NTSTATUS WidgetQueryInternal(HANDLE Widget, ULONG InfoClass, PVOID Buffer);

__kernel_entry NTSTATUS NtQueryWidget(PWIDGET_QUERY Query, PULONG64 Sequence)
{
    HANDLE Widget;
    ULONG InfoClass;
    PVOID Buffer;
    ULONG64 Expected;

    try {
        ProbeForRead(Query, sizeof(WIDGET_QUERY), TYPE_ALIGNMENT(WIDGET_QUERY));
        ProbeForRead(Sequence, sizeof(ULONG64), TYPE_ALIGNMENT(ULONG64));
        Widget = Query->Widget;       // expect: UM2001
        InfoClass = Query->InfoClass; // expect: UM2001
        Buffer = Query->Buffer;       // expect: UM2001
        Expected = *Sequence;         // expect: UM2001
    } except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    if (Expected == 0)
        return STATUS_INVALID_PARAMETER;
    return WidgetQueryInternal(Widget, InfoClass, Buffer);
}
