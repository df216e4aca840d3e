/*
 * crypto_check.h: checks the crypto unit tests share (test_crypto.c, test_crypto_vectors.c):
 * bytes compared with an expected hex string, a signed raw transaction decoded strictly. A
 * mismatch is told as TAP diagnostics (tap.h, included first).
 */
#ifndef DLT_CRYPTO_CHECK_H
#define DLT_CRYPTO_CHECK_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crypto/crypto.h"

#ifndef ERRLEN
#define ERRLEN 300
#endif

#if defined(__GNUC__)
__attribute__((unused))
#endif
static const char *
strip0x(const char *s)
{
	return s && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? s + 2 : s;
}

/* compare bytes with an expected hex string (0x or not: Ethereum files write 0x, Bitcoin and
 * Monero files do not); report a mismatch as diagnostics */
#if defined(__GNUC__)
__attribute__((unused))
#endif
static int
same_hex(const char *what, const uint8_t *got, size_t len, const char *want)
{
	char *g = dlt_hex_encode_alloc(got, len);
	int ok = g && want && strcasecmp(g + 2, strip0x(want)) == 0;
	if (!ok)
		tap_diag("%s: got %s, expected %s", what, g ? g : "(oom)", want ? want : "(none)");
	free(g);
	return ok;
}

/* the signed raw transaction must decode strictly and re-encode to the same bytes */
#if defined(__GNUC__)
__attribute__((unused))
#endif
static int
raw_roundtrip(const uint8_t *raw, size_t len, size_t fields)
{
	char err[ERRLEN];
	struct dlt_rlp_item *it;
	size_t skip = raw[0] < 0x80 ? 1 : 0; /* typed envelope: the type byte */
	if (dlt_rlp_decode(raw + skip, len - skip, &it, err, sizeof err) != 0) {
		tap_diag("raw does not decode: %s", err);
		return 0;
	}
	int ok = it->is_list && it->count == fields;
	if (!ok)
		tap_diag("raw decodes to %zu fields, expected %zu", it->count, fields);
	dlt_rlp_free(it);
	return ok;
}

#endif
