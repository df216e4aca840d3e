/*
 * bytesize.h: byte counts as people write them on the command line ("32M", "512K", "1G",
 * "1048576"), for size limits such as --max-response. Depends on nothing else.
 */
#ifndef DLT_BYTESIZE_H
#define DLT_BYTESIZE_H

#include <stddef.h>

/* Decimal digits, optionally followed by one suffix K, M or G (either case; powers of 1024).
 * Returns 0 with *out set, or -1 when s is not such a count, is zero, or overflows size_t. */
int dlt_bytesize_parse(const char *s, size_t *out);

#endif
