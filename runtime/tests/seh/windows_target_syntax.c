/*
 * windows_target_syntax.c - driver-style SEH as the Windows target sees
 * it.  Compiled with clang --target=x86_64-pc-windows-msvc -fsyntax-only by
 * windows_target_syntax_test.sh: excpt.h must leave the native keywords
 * alone and supply constants and intrinsics that type-check there.
 */
#include <excpt.h>

int read_guarded(volatile int *user_address);

int read_guarded(volatile int *user_address)
{
    int result = 0;
    __try {
        result = *user_address;
    } __except (GetExceptionCode() == 0xC0000005 ? EXCEPTION_EXECUTE_HANDLER
                                                 : EXCEPTION_CONTINUE_SEARCH) {
        result = -1;
    }
    __try {
        if (result > 3)
            __leave;
        result++;
    } __finally {
        if (AbnormalTermination())
            result = -2;
    }
    __try {
        result += *user_address;
    } __except (GetExceptionInformation() != 0 ? EXCEPTION_EXECUTE_HANDLER
                                               : EXCEPTION_CONTINUE_EXECUTION) {
        result = -3;
    }
    return result;
}
