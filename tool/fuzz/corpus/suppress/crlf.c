int a; // umalint-disable-line UM1
/* umalint-disable UM2
 -- crlf */
int b;
