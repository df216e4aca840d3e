/*
 * sha2.c: SHA-256 family through libsodium: SHA-256, double SHA-256 (Bitcoin block and
 * transaction ids), BIP-340 tagged hashes (Schnorr, taproot), HMAC-SHA256 (RFC 6979 lives
 * inside libsecp256k1; this one is for callers), HMAC-SHA512 (BIP-32) and
 * PBKDF2-HMAC-SHA512 (BIP-39 seeds). Also dlt_crypto_init().
 */
#include "crypto/hash.h"

#include <sodium.h>
#include <string.h>

int dlt_crypto_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void dlt_sha256(const void *data, size_t len, uint8_t out[32])
{
	crypto_hash_sha256(out, data, len);
}

void dlt_sha256d(const void *data, size_t len, uint8_t out[32])
{
	uint8_t once[32];
	crypto_hash_sha256(once, data, len);
	crypto_hash_sha256(out, once, sizeof once);
}

void dlt_sha256_tagged(const char *tag, const void *data, size_t len, uint8_t out[32])
{
	crypto_hash_sha256_state st;
	uint8_t th[32];
	crypto_hash_sha256(th, (const unsigned char *)tag, strlen(tag));
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, th, sizeof th);
	crypto_hash_sha256_update(&st, th, sizeof th);
	crypto_hash_sha256_update(&st, data, len);
	crypto_hash_sha256_final(&st, out);
}

void dlt_hmac_sha256(const uint8_t *key, size_t keylen, const void *data, size_t len,
		     uint8_t out[32])
{
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, key, keylen);
	crypto_auth_hmacsha256_update(&st, data, len);
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(&st, sizeof st);
}

void dlt_hmac_sha512(const uint8_t *key, size_t keylen, const void *data, size_t len,
		     uint8_t out[64])
{
	crypto_auth_hmacsha512_state st;
	crypto_auth_hmacsha512_init(&st, key, keylen);
	crypto_auth_hmacsha512_update(&st, data, len);
	crypto_auth_hmacsha512_final(&st, out);
	sodium_memzero(&st, sizeof st);
}

void dlt_pbkdf2_sha512(const uint8_t *pass, size_t passlen, const uint8_t *salt, size_t saltlen,
		       uint32_t iterations, uint8_t *out, size_t outlen)
{
	crypto_auth_hmacsha512_state base, st;
	uint8_t u[64], t[64], be[4];
	/* the keyed state is computed once and copied for every HMAC */
	crypto_auth_hmacsha512_init(&base, pass, passlen);
	for (uint32_t block = 1; outlen > 0; block++) {
		be[0] = (uint8_t)(block >> 24);
		be[1] = (uint8_t)(block >> 16);
		be[2] = (uint8_t)(block >> 8);
		be[3] = (uint8_t)block;
		st = base;
		crypto_auth_hmacsha512_update(&st, salt, saltlen);
		crypto_auth_hmacsha512_update(&st, be, 4);
		crypto_auth_hmacsha512_final(&st, u);
		memcpy(t, u, 64);
		for (uint32_t i = 1; i < iterations; i++) {
			st = base;
			crypto_auth_hmacsha512_update(&st, u, 64);
			crypto_auth_hmacsha512_final(&st, u);
			for (int j = 0; j < 64; j++)
				t[j] ^= u[j];
		}
		size_t take = outlen < 64 ? outlen : 64;
		memcpy(out, t, take);
		out += take;
		outlen -= take;
	}
	sodium_memzero(&base, sizeof base);
	sodium_memzero(&st, sizeof st);
	sodium_memzero(u, sizeof u);
	sodium_memzero(t, sizeof t);
}
