const char *s = "// umalint-disable-line UM1 \" /* NOLINT(UM1) */";
char c = '"'; // umalint-disable-line UM2
int n = 1'000'000; // umalint-disable-line UM3
auto r = R"x(// umalint-disable-line UM9 )" )x"; // umalint-disable-line UM4
auto u = u8R"(/* NOLINT(UM9) */)";
auto w = LR"delimiter(
// umalint-disable-line UM9
)delimiter";
double d = 1e+5 + 0x1p-3; // NOLINT(UM5)
// continued \
   umalint-disable-line UM6
