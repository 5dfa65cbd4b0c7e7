/*
 * names_test.c - every one of the 240 public names exists.
 *
 * The 224 function names are listed with their address taken, so each
 * must be a real function; the 16 macro names are expanded once each with
 * valid arguments. A missing or misspelt name fails the build. The list
 * was generated from the appendix of shared/reference/usermode-accessors.md.
 */
#include "uma_test.h"

typedef void (*any_function)(void);

static const any_function public_functions[] = {
    (any_function)&ReadBooleanFromUser,
    (any_function)&ReadBooleanFromUserAcquire,
    (any_function)&ReadBooleanFromMode,
    (any_function)&WriteBooleanToUser,
    (any_function)&WriteBooleanToUserRelease,
    (any_function)&WriteBooleanToMode,
    (any_function)&ReadUCharFromUser,
    (any_function)&ReadUCharFromUserAcquire,
    (any_function)&ReadUCharFromMode,
    (any_function)&WriteUCharToUser,
    (any_function)&WriteUCharToUserRelease,
    (any_function)&WriteUCharToMode,
    (any_function)&ReadCharFromUser,
    (any_function)&ReadCharFromUserAcquire,
    (any_function)&ReadCharFromMode,
    (any_function)&WriteCharToUser,
    (any_function)&WriteCharToUserRelease,
    (any_function)&WriteCharToMode,
    (any_function)&ReadWCharFromUser,
    (any_function)&ReadWCharFromUserAcquire,
    (any_function)&ReadWCharFromMode,
    (any_function)&WriteWCharToUser,
    (any_function)&WriteWCharToUserRelease,
    (any_function)&WriteWCharToMode,
    (any_function)&ReadUShortFromUser,
    (any_function)&ReadUShortFromUserAcquire,
    (any_function)&ReadUShortFromMode,
    (any_function)&WriteUShortToUser,
    (any_function)&WriteUShortToUserRelease,
    (any_function)&WriteUShortToMode,
    (any_function)&ReadShortFromUser,
    (any_function)&ReadShortFromUserAcquire,
    (any_function)&ReadShortFromMode,
    (any_function)&WriteShortToUser,
    (any_function)&WriteShortToUserRelease,
    (any_function)&WriteShortToMode,
    (any_function)&ReadULongFromUser,
    (any_function)&ReadULongFromUserAcquire,
    (any_function)&ReadULongFromMode,
    (any_function)&WriteULongToUser,
    (any_function)&WriteULongToUserRelease,
    (any_function)&WriteULongToMode,
    (any_function)&ReadLongFromUser,
    (any_function)&ReadLongFromUserAcquire,
    (any_function)&ReadLongFromMode,
    (any_function)&WriteLongToUser,
    (any_function)&WriteLongToUserRelease,
    (any_function)&WriteLongToMode,
    (any_function)&ReadULonglongFromUser,
    (any_function)&ReadULonglongFromUserAcquire,
    (any_function)&ReadULonglongFromMode,
    (any_function)&WriteULonglongToUser,
    (any_function)&WriteULonglongToUserRelease,
    (any_function)&WriteULonglongToMode,
    (any_function)&ReadLonglongFromUser,
    (any_function)&ReadLonglongFromUserAcquire,
    (any_function)&ReadLonglongFromMode,
    (any_function)&WriteLonglongToUser,
    (any_function)&WriteLonglongToUserRelease,
    (any_function)&WriteLonglongToMode,
    (any_function)&ReadULong64FromUser,
    (any_function)&ReadULong64FromUserAcquire,
    (any_function)&ReadULong64FromMode,
    (any_function)&WriteULong64ToUser,
    (any_function)&WriteULong64ToUserRelease,
    (any_function)&WriteULong64ToMode,
    (any_function)&ReadLong64FromUser,
    (any_function)&ReadLong64FromUserAcquire,
    (any_function)&ReadLong64FromMode,
    (any_function)&WriteLong64ToUser,
    (any_function)&WriteLong64ToUserRelease,
    (any_function)&WriteLong64ToMode,
    (any_function)&ReadULongPtrFromUser,
    (any_function)&ReadULongPtrFromUserAcquire,
    (any_function)&ReadULongPtrFromMode,
    (any_function)&WriteULongPtrToUser,
    (any_function)&WriteULongPtrToUserRelease,
    (any_function)&WriteULongPtrToMode,
    (any_function)&ReadLongPtrFromUser,
    (any_function)&ReadLongPtrFromUserAcquire,
    (any_function)&ReadLongPtrFromMode,
    (any_function)&WriteLongPtrToUser,
    (any_function)&WriteLongPtrToUserRelease,
    (any_function)&WriteLongPtrToMode,
    (any_function)&ReadUInt8FromUser,
    (any_function)&ReadUInt8FromUserAcquire,
    (any_function)&ReadUInt8FromMode,
    (any_function)&WriteUInt8ToUser,
    (any_function)&WriteUInt8ToUserRelease,
    (any_function)&WriteUInt8ToMode,
    (any_function)&ReadInt8FromUser,
    (any_function)&ReadInt8FromUserAcquire,
    (any_function)&ReadInt8FromMode,
    (any_function)&WriteInt8ToUser,
    (any_function)&WriteInt8ToUserRelease,
    (any_function)&WriteInt8ToMode,
    (any_function)&ReadUInt16FromUser,
    (any_function)&ReadUInt16FromUserAcquire,
    (any_function)&ReadUInt16FromMode,
    (any_function)&WriteUInt16ToUser,
    (any_function)&WriteUInt16ToUserRelease,
    (any_function)&WriteUInt16ToMode,
    (any_function)&ReadInt16FromUser,
    (any_function)&ReadInt16FromUserAcquire,
    (any_function)&ReadInt16FromMode,
    (any_function)&WriteInt16ToUser,
    (any_function)&WriteInt16ToUserRelease,
    (any_function)&WriteInt16ToMode,
    (any_function)&ReadUInt32FromUser,
    (any_function)&ReadUInt32FromUserAcquire,
    (any_function)&ReadUInt32FromMode,
    (any_function)&WriteUInt32ToUser,
    (any_function)&WriteUInt32ToUserRelease,
    (any_function)&WriteUInt32ToMode,
    (any_function)&ReadInt32FromUser,
    (any_function)&ReadInt32FromUserAcquire,
    (any_function)&ReadInt32FromMode,
    (any_function)&WriteInt32ToUser,
    (any_function)&WriteInt32ToUserRelease,
    (any_function)&WriteInt32ToMode,
    (any_function)&ReadUInt64FromUser,
    (any_function)&ReadUInt64FromUserAcquire,
    (any_function)&ReadUInt64FromMode,
    (any_function)&WriteUInt64ToUser,
    (any_function)&WriteUInt64ToUserRelease,
    (any_function)&WriteUInt64ToMode,
    (any_function)&ReadInt64FromUser,
    (any_function)&ReadInt64FromUserAcquire,
    (any_function)&ReadInt64FromMode,
    (any_function)&WriteInt64ToUser,
    (any_function)&WriteInt64ToUserRelease,
    (any_function)&WriteInt64ToMode,
    (any_function)&ReadUIntPtrFromUser,
    (any_function)&ReadUIntPtrFromUserAcquire,
    (any_function)&ReadUIntPtrFromMode,
    (any_function)&WriteUIntPtrToUser,
    (any_function)&WriteUIntPtrToUserRelease,
    (any_function)&WriteUIntPtrToMode,
    (any_function)&ReadIntPtrFromUser,
    (any_function)&ReadIntPtrFromUserAcquire,
    (any_function)&ReadIntPtrFromMode,
    (any_function)&WriteIntPtrToUser,
    (any_function)&WriteIntPtrToUserRelease,
    (any_function)&WriteIntPtrToMode,
    (any_function)&ReadPointerFromUser,
    (any_function)&ReadPointerFromUserAcquire,
    (any_function)&ReadPointerFromMode,
    (any_function)&WritePointerToUser,
    (any_function)&WritePointerToUserRelease,
    (any_function)&WritePointerToMode,
    (any_function)&ReadSizeTFromUser,
    (any_function)&ReadSizeTFromUserAcquire,
    (any_function)&ReadSizeTFromMode,
    (any_function)&WriteSizeTToUser,
    (any_function)&WriteSizeTToUserRelease,
    (any_function)&WriteSizeTToMode,
    (any_function)&ReadSSizeTFromUser,
    (any_function)&ReadSSizeTFromUserAcquire,
    (any_function)&ReadSSizeTFromMode,
    (any_function)&WriteSSizeTToUser,
    (any_function)&WriteSSizeTToUserRelease,
    (any_function)&WriteSSizeTToMode,
    (any_function)&ReadHandleFromUser,
    (any_function)&ReadHandleFromUserAcquire,
    (any_function)&ReadHandleFromMode,
    (any_function)&WriteHandleToUser,
    (any_function)&WriteHandleToUserRelease,
    (any_function)&WriteHandleToMode,
    (any_function)&ReadNtStatusFromUser,
    (any_function)&ReadNtStatusFromUserAcquire,
    (any_function)&ReadNtStatusFromMode,
    (any_function)&WriteNtStatusToUser,
    (any_function)&WriteNtStatusToUserRelease,
    (any_function)&WriteNtStatusToMode,
    (any_function)&ReadLargeIntegerFromUser,
    (any_function)&ReadLargeIntegerFromMode,
    (any_function)&WriteLargeIntegerToUser,
    (any_function)&WriteLargeIntegerToMode,
    (any_function)&ReadULargeIntegerFromUser,
    (any_function)&ReadULargeIntegerFromMode,
    (any_function)&WriteULargeIntegerToUser,
    (any_function)&WriteULargeIntegerToMode,
    (any_function)&ReadUnicodeStringFromUser,
    (any_function)&ReadUnicodeStringFromMode,
    (any_function)&WriteUnicodeStringToUser,
    (any_function)&WriteUnicodeStringToMode,
    (any_function)&StringLengthFromUser,
    (any_function)&WideStringLengthFromUser,
    (any_function)&StringLengthFromMode,
    (any_function)&WideStringLengthFromMode,
    (any_function)&InterlockedCompareExchangeToUser,
    (any_function)&InterlockedCompareExchangeToMode,
    (any_function)&InterlockedCompareExchange64ToUser,
    (any_function)&InterlockedCompareExchange64ToMode,
    (any_function)&InterlockedOrToUser,
    (any_function)&InterlockedOrToMode,
    (any_function)&InterlockedOr64ToUser,
    (any_function)&InterlockedOr64ToMode,
    (any_function)&InterlockedAndToUser,
    (any_function)&InterlockedAndToMode,
    (any_function)&InterlockedAnd64ToUser,
    (any_function)&InterlockedAnd64ToMode,
    (any_function)&CopyToUser,
    (any_function)&CopyToUserNonTemporal,
    (any_function)&CopyToUserFromUser,
    (any_function)&MoveToUserFromUser,
    (any_function)&CopyToMode,
    (any_function)&CopyToModeNonTemporal,
    (any_function)&CopyFromUser,
    (any_function)&CopyFromUserNonTemporal,
    (any_function)&CopyFromUserToMode,
    (any_function)&CopyFromMode,
    (any_function)&CopyFromModeNonTemporal,
    (any_function)&FillUserMemory,
    (any_function)&ZeroUserMemory,
    (any_function)&SetUserMemory,
    (any_function)&FillModeMemory,
    (any_function)&ZeroModeMemory,
    (any_function)&SetModeMemory,
    (any_function)&WriteStructToUserHelper,
    (any_function)&ReadStructFromUserHelper,
    (any_function)&WriteStructToModeHelper,
    (any_function)&ReadStructFromModeHelper,
    (any_function)&UmaExceptionFilter,
};

typedef struct {
    ULONG First;
    USHORT Second;
} SAMPLE;

static void expand_every_macro(void)
{
    SAMPLE *user = uma_user_alloc(sizeof(SAMPLE) * 2, 8);
    SAMPLE kernel = {7, 9};
    SAMPLE copy = {0, 0};
    UINT32 *user_word = (UINT32 *)&user[1].First;
    UINT32 word;
    KPROCESSOR_MODE mode = UserMode;

    __try {
        WriteStructToUser(user, &kernel);
        WriteStructToUserAligned(user, &kernel, TYPE_ALIGNMENT(SAMPLE));
        WriteStructToMode(user, &kernel, mode);
        WriteStructToModeAligned(user, &kernel, mode, TYPE_ALIGNMENT(SAMPLE));
        ReadStructFromUser(&copy, user);
        ReadStructFromUserAligned(&copy, user, TYPE_ALIGNMENT(SAMPLE));
        ReadStructFromMode(&copy, user, mode);
        ReadStructFromModeAligned(&copy, user, mode, TYPE_ALIGNMENT(SAMPLE));
        CopyFromUserAligned(&copy, user, sizeof copy, 4);
        CopyFromModeAligned(&copy, user, sizeof copy, mode, 4);
        CopyToUserAligned(user, &kernel, sizeof kernel, 4);
        CopyToModeAligned(user, &kernel, sizeof kernel, mode, 4);
        WriteToUser(user_word, (UINT32)42);
        WriteToMode(user_word, (UINT32)43, mode);
        word = ReadFromUser(user_word);
        CHECK_EQ(word, 43);
        word = ReadFromMode(user_word, mode);
        CHECK_EQ(word, 43);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        CHECK(!"no macro may raise on a valid user buffer");
    }
    CHECK_EQ(copy.First, 7);
    CHECK_EQ(copy.Second, 9);
    uma_user_free(user);
}

int main(void)
{
    size_t count = sizeof public_functions / sizeof public_functions[0];
    size_t missing = 0;
    for (size_t index = 0; index < count; index++) {
        missing += public_functions[index] == NULL;
    }
    CHECK_EQ(count, 224);
    CHECK_EQ(missing, 0);
    expand_every_macro();
    CHECK_EQ(count + 16 /* macro names */, 240);
    return uma_test_finish();
}
