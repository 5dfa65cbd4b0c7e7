// An inline status writer shared by several files; its caller in
// bad_header_user.c does not wrap it in __try.
#ifndef SAMPLE_WRITER_H
#define SAMPLE_WRITER_H

static __inline VOID SamplePublishStatus(NTSTATUS *Destination, NTSTATUS Status)
{
    WriteNtStatusToUser(Destination, Status); // expect: UM1002
}

#endif
