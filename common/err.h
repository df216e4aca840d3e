/*
 * err.h: the error convention of the project (docs/architecture.md, "Conventions"): a function
 * that fails returns -1 (or NULL) and fills a caller-provided "char *err, size_t errlen" with a
 * message a person can act on. dlt_seterr fills it, printf-style.
 */
#ifndef DLT_ERR_H
#define DLT_ERR_H

#include <stddef.h>

/* Write the message into err (cut to errlen bytes, always terminated); nothing when err is NULL
 * or errlen is 0. Returns -1, so that a failing function can end with return dlt_seterr(...). */
int dlt_seterr(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
