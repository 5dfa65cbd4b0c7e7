// A shared header helper that checks and then re-reads the index.
#ifndef SAMPLE_SLOT_H
#define SAMPLE_SLOT_H

typedef struct _SAMPLE_SLOT_REQUEST {
    ULONG Slot;
    ULONG Value;
} SAMPLE_SLOT_REQUEST, *PSAMPLE_SLOT_REQUEST;

static __inline VOID SampleStoreSlot(const SAMPLE_SLOT_REQUEST *Request, ULONG *Slots, ULONG SlotCount)
{
    if (ReadULongFromUser(&Request->Slot) < SlotCount)
        Slots[ReadULongFromUser(&Request->Slot)] = ReadULongFromUser(&Request->Value); // expect: UM1003
}

#endif
