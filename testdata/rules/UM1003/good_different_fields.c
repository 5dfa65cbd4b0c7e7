// Each field is read exactly once.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_RECT {
    LONG Left, Top, Right, Bottom;
} SAMPLE_RECT, *PSAMPLE_RECT;

extern NTSTATUS SampleInvalidate(LONG Left, LONG Top, LONG Right, LONG Bottom);

NTSTATUS SampleInvalidateRect(PIRP Irp)
{
    PSAMPLE_RECT Rect = (PSAMPLE_RECT)Irp->UserBuffer;
    LONG Left, Top, Right, Bottom;
    __try {
        Left = ReadLongFromUser(&Rect->Left);
        Top = ReadLongFromUser(&Rect->Top);
        Right = ReadLongFromUser(&Rect->Right);
        Bottom = ReadLongFromUser(&Rect->Bottom);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    if (Left > Right || Top > Bottom)
        return STATUS_INVALID_PARAMETER;
    return SampleInvalidate(Left, Top, Right, Bottom);
}
