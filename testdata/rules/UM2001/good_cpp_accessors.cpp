// C++ driver code that already uses the accessors, including the pointer
// and handle families.
#include <ntddk.h>
#include <usermode_accessors.h>

struct WIDGET_QUERY {
    HANDLE Widget;
    ULONG InfoClass;
    PVOID Buffer;
};

extern "C" NTSTATUS WidgetQueryInternal(HANDLE Widget, ULONG InfoClass, PVOID Buffer);

extern "C" __kernel_entry NTSTATUS NtQueryWidget(WIDGET_QUERY *Query)
{
    HANDLE Widget;
    ULONG InfoClass;
    PVOID Buffer;

    __try {
        Widget = ReadHandleFromUser(&Query->Widget);
        InfoClass = ReadULongFromUser(&Query->InfoClass);
        Buffer = ReadPointerFromUser(&Query->Buffer);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return WidgetQueryInternal(Widget, InfoClass, Buffer);
}
