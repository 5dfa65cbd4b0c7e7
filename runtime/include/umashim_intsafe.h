/*
 * umashim_intsafe.h - umalint WDK shim: ntintsafe-style checked arithmetic.
 *
 * Part of the umalint bundled WDK shim headers, written from public API
 * facts for umalint (this is not Microsoft's header text). Included by
 * wdm.h. Each routine really computes its result: on overflow it stores
 * the type's _ERROR value and returns STATUS_INTEGER_OVERFLOW, otherwise it
 * stores the result and returns STATUS_SUCCESS.
 */
#ifndef UMASHIM_INTSAFE_H
#define UMASHIM_INTSAFE_H

#include <ntdef.h>

#define UCHAR_ERROR 0xffU
#define USHORT_ERROR 0xffffU
#define ULONG_ERROR 0xffffffffUL
#define ULONGLONG_ERROR 0xffffffffffffffffULL
#define ULONG_PTR_ERROR 0xffffffffffffffffULL
#define SIZET_ERROR ULONG_PTR_ERROR
#define DWORD_ERROR ULONG_ERROR

EXTERN_C_START

/* ---- addition, subtraction, multiplication ------------------------------ */
FORCEINLINE NTSTATUS RtlUShortAdd(_In_ USHORT Augend, _In_ USHORT Addend, _Out_ USHORT *pResult)
{
    if (Augend > (USHORT)(MAXUSHORT) - Addend) {
        *pResult = USHORT_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = Augend + Addend;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlUShortSub(_In_ USHORT Minuend, _In_ USHORT Subtrahend, _Out_ USHORT *pResult)
{
    if (Minuend < Subtrahend) {
        *pResult = USHORT_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = Minuend - Subtrahend;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlUShortMult(_In_ USHORT Multiplicand, _In_ USHORT Multiplier, _Out_ USHORT *pResult)
{
    if (Multiplier != 0 && Multiplicand > (USHORT)(MAXUSHORT) / Multiplier) {
        *pResult = USHORT_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (USHORT)(Multiplicand * Multiplier);
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlULongAdd(_In_ ULONG Augend, _In_ ULONG Addend, _Out_ ULONG *pResult)
{
    if (Augend > (ULONG)(MAXULONG) - Addend) {
        *pResult = ULONG_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = Augend + Addend;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlULongSub(_In_ ULONG Minuend, _In_ ULONG Subtrahend, _Out_ ULONG *pResult)
{
    if (Minuend < Subtrahend) {
        *pResult = ULONG_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = Minuend - Subtrahend;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlULongMult(_In_ ULONG Multiplicand, _In_ ULONG Multiplier, _Out_ ULONG *pResult)
{
    if (Multiplier != 0 && Multiplicand > (ULONG)(MAXULONG) / Multiplier) {
        *pResult = ULONG_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (ULONG)(Multiplicand * Multiplier);
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlULongLongAdd(_In_ ULONGLONG Augend, _In_ ULONGLONG Addend, _Out_ ULONGLONG *pResult)
{
    if (Augend > (ULONGLONG)(MAXULONGLONG) - Addend) {
        *pResult = ULONGLONG_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = Augend + Addend;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlULongLongSub(_In_ ULONGLONG Minuend, _In_ ULONGLONG Subtrahend, _Out_ ULONGLONG *pResult)
{
    if (Minuend < Subtrahend) {
        *pResult = ULONGLONG_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = Minuend - Subtrahend;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlULongLongMult(_In_ ULONGLONG Multiplicand, _In_ ULONGLONG Multiplier, _Out_ ULONGLONG *pResult)
{
    if (Multiplier != 0 && Multiplicand > (ULONGLONG)(MAXULONGLONG) / Multiplier) {
        *pResult = ULONGLONG_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (ULONGLONG)(Multiplicand * Multiplier);
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlSIZETAdd(_In_ SIZE_T Augend, _In_ SIZE_T Addend, _Out_ SIZE_T *pResult)
{
    if (Augend > (SIZE_T)(MAXSIZE_T) - Addend) {
        *pResult = SIZET_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = Augend + Addend;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlSIZETSub(_In_ SIZE_T Minuend, _In_ SIZE_T Subtrahend, _Out_ SIZE_T *pResult)
{
    if (Minuend < Subtrahend) {
        *pResult = SIZET_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = Minuend - Subtrahend;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlSIZETMult(_In_ SIZE_T Multiplicand, _In_ SIZE_T Multiplier, _Out_ SIZE_T *pResult)
{
    if (Multiplier != 0 && Multiplicand > (SIZE_T)(MAXSIZE_T) / Multiplier) {
        *pResult = SIZET_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (SIZE_T)(Multiplicand * Multiplier);
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlULongPtrAdd(_In_ ULONG_PTR Augend, _In_ ULONG_PTR Addend, _Out_ ULONG_PTR *pResult)
{
    if (Augend > (ULONG_PTR)(MAXULONG_PTR) - Addend) {
        *pResult = ULONG_PTR_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = Augend + Addend;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlULongPtrSub(_In_ ULONG_PTR Minuend, _In_ ULONG_PTR Subtrahend, _Out_ ULONG_PTR *pResult)
{
    if (Minuend < Subtrahend) {
        *pResult = ULONG_PTR_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = Minuend - Subtrahend;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlULongPtrMult(_In_ ULONG_PTR Multiplicand, _In_ ULONG_PTR Multiplier, _Out_ ULONG_PTR *pResult)
{
    if (Multiplier != 0 && Multiplicand > (ULONG_PTR)(MAXULONG_PTR) / Multiplier) {
        *pResult = ULONG_PTR_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (ULONG_PTR)(Multiplicand * Multiplier);
    return STATUS_SUCCESS;
}

/* ---- conversions -------------------------------------------------------- */
FORCEINLINE NTSTATUS RtlULongLongToULong(_In_ ULONGLONG Operand, _Out_ ULONG *pResult)
{
    if (Operand > (ULONGLONG)(MAXULONG)) {
        *pResult = ULONG_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (ULONG)Operand;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlULongLongToUShort(_In_ ULONGLONG Operand, _Out_ USHORT *pResult)
{
    if (Operand > (ULONGLONG)(MAXUSHORT)) {
        *pResult = USHORT_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (USHORT)Operand;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlULongToUShort(_In_ ULONG Operand, _Out_ USHORT *pResult)
{
    if (Operand > (ULONG)(MAXUSHORT)) {
        *pResult = USHORT_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (USHORT)Operand;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlULongToUChar(_In_ ULONG Operand, _Out_ UCHAR *pResult)
{
    if (Operand > (ULONG)(MAXUCHAR)) {
        *pResult = UCHAR_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (UCHAR)Operand;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlSIZETToULong(_In_ SIZE_T Operand, _Out_ ULONG *pResult)
{
    if (Operand > (SIZE_T)(MAXULONG)) {
        *pResult = ULONG_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (ULONG)Operand;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlSIZETToUShort(_In_ SIZE_T Operand, _Out_ USHORT *pResult)
{
    if (Operand > (SIZE_T)(MAXUSHORT)) {
        *pResult = USHORT_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (USHORT)Operand;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlULongPtrToULong(_In_ ULONG_PTR Operand, _Out_ ULONG *pResult)
{
    if (Operand > (ULONG_PTR)(MAXULONG)) {
        *pResult = ULONG_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (ULONG)Operand;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlLongToULong(_In_ LONG Operand, _Out_ ULONG *pResult)
{
    if (Operand < 0 || (ULONGLONG)Operand > (ULONGLONG)(MAXULONG)) {
        *pResult = ULONG_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (ULONG)Operand;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlLongToSIZET(_In_ LONG Operand, _Out_ SIZE_T *pResult)
{
    if (Operand < 0 || (ULONGLONG)Operand > (ULONGLONG)(MAXSIZE_T)) {
        *pResult = SIZET_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (SIZE_T)Operand;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlLongLongToULong(_In_ LONGLONG Operand, _Out_ ULONG *pResult)
{
    if (Operand < 0 || (ULONGLONG)Operand > (ULONGLONG)(MAXULONG)) {
        *pResult = ULONG_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (ULONG)Operand;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlLongLongToULongLong(_In_ LONGLONG Operand, _Out_ ULONGLONG *pResult)
{
    if (Operand < 0 || (ULONGLONG)Operand > (ULONGLONG)(MAXULONGLONG)) {
        *pResult = ULONGLONG_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (ULONGLONG)Operand;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlIntToULong(_In_ INT Operand, _Out_ ULONG *pResult)
{
    if (Operand < 0 || (ULONGLONG)Operand > (ULONGLONG)(MAXULONG)) {
        *pResult = ULONG_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (ULONG)Operand;
    return STATUS_SUCCESS;
}

FORCEINLINE NTSTATUS RtlUIntToUShort(_In_ UINT Operand, _Out_ USHORT *pResult)
{
    if (Operand > (UINT)(MAXUSHORT)) {
        *pResult = USHORT_ERROR;
        return STATUS_INTEGER_OVERFLOW;
    }
    *pResult = (USHORT)Operand;
    return STATUS_SUCCESS;
}

#define RtlUIntAdd(a, b, r) RtlULongAdd((ULONG)(a), (ULONG)(b), (ULONG *)(r))
#define RtlUInt64Add RtlULongLongAdd
#define RtlUInt64Mult RtlULongLongMult
#define RtlSizeTAdd RtlSIZETAdd
#define RtlSizeTSub RtlSIZETSub
#define RtlSizeTMult RtlSIZETMult
#define RtlDWordAdd RtlULongAdd
#define RtlDWordMult RtlULongMult

EXTERN_C_END

#endif /* UMASHIM_INTSAFE_H */
