/*
 * driverspecs.h - umalint WDK shim: driver annotation macros.
 *
 * Part of the umalint bundled WDK shim headers, written from public API
 * facts for umalint (this is not Microsoft's header text).
 *
 * The driver-specific annotations (_IRQL_requires_max_, _Dispatch_type_,
 * _Function_class_, _Kernel_entry_, __kernel_entry and the older __drv_*
 * family) all expand to nothing. Annotations that take arguments are
 * variadic so any argument count is accepted.
 */
#ifndef UMASHIM_DRIVERSPECS_H
#define UMASHIM_DRIVERSPECS_H

#include <sal.h>

/* ---- annotations without arguments -------------------------------------- */
#ifndef _IRQL_requires_same_
#define _IRQL_requires_same_
#endif
#ifndef _IRQL_uses_cancel_
#define _IRQL_uses_cancel_
#endif
#ifndef _IRQL_is_cancel_
#define _IRQL_is_cancel_
#endif
#ifndef _Kernel_clear_do_init_
#define _Kernel_clear_do_init_
#endif
#ifndef _Kernel_float_saved_
#define _Kernel_float_saved_
#endif
#ifndef _Kernel_float_restored_
#define _Kernel_float_restored_
#endif
#ifndef _Kernel_float_used_
#define _Kernel_float_used_
#endif
#ifndef _Kernel_entry_
#define _Kernel_entry_
#endif
#ifndef _Kernel_entry_always_
#define _Kernel_entry_always_
#endif
#ifndef __kernel_entry
#define __kernel_entry
#endif
#ifndef _Kernel_IoGetDmaAdapter_
#define _Kernel_IoGetDmaAdapter_
#endif
#ifndef __drv_aliasesMem
#define __drv_aliasesMem
#endif
#ifndef __drv_dispatchType_other
#define __drv_dispatchType_other
#endif
#ifndef __drv_sameIRQL
#define __drv_sameIRQL
#endif
#ifndef __drv_useCancelIRQL
#define __drv_useCancelIRQL
#endif
#ifndef __drv_isCancelIRQL
#define __drv_isCancelIRQL
#endif
#ifndef __drv_clearDoInit
#define __drv_clearDoInit
#endif
#ifndef __drv_floatSaved
#define __drv_floatSaved
#endif
#ifndef __drv_floatRestored
#define __drv_floatRestored
#endif
#ifndef __drv_floatUsed
#define __drv_floatUsed
#endif
#ifndef __drv_interlocked
#define __drv_interlocked
#endif
#ifndef __drv_inTry
#define __drv_inTry
#endif
#ifndef __drv_notInTry
#define __drv_notInTry
#endif
#ifndef __drv_IoGetDmaAdapter
#define __drv_IoGetDmaAdapter
#endif
#ifndef __drv_acquiresCancelSpinLock
#define __drv_acquiresCancelSpinLock
#endif
#ifndef __drv_releasesCancelSpinLock
#define __drv_releasesCancelSpinLock
#endif
#ifndef __drv_mustHoldCancelSpinLock
#define __drv_mustHoldCancelSpinLock
#endif
#ifndef __drv_neverHoldCancelSpinLock
#define __drv_neverHoldCancelSpinLock
#endif
#ifndef __drv_acquiresCriticalRegion
#define __drv_acquiresCriticalRegion
#endif
#ifndef __drv_releasesCriticalRegion
#define __drv_releasesCriticalRegion
#endif
#ifndef __drv_mustHoldCriticalRegion
#define __drv_mustHoldCriticalRegion
#endif
#ifndef __drv_neverHoldCriticalRegion
#define __drv_neverHoldCriticalRegion
#endif
#ifndef __drv_acquiresPriorityRegion
#define __drv_acquiresPriorityRegion
#endif
#ifndef __drv_releasesPriorityRegion
#define __drv_releasesPriorityRegion
#endif
#ifndef __drv_mustHoldPriorityRegion
#define __drv_mustHoldPriorityRegion
#endif
#ifndef __drv_neverHoldPriorityRegion
#define __drv_neverHoldPriorityRegion
#endif
#ifndef __drv_nonConstant
#define __drv_nonConstant
#endif
#ifndef __drv_constant
#define __drv_constant
#endif
#ifndef __drv_notPointer
#define __drv_notPointer
#endif
#ifndef __drv_isObjectPointer
#define __drv_isObjectPointer
#endif
#ifndef __prefast_operator_new_null
#define __prefast_operator_new_null
#endif
#ifndef __prefast_operator_new_throws
#define __prefast_operator_new_throws
#endif

/* ---- annotations with arguments ----------------------------------------- */
#ifndef _IRQL_requires_max_
#define _IRQL_requires_max_(...)
#endif
#ifndef _IRQL_requires_min_
#define _IRQL_requires_min_(...)
#endif
#ifndef _IRQL_requires_
#define _IRQL_requires_(...)
#endif
#ifndef _IRQL_raises_
#define _IRQL_raises_(...)
#endif
#ifndef _IRQL_saves_
#define _IRQL_saves_(...)
#endif
#ifndef _IRQL_saves_global_
#define _IRQL_saves_global_(...)
#endif
#ifndef _IRQL_restores_
#define _IRQL_restores_(...)
#endif
#ifndef _IRQL_restores_global_
#define _IRQL_restores_global_(...)
#endif
#ifndef _IRQL_always_function_min_
#define _IRQL_always_function_min_(...)
#endif
#ifndef _IRQL_always_function_max_
#define _IRQL_always_function_max_(...)
#endif
#ifndef _IRQL_limited_to_
#define _IRQL_limited_to_(...)
#endif
#ifndef _Dispatch_type_
#define _Dispatch_type_(...)
#endif
#ifndef _Function_class_
#define _Function_class_(...)
#endif
#ifndef _Kernel_acquires_resource_
#define _Kernel_acquires_resource_(...)
#endif
#ifndef _Kernel_releases_resource_
#define _Kernel_releases_resource_(...)
#endif
#ifndef _Kernel_requires_resource_held_
#define _Kernel_requires_resource_held_(...)
#endif
#ifndef _Kernel_requires_resource_not_held_
#define _Kernel_requires_resource_not_held_(...)
#endif
#ifndef _Kernel_ReleaseSpinLock_
#define _Kernel_ReleaseSpinLock_(...)
#endif
#ifndef _Kernel_AcquireSpinLock_
#define _Kernel_AcquireSpinLock_(...)
#endif
#ifndef _Kernel_float_save_
#define _Kernel_float_save_(...)
#endif
#ifndef _Kernel_float_restore_
#define _Kernel_float_restore_(...)
#endif
#ifndef __drv_allocatesMem
#define __drv_allocatesMem(...)
#endif
#ifndef __drv_freesMem
#define __drv_freesMem(...)
#endif
#ifndef __drv_arg
#define __drv_arg(...)
#endif
#ifndef __drv_at
#define __drv_at(...)
#endif
#ifndef __drv_when
#define __drv_when(...)
#endif
#ifndef __drv_in
#define __drv_in(...)
#endif
#ifndef __drv_out
#define __drv_out(...)
#endif
#ifndef __drv_in_deref
#define __drv_in_deref(...)
#endif
#ifndef __drv_out_deref
#define __drv_out_deref(...)
#endif
#ifndef __drv_deref
#define __drv_deref(...)
#endif
#ifndef __drv_fun
#define __drv_fun(...)
#endif
#ifndef __drv_ret
#define __drv_ret(...)
#endif
#ifndef __drv_maxIRQL
#define __drv_maxIRQL(...)
#endif
#ifndef __drv_minIRQL
#define __drv_minIRQL(...)
#endif
#ifndef __drv_setsIRQL
#define __drv_setsIRQL(...)
#endif
#ifndef __drv_requiresIRQL
#define __drv_requiresIRQL(...)
#endif
#ifndef __drv_raisesIRQL
#define __drv_raisesIRQL(...)
#endif
#ifndef __drv_savesIRQL
#define __drv_savesIRQL(...)
#endif
#ifndef __drv_savesIRQLGlobal
#define __drv_savesIRQLGlobal(...)
#endif
#ifndef __drv_restoresIRQL
#define __drv_restoresIRQL(...)
#endif
#ifndef __drv_restoresIRQLGlobal
#define __drv_restoresIRQLGlobal(...)
#endif
#ifndef __drv_maxFunctionIRQL
#define __drv_maxFunctionIRQL(...)
#endif
#ifndef __drv_minFunctionIRQL
#define __drv_minFunctionIRQL(...)
#endif
#ifndef __drv_dispatchType
#define __drv_dispatchType(...)
#endif
#ifndef __drv_completionType
#define __drv_completionType(...)
#endif
#ifndef __drv_callbackType
#define __drv_callbackType(...)
#endif
#ifndef __drv_functionClass
#define __drv_functionClass(...)
#endif
#ifndef __drv_acquiresResource
#define __drv_acquiresResource(...)
#endif
#ifndef __drv_releasesResource
#define __drv_releasesResource(...)
#endif
#ifndef __drv_mustHold
#define __drv_mustHold(...)
#endif
#ifndef __drv_neverHold
#define __drv_neverHold(...)
#endif
#ifndef __drv_acquiresResourceGlobal
#define __drv_acquiresResourceGlobal(...)
#endif
#ifndef __drv_releasesResourceGlobal
#define __drv_releasesResourceGlobal(...)
#endif
#ifndef __drv_mustHoldGlobal
#define __drv_mustHoldGlobal(...)
#endif
#ifndef __drv_neverHoldGlobal
#define __drv_neverHoldGlobal(...)
#endif
#ifndef __drv_acquiresExclusiveResource
#define __drv_acquiresExclusiveResource(...)
#endif
#ifndef __drv_releasesExclusiveResource
#define __drv_releasesExclusiveResource(...)
#endif
#ifndef __drv_acquiresExclusiveResourceGlobal
#define __drv_acquiresExclusiveResourceGlobal(...)
#endif
#ifndef __drv_releasesExclusiveResourceGlobal
#define __drv_releasesExclusiveResourceGlobal(...)
#endif
#ifndef __drv_innerAcquiresGlobal
#define __drv_innerAcquiresGlobal(...)
#endif
#ifndef __drv_innerReleasesGlobal
#define __drv_innerReleasesGlobal(...)
#endif
#ifndef __drv_innerMustHoldGlobal
#define __drv_innerMustHoldGlobal(...)
#endif
#ifndef __drv_innerNeverHoldGlobal
#define __drv_innerNeverHoldGlobal(...)
#endif
#ifndef __drv_strictType
#define __drv_strictType(...)
#endif
#ifndef __drv_strictTypeMatch
#define __drv_strictTypeMatch(...)
#endif
#ifndef __drv_reportError
#define __drv_reportError(...)
#endif
#ifndef __drv_preferredFunction
#define __drv_preferredFunction(...)
#endif
#ifndef __drv_formatString
#define __drv_formatString(...)
#endif
#ifndef __drv_valueIs
#define __drv_valueIs(...)
#endif
#ifndef __drv_typeConst
#define __drv_typeConst(...)
#endif
#ifndef __drv_typeCond
#define __drv_typeCond(...)
#endif
#ifndef __drv_typeBitset
#define __drv_typeBitset(...)
#endif
#ifndef __drv_typeExpr
#define __drv_typeExpr(...)
#endif
#ifndef __drv_declspec
#define __drv_declspec(...)
#endif
#ifndef __drv_unit
#define __drv_unit(...)
#endif
#ifndef __drv_defined
#define __drv_defined(...)
#endif
#ifndef __drv_WDM
#define __drv_WDM(...)
#endif
#ifndef __drv_KMDF
#define __drv_KMDF(...)
#endif
#ifndef __drv_NDIS
#define __drv_NDIS(...)
#endif
#ifndef __drv_Miniport
#define __drv_Miniport(...)
#endif
#ifndef __drv_Kernel
#define __drv_Kernel(...)
#endif
#ifndef __drv_User
#define __drv_User(...)
#endif
#ifndef __drv_Mode
#define __drv_Mode(...)
#endif
#ifndef __drv_Not
#define __drv_Not(...)
#endif
#ifndef __drv_Test
#define __drv_Test(...)
#endif
#ifndef __drv_mustHoldIRQL
#define __drv_mustHoldIRQL(...)
#endif
#ifndef __drv_saveIRQLGlobal
#define __drv_saveIRQLGlobal(...)
#endif

#endif /* UMASHIM_DRIVERSPECS_H */
