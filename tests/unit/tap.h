/*
 * tap.h: a tiny TAP producer for the C unit tests (Automake's TAP driver reads it). Flat TAP
 * only: "ok N - name" / "not ok N - name", "ok N - name # SKIP why", "# diagnostics", and the
 * plan "1..N" printed last by tap_done() (or "1..0 # SKIP why" by tap_skip_all()), so a test
 * may count its cases while it runs. Names that come from data (patterns, suite descriptions)
 * go through tap_ok_escaped(), which keeps them on one line and out of the directive syntax.
 */
#ifndef DLT_TAP_H
#define DLT_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int tap_count;
static int tap_failures;

/* Print a name on one TAP line: control characters as \n \r \t \v \f or \xNN, and '#' (which
 * would start a directive) as \#. */
#if defined(__GNUC__)
__attribute__((unused))
#endif
static void
tap_put_escaped(const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\v': fputs("\\v", stdout); break;
		case '\f': fputs("\\f", stdout); break;
		case '#': fputs("\\#", stdout); break;
		default:
			if ((unsigned char)*s < 0x20)
				printf("\\x%02x", (unsigned char)*s);
			else
				putchar(*s);
		}
	}
}

/* Print one point: the name as formatted (escaped when asked), and the SKIP directive when
 * skip is not NULL. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 0), unused))
#endif
static void
tap_point(int cond, int escape, const char *skip, const char *fmt, va_list ap)
{
	tap_count++;
	if (!cond)
		tap_failures++;
	printf("%s %d - ", cond ? "ok" : "not ok", tap_count);
	if (escape) {
		va_list aq;
		va_copy(aq, ap);
		int n = vsnprintf(NULL, 0, fmt, aq);
		va_end(aq);
		char *name = n >= 0 ? malloc((size_t)n + 1) : NULL;
		if (name)
			vsnprintf(name, (size_t)n + 1, fmt, ap);
		tap_put_escaped(name ? name : "(out of memory)");
		free(name);
	} else {
		vprintf(fmt, ap);
	}
	if (skip)
		printf(" # SKIP %s", skip);
	printf("\n");
	fflush(stdout);
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3), unused))
#endif
static int
tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_point(cond, 0, NULL, fmt, ap);
	va_end(ap);
	return cond;
}

/* tap_ok() for a name that may hold anything: written with tap_put_escaped(). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3), unused))
#endif
static int
tap_ok_escaped(int cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_point(cond, 1, NULL, fmt, ap);
	va_end(ap);
	return cond;
}

/* A point that is not run: "ok N - name # SKIP why" (name escaped as above). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3), unused))
#endif
static void
tap_skip(const char *why, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_point(1, 1, why, fmt, ap);
	va_end(ap);
}

/* The whole test skipped, before any point: prints "1..0 # SKIP why"; returns 0 for main(). */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2), unused))
#endif
static int
tap_skip_all(const char *fmt, ...)
{
	va_list ap;
	printf("1..0 # SKIP ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return 0;
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2), unused))
#endif
static void
tap_diag(const char *fmt, ...)
{
	va_list ap;
	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

#if defined(__GNUC__)
__attribute__((unused))
#endif
static int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	fflush(stdout);
	return tap_failures ? 1 : 0;
}

#endif
