/* example_protocol.h - the request layout shared by the example driver's
 * files. It lives in include/ and is found only through the cc_library's
 * `includes = ["include"]`, so a lint that ignored the target's include
 * path could not see the code that uses it. */
#ifndef EXAMPLE_PROTOCOL_H
#define EXAMPLE_PROTOCOL_H

#include <ntddk.h>

typedef struct _EXAMPLE_QUERY_REQUEST {
    ULONG Version;
    ULONG Flags;
    ULONG64 Cookie;
} EXAMPLE_QUERY_REQUEST, *PEXAMPLE_QUERY_REQUEST;

#endif
