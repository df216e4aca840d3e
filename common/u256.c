/*
 * u256.c: checked 256-bit unsigned arithmetic on eight 32-bit limbs (u256.h). Products and
 * carries use 64-bit intermediates, so the code is portable C11 without __int128. Division is
 * binary long division (at most 256 shift-subtract steps), plenty for a test suite.
 */
#include "common/u256.h"
#include "common/hex.h"

#include <stdio.h>
#include <string.h>

void dlt_u256_zero(dlt_u256 *r)
{
	memset(r, 0, sizeof *r);
}

void dlt_u256_from_u64(dlt_u256 *r, uint64_t v)
{
	dlt_u256_zero(r);
	r->w[0] = (uint32_t)v;
	r->w[1] = (uint32_t)(v >> 32);
}

int dlt_u256_to_u64(const dlt_u256 *v, uint64_t *out)
{
	for (int i = 2; i < 8; i++)
		if (v->w[i])
			return 0;
	*out = (uint64_t)v->w[1] << 32 | v->w[0];
	return 1;
}

int dlt_u256_is_zero(const dlt_u256 *v)
{
	for (int i = 0; i < 8; i++)
		if (v->w[i])
			return 0;
	return 1;
}

int dlt_u256_cmp(const dlt_u256 *a, const dlt_u256 *b)
{
	for (int i = 7; i >= 0; i--) {
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	}
	return 0;
}

int dlt_u256_add(dlt_u256 *r, const dlt_u256 *a, const dlt_u256 *b)
{
	dlt_u256 t;
	uint64_t carry = 0;
	for (int i = 0; i < 8; i++) {
		uint64_t s = (uint64_t)a->w[i] + b->w[i] + carry;
		t.w[i] = (uint32_t)s;
		carry = s >> 32;
	}
	if (carry)
		return -1;
	*r = t;
	return 0;
}

int dlt_u256_sub(dlt_u256 *r, const dlt_u256 *a, const dlt_u256 *b)
{
	if (dlt_u256_cmp(a, b) < 0)
		return -1;
	dlt_u256 t;
	uint64_t borrow = 0;
	for (int i = 0; i < 8; i++) {
		uint64_t d = (uint64_t)a->w[i] - b->w[i] - borrow;
		t.w[i] = (uint32_t)d;
		borrow = (d >> 32) ? 1 : 0;
	}
	*r = t;
	return 0;
}

int dlt_u256_mul(dlt_u256 *r, const dlt_u256 *a, const dlt_u256 *b)
{
	uint32_t prod[16] = { 0 };
	for (int i = 0; i < 8; i++) {
		uint64_t carry = 0;
		if (!a->w[i])
			continue;
		for (int j = 0; j < 8; j++) {
			uint64_t t = (uint64_t)a->w[i] * b->w[j] + prod[i + j] + carry;
			prod[i + j] = (uint32_t)t;
			carry = t >> 32;
		}
		prod[i + 8] = (uint32_t)carry;
	}
	for (int i = 8; i < 16; i++)
		if (prod[i])
			return -1;
	memcpy(r->w, prod, sizeof r->w);
	return 0;
}

static int bit_length(const dlt_u256 *v)
{
	for (int i = 7; i >= 0; i--) {
		if (v->w[i]) {
			int n = 32;
			while (!(v->w[i] >> (n - 1)))
				n--;
			return 32 * i + n;
		}
	}
	return 0;
}

static void shl1(dlt_u256 *v)
{
	for (int i = 7; i > 0; i--)
		v->w[i] = v->w[i] << 1 | v->w[i - 1] >> 31;
	v->w[0] <<= 1;
}

int dlt_u256_divmod(dlt_u256 *q, dlt_u256 *rem, const dlt_u256 *a, const dlt_u256 *b)
{
	if (dlt_u256_is_zero(b))
		return -1;
	dlt_u256 quo, r;
	dlt_u256_zero(&quo);
	dlt_u256_zero(&r);
	for (int i = bit_length(a) - 1; i >= 0; i--) {
		/* r may reach 2^256 only if b > 2^255; track the bit shifted out */
		int top = (int)(r.w[7] >> 31);
		shl1(&r);
		r.w[0] |= (a->w[i / 32] >> (i % 32)) & 1;
		if (top || dlt_u256_cmp(&r, b) >= 0) {
			/* r - b, modulo 2^256, is the true difference (< b) */
			uint64_t borrow = 0;
			for (int k = 0; k < 8; k++) {
				uint64_t d = (uint64_t)r.w[k] - b->w[k] - borrow;
				r.w[k] = (uint32_t)d;
				borrow = (d >> 32) ? 1 : 0;
			}
			quo.w[i / 32] |= 1u << (i % 32);
		}
	}
	if (q)
		*q = quo;
	if (rem)
		*rem = r;
	return 0;
}

/* r = r * m + add (small m, add); -1 on overflow */
static int mul_small_add(dlt_u256 *r, uint32_t m, uint32_t add)
{
	uint64_t carry = add;
	dlt_u256 t;
	for (int i = 0; i < 8; i++) {
		uint64_t v = (uint64_t)r->w[i] * m + carry;
		t.w[i] = (uint32_t)v;
		carry = v >> 32;
	}
	if (carry)
		return -1;
	*r = t;
	return 0;
}

static void describe(char *dst, size_t dstlen, const char *s)
{
	/* a short, printable excerpt of the offending input */
	size_t n = 0;
	for (; n < 40 && n + 1 < dstlen && s[n]; n++)
		dst[n] = (s[n] >= 0x20 && s[n] < 0x7f) ? s[n] : '?';
	if (s[n] && n + 4 < dstlen) {
		memcpy(dst + n, "...", 3);
		n += 3;
	}
	dst[n] = '\0';
}

int dlt_u256_from_dec(dlt_u256 *r, const char *s, char *err, size_t errlen)
{
	char shown[48];
	dlt_u256 t;
	dlt_u256_zero(&t);
	if (!*s) {
		snprintf(err, errlen, "u256: empty string");
		return -1;
	}
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9') {
			describe(shown, sizeof shown, s);
			snprintf(err, errlen,
				 "u256: \"%s\" is not a decimal integer (bad character at %td)",
				 shown, p - s);
			return -1;
		}
		if (mul_small_add(&t, 10, (uint32_t)(*p - '0')) != 0) {
			describe(shown, sizeof shown, s);
			snprintf(err, errlen, "u256: \"%s\" exceeds 2^256-1", shown);
			return -1;
		}
	}
	*r = t;
	return 0;
}

int dlt_u256_from_hex(dlt_u256 *r, const char *s, char *err, size_t errlen)
{
	char shown[48];
	if (!(s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))) {
		describe(shown, sizeof shown, s);
		snprintf(err, errlen, "u256: \"%s\" lacks the 0x prefix", shown);
		return -1;
	}
	const char *d = s + 2;
	if (!*d) {
		snprintf(err, errlen, "u256: \"0x\" has no digits");
		return -1;
	}
	dlt_u256 t;
	dlt_u256_zero(&t);
	for (const char *p = d; *p; p++) {
		int v = dlt_hex_digit((unsigned char)*p);
		if (v < 0) {
			describe(shown, sizeof shown, s);
			snprintf(err, errlen,
				 "u256: \"%s\" is not a hex integer (bad character at %td)", shown,
				 p - s);
			return -1;
		}
		if (mul_small_add(&t, 16, (uint32_t)v) != 0) {
			describe(shown, sizeof shown, s);
			snprintf(err, errlen, "u256: \"%s\" exceeds 2^256-1", shown);
			return -1;
		}
	}
	*r = t;
	return 0;
}

int dlt_u256_parse(dlt_u256 *r, const char *s, char *err, size_t errlen)
{
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return dlt_u256_from_hex(r, s, err, errlen);
	return dlt_u256_from_dec(r, s, err, errlen);
}

void dlt_u256_to_dec(const dlt_u256 *v, char out[DLT_U256_DEC_MAX])
{
	char tmp[DLT_U256_DEC_MAX];
	size_t n = 0;
	dlt_u256 t = *v;
	do {
		/* divide t by 10 in place, limb by limb from the top */
		uint64_t rem = 0;
		for (int i = 7; i >= 0; i--) {
			uint64_t cur = rem << 32 | t.w[i];
			t.w[i] = (uint32_t)(cur / 10);
			rem = cur % 10;
		}
		tmp[n++] = (char)('0' + rem);
	} while (!dlt_u256_is_zero(&t));
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

void dlt_u256_to_hex(const dlt_u256 *v, char out[DLT_U256_HEX_MAX])
{
	static const char digits[] = "0123456789abcdef";
	size_t n = 2;
	int started = 0;
	out[0] = '0';
	out[1] = 'x';
	for (int i = 63; i >= 0; i--) {
		unsigned nib = (v->w[i / 8] >> (4 * (i % 8))) & 15;
		if (nib || started || i == 0) {
			out[n++] = digits[nib];
			started = 1;
		}
	}
	out[n] = '\0';
}

int dlt_u256_from_bytes(dlt_u256 *r, const uint8_t *p, size_t len)
{
	while (len > 32) {
		if (*p)
			return -1;
		p++;
		len--;
	}
	dlt_u256 t;
	dlt_u256_zero(&t);
	for (size_t i = 0; i < len; i++) {
		size_t bytepos = len - 1 - i; /* 0 = least significant */
		t.w[bytepos / 4] |= (uint32_t)p[i] << (8 * (bytepos % 4));
	}
	*r = t;
	return 0;
}

void dlt_u256_to_be32(const dlt_u256 *v, uint8_t out[32])
{
	for (int i = 0; i < 32; i++) {
		int bytepos = 31 - i;
		out[i] = (uint8_t)(v->w[bytepos / 4] >> (8 * (bytepos % 4)));
	}
}

size_t dlt_u256_to_bytes(const dlt_u256 *v, uint8_t out[32])
{
	uint8_t be[32];
	dlt_u256_to_be32(v, be);
	size_t skip = 0;
	while (skip < 32 && be[skip] == 0)
		skip++;
	memcpy(out, be + skip, 32 - skip);
	return 32 - skip;
}
