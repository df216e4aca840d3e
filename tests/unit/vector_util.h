/*
 * vector_util.h: the small helpers the vector checkers of make check share (test_crypto_vectors.c and
 * vector_checks.c): reading members of a case, hex to bytes, and comparisons that print what
 * differs as TAP diagnostics.
 */
#ifndef DLT_TEST_VECTOR_UTIL_H
#define DLT_TEST_VECTOR_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "common/u256.h"

#define VEC_ERRLEN 300

const char *vec_str(const cJSON *obj, const char *key);
const cJSON *vec_get(const cJSON *obj, const char *key);
/* a JSON integer (number) or decimal / 0x-hex string as u256; 0, or -1 with err */
int vec_u256(const cJSON *v, dlt_u256 *out, char *err);
/* a JSON number as a non-negative integer (0 when it is not a number) */
uint64_t vec_u64(const cJSON *v);
/* s without a leading 0x */
const char *vec_strip0x(const char *s);
/* bytes against an expected hex string (0x or not); a mismatch is diagnosed */
int vec_same_hex(const char *what, const uint8_t *got, size_t len, const char *want);
int vec_same_str(const char *what, const char *got, const char *want);
/* a hex string (0x or not) decoded into a new buffer; NULL on error (diagnosed) */
uint8_t *vec_hexbuf(const char *s, size_t *len);
void vec_reverse(uint8_t *p, size_t n);

#endif
