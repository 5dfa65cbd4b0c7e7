/*
 * host_inline_test.c - runs the inline parts of the WDK shim headers in
 * host mode: list helpers, checked arithmetic, interlocked operations,
 * Read/Write*NoFence, volatile memory routines, CONTAINING_RECORD and the
 * KMDF _INIT helpers. Needs no kernel routine, so links alone.
 */
#include <stdio.h>

#include <ntddk.h>
#include <wdf.h>

static int failures;

#define EXPECT(e)                                                   \
    do {                                                            \
        if (!(e)) {                                                 \
            fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #e); \
            failures++;                                             \
        }                                                           \
    } while (0)

typedef struct _ITEM {
    ULONG Id;
    LIST_ENTRY Link;
} ITEM;

static void test_lists(void)
{
    LIST_ENTRY head;
    ITEM a = {1, {0, 0}}, b = {2, {0, 0}}, c = {3, {0, 0}};
    PLIST_ENTRY e;

    InitializeListHead(&head);
    EXPECT(IsListEmpty(&head));
    InsertTailList(&head, &a.Link);
    InsertTailList(&head, &b.Link);
    InsertHeadList(&head, &c.Link);
    EXPECT(!IsListEmpty(&head));
    e = RemoveHeadList(&head);
    EXPECT(CONTAINING_RECORD(e, ITEM, Link)->Id == 3);
    e = RemoveTailList(&head);
    EXPECT(CONTAINING_RECORD(e, ITEM, Link)->Id == 2);
    EXPECT(RemoveEntryList(&a.Link) == TRUE);
    EXPECT(IsListEmpty(&head));
}

static void test_intsafe(void)
{
    ULONG r32 = 0;
    SIZE_T rs = 0;
    USHORT r16 = 0;

    EXPECT(RtlULongAdd(1, 2, &r32) == STATUS_SUCCESS && r32 == 3);
    EXPECT(RtlULongAdd(MAXULONG, 1, &r32) == STATUS_INTEGER_OVERFLOW && r32 == ULONG_ERROR);
    EXPECT(RtlULongMult(0x10000, 0xffff, &r32) == STATUS_SUCCESS && r32 == 0xffff0000U);
    EXPECT(RtlULongMult(0x10000, 0x10000, &r32) == STATUS_INTEGER_OVERFLOW);
    EXPECT(RtlULongSub(1, 2, &r32) == STATUS_INTEGER_OVERFLOW);
    EXPECT(RtlSIZETAdd(MAXSIZE_T - 1, 1, &rs) == STATUS_SUCCESS && rs == MAXSIZE_T);
    EXPECT(RtlSIZETAdd(MAXSIZE_T, 1, &rs) == STATUS_INTEGER_OVERFLOW && rs == SIZET_ERROR);
    EXPECT(RtlSIZETMult((SIZE_T)1 << 40, (SIZE_T)1 << 24, &rs) == STATUS_INTEGER_OVERFLOW);
    EXPECT(RtlSIZETMult(0, MAXSIZE_T, &rs) == STATUS_SUCCESS && rs == 0);
    EXPECT(RtlULongLongToULong(0x100000000ULL, &r32) == STATUS_INTEGER_OVERFLOW);
    EXPECT(RtlLongToULong(-1, &r32) == STATUS_INTEGER_OVERFLOW);
    EXPECT(RtlSIZETToUShort(0xffff, &r16) == STATUS_SUCCESS && r16 == 0xffff);
}

static void test_interlocked(void)
{
    volatile LONG v = 5;
    volatile LONG64 v64 = 1;
    PVOID volatile p = NULL;
    int x;

    EXPECT(InterlockedIncrement(&v) == 6);
    EXPECT(InterlockedDecrement(&v) == 5);
    EXPECT(InterlockedExchange(&v, 9) == 5 && v == 9);
    EXPECT(InterlockedCompareExchange(&v, 1, 9) == 9 && v == 1);
    EXPECT(InterlockedCompareExchange(&v, 7, 9) == 1 && v == 1);
    EXPECT(InterlockedOr(&v, 6) == 1 && v == 7);
    EXPECT(InterlockedAnd(&v, 3) == 7 && v == 3);
    EXPECT(InterlockedAdd(&v, 4) == 7);
    EXPECT(InterlockedExchangeAdd(&v, 1) == 7 && v == 8);
    EXPECT(InterlockedIncrement64(&v64) == 2);
    EXPECT(InterlockedCompareExchangePointer(&p, &x, NULL) == NULL && p == &x);
    EXPECT(InterlockedExchangePointer(&p, NULL) == &x && p == NULL);
}

static void test_access_and_memory(void)
{
    ULONG u = 0;
    UCHAR src[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    UCHAR dst[8] = {0};

    WriteULongNoFence(&u, 0x12345678);
    EXPECT(ReadULongNoFence(&u) == 0x12345678);
    WriteULong64NoFence((volatile ULONG64 *)&dst, 0);
    EXPECT(ReadULong64Acquire((const volatile ULONG64 *)&dst) == 0);
    RtlCopyVolatileMemory(dst, src, sizeof(dst));
    EXPECT(RtlEqualMemory(dst, src, sizeof(dst)));
    RtlMoveVolatileMemory(dst + 1, dst, 4);
    EXPECT(dst[1] == 1 && dst[4] == 4 && dst[5] == 6);
    RtlFillVolatileMemory(dst, sizeof(dst), 0xAB);
    EXPECT(dst[0] == 0xAB && dst[7] == 0xAB);
    RtlSecureZeroMemory(dst, sizeof(dst));
    EXPECT(dst[0] == 0 && dst[7] == 0);
    RtlFillMemory(dst, 2, 0x11);
    EXPECT(dst[1] == 0x11 && dst[2] == 0);
}

static void test_strings_and_wdf(void)
{
    UNICODE_STRING s = RTL_CONSTANT_STRING(u"abc");
    WDF_IO_QUEUE_CONFIG qc;
    WDF_DRIVER_CONFIG dc;
    WDF_OBJECT_ATTRIBUTES oa;

    EXPECT(s.Length == 6 && s.MaximumLength == 8 && s.Buffer[2] == u'c');
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&qc, WdfIoQueueDispatchParallel);
    EXPECT(qc.Size == sizeof(qc) && qc.DefaultQueue && qc.PowerManaged == WdfUseDefault);
    EXPECT(qc.Settings.Parallel.NumberOfPresentedRequests == (ULONG)-1);
    WDF_DRIVER_CONFIG_INIT(&dc, NULL);
    EXPECT(dc.Size == sizeof(dc) && dc.EvtDriverDeviceAdd == NULL);
    WDF_OBJECT_ATTRIBUTES_INIT(&oa);
    EXPECT(oa.ExecutionLevel == WdfExecutionLevelInheritFromParent);
}

static void test_irp_helpers(void)
{
    IRP irp;
    IO_STACK_LOCATION stack[2];

    RtlZeroMemory(&irp, sizeof(irp));
    RtlZeroMemory(stack, sizeof(stack));
    irp.StackCount = 2;
    irp.CurrentLocation = 2;
    irp.Tail.Overlay.CurrentStackLocation = &stack[1];
    stack[1].MajorFunction = IRP_MJ_DEVICE_CONTROL;
    stack[1].Parameters.DeviceIoControl.IoControlCode = 0x222003;
    EXPECT(IoGetCurrentIrpStackLocation(&irp) == &stack[1]);
    EXPECT(IoGetNextIrpStackLocation(&irp) == &stack[0]);
    IoCopyCurrentIrpStackLocationToNext(&irp);
    EXPECT(stack[0].Parameters.DeviceIoControl.IoControlCode == 0x222003);
    IoSetCompletionRoutine(&irp, NULL, &irp, TRUE, TRUE, FALSE);
    EXPECT(stack[0].Control == (SL_INVOKE_ON_SUCCESS | SL_INVOKE_ON_ERROR));
    IoMarkIrpPending(&irp);
    EXPECT(stack[1].Control & SL_PENDING_RETURNED);
    IoSkipCurrentIrpStackLocation(&irp);
    EXPECT(irp.CurrentLocation == 3);
}

int main(void)
{
    test_lists();
    test_intsafe();
    test_interlocked();
    test_access_and_memory();
    test_strings_and_wdf();
    test_irp_helpers();
    if (failures != 0) {
        fprintf(stderr, "%d failure(s)\n", failures);
        return 1;
    }
    printf("host_inline_test: all passed\n");
    return 0;
}
