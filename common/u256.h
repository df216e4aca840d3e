/*
 * u256.h: unsigned 256-bit integers (Ethereum quantities: balances in wei, gas, nonces, chain
 * ids). Arithmetic is checked: overflow, underflow and division by zero are errors (-1), never
 * wrap-around. Conversions: decimal, 0x hex (quantity form, "0x0" for zero), minimal big-endian
 * bytes (empty for zero, as RLP wants) and fixed 32-byte big-endian.
 */
#ifndef DLT_CRYPTO_U256_H
#define DLT_CRYPTO_U256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint32_t w[8]; /* little-endian 32-bit limbs: w[0] is least significant */
} dlt_u256;

#define DLT_U256_DEC_MAX 79 /* 78 digits of 2^256-1 and a NUL */
#define DLT_U256_HEX_MAX 67 /* "0x" + 64 digits + NUL */

void dlt_u256_zero(dlt_u256 *r);
void dlt_u256_from_u64(dlt_u256 *r, uint64_t v);
/* 1 when v fits in a uint64_t (stored in *out), else 0. */
int dlt_u256_to_u64(const dlt_u256 *v, uint64_t *out);
int dlt_u256_is_zero(const dlt_u256 *v);
/* -1, 0 or 1 */
int dlt_u256_cmp(const dlt_u256 *a, const dlt_u256 *b);

/* r may alias a or b. Return 0, or -1 on overflow/underflow/division by zero (r unchanged). */
int dlt_u256_add(dlt_u256 *r, const dlt_u256 *a, const dlt_u256 *b);
int dlt_u256_sub(dlt_u256 *r, const dlt_u256 *a, const dlt_u256 *b);
int dlt_u256_mul(dlt_u256 *r, const dlt_u256 *a, const dlt_u256 *b);
/* q and/or rem may be NULL. */
int dlt_u256_divmod(dlt_u256 *q, dlt_u256 *rem, const dlt_u256 *a, const dlt_u256 *b);

/* Parse decimal digits only ("0", "123"; no sign, no spaces; leading zeros allowed). */
int dlt_u256_from_dec(dlt_u256 *r, const char *s, char *err, size_t errlen);
/* Parse "0x" + 1..64 hex digits (any case; leading zeros allowed). */
int dlt_u256_from_hex(dlt_u256 *r, const char *s, char *err, size_t errlen);
/* Decimal, or hex when the string starts with 0x/0X. */
int dlt_u256_parse(dlt_u256 *r, const char *s, char *err, size_t errlen);
void dlt_u256_to_dec(const dlt_u256 *v, char out[DLT_U256_DEC_MAX]);
/* Quantity form: "0x0" for zero, no leading zeros otherwise. */
void dlt_u256_to_hex(const dlt_u256 *v, char out[DLT_U256_HEX_MAX]);

/* Big-endian bytes; at most 32 significant bytes (leading zero bytes are allowed). */
int dlt_u256_from_bytes(dlt_u256 *r, const uint8_t *p, size_t len);
/* Minimal big-endian bytes; returns the length (0 for zero). */
size_t dlt_u256_to_bytes(const dlt_u256 *v, uint8_t out[32]);
void dlt_u256_to_be32(const dlt_u256 *v, uint8_t out[32]);

#endif
