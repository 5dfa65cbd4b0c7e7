// A shared inline reader; the finding is reported here, in the header, for
// the caller in bad_header_user.c that passes it a user pointer.
#ifndef SAMPLE_READER_H
#define SAMPLE_READER_H

typedef struct _SAMPLE_HEADER {
    USHORT Size;
    USHORT Kind;
} SAMPLE_HEADER, *PSAMPLE_HEADER;

static __inline USHORT SampleHeaderKind(const SAMPLE_HEADER *Header)
{
    return Header->Kind; // expect: UM1001
}

#endif
