/*
 * bech32.h: Bech32 (BIP-173) and Bech32m (BIP-350) strings, and segwit addresses, for any
 * human-readable part (bc, tb, bcrt, ltc, rltc, ...).
 *
 * Generic strings: at most 90 characters, US-ASCII 33..126, not mixed case, HRP of 1..83
 * characters before the last '1', a data part of at least 6 characters (the checksum) from the
 * 32-character alphabet. Decoding reports which checksum constant matched.
 *
 * Segwit addresses: data[0] is the witness version (0..16), the rest the program in 5-bit
 * groups (padding of at most 4 zero bits); program of 2..40 bytes; version 0 needs a 20- or
 * 32-byte program and the Bech32 checksum; versions 1..16 need Bech32m (BIP-350).
 */
#ifndef DLT_CRYPTO_BECH32_H
#define DLT_CRYPTO_BECH32_H

#include <stddef.h>
#include <stdint.h>

enum dlt_bech32_spec {
	DLT_BECH32 = 1,
	DLT_BECH32M = 2,
};

#define DLT_BECH32_MAX_LEN 90
#define DLT_BECH32_STR 91 /* output buffer size for any valid string */
#define DLT_SEGWIT_PROGRAM_MAX 40

/* Encodes hrp (lowercased) and 5-bit values; out must hold DLT_BECH32_STR bytes. */
int dlt_bech32_encode(char out[DLT_BECH32_STR], const char *hrp, const uint8_t *data, size_t len,
		      enum dlt_bech32_spec spec, char *err, size_t errlen);
/*
 * Decodes str: hrp (lowercase, NUL-terminated, up to 84 bytes), the 5-bit values without the
 * checksum (up to 90), and which spec's checksum matched. slen allows strings with NUL bytes.
 */
int dlt_bech32_decode(const char *str, size_t slen, char hrp[84], uint8_t data[90], size_t *datalen,
		      enum dlt_bech32_spec *spec, char *err, size_t errlen);

/* Regroups bits (8->5 with padding, 5->8 strictly); returns 0 or -1. */
int dlt_bech32_convert_bits(uint8_t *out, size_t *outlen, size_t outcap, int outbits,
			    const uint8_t *in, size_t inlen, int inbits, int pad);

int dlt_segwit_encode(char out[DLT_BECH32_STR], const char *hrp, int witver, const uint8_t *prog,
		      size_t proglen, char *err, size_t errlen);
/* hrp: the expected HRP (case-insensitive), or NULL to accept any (hrp_out gets it if given). */
int dlt_segwit_decode(const char *hrp, const char *addr, int *witver,
		      uint8_t prog[DLT_SEGWIT_PROGRAM_MAX], size_t *proglen, char hrp_out[84],
		      char *err, size_t errlen);

#endif
