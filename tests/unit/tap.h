/*
 * tap.h: a tiny TAP producer for the C unit tests (Automake's TAP driver reads it). Flat TAP
 * only: "ok N - name" / "not ok N - name", "# diagnostics", and the plan "1..N" printed last
 * by tap_done(), so a test may count its cases while it runs.
 */
#ifndef DLT_TAP_H
#define DLT_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_count;
static int tap_failures;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3), unused))
#endif
static int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;
	tap_count++;
	if (!cond)
		tap_failures++;
	printf("%s %d - ", cond ? "ok" : "not ok", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2), unused))
#endif
static void tap_diag(const char *fmt, ...)
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
static int tap_done(void)
{
	printf("1..%d\n", tap_count);
	fflush(stdout);
	return tap_failures ? 1 : 0;
}

#endif
