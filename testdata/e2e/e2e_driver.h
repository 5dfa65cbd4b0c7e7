/* e2e_driver.h - the driver-side types shared by the end-to-end handlers:
 * the device extension (a fixed staging buffer followed by other state,
 * which an overflowing copy corrupts) and the request layouts. Plain
 * driver code: nothing here knows about the host harness. */
#ifndef E2E_DRIVER_H
#define E2E_DRIVER_H

#include <ntddk.h>

#define E2E_STAGING_SIZE 64

typedef struct _E2E_DEVICE_EXTENSION {
    UCHAR Staging[E2E_STAGING_SIZE];
    ULONG64 State[8]; /* whatever the driver keeps after its buffer */
} E2E_DEVICE_EXTENSION, *PE2E_DEVICE_EXTENSION;

/* Bug (a): a length-prefixed message. */
typedef struct _E2E_MESSAGE {
    ULONG Length;
    ULONG Flags;
    UCHAR Data[128];
} E2E_MESSAGE, *PE2E_MESSAGE;

/* Bug (b): a seek request with a 64-bit field. */
typedef struct _E2E_SEEK_REQUEST {
    ULONG Handle;
    ULONG Whence;
    ULONG64 Offset;
} E2E_SEEK_REQUEST, *PE2E_SEEK_REQUEST;

/* Bug (c): a key blob captured whole. */
typedef struct _E2E_KEY_BLOB {
    ULONG Magic;
    ULONG Algorithm;
    UCHAR Key[32];
} E2E_KEY_BLOB, *PE2E_KEY_BLOB;

#define E2E_KEY_MAGIC 0x4B455931u

#endif /* E2E_DRIVER_H */
