/*
 * mem.c: checked allocation and formatting, the one out-of-memory policy (see mem.h), and
 * cJSON's allocation hooks set to it before main runs.
 */
#include "common/mem.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dlt_out_of_memory(const char *what)
{
	/* no allocation here: stderr is unbuffered */
	fprintf(stderr, "dlt-interop: out of memory (%s)\n", what ? what : "allocation");
	abort();
}

static _Noreturn void oom_bytes(size_t n)
{
	char what[64];
	snprintf(what, sizeof what, "allocating %zu bytes", n);
	dlt_out_of_memory(what);
}

void *dlt_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom_bytes(n);
	return p;
}

void *dlt_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom_bytes(n * size);
	return p;
}

void *dlt_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom_bytes(n);
	return p;
}

char *dlt_xstrdup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	return memcpy(dlt_xmalloc(n), s, n);
}

char *dlt_printf(const char *fmt, ...)
{
	char small[256];
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *s = dlt_xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof small)
		memcpy(s, small, (size_t)n + 1);
	else
		vsnprintf(s, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return s;
}

/* cJSON allocates through dlt_xmalloc, so a cJSON call never fails for lack of memory (its
 * NULL results then mean what they say: not JSON, no such member). Set before main, while one
 * thread runs, in every program that links this file; a program may set its own hooks after
 * (the lua_json fuzz target counts what a conversion allocates). */
__attribute__((constructor)) static void dlt_mem_hook_cjson(void)
{
	cJSON_Hooks hooks = { dlt_xmalloc, free };
	cJSON_InitHooks(&hooks);
}
