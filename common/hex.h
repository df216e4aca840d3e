/*
 * hex.h: strict hexadecimal encoding and decoding of byte strings.
 * Decoding accepts an optional 0x/0X prefix and digits of either case, and rejects odd lengths
 * and any non-hex character with a message naming the position.
 */
#ifndef DLT_CRYPTO_HEX_H
#define DLT_CRYPTO_HEX_H

#include <stddef.h>
#include <stdint.h>

/* Writes 2*len lowercase hex digits and a NUL to out (size 2*len+1); no prefix. */
void dlt_hex_encode(char *out, const uint8_t *in, size_t len);
/* Same with a "0x" prefix (out: 2*len+3 bytes). */
void dlt_hex_encode_0x(char *out, const uint8_t *in, size_t len);
/* Allocates "0x" + hex (never NULL). */
char *dlt_hex_encode_alloc(const uint8_t *in, size_t len);

/*
 * Decodes slen characters of s (optional 0x prefix). The result must fit in outcap bytes.
 * Returns 0 and sets *outlen, or -1 with a message in err.
 */
int dlt_hex_decode(const char *s, size_t slen, uint8_t *out, size_t outcap, size_t *outlen,
		   char *err, size_t errlen);
/* Decodes a NUL-terminated string that must give exactly n bytes. */
int dlt_hex_decode_exact(const char *s, uint8_t *out, size_t n, char *err, size_t errlen);
/* Decodes into a new malloc'd buffer (*out; free it). Empty input gives a non-NULL buffer. */
int dlt_hex_decode_alloc(const char *s, size_t slen, uint8_t **out, size_t *outlen, char *err,
			 size_t errlen);
/* Value of one hex digit, or -1. */
int dlt_hex_digit(int c);

#endif
