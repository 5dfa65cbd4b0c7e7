/*
 * compile_checks.c - cases for compile_checks_test.sh. CASE 0 must compile;
 * every other case must be rejected by the compiler.
 */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct { ULONG A; ULONG B; } PAIR;
typedef struct { ULONG64 Whole; } WHOLE;    /* same size as PAIR, other type */
typedef struct { ULONG A; } SMALL;

void check(PAIR *user, KPROCESSOR_MODE mode);
void check(PAIR *user, KPROCESSOR_MODE mode)
{
    PAIR pair;
    WHOLE whole;
    SMALL small;
    void *untyped = user;
    CHAR *characters = (CHAR *)user;
    (void)&pair; (void)whole; (void)small; (void)untyped; (void)characters; (void)mode;
#if CASE == 0
    ReadStructFromUser(&pair, user);
    ReadStructFromMode(&pair, user, mode);
    WriteStructToUserAligned(user, &pair, TYPE_ALIGNMENT(PAIR));
    (void)ReadFromUser(&user->A);
#elif CASE == 1 /* incompatible types of the same size */
    ReadStructFromUser(&whole, user);
#elif CASE == 2 /* compatible assignment, different sizes */
    ULONG64 wide;
    ReadStructFromUser(&wide, &user->A);
#elif CASE == 3 /* void pointers carry no type */
    ReadStructFromUser(&pair, untyped);
#elif CASE == 4 /* sizes differ */
    WriteStructToUser(user, &small);
#elif CASE == 5 /* Mode must be a KPROCESSOR_MODE, not the int-sized enum constant */
    ReadStructFromMode(&pair, user, KernelMode);
#elif CASE == 6 /* _Generic has no CHAR mapping (INT8 is signed char) */
    (void)ReadFromUser(characters);
#elif CASE == 7 /* the user side of a struct write must not be const */
    const PAIR *constant = user;
    WriteStructToUser(constant, &pair);
#endif
}
