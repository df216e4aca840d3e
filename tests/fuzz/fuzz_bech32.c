/*
 * fuzz_bech32.c: fuzz target for Bech32/Bech32m strings and segwit addresses
 * (runner/crypto/bech32.c). Any bytes as the string: a decoded string must encode back to the
 * input in lowercase with the checksum kind that matched; a decoded segwit address must encode
 * back the same way; the bytes as an HRP must either be refused or give a string that decodes
 * to that HRP.
 */
#include "fuzz.h"
#include "crypto/bech32.h"

#include <ctype.h>
#include <string.h>

static int equal_lower(const char *enc, const uint8_t *data, size_t size)
{
	if (strlen(enc) != size)
		return 0;
	for (size_t i = 0; i < size; i++)
		if (enc[i] != tolower(data[i]))
			return 0;
	return 1;
}

int dlt_fuzz_bech32(const uint8_t *data, size_t size)
{
	char hrp[84], err[256] = "", out[DLT_BECH32_STR];
	uint8_t values[90];
	size_t n = 0;
	enum dlt_bech32_spec spec;
	if (dlt_bech32_decode((const char *)data, size, hrp, values, &n, &spec, err, sizeof err) ==
	    0) {
		DLT_FUZZ_ASSERT(n <= 90 && strlen(hrp) >= 1 && strlen(hrp) <= 83);
		DLT_FUZZ_ASSERT(dlt_bech32_encode(out, hrp, values, n, spec, err, sizeof err) == 0);
		DLT_FUZZ_ASSERT(equal_lower(out, data, size));
		/* 5-bit groups to bytes and back (padding rules of BIP-173) */
		uint8_t bytes[64], again[90];
		size_t nb = 0, n2 = 0;
		if (dlt_bech32_convert_bits(bytes, &nb, sizeof bytes, 8, values, n, 5, 0) == 0) {
			DLT_FUZZ_ASSERT(dlt_bech32_convert_bits(again, &n2, sizeof again, 5, bytes,
								nb, 8, 1) == 0);
			DLT_FUZZ_ASSERT(n2 == n && memcmp(again, values, n) == 0);
		}
	} else {
		DLT_FUZZ_ASSERT(strncmp(err, "bech32: ", 8) == 0);
	}
	if (memchr(data, 0, size))
		return 0;
	char *s = dlt_fuzz_strdup(data, size);
	if (!s)
		return 0;
	int witver = -1;
	uint8_t prog[DLT_SEGWIT_PROGRAM_MAX];
	size_t proglen = 0;
	char got[84];
	if (dlt_segwit_decode(NULL, s, &witver, prog, &proglen, got, err, sizeof err) == 0) {
		DLT_FUZZ_ASSERT(witver >= 0 && witver <= 16 && proglen >= 2 && proglen <= 40);
		DLT_FUZZ_ASSERT(
			dlt_segwit_encode(out, got, witver, prog, proglen, err, sizeof err) == 0);
		DLT_FUZZ_ASSERT(equal_lower(out, data, size));
		/* the expected HRP given in another case is still that HRP */
		for (char *p = got; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		DLT_FUZZ_ASSERT(dlt_segwit_decode(got, s, &witver, prog, &proglen, NULL, err,
						  sizeof err) == 0);
	}
	/* the input as a human-readable part */
	static const uint8_t five[] = { 0, 1, 2, 3, 31 };
	if (dlt_bech32_encode(out, s, five, sizeof five, DLT_BECH32M, err, sizeof err) == 0) {
		DLT_FUZZ_ASSERT(dlt_bech32_decode(out, strlen(out), hrp, values, &n, &spec, err,
						  sizeof err) == 0);
		DLT_FUZZ_ASSERT(spec == DLT_BECH32M && n == sizeof five &&
				!memcmp(values, five, n));
		for (size_t i = 0; s[i]; i++)
			DLT_FUZZ_ASSERT(hrp[i] == tolower((unsigned char)s[i]));
	}
	free(s);
	return 0;
}

DLT_FUZZ_TARGET(bech32)
