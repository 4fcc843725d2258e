#ifndef CHATTUI_WIDTH_SHIM_H
#define CHATTUI_WIDTH_SHIM_H
#include <wchar.h>
#include <locale.h>
/* glibc declares wcwidth only under _XOPEN_SOURCE, which Swift's Glibc module
   does not set; this keeps the one function we need visible. */
int wcwidth(wchar_t c);
#endif
