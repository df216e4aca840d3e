/*
 * ecdsa.h: secp256k1 keys and ECDSA signatures through libsecp256k1 (with its recovery
 * module). Signing is deterministic (RFC 6979 nonces, libsecp256k1's default) and always gives
 * low-s signatures (s <= n/2, as EIP-2 and Bitcoin's policy require), with the recovery id that
 * Ethereum's v is built from. Keys and hashes are raw bytes; r and s are 32-byte big-endian.
 * A context is created once (thread-safe) on first use.
 */
#ifndef DLT_CRYPTO_ECDSA_H
#define DLT_CRYPTO_ECDSA_H

#include <stddef.h>
#include <stdint.h>

#define DLT_PUBKEY_COMPRESSED_LEN 33
#define DLT_PUBKEY_UNCOMPRESSED_LEN 65
#define DLT_DER_SIG_MAX 72

/* 1 when priv is a valid secret key (0 < priv < n), else 0. */
int dlt_secp256k1_seckey_valid(const uint8_t priv[32]);
/* out gets 33 (compressed) or 65 (0x04 || X || Y) bytes and must hold that many. */
int dlt_secp256k1_pubkey(const uint8_t priv[32], int compressed, uint8_t *out, size_t *outlen,
			 char *err, size_t errlen);
/* Re-serialize a 33- or 65-byte public key (validates it); out as above. */
int dlt_secp256k1_pubkey_convert(const uint8_t *pub, size_t publen, int compressed, uint8_t *out,
				 size_t *outlen, char *err, size_t errlen);
/* Recoverable signature of a 32-byte hash: r, s and recid (0..3). */
int dlt_secp256k1_sign(const uint8_t hash[32], const uint8_t priv[32], uint8_t r[32], uint8_t s[32],
		       int *recid, char *err, size_t errlen);
/* The 65-byte uncompressed public key that signed hash with (r, s, recid). */
int dlt_secp256k1_recover(const uint8_t hash[32], const uint8_t r[32], const uint8_t s[32],
			  int recid, uint8_t pub65[65], char *err, size_t errlen);
/* 1 valid, 0 invalid (including high-s), -1 when pub cannot be parsed (err set). */
int dlt_secp256k1_verify(const uint8_t hash[32], const uint8_t r[32], const uint8_t s[32],
			 const uint8_t *pub, size_t publen, char *err, size_t errlen);
/* DER-encoded (strict, low-s) signature, as Bitcoin scripts carry it (without sighash byte). */
int dlt_secp256k1_sign_der(const uint8_t hash[32], const uint8_t priv[32],
			   uint8_t out[DLT_DER_SIG_MAX], size_t *outlen, char *err, size_t errlen);
/* priv = priv + tweak (mod n), for BIP-32; -1 when the result is invalid. */
int dlt_secp256k1_seckey_tweak_add(uint8_t priv[32], const uint8_t tweak[32]);

#endif
