/*
 * fuzz_u256.c: fuzz target for u256 parsing and checked arithmetic (runner/crypto/u256.c).
 * The input is "A" or "A,B", each decimal or 0x hex as node answers and scenarios write them.
 * Every parsed value must print back to its canonical text and parse again to itself (decimal,
 * quantity hex, big-endian bytes), and for two values the checked operations must agree with
 * each other: (a+b)-b = a, (a*b)/b = a, q*b+r = a with r < b, and an operation refused as
 * overflow must really overflow.
 */
#include "fuzz.h"
#include "common/u256.h"

#include <ctype.h>
#include <string.h>

/* the canonical text of s (digits without leading zeros; hex in lowercase) */
static int same_digits(const char *canon, const char *s)
{
	while (s[0] == '0' && s[1])
		s++;
	for (; *canon && *s; canon++, s++)
		if (*canon != tolower((unsigned char)*s))
			return 0;
	return !*canon && !*s;
}

static void round_trip(const dlt_u256 *v, const char *text)
{
	char dec[DLT_U256_DEC_MAX], hex[DLT_U256_HEX_MAX], err[256];
	dlt_u256 back;
	uint8_t bytes[32], be[32];
	dlt_u256_to_dec(v, dec);
	dlt_u256_to_hex(v, hex);
	DLT_FUZZ_ASSERT(dlt_u256_from_dec(&back, dec, err, sizeof err) == 0);
	DLT_FUZZ_ASSERT(dlt_u256_cmp(&back, v) == 0);
	DLT_FUZZ_ASSERT(dlt_u256_from_hex(&back, hex, err, sizeof err) == 0);
	DLT_FUZZ_ASSERT(dlt_u256_cmp(&back, v) == 0);
	if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
		DLT_FUZZ_ASSERT(same_digits(hex + 2, text + 2));
	else
		DLT_FUZZ_ASSERT(same_digits(dec, text));
	size_t n = dlt_u256_to_bytes(v, bytes);
	DLT_FUZZ_ASSERT(n <= 32 && (n == 0 || bytes[0] != 0));
	DLT_FUZZ_ASSERT(dlt_u256_from_bytes(&back, bytes, n) == 0 && dlt_u256_cmp(&back, v) == 0);
	dlt_u256_to_be32(v, be);
	DLT_FUZZ_ASSERT(dlt_u256_from_bytes(&back, be, 32) == 0 && dlt_u256_cmp(&back, v) == 0);
	uint64_t small;
	if (dlt_u256_to_u64(v, &small)) {
		dlt_u256_from_u64(&back, small);
		DLT_FUZZ_ASSERT(dlt_u256_cmp(&back, v) == 0);
	}
}

static void arithmetic(const dlt_u256 *a, const dlt_u256 *b)
{
	dlt_u256 r, t, q, rem, max;
	char err[64];
	DLT_FUZZ_ASSERT(
		dlt_u256_from_hex(
			&max, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
			err, sizeof err) == 0);
	int c = dlt_u256_cmp(a, b);
	DLT_FUZZ_ASSERT(c == -dlt_u256_cmp(b, a));
	/* add: exact, or refused exactly when a > max - b */
	DLT_FUZZ_ASSERT(dlt_u256_sub(&t, &max, b) == 0);
	if (dlt_u256_add(&r, a, b) == 0) {
		DLT_FUZZ_ASSERT(dlt_u256_cmp(a, &t) <= 0);
		DLT_FUZZ_ASSERT(dlt_u256_sub(&t, &r, b) == 0 && dlt_u256_cmp(&t, a) == 0);
	} else {
		DLT_FUZZ_ASSERT(dlt_u256_cmp(a, &t) > 0);
	}
	/* sub: refused exactly when a < b */
	DLT_FUZZ_ASSERT((dlt_u256_sub(&r, a, b) == 0) == (c >= 0));
	if (c >= 0)
		DLT_FUZZ_ASSERT(dlt_u256_add(&t, &r, b) == 0 && dlt_u256_cmp(&t, a) == 0);
	/* mul: exact, or refused exactly when a > max / b */
	if (dlt_u256_mul(&r, a, b) == 0) {
		if (!dlt_u256_is_zero(b)) {
			DLT_FUZZ_ASSERT(dlt_u256_divmod(&q, &rem, &r, b) == 0);
			DLT_FUZZ_ASSERT(dlt_u256_cmp(&q, a) == 0 && dlt_u256_is_zero(&rem));
		}
	} else {
		DLT_FUZZ_ASSERT(!dlt_u256_is_zero(b));
		DLT_FUZZ_ASSERT(dlt_u256_divmod(&q, NULL, &max, b) == 0 && dlt_u256_cmp(a, &q) > 0);
	}
	/* divmod: q*b + r = a and r < b; division by zero refused */
	if (dlt_u256_is_zero(b)) {
		DLT_FUZZ_ASSERT(dlt_u256_divmod(&q, &rem, a, b) != 0);
		return;
	}
	DLT_FUZZ_ASSERT(dlt_u256_divmod(&q, &rem, a, b) == 0);
	DLT_FUZZ_ASSERT(dlt_u256_cmp(&rem, b) < 0);
	DLT_FUZZ_ASSERT(dlt_u256_mul(&t, &q, b) == 0);
	DLT_FUZZ_ASSERT(dlt_u256_add(&t, &t, &rem) == 0 && dlt_u256_cmp(&t, a) == 0);
	/* aliasing: r may be a or b */
	t = *a;
	DLT_FUZZ_ASSERT(dlt_u256_divmod(&t, NULL, &t, b) == 0 && dlt_u256_cmp(&t, &q) == 0);
}

int dlt_fuzz_u256(const uint8_t *data, size_t size)
{
	char *s = dlt_fuzz_strdup(data, size);
	if (!s)
		return 0;
	char *comma = strchr(s, ',');
	if (comma)
		*comma = '\0';
	dlt_u256 a, b;
	char err[256] = "";
	int ok_a = dlt_u256_parse(&a, s, err, sizeof err) == 0;
	if (!ok_a)
		DLT_FUZZ_ASSERT(strncmp(err, "u256: ", 6) == 0);
	else
		round_trip(&a, s);
	if (comma) {
		int ok_b = dlt_u256_parse(&b, comma + 1, err, sizeof err) == 0;
		if (ok_b)
			round_trip(&b, comma + 1);
		if (ok_a && ok_b) {
			arithmetic(&a, &b);
			arithmetic(&b, &a);
		}
	}
	free(s);
	return 0;
}

DLT_FUZZ_TARGET(u256)
