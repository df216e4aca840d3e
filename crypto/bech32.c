/*
 * bech32.c: BIP-173 / BIP-350 codec (bech32.h). The checksum is a BCH code over GF(32):
 * polymod(expand(hrp) || data || checksum) equals 1 for Bech32 and 0x2bc830a3 for Bech32m,
 * where expand(hrp) = high 3 bits of each HRP char, 0, low 5 bits of each HRP char.
 */
#include "crypto/bech32.h"

#include <stdio.h>
#include <string.h>

static const char charset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

#define BECH32_CONST 1u
#define BECH32M_CONST 0x2bc830a3u

static uint32_t polymod_step(uint32_t chk, uint8_t v)
{
	static const uint32_t gen[5] = { 0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd,
					 0x2a1462b3 };
	uint32_t top = chk >> 25;
	chk = (chk & 0x1ffffff) << 5 ^ v;
	for (int i = 0; i < 5; i++)
		if ((top >> i) & 1)
			chk ^= gen[i];
	return chk;
}

static uint32_t hrp_polymod(const char *hrp, size_t n)
{
	uint32_t chk = 1;
	for (size_t i = 0; i < n; i++)
		chk = polymod_step(chk, (uint8_t)((unsigned char)hrp[i] >> 5));
	chk = polymod_step(chk, 0);
	for (size_t i = 0; i < n; i++)
		chk = polymod_step(chk, (uint8_t)((unsigned char)hrp[i] & 31));
	return chk;
}

static int charset_rev(int c)
{
	if (c >= 'A' && c <= 'Z')
		c = c - 'A' + 'a';
	const char *p = c ? strchr(charset, c) : NULL;
	return p ? (int)(p - charset) : -1;
}

int dlt_bech32_encode(char out[DLT_BECH32_STR], const char *hrp, const uint8_t *data, size_t len,
		      enum dlt_bech32_spec spec, char *err, size_t errlen)
{
	size_t hl = strlen(hrp);
	if (hl < 1 || hl > 83) {
		snprintf(err, errlen, "bech32: HRP must have 1..83 characters, has %zu", hl);
		return -1;
	}
	if (hl + 1 + len + 6 > DLT_BECH32_MAX_LEN) {
		snprintf(err, errlen, "bech32: result would exceed %d characters",
			 DLT_BECH32_MAX_LEN);
		return -1;
	}
	char lower[84];
	for (size_t i = 0; i < hl; i++) {
		unsigned char c = (unsigned char)hrp[i];
		if (c < 33 || c > 126) {
			snprintf(err, errlen, "bech32: HRP character 0x%02x out of range", c);
			return -1;
		}
		lower[i] = (char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
	}
	uint32_t chk = hrp_polymod(lower, hl);
	size_t n = 0;
	memcpy(out, lower, hl);
	n = hl;
	out[n++] = '1';
	for (size_t i = 0; i < len; i++) {
		if (data[i] > 31) {
			snprintf(err, errlen, "bech32: data value %u at %zu is not 5-bit", data[i],
				 i);
			return -1;
		}
		chk = polymod_step(chk, data[i]);
		out[n++] = charset[data[i]];
	}
	for (int i = 0; i < 6; i++)
		chk = polymod_step(chk, 0);
	chk ^= spec == DLT_BECH32M ? BECH32M_CONST : BECH32_CONST;
	for (int i = 0; i < 6; i++)
		out[n++] = charset[(chk >> (5 * (5 - i))) & 31];
	out[n] = '\0';
	return 0;
}

int dlt_bech32_decode(const char *str, size_t slen, char hrp[84], uint8_t data[90], size_t *datalen,
		      enum dlt_bech32_spec *spec, char *err, size_t errlen)
{
	int lower = 0, upper = 0;
	if (slen > DLT_BECH32_MAX_LEN) {
		snprintf(err, errlen, "bech32: overall max length exceeded (%zu > %d)", slen,
			 DLT_BECH32_MAX_LEN);
		return -1;
	}
	for (size_t i = 0; i < slen; i++) {
		unsigned char c = (unsigned char)str[i];
		if (c < 33 || c > 126) {
			snprintf(err, errlen,
				 "bech32: character 0x%02x at position %zu out of range", c, i);
			return -1;
		}
		if (c >= 'a' && c <= 'z')
			lower = 1;
		if (c >= 'A' && c <= 'Z')
			upper = 1;
	}
	if (lower && upper) {
		snprintf(err, errlen, "bech32: mixed case");
		return -1;
	}
	size_t sep = slen;
	for (size_t i = slen; i > 0; i--) {
		if (str[i - 1] == '1') {
			sep = i - 1;
			break;
		}
	}
	if (sep == slen) {
		snprintf(err, errlen, "bech32: no separator character");
		return -1;
	}
	if (sep == 0) {
		snprintf(err, errlen, "bech32: empty HRP");
		return -1;
	}
	size_t dl = slen - sep - 1;
	if (dl < 6) {
		snprintf(err, errlen, "bech32: too short checksum (%zu data characters)", dl);
		return -1;
	}
	for (size_t i = 0; i < sep; i++) {
		char c = str[i];
		hrp[i] = (char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
	}
	hrp[sep] = '\0';
	uint32_t chk = hrp_polymod(hrp, sep);
	for (size_t i = 0; i < dl; i++) {
		int v = charset_rev((unsigned char)str[sep + 1 + i]);
		if (v < 0) {
			int in_checksum = i >= dl - 6;
			snprintf(err, errlen, "bech32: invalid %s character '%c' at position %zu",
				 in_checksum ? "checksum" : "data", str[sep + 1 + i], sep + 1 + i);
			return -1;
		}
		chk = polymod_step(chk, (uint8_t)v);
		if (i < dl - 6)
			data[i] = (uint8_t)v;
	}
	if (chk == BECH32_CONST)
		*spec = DLT_BECH32;
	else if (chk == BECH32M_CONST)
		*spec = DLT_BECH32M;
	else {
		snprintf(err, errlen, "bech32: invalid checksum");
		return -1;
	}
	*datalen = dl - 6;
	return 0;
}

int dlt_bech32_convert_bits(uint8_t *out, size_t *outlen, size_t outcap, int outbits,
			    const uint8_t *in, size_t inlen, int inbits, int pad)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t n = 0;
	uint32_t maxv = (1u << outbits) - 1;
	for (size_t i = 0; i < inlen; i++) {
		if (in[i] >> inbits)
			return -1;
		acc = (acc << inbits | in[i]) & 0xffffff;
		bits += inbits;
		while (bits >= outbits) {
			bits -= outbits;
			if (n >= outcap)
				return -1;
			out[n++] = (uint8_t)((acc >> bits) & maxv);
		}
	}
	if (pad) {
		if (bits) {
			if (n >= outcap)
				return -1;
			out[n++] = (uint8_t)((acc << (outbits - bits)) & maxv);
		}
	} else if (bits >= inbits || ((acc << (outbits - bits)) & maxv)) {
		return -1;
	}
	*outlen = n;
	return 0;
}

int dlt_segwit_encode(char out[DLT_BECH32_STR], const char *hrp, int witver, const uint8_t *prog,
		      size_t proglen, char *err, size_t errlen)
{
	uint8_t data[65];
	size_t n;
	if (witver < 0 || witver > 16) {
		snprintf(err, errlen, "segwit: witness version %d out of range 0..16", witver);
		return -1;
	}
	if (proglen < 2 || proglen > 40) {
		snprintf(err, errlen, "segwit: program length %zu out of range 2..40", proglen);
		return -1;
	}
	if (witver == 0 && proglen != 20 && proglen != 32) {
		snprintf(err, errlen, "segwit: version 0 program must be 20 or 32 bytes, not %zu",
			 proglen);
		return -1;
	}
	data[0] = (uint8_t)witver;
	if (dlt_bech32_convert_bits(data + 1, &n, sizeof data - 1, 5, prog, proglen, 8, 1) != 0) {
		snprintf(err, errlen, "segwit: cannot regroup program bits");
		return -1;
	}
	return dlt_bech32_encode(out, hrp, data, n + 1, witver == 0 ? DLT_BECH32 : DLT_BECH32M, err,
				 errlen);
}

int dlt_segwit_decode(const char *hrp, const char *addr, int *witver,
		      uint8_t prog[DLT_SEGWIT_PROGRAM_MAX], size_t *proglen, char hrp_out[84],
		      char *err, size_t errlen)
{
	char got[84];
	uint8_t data[90];
	size_t dl;
	enum dlt_bech32_spec spec;
	if (dlt_bech32_decode(addr, strlen(addr), got, data, &dl, &spec, err, errlen) != 0)
		return -1;
	if (hrp) {
		size_t hl = strlen(hrp);
		int same = hl == strlen(got);
		for (size_t i = 0; same && i < hl; i++) {
			char c = hrp[i];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			same = c == got[i];
		}
		if (!same) {
			snprintf(err, errlen,
				 "segwit: invalid human-readable part \"%s\" (expected \"%s\")",
				 got, hrp);
			return -1;
		}
	}
	if (dl < 1) {
		snprintf(err, errlen, "segwit: empty data section");
		return -1;
	}
	if (data[0] > 16) {
		snprintf(err, errlen, "segwit: invalid witness version %u", data[0]);
		return -1;
	}
	size_t nbits = (dl - 1) * 5;
	if (nbits % 8 > 4) {
		snprintf(err, errlen, "segwit: zero padding of more than 4 bits");
		return -1;
	}
	if (nbits / 8 < 2 || nbits / 8 > DLT_SEGWIT_PROGRAM_MAX) {
		snprintf(err, errlen, "segwit: invalid program length (%zu bytes, 2..40 allowed)",
			 nbits / 8);
		return -1;
	}
	if (dlt_bech32_convert_bits(prog, proglen, DLT_SEGWIT_PROGRAM_MAX, 8, data + 1, dl - 1, 5,
				    0) != 0) {
		snprintf(err, errlen, "segwit: non-zero padding");
		return -1;
	}
	if (data[0] == 0 && *proglen != 20 && *proglen != 32) {
		snprintf(
			err, errlen,
			"segwit: invalid program length for witness version 0 (%zu bytes, per BIP-141)",
			*proglen);
		return -1;
	}
	if (data[0] == 0 && spec != DLT_BECH32) {
		snprintf(err, errlen,
			 "segwit: invalid checksum (Bech32m instead of Bech32 for v0)");
		return -1;
	}
	if (data[0] != 0 && spec != DLT_BECH32M) {
		snprintf(err, errlen,
			 "segwit: invalid checksum (Bech32 instead of Bech32m for v%u)", data[0]);
		return -1;
	}
	*witver = data[0];
	if (hrp_out)
		strcpy(hrp_out, got);
	return 0;
}
