/*
 * mem.h: checked allocation and formatting: the one out-of-memory policy of the project (HACKING.md): a failed allocation prints a message and aborts, so callers never check.
 */
#ifndef DLT_MEM_H
#define DLT_MEM_H

#include <stddef.h>

void *dlt_xmalloc(size_t n);
void *dlt_xcalloc(size_t n, size_t size);
void *dlt_xrealloc(void *p, size_t n);
char *dlt_xstrdup(const char *s);
/* A malloc'd string, printf-style. */
char *dlt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
