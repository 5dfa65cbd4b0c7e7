/* A syscall-style handler probes its parameter, then reads through a typed
 * alias with accessors only (`try`/`except` spellings). */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _WIDGET_QUERY {
    HANDLE Widget;
    ULONG InfoClass;
} WIDGET_QUERY, *PWIDGET_QUERY;

NTSTATUS WidgetQueryInternal(HANDLE Widget, ULONG InfoClass);

__kernel_entry NTSTATUS NtQueryWidget(PVOID QueryBuffer, ULONG QueryLength)
{
    PWIDGET_QUERY Query;
    HANDLE Widget;
    ULONG InfoClass;

    if (QueryLength != sizeof(WIDGET_QUERY))
        return STATUS_INFO_LENGTH_MISMATCH;
    try {
        ProbeForRead(QueryBuffer, sizeof(WIDGET_QUERY), 1); // expect: UM2005
        Query = (PWIDGET_QUERY)QueryBuffer;
        Widget = ReadHandleFromUser(&Query->Widget);
        InfoClass = ReadULongFromUser(&Query->InfoClass);
    } except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return WidgetQueryInternal(Widget, InfoClass);
}
