/* Bug (c): probe, then RtlCopyMemory straight out of user memory.
 *
 * A system service captures a key blob: the probe is right, but the copy
 * is a plain memcpy of user memory (no SMAP-safe accessor, and the bytes
 * can change while they are copied).
 *
 * End-to-end subject (testdata/e2e/BUILD), see probe_then_rtlcopymemory_harness.c.
 */
#include <ntddk.h>

#include "e2e_driver.h"

extern NTSTATUS E2eInstallKey(ULONG Algorithm, const UCHAR *Key, SIZE_T KeyLength);

__kernel_entry NTSTATUS NtE2eImportKey(PE2E_KEY_BLOB UserBlob)
{
    E2E_KEY_BLOB Blob;

    __try {
        ProbeForRead(UserBlob, sizeof(E2E_KEY_BLOB), TYPE_ALIGNMENT(E2E_KEY_BLOB));
        RtlCopyMemory(&Blob, UserBlob, sizeof(Blob)); // expect: UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    if (Blob.Magic != E2E_KEY_MAGIC)
        return STATUS_INVALID_PARAMETER;
    return E2eInstallKey(Blob.Algorithm, Blob.Key, sizeof(Blob.Key));
}
