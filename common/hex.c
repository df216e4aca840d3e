/*
 * hex.c: strict hex codec (hex.h). Lowercase output; input with or without 0x, any case; odd
 * lengths and stray characters are errors, never silently skipped.
 */
#include "common/hex.h"
#include "common/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char digits[] = "0123456789abcdef";

void dlt_hex_encode(char *out, const uint8_t *in, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * len] = '\0';
}

void dlt_hex_encode_0x(char *out, const uint8_t *in, size_t len)
{
	out[0] = '0';
	out[1] = 'x';
	dlt_hex_encode(out + 2, in, len);
}

char *dlt_hex_encode_alloc(const uint8_t *in, size_t len)
{
	if (len > (SIZE_MAX - 3) / 2)
		dlt_out_of_memory("hex text of more than SIZE_MAX / 2 bytes");
	char *s = dlt_xmalloc(2 * len + 3);
	dlt_hex_encode_0x(s, in, len);
	return s;
}

int dlt_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int dlt_hex_decode(const char *s, size_t slen, uint8_t *out, size_t outcap, size_t *outlen,
		   char *err, size_t errlen)
{
	size_t off = 0;
	if (slen >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		off = 2;
	size_t n = slen - off;
	if (n % 2) {
		snprintf(err, errlen, "hex: odd number of digits (%zu)", n);
		return -1;
	}
	if (n / 2 > outcap) {
		snprintf(err, errlen, "hex: %zu bytes, at most %zu expected", n / 2, outcap);
		return -1;
	}
	for (size_t i = 0; i < n; i += 2) {
		int hi = dlt_hex_digit((unsigned char)s[off + i]);
		int lo = dlt_hex_digit((unsigned char)s[off + i + 1]);
		if (hi < 0 || lo < 0) {
			size_t bad = off + i + (hi < 0 ? 0 : 1);
			unsigned char c = (unsigned char)s[bad];
			if (c >= 0x20 && c < 0x7f)
				snprintf(err, errlen, "hex: invalid character '%c' at position %zu",
					 c, bad);
			else
				snprintf(err, errlen, "hex: invalid byte 0x%02x at position %zu", c,
					 bad);
			return -1;
		}
		out[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	*outlen = n / 2;
	return 0;
}

int dlt_hex_decode_exact(const char *s, uint8_t *out, size_t n, char *err, size_t errlen)
{
	size_t got;
	size_t slen = strlen(s);
	size_t digits_len =
		slen - ((slen >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) ? 2 : 0);
	if (digits_len != 2 * n) {
		snprintf(err, errlen, "hex: expected %zu bytes (%zu digits), got %zu digits", n,
			 2 * n, digits_len);
		return -1;
	}
	return dlt_hex_decode(s, slen, out, n, &got, err, errlen);
}

int dlt_hex_decode_alloc(const char *s, size_t slen, uint8_t **out, size_t *outlen, char *err,
			 size_t errlen)
{
	size_t cap = slen / 2 + 1;
	uint8_t *p = dlt_xmalloc(cap);
	if (dlt_hex_decode(s, slen, p, cap, outlen, err, errlen) != 0) {
		free(p);
		return -1;
	}
	*out = p;
	return 0;
}
