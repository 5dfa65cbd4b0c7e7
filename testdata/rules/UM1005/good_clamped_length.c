/* The copy length is clamped to the destination with a conditional. */
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS LogAppend(const CHAR *Text, SIZE_T Length);

__kernel_entry NTSTATUS NtAppendLog(PCSTR Text, SIZE_T TextLength)
{
    CHAR Line[128];
    SIZE_T Length = TextLength < sizeof(Line) ? TextLength : sizeof(Line);

    __try {
        CopyFromUser(Line, Text, Length);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return LogAppend(Line, Length);
}
