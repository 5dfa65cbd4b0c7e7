/*
 * uma_typed_table.h - the X-macro table behind the 174 typed accessors.
 *
 * One row per name token (29 rows); usermode_accessors.h expands each row
 * into the six variants ReadTFromUser, ReadTFromUserAcquire, ReadTFromMode,
 * WriteTToUser, WriteTToUserRelease and WriteTToMode.
 *
 * Columns:
 *   Token  the name token inside the public names (ULonglong, SizeT, ...)
 *   CType  the C type the accessor reads or writes
 *   Prim   suffix of the Rtl primitive doing the work (UChar, UShort, ULong,
 *          ULong64, ULongPtr); signed and alias types share the unsigned
 *          primitive of the same width
 *   PType  the C type of that primitive
 *   Kind   SCALAR (integer cast) or POINTER (cast through ULONG_PTR)
 */
#ifndef UMA_TYPED_TABLE_H
#define UMA_TYPED_TABLE_H

#define UMA_TYPED_ACCESSOR_TABLE(X)                           \
    X(Boolean,   BOOLEAN,   UChar,    UCHAR,     SCALAR)      \
    X(UChar,     UCHAR,     UChar,    UCHAR,     SCALAR)      \
    X(Char,      CHAR,      UChar,    UCHAR,     SCALAR)      \
    X(WChar,     WCHAR,     UShort,   USHORT,    SCALAR)      \
    X(UShort,    USHORT,    UShort,   USHORT,    SCALAR)      \
    X(Short,     SHORT,     UShort,   USHORT,    SCALAR)      \
    X(ULong,     ULONG,     ULong,    ULONG,     SCALAR)      \
    X(Long,      LONG,      ULong,    ULONG,     SCALAR)      \
    X(ULonglong, ULONGLONG, ULong64,  ULONG64,   SCALAR)      \
    X(Longlong,  LONGLONG,  ULong64,  ULONG64,   SCALAR)      \
    X(ULong64,   ULONG64,   ULong64,  ULONG64,   SCALAR)      \
    X(Long64,    LONG64,    ULong64,  ULONG64,   SCALAR)      \
    X(ULongPtr,  ULONG_PTR, ULongPtr, ULONG_PTR, SCALAR)      \
    X(LongPtr,   LONG_PTR,  ULongPtr, ULONG_PTR, SCALAR)      \
    X(UInt8,     UINT8,     UChar,    UCHAR,     SCALAR)      \
    X(Int8,      INT8,      UChar,    UCHAR,     SCALAR)      \
    X(UInt16,    UINT16,    UShort,   USHORT,    SCALAR)      \
    X(Int16,     INT16,     UShort,   USHORT,    SCALAR)      \
    X(UInt32,    UINT32,    ULong,    ULONG,     SCALAR)      \
    X(Int32,     INT32,     ULong,    ULONG,     SCALAR)      \
    X(UInt64,    UINT64,    ULong64,  ULONG64,   SCALAR)      \
    X(Int64,     INT64,     ULong64,  ULONG64,   SCALAR)      \
    X(UIntPtr,   UINT_PTR,  ULongPtr, ULONG_PTR, SCALAR)      \
    X(IntPtr,    INT_PTR,   ULongPtr, ULONG_PTR, SCALAR)      \
    X(Pointer,   PVOID,     ULongPtr, ULONG_PTR, POINTER)     \
    X(SizeT,     SIZE_T,    ULongPtr, ULONG_PTR, SCALAR)      \
    X(SSizeT,    SSIZE_T,   ULongPtr, ULONG_PTR, SCALAR)      \
    X(Handle,    HANDLE,    ULongPtr, ULONG_PTR, POINTER)     \
    X(NtStatus,  NTSTATUS,  ULong,    ULONG,     SCALAR)

/* Conversions between a public type and its primitive's type. */
#define UMA_FROM_PRIM_SCALAR(CType, Value)  ((CType)(Value))
#define UMA_FROM_PRIM_POINTER(CType, Value) ((CType)(ULONG_PTR)(Value))
#define UMA_TO_PRIM_SCALAR(PType, Value)    ((PType)(Value))
#define UMA_TO_PRIM_POINTER(PType, Value)   ((PType)(ULONG_PTR)(Value))

#endif /* UMA_TYPED_TABLE_H */
