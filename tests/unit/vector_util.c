/*
 * vector_util.c: helpers shared by the vector checkers (vector_util.h).
 */
#include "vector_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/hex.h"
#include "tap.h"

const char *vec_str(const cJSON *obj, const char *key)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(m) ? m->valuestring : NULL;
}

const cJSON *vec_get(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

int vec_u256(const cJSON *v, dlt_u256 *out, char *err)
{
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		if (d < 0 || d > 9007199254740992.0 || d != (double)(uint64_t)d) {
			snprintf(err, VEC_ERRLEN, "number %g is not a safe non-negative integer",
				 d);
			return -1;
		}
		dlt_u256_from_u64(out, (uint64_t)d);
		return 0;
	}
	if (cJSON_IsString(v))
		return dlt_u256_parse(out, v->valuestring, err, VEC_ERRLEN);
	snprintf(err, VEC_ERRLEN, "not a number or numeric string");
	return -1;
}

uint64_t vec_u64(const cJSON *v)
{
	return cJSON_IsNumber(v) && v->valuedouble >= 0 ? (uint64_t)v->valuedouble : 0;
}

const char *vec_strip0x(const char *s)
{
	return s && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? s + 2 : s;
}

int vec_same_hex(const char *what, const uint8_t *got, size_t len, const char *want)
{
	char *g = dlt_hex_encode_alloc(got, len);
	int ok = g && want && strcasecmp(g + 2, vec_strip0x(want)) == 0;
	if (!ok)
		tap_diag("%s: got %s, expected %s", what, g ? g : "(oom)", want ? want : "(none)");
	free(g);
	return ok;
}

int vec_same_str(const char *what, const char *got, const char *want)
{
	int ok = got && want && strcmp(got, want) == 0;
	if (!ok)
		tap_diag("%s: got %s, expected %s", what, got ? got : "(none)",
			 want ? want : "(none)");
	return ok;
}

uint8_t *vec_hexbuf(const char *s, size_t *len)
{
	uint8_t *p;
	char err[VEC_ERRLEN];
	if (!s) {
		tap_diag("missing hex string");
		return NULL;
	}
	if (dlt_hex_decode_alloc(s, strlen(s), &p, len, err, sizeof err) != 0) {
		tap_diag("%s", err);
		return NULL;
	}
	return p;
}

void vec_reverse(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		uint8_t t = p[i];
		p[i] = p[n - 1 - i];
		p[n - 1 - i] = t;
	}
}
