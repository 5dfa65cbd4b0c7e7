/* The dispatch routine probes and a helper in the same file reads with raw
 * loads: the probe is what makes the helper's reads legal. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _MIXER_LEVELS {
    USHORT Left;
    USHORT Right;
} MIXER_LEVELS, *PMIXER_LEVELS;

NTSTATUS MixerSetLevels(USHORT Left, USHORT Right);

static NTSTATUS MixerApply(const MIXER_LEVELS *Levels)
{
    USHORT Left, Right;
    __try {
        Left = Levels->Left;   // expect: UM2001
        Right = Levels->Right; // expect: UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return MixerSetLevels(Left, Right);
}

NTSTATUS MixerHandleSetLevels(PIO_STACK_LOCATION IrpSp)
{
    PMIXER_LEVELS Levels = (PMIXER_LEVELS)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG Version;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(MIXER_LEVELS))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ProbeForRead(Levels, sizeof(MIXER_LEVELS), 1);
        Version = ReadULongFromUser((const ULONG *)Levels);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    if (Version == 0)
        return STATUS_INVALID_PARAMETER;
    return MixerApply(Levels);
}
