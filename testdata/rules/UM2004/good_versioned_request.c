/* Version 1 callers send the shorter structure: the driver reads exactly
 * that many bytes through a V1-typed pointer into its V2 copy on purpose. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _OPEN_PARAMS_V1 {
    ULONG Version;
    ULONG Access;
} OPEN_PARAMS_V1, *POPEN_PARAMS_V1;

typedef struct _OPEN_PARAMS_V2 {
    ULONG Version;
    ULONG Access;
    ULONG64 Timeout;
} OPEN_PARAMS_V2;

NTSTATUS CaptureOpenParams(PIO_STACK_LOCATION IrpSp, OPEN_PARAMS_V2 *Params)
{
    PVOID Input = IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG InputLength = IrpSp->Parameters.DeviceIoControl.InputBufferLength;

    RtlZeroMemory(Params, sizeof(*Params));
    __try {
        if (InputLength == sizeof(OPEN_PARAMS_V1)) {
            CopyFromUserAligned(Params, (POPEN_PARAMS_V1)Input, sizeof(OPEN_PARAMS_V1), TYPE_ALIGNMENT(OPEN_PARAMS_V1));
        } else if (InputLength == sizeof(OPEN_PARAMS_V2)) {
            ReadStructFromUserAligned(Params, (OPEN_PARAMS_V2 *)Input, TYPE_ALIGNMENT(OPEN_PARAMS_V2));
        } else if (InputLength == sizeof(ULONG)) {
            OPEN_PARAMS_V2 VersionOnly;
            CopyFromUser(&VersionOnly, Input, sizeof(VersionOnly.Version));
            Params->Version = VersionOnly.Version;
        } else {
            return STATUS_INFO_LENGTH_MISMATCH;
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
