/* umalint-disable-file UM1001 -- generated
 * more text -- and a reason */
int a; // umalint-disable-line UM1003, double-fetch -- checked by caller
// umalint-disable-next-line UM10* -- reason
int b;
/* umalint-disable UM2005, UM2001 */
int c;
/* umalint-enable UM2005 */
/* umalint-enable UM2001 */
// umalint-disable-line
// umalint-disable-lines UM1
/// umalint-disable-next-line UM2
/** umalint-enable UM9 */
int d; // NOLINT(UM1003, bugprone-foo): why
int e; // NOLINTNEXTLINE(UM2*) -- reason
// NOLINT NOLINT (UM1) XNOLINT(UM1) NOLINT(
/* NOLINTBEGIN(UM1) */ int f; /* NOLINTEND(UM1) */
