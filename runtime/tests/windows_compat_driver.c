/*
 * windows_compat_driver.c - driver-style code compiled for a Windows target
 * (clang --target=x86_64-pc-windows-msvc) by windows_compat_test.sh.
 *
 * There usermode_accessors.h is fully inline and down-level (ProbeForRead
 * with alignment 1, then a volatile access); no host runtime exists. This
 * file touches every family so that each inline body is instantiated and
 * checked with -Wall -Wextra -Werror.
 */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _REQUEST {
    ULONG Length;
    USHORT Kind;
    UCHAR Flags[2];
    UNICODE_STRING Name;
    LARGE_INTEGER Time;
    PVOID Buffer;
} REQUEST, *PREQUEST;

NTSTATUS HandleRequest(PREQUEST UserRequest, KPROCESSOR_MODE Mode, PUCHAR KernelBuffer, SIZE_T KernelSize);

NTSTATUS HandleRequest(PREQUEST UserRequest, KPROCESSOR_MODE Mode, PUCHAR KernelBuffer, SIZE_T KernelSize)
{
    REQUEST Captured;
    UNICODE_STRING Name;
    LARGE_INTEGER Time;
    ULARGE_INTEGER UnsignedTime;
    ULONG Length;
    PVOID Buffer;
    SIZE_T Characters;
    LONG Old;
    LONG64 Old64;
    NTSTATUS Status = STATUS_SUCCESS;
    volatile LONG *Flags = (volatile LONG *)&UserRequest->Length;

    __try {
        ReadStructFromUserAligned(&Captured, UserRequest, TYPE_ALIGNMENT(REQUEST));
        ReadStructFromMode(&Captured, UserRequest, Mode);
        ReadStructFromModeAligned(&Captured, UserRequest, Mode, PROBE_ALIGNMENT(REQUEST));
        WriteStructToUser(UserRequest, &Captured);
        WriteStructToUserAligned(UserRequest, &Captured, TYPE_ALIGNMENT(REQUEST));
        WriteStructToMode(UserRequest, &Captured, Mode);
        WriteStructToModeAligned(UserRequest, &Captured, Mode, 8);
        ReadStructFromUser(&Captured, UserRequest);

        Length = ReadULongFromUser(&UserRequest->Length);
        Length += ReadULongFromUserAcquire(&UserRequest->Length);
        Length += ReadULongFromMode(&UserRequest->Length, Mode);
        Length += ReadUShortFromUser(&UserRequest->Kind) + ReadUCharFromUser(&UserRequest->Flags[0]);
        WriteULongToUser(&UserRequest->Length, Length);
        WriteULongToUserRelease(&UserRequest->Length, Length);
        WriteULongToMode(&UserRequest->Length, Length, Mode);
        Buffer = ReadPointerFromUser(&UserRequest->Buffer);
        WritePointerToUserRelease(&UserRequest->Buffer, Buffer);
        WriteHandleToMode((HANDLE *)&UserRequest->Buffer, NULL, Mode);
        WriteNtStatusToUser((NTSTATUS *)&UserRequest->Length, STATUS_SUCCESS);
        Length += (ULONG)ReadSizeTFromUserAcquire((SIZE_T *)&UserRequest->Buffer);
        Length += (ULONG)ReadULonglongFromMode((ULONGLONG *)&UserRequest->Time, Mode);
        WriteInt64ToMode((INT64 *)&UserRequest->Time, -1, Mode);

        Name = ReadUnicodeStringFromUser(&UserRequest->Name);
        Name = ReadUnicodeStringFromMode(&UserRequest->Name, Mode);
        WriteUnicodeStringToUser(&UserRequest->Name, Name);
        WriteUnicodeStringToMode(&UserRequest->Name, Name, Mode);
        Time = ReadLargeIntegerFromUser(&UserRequest->Time);
        Time = ReadLargeIntegerFromMode(&UserRequest->Time, Mode);
        WriteLargeIntegerToUser(&UserRequest->Time, Time);
        WriteLargeIntegerToMode(&UserRequest->Time, Time, Mode);
        UnsignedTime = ReadULargeIntegerFromMode((ULARGE_INTEGER *)&UserRequest->Time, Mode);
        WriteULargeIntegerToUser((ULARGE_INTEGER *)&UserRequest->Time, UnsignedTime);

        Characters = StringLengthFromUser((const CHAR *)Buffer);
        Characters += WideStringLengthFromUser(Name.Buffer);
        Characters += StringLengthFromMode((const CHAR *)Buffer, Mode);
        Characters += WideStringLengthFromMode(Name.Buffer, Mode);

        Old = InterlockedCompareExchangeToUser(Flags, 1, 0);
        Old |= InterlockedOrToMode(Flags, 2, Mode);
        Old &= InterlockedAndToUser(Flags, ~2);
        Old64 = InterlockedCompareExchange64ToMode((volatile LONG64 *)&UserRequest->Time, 1, 0, Mode);
        Old64 |= InterlockedOr64ToUser((volatile LONG64 *)&UserRequest->Time, 4);
        Old64 &= InterlockedAnd64ToMode((volatile LONG64 *)&UserRequest->Time, 4, Mode);

        if (Length > KernelSize) {
            Length = (ULONG)KernelSize;
        }
        CopyFromUser(KernelBuffer, Buffer, Length);
        CopyFromUserNonTemporal(KernelBuffer, Buffer, Length);
        CopyFromMode(KernelBuffer, Buffer, Length, Mode);
        CopyFromModeNonTemporal(KernelBuffer, Buffer, Length, Mode);
        CopyFromUserAligned(KernelBuffer, Buffer, Length, 4);
        CopyFromModeAligned(KernelBuffer, Buffer, Length, Mode, 4);
        CopyToUser(Buffer, KernelBuffer, Length);
        CopyToUserNonTemporal(Buffer, KernelBuffer, Length);
        CopyToMode(Buffer, KernelBuffer, Length, Mode);
        CopyToModeNonTemporal(Buffer, KernelBuffer, Length, Mode);
        CopyToUserAligned(Buffer, KernelBuffer, Length, 8);
        CopyToModeAligned(Buffer, KernelBuffer, Length, Mode, 8);
        CopyToUserFromUser(Buffer, (PUCHAR)Buffer + Length, Length);
        MoveToUserFromUser(Buffer, (PUCHAR)Buffer + 1, Length);
        CopyFromUserToMode(KernelBuffer, Buffer, Length, Mode);
        FillUserMemory(Buffer, Length, 0xFF);
        SetUserMemory(Buffer, 0, Length);
        ZeroUserMemory(Buffer, Length);
        FillModeMemory(Buffer, Length, 1, Mode);
        SetModeMemory(Buffer, 1, Length, Mode);
        ZeroModeMemory(Buffer, Length, Mode);

        WriteToUser(&UserRequest->Length, ReadFromUser(&UserRequest->Length));
        WriteToMode(&UserRequest->Time, ReadFromMode(&UserRequest->Time, Mode), Mode);
        WriteToUser((UINT8 *)&UserRequest->Flags[1], (UINT8)(Characters + (SIZE_T)Old + (SIZE_T)Old64));
    } __except (UmaExceptionFilter(Mode)) {
        Status = GetExceptionCode();
    }
    return Status;
}
