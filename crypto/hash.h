/*
 * hash.h: the hash functions the suite needs, raw bytes in and raw bytes out.
 *  - Keccak-256 as Ethereum uses it (original Keccak padding 0x01, not NIST SHA3-256's 0x06);
 *    own implementation in keccak.c, since Debian ships no C Keccak library.
 *  - SHA-256, double SHA-256, BIP-340 tagged SHA-256, HMAC-SHA256/512 and PBKDF2-HMAC-SHA512:
 *    libsodium (sha2.c).
 *  - RIPEMD-160 (own, ripemd160.c) and Bitcoin's hash160 = RIPEMD-160(SHA-256(x)).
 * Call dlt_crypto_init() once before threads start (it is also safe to call again).
 */
#ifndef DLT_CRYPTO_HASH_H
#define DLT_CRYPTO_HASH_H

#include <stddef.h>
#include <stdint.h>

#define DLT_KECCAK256_LEN 32
#define DLT_SHA256_LEN 32
#define DLT_SHA512_LEN 64
#define DLT_RIPEMD160_LEN 20

/* Initializes libsodium; returns 0, or -1 when it cannot start. */
int dlt_crypto_init(void);

/* Incremental Keccak-256 (rate 136 bytes). */
struct dlt_keccak {
	uint64_t s[25];
	uint8_t buf[136];
	size_t n; /* bytes in buf */
};
void dlt_keccak256_init(struct dlt_keccak *k);
void dlt_keccak256_update(struct dlt_keccak *k, const void *data, size_t len);
void dlt_keccak256_final(struct dlt_keccak *k, uint8_t out[32]);
void dlt_keccak256(const void *data, size_t len, uint8_t out[32]);

void dlt_sha256(const void *data, size_t len, uint8_t out[32]);
void dlt_sha256d(const void *data, size_t len, uint8_t out[32]);
/* BIP-340 tagged hash: SHA-256(SHA-256(tag) || SHA-256(tag) || data). */
void dlt_sha256_tagged(const char *tag, const void *data, size_t len, uint8_t out[32]);
void dlt_hmac_sha256(const uint8_t *key, size_t keylen, const void *data, size_t len,
		     uint8_t out[32]);
void dlt_hmac_sha512(const uint8_t *key, size_t keylen, const void *data, size_t len,
		     uint8_t out[64]);
/* PBKDF2 with HMAC-SHA512 (RFC 8018), output of outlen bytes (any length). */
void dlt_pbkdf2_sha512(const uint8_t *pass, size_t passlen, const uint8_t *salt, size_t saltlen,
		       uint32_t iterations, uint8_t *out, size_t outlen);

void dlt_ripemd160(const void *data, size_t len, uint8_t out[20]);
void dlt_hash160(const void *data, size_t len, uint8_t out[20]);

#endif
