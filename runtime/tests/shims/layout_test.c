/*
 * layout_test.c - compile-time layout checks of the WDK shim headers.
 * Compiled with -fsyntax-only for the Windows x64 target (and in host
 * mode); any wrong size, offset or constant fails a _Static_assert.
 */
#include <ntifs.h>
#include <ntstrsafe.h>
#include <wdf.h>
#include <ntintsafe.h>
#include <wdmsec.h>

#define CHECK(e) _Static_assert(e, #e)

/* ---- basic types ---------------------------------------------------------- */
CHECK(sizeof(CHAR) == 1);
CHECK(sizeof(UCHAR) == 1);
CHECK(sizeof(SHORT) == 2);
CHECK(sizeof(USHORT) == 2);
CHECK(sizeof(LONG) == 4);
CHECK(sizeof(ULONG) == 4);
CHECK(sizeof(LONGLONG) == 8);
CHECK(sizeof(ULONGLONG) == 8);
CHECK(sizeof(LONG64) == 8);
CHECK(sizeof(ULONG64) == 8);
CHECK(sizeof(INT8) == 1 && sizeof(UINT16) == 2 && sizeof(INT32) == 4 && sizeof(UINT64) == 8);
CHECK(sizeof(PVOID) == 8);
CHECK(sizeof(HANDLE) == 8);
CHECK(sizeof(ULONG_PTR) == 8);
CHECK(sizeof(LONG_PTR) == 8);
CHECK(sizeof(INT_PTR) == 8);
CHECK(sizeof(UINT_PTR) == 8);
CHECK(sizeof(SIZE_T) == 8);
CHECK(sizeof(SSIZE_T) == 8);
CHECK(sizeof(WCHAR) == 2);
CHECK(sizeof(BOOLEAN) == 1);
CHECK(sizeof(NTSTATUS) == 4);
CHECK(sizeof(KPROCESSOR_MODE) == 1);
CHECK(sizeof(KIRQL) == 1);
CHECK(sizeof(KSPIN_LOCK) == 8);
CHECK(sizeof(ACCESS_MASK) == 4);
CHECK(sizeof(POOL_FLAGS) == 8);
CHECK((ULONG)-1 > 0);
CHECK((LONG)-1 < 0);
CHECK((NTSTATUS)0xC0000005L < 0);

/* ---- 64-bit integers, strings, lists ---------------------------------------- */
CHECK(sizeof(LARGE_INTEGER) == 8);
CHECK(_Alignof(LARGE_INTEGER) == 8);
CHECK(sizeof(ULARGE_INTEGER) == 8);
CHECK(FIELD_OFFSET(LARGE_INTEGER, HighPart) == 4);
CHECK(FIELD_OFFSET(LARGE_INTEGER, u.HighPart) == 4);
CHECK(sizeof(PHYSICAL_ADDRESS) == 8);
CHECK(sizeof(LUID) == 8);
CHECK(sizeof(GUID) == 16);
CHECK(sizeof(UNICODE_STRING) == 16);
CHECK(FIELD_OFFSET(UNICODE_STRING, MaximumLength) == 2);
CHECK(FIELD_OFFSET(UNICODE_STRING, Buffer) == 8);
CHECK(sizeof(ANSI_STRING) == 16);
CHECK(FIELD_OFFSET(ANSI_STRING, Buffer) == 8);
CHECK(sizeof(LIST_ENTRY) == 16);
CHECK(sizeof(SINGLE_LIST_ENTRY) == 8);
CHECK(sizeof(IO_STATUS_BLOCK) == 16);
CHECK(FIELD_OFFSET(IO_STATUS_BLOCK, Information) == 8);
CHECK(sizeof(OBJECT_ATTRIBUTES) == 48);
CHECK(sizeof(CLIENT_ID) == 16);

/* ---- alignment macros ------------------------------------------------------- */
CHECK(TYPE_ALIGNMENT(LARGE_INTEGER) == 8);
CHECK(TYPE_ALIGNMENT(ULONG) == 4);
CHECK(TYPE_ALIGNMENT(UCHAR) == 1);
CHECK(TYPE_ALIGNMENT(WCHAR) == 2);
CHECK(TYPE_ALIGNMENT(PVOID) == 8);
CHECK(PROBE_ALIGNMENT(LARGE_INTEGER) == 4);
CHECK(PROBE_ALIGNMENT(UCHAR) == 4);
CHECK(RTL_FIELD_SIZE(UNICODE_STRING, Buffer) == 8);
CHECK(RTL_SIZEOF_THROUGH_FIELD(UNICODE_STRING, MaximumLength) == 4);
CHECK(ALIGN_UP_BY(5, 8) == 8);
CHECK(ALIGN_DOWN_BY(13, 8) == 8);

/* ---- constants ------------------------------------------------------------------ */
CHECK(CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS) == 0x00222000);
CHECK(CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_NEITHER, FILE_ANY_ACCESS) == 0x00222007);
CHECK(CTL_CODE(FILE_DEVICE_UNKNOWN, 0x802, METHOD_IN_DIRECT, FILE_READ_ACCESS | FILE_WRITE_ACCESS) == 0x0022E009);
CHECK(METHOD_FROM_CTL_CODE(0x00222007) == METHOD_NEITHER);
CHECK(DEVICE_TYPE_FROM_CTL_CODE(0x00222007) == FILE_DEVICE_UNKNOWN);
CHECK(FILE_DEVICE_UNKNOWN == 0x22);
CHECK(IRP_MJ_CREATE == 0x00);
CHECK(IRP_MJ_CLOSE == 0x02);
CHECK(IRP_MJ_READ == 0x03);
CHECK(IRP_MJ_WRITE == 0x04);
CHECK(IRP_MJ_DEVICE_CONTROL == 0x0e);
CHECK(IRP_MJ_INTERNAL_DEVICE_CONTROL == 0x0f);
CHECK(IRP_MJ_CLEANUP == 0x12);
CHECK(IRP_MJ_POWER == 0x16);
CHECK(IRP_MJ_PNP == 0x1b);
CHECK(IRP_MJ_MAXIMUM_FUNCTION == 0x1b);
CHECK(KernelMode == 0 && UserMode == 1);
CHECK(STATUS_SUCCESS == 0);
CHECK(STATUS_ACCESS_VIOLATION == (NTSTATUS)0xC0000005L);
CHECK(STATUS_DATATYPE_MISALIGNMENT == (NTSTATUS)0x80000002L);
CHECK(STATUS_IN_PAGE_ERROR == (NTSTATUS)0xC0000006L);
CHECK(STATUS_INVALID_PARAMETER == (NTSTATUS)0xC000000DL);
CHECK(STATUS_INVALID_DEVICE_REQUEST == (NTSTATUS)0xC0000010L);
CHECK(STATUS_BUFFER_TOO_SMALL == (NTSTATUS)0xC0000023L);
CHECK(STATUS_BUFFER_OVERFLOW == (NTSTATUS)0x80000005L);
CHECK(STATUS_INSUFFICIENT_RESOURCES == (NTSTATUS)0xC000009AL);
CHECK(STATUS_NOT_SUPPORTED == (NTSTATUS)0xC00000BBL);
CHECK(STATUS_PENDING == 0x103);
CHECK(STATUS_INTEGER_OVERFLOW == (NTSTATUS)0xC0000095L);
CHECK(NT_SUCCESS(STATUS_PENDING) && !NT_SUCCESS(STATUS_ACCESS_VIOLATION));
CHECK(NT_WARNING(STATUS_BUFFER_OVERFLOW) && NT_ERROR(STATUS_ACCESS_DENIED));
CHECK(NT_INFORMATION(STATUS_OBJECT_NAME_EXISTS));
CHECK(MAXULONG == 0xffffffffU && MAXUSHORT == 0xffff);
CHECK(MAXSIZE_T == 0xffffffffffffffffULL);
CHECK(POOL_FLAG_NON_PAGED == 0x40 && POOL_FLAG_PAGED == 0x100);
CHECK(NonPagedPool == 0 && PagedPool == 1 && NonPagedPoolNx == 512);
CHECK(DO_BUFFERED_IO == 4 && DO_DIRECT_IO == 0x10 && DO_DEVICE_INITIALIZING == 0x80);
CHECK(DISPATCH_LEVEL == 2 && PASSIVE_LEVEL == 0 && APC_LEVEL == 1);

/* ---- kernel objects (Windows x64 sizes) ---------------------------------------- */
CHECK(sizeof(DISPATCHER_HEADER) == 0x18);
CHECK(sizeof(KEVENT) == 0x18);
CHECK(sizeof(KMUTEX) == 0x38);
CHECK(sizeof(KSEMAPHORE) == 0x20);
CHECK(sizeof(KTIMER) == 0x40);
CHECK(sizeof(KDPC) == 0x40);
CHECK(sizeof(KAPC) == 0x58);
CHECK(sizeof(KAPC_STATE) == 0x30);
CHECK(sizeof(KDEVICE_QUEUE) == 0x28);
CHECK(sizeof(KDEVICE_QUEUE_ENTRY) == 0x18);
CHECK(sizeof(FAST_MUTEX) == 0x38);
CHECK(sizeof(ERESOURCE) == 0x68);
CHECK(sizeof(MDL) == 0x30);
CHECK(FIELD_OFFSET(MDL, ByteCount) == 0x28);

/* ---- I/O structures (Windows x64 sizes and offsets) ---------------------------- */
CHECK(sizeof(IRP) == 0xD0);
CHECK(FIELD_OFFSET(IRP, MdlAddress) == 0x08);
CHECK(FIELD_OFFSET(IRP, Flags) == 0x10);
CHECK(FIELD_OFFSET(IRP, AssociatedIrp.SystemBuffer) == 0x18);
CHECK(FIELD_OFFSET(IRP, ThreadListEntry) == 0x20);
CHECK(FIELD_OFFSET(IRP, IoStatus) == 0x30);
CHECK(FIELD_OFFSET(IRP, RequestorMode) == 0x40);
CHECK(FIELD_OFFSET(IRP, PendingReturned) == 0x41);
CHECK(FIELD_OFFSET(IRP, Cancel) == 0x44);
CHECK(FIELD_OFFSET(IRP, UserIosb) == 0x48);
CHECK(FIELD_OFFSET(IRP, UserEvent) == 0x50);
CHECK(FIELD_OFFSET(IRP, Overlay) == 0x58);
CHECK(FIELD_OFFSET(IRP, CancelRoutine) == 0x68);
CHECK(FIELD_OFFSET(IRP, UserBuffer) == 0x70);
CHECK(FIELD_OFFSET(IRP, Tail) == 0x78);
CHECK(FIELD_OFFSET(IRP, Tail.Overlay.Thread) == 0x98);
CHECK(FIELD_OFFSET(IRP, Tail.Overlay.CurrentStackLocation) == 0xB8);
CHECK(FIELD_OFFSET(IRP, Tail.Overlay.OriginalFileObject) == 0xC0);

CHECK(sizeof(IO_STACK_LOCATION) == 0x48);
CHECK(FIELD_OFFSET(IO_STACK_LOCATION, Parameters) == 0x08);
CHECK(FIELD_OFFSET(IO_STACK_LOCATION, Parameters.DeviceIoControl.OutputBufferLength) == 0x08);
CHECK(FIELD_OFFSET(IO_STACK_LOCATION, Parameters.DeviceIoControl.InputBufferLength) == 0x10);
CHECK(FIELD_OFFSET(IO_STACK_LOCATION, Parameters.DeviceIoControl.IoControlCode) == 0x18);
CHECK(FIELD_OFFSET(IO_STACK_LOCATION, Parameters.DeviceIoControl.Type3InputBuffer) == 0x20);
CHECK(FIELD_OFFSET(IO_STACK_LOCATION, Parameters.Read.ByteOffset) == 0x18);
CHECK(FIELD_OFFSET(IO_STACK_LOCATION, Parameters.Create.EaLength) == 0x20);
CHECK(FIELD_OFFSET(IO_STACK_LOCATION, DeviceObject) == 0x28);
CHECK(FIELD_OFFSET(IO_STACK_LOCATION, FileObject) == 0x30);
CHECK(FIELD_OFFSET(IO_STACK_LOCATION, CompletionRoutine) == 0x38);
CHECK(FIELD_OFFSET(IO_STACK_LOCATION, Context) == 0x40);

CHECK(sizeof(DEVICE_OBJECT) == 0x150);
CHECK(FIELD_OFFSET(DEVICE_OBJECT, DriverObject) == 0x08);
CHECK(FIELD_OFFSET(DEVICE_OBJECT, NextDevice) == 0x10);
CHECK(FIELD_OFFSET(DEVICE_OBJECT, AttachedDevice) == 0x18);
CHECK(FIELD_OFFSET(DEVICE_OBJECT, Flags) == 0x30);
CHECK(FIELD_OFFSET(DEVICE_OBJECT, DeviceExtension) == 0x40);
CHECK(FIELD_OFFSET(DEVICE_OBJECT, DeviceType) == 0x48);
CHECK(FIELD_OFFSET(DEVICE_OBJECT, StackSize) == 0x4C);
CHECK(FIELD_OFFSET(DEVICE_OBJECT, AlignmentRequirement) == 0x98);
CHECK(FIELD_OFFSET(DEVICE_OBJECT, Dpc) == 0xC8);
CHECK(FIELD_OFFSET(DEVICE_OBJECT, DeviceLock) == 0x118);

CHECK(sizeof(DRIVER_OBJECT) == 0x150);
CHECK(FIELD_OFFSET(DRIVER_OBJECT, DeviceObject) == 0x08);
CHECK(FIELD_OFFSET(DRIVER_OBJECT, DriverExtension) == 0x30);
CHECK(FIELD_OFFSET(DRIVER_OBJECT, DriverName) == 0x38);
CHECK(FIELD_OFFSET(DRIVER_OBJECT, DriverUnload) == 0x68);
CHECK(FIELD_OFFSET(DRIVER_OBJECT, MajorFunction) == 0x70);
CHECK(RTL_NUMBER_OF_FIELD(DRIVER_OBJECT, MajorFunction) == IRP_MJ_MAXIMUM_FUNCTION + 1);

CHECK(sizeof(FILE_OBJECT) == 0xD8);
CHECK(FIELD_OFFSET(FILE_OBJECT, FsContext) == 0x18);
CHECK(FIELD_OFFSET(FILE_OBJECT, FsContext2) == 0x20);
CHECK(FIELD_OFFSET(FILE_OBJECT, FileName) == 0x58);
CHECK(FIELD_OFFSET(FILE_OBJECT, CurrentByteOffset) == 0x68);

CHECK(sizeof(FILE_BASIC_INFORMATION) == 40);
CHECK(sizeof(FILE_STANDARD_INFORMATION) == 24);

/* ---- KMDF ------------------------------------------------------------------------- */
CHECK(sizeof(WDFOBJECT) == 8 && sizeof(WDFREQUEST) == 8);
CHECK(WdfRequestTypeDeviceControl == IRP_MJ_DEVICE_CONTROL);
CHECK(WdfDeviceIoBuffered == 2 && WdfDeviceIoDirect == 3 && WdfDeviceIoNeither == 1);

/* ---- checked arithmetic really computes (run-time use keeps it honest) ------------ */
int layout_test_intsafe(void);
int layout_test_intsafe(void)
{
    ULONG r32;
    SIZE_T rs;
    int ok = 1;
    ok &= RtlULongAdd(0xfffffff0U, 0x10U, &r32) == STATUS_INTEGER_OVERFLOW && r32 == ULONG_ERROR;
    ok &= RtlULongAdd(1, 2, &r32) == STATUS_SUCCESS && r32 == 3;
    ok &= RtlULongMult(0x10000U, 0x10000U, &r32) == STATUS_INTEGER_OVERFLOW;
    ok &= RtlSIZETMult((SIZE_T)1 << 32, (SIZE_T)1 << 31, &rs) == STATUS_SUCCESS;
    ok &= RtlSIZETAdd(MAXSIZE_T, 1, &rs) == STATUS_INTEGER_OVERFLOW;
    return ok;
}
