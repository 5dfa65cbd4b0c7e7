char *s = "unterminated
// umalint-disable-line UM1
R"abc