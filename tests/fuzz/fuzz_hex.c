/*
 * fuzz_hex.c: fuzz target for hex decoding (runner/crypto/hex.c). Any bytes as the digits
 * (NUL bytes included, since the decoder takes a length): a decoded string must encode back to
 * the input's digits in lowercase, the three entry points (bounded, exact, allocating) must
 * agree, and a refusal must name the problem ("hex: ...").
 */
#include "fuzz.h"
#include "common/hex.h"

#include <ctype.h>
#include <string.h>

int dlt_fuzz_hex(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char err[256] = "";
	uint8_t *out = NULL;
	size_t outlen = 0;
	int rc = dlt_hex_decode_alloc(s, size, &out, &outlen, err, sizeof err);
	size_t off = size >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? 2 : 0;
	if (rc != 0) {
		DLT_FUZZ_ASSERT(strncmp(err, "hex: ", 5) == 0);
		return 0;
	}
	DLT_FUZZ_ASSERT(outlen * 2 == size - off);
	char *enc = malloc(2 * outlen + 3);
	DLT_FUZZ_ASSERT(enc != NULL);
	dlt_hex_encode(enc, out, outlen);
	for (size_t i = 0; i < 2 * outlen; i++)
		DLT_FUZZ_ASSERT(enc[i] == tolower((unsigned char)s[off + i]));
	/* a buffer one byte too small is refused; one of the right size takes it */
	if (outlen > 0) {
		uint8_t *small = malloc(outlen);
		size_t n2 = 0;
		DLT_FUZZ_ASSERT(small != NULL);
		DLT_FUZZ_ASSERT(dlt_hex_decode(s, size, small, outlen - 1, &n2, err, sizeof err) !=
				0);
		DLT_FUZZ_ASSERT(dlt_hex_decode(s, size, small, outlen, &n2, err, sizeof err) == 0);
		DLT_FUZZ_ASSERT(n2 == outlen && memcmp(small, out, outlen) == 0);
		free(small);
	}
	/* the NUL-terminated entry point, when the input holds no NUL */
	if (!memchr(s, 0, size)) {
		char *z = dlt_fuzz_strdup(data, size);
		uint8_t *ex = malloc(outlen ? outlen : 1);
		DLT_FUZZ_ASSERT(z && ex);
		DLT_FUZZ_ASSERT(dlt_hex_decode_exact(z, ex, outlen, err, sizeof err) == 0);
		DLT_FUZZ_ASSERT(memcmp(ex, out, outlen) == 0);
		DLT_FUZZ_ASSERT(dlt_hex_decode_exact(z, ex, outlen + 1, err, sizeof err) != 0);
		free(ex);
		free(z);
	}
	/* and the 0x form of the encoder */
	char *enc0x = dlt_hex_encode_alloc(out, outlen);
	DLT_FUZZ_ASSERT(enc0x && enc0x[0] == '0' && enc0x[1] == 'x' && !strcmp(enc0x + 2, enc));
	free(enc0x);
	free(enc);
	free(out);
	return 0;
}

DLT_FUZZ_TARGET(hex)
