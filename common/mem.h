/*
 * mem.h: checked allocation and formatting: the one out-of-memory policy of the project
 * (HACKING.md). A failed allocation prints a message naming what was asked for and aborts, so
 * callers never check for NULL. What other libraries allocate follows the same policy: cJSON
 * allocates through dlt_xmalloc (its hooks are set before main runs, see mem.c), and a NULL
 * that libcurl, PCRE2 or another library returns for lack of memory goes to dlt_out_of_memory.
 * Limits (the Lua memory budget, --max-response, the JSON conversion budgets) are not out of
 * memory: they are errors with a message, reported where they are met.
 */
#ifndef DLT_MEM_H
#define DLT_MEM_H

#include <stddef.h>

/* Never NULL; the compiler is told so (and the size, for its bounds checks). */
void *dlt_xmalloc(size_t n) __attribute__((malloc, returns_nonnull, alloc_size(1)));
void *dlt_xcalloc(size_t n, size_t size) __attribute__((malloc, returns_nonnull, alloc_size(1, 2)));
void *dlt_xrealloc(void *p, size_t n) __attribute__((returns_nonnull, alloc_size(2)));
/* A copy of s, or NULL when s is NULL. */
char *dlt_xstrdup(const char *s) __attribute__((malloc));
/* A malloc'd string, printf-style. */
char *dlt_printf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), malloc, returns_nonnull));
/* Prints "dlt-interop: out of memory (WHAT)" and aborts. */
_Noreturn void dlt_out_of_memory(const char *what);

#endif
