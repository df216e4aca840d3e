/*
 * ecdsa.c: the libsecp256k1 calls behind ecdsa.h, on the process's one context
 * (secp_context.h).
 */
#include "crypto/ecdsa.h"

#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <stdio.h>
#include <string.h>

#include "crypto/secp_context.h"

static const secp256k1_context *context(char *err, size_t errlen)
{
	return dlt_secp256k1_context(err, errlen);
}

int dlt_secp256k1_seckey_valid(const uint8_t priv[32])
{
	char err[80];
	const secp256k1_context *c = context(err, sizeof err);
	return c && secp256k1_ec_seckey_verify(c, priv) == 1;
}

int dlt_secp256k1_pubkey(const uint8_t priv[32], int compressed, uint8_t *out, size_t *outlen,
			 char *err, size_t errlen)
{
	const secp256k1_context *c = context(err, errlen);
	secp256k1_pubkey pk;
	if (!c)
		return -1;
	if (!secp256k1_ec_pubkey_create(c, &pk, priv)) {
		snprintf(err, errlen, "secp256k1: invalid private key (zero or >= group order)");
		return -1;
	}
	*outlen = compressed ? 33 : 65;
	secp256k1_ec_pubkey_serialize(c, out, outlen, &pk,
				      compressed ? SECP256K1_EC_COMPRESSED
						 : SECP256K1_EC_UNCOMPRESSED);
	return 0;
}

static int parse_pub(const secp256k1_context *c, secp256k1_pubkey *pk, const uint8_t *pub,
		     size_t publen, char *err, size_t errlen)
{
	if (publen != 33 && publen != 65) {
		snprintf(err, errlen, "secp256k1: public key must be 33 or 65 bytes, got %zu",
			 publen);
		return -1;
	}
	if (!secp256k1_ec_pubkey_parse(c, pk, pub, publen)) {
		snprintf(err, errlen, "secp256k1: invalid public key (not a curve point)");
		return -1;
	}
	return 0;
}

int dlt_secp256k1_pubkey_convert(const uint8_t *pub, size_t publen, int compressed, uint8_t *out,
				 size_t *outlen, char *err, size_t errlen)
{
	const secp256k1_context *c = context(err, errlen);
	secp256k1_pubkey pk;
	if (!c || parse_pub(c, &pk, pub, publen, err, errlen) != 0)
		return -1;
	*outlen = compressed ? 33 : 65;
	secp256k1_ec_pubkey_serialize(c, out, outlen, &pk,
				      compressed ? SECP256K1_EC_COMPRESSED
						 : SECP256K1_EC_UNCOMPRESSED);
	return 0;
}

int dlt_secp256k1_sign(const uint8_t hash[32], const uint8_t priv[32], uint8_t r[32], uint8_t s[32],
		       int *recid, char *err, size_t errlen)
{
	const secp256k1_context *c = context(err, errlen);
	secp256k1_ecdsa_recoverable_signature sig;
	uint8_t compact[64];
	if (!c)
		return -1;
	/* NULL nonce function = RFC 6979 with HMAC-SHA256; the result is always low-s */
	if (!secp256k1_ecdsa_sign_recoverable(c, &sig, hash, priv, NULL, NULL)) {
		snprintf(err, errlen, "secp256k1: invalid private key (zero or >= group order)");
		return -1;
	}
	secp256k1_ecdsa_recoverable_signature_serialize_compact(c, compact, recid, &sig);
	memcpy(r, compact, 32);
	memcpy(s, compact + 32, 32);
	return 0;
}

int dlt_secp256k1_recover(const uint8_t hash[32], const uint8_t r[32], const uint8_t s[32],
			  int recid, uint8_t pub65[65], char *err, size_t errlen)
{
	const secp256k1_context *c = context(err, errlen);
	secp256k1_ecdsa_recoverable_signature sig;
	secp256k1_pubkey pk;
	uint8_t compact[64];
	size_t len = 65;
	if (!c)
		return -1;
	if (recid < 0 || recid > 3) {
		snprintf(err, errlen, "secp256k1: recovery id must be 0..3, got %d", recid);
		return -1;
	}
	memcpy(compact, r, 32);
	memcpy(compact + 32, s, 32);
	if (!secp256k1_ecdsa_recoverable_signature_parse_compact(c, &sig, compact, recid)) {
		snprintf(err, errlen, "secp256k1: r or s out of range");
		return -1;
	}
	if (!secp256k1_ecdsa_recover(c, &pk, &sig, hash)) {
		snprintf(err, errlen, "secp256k1: no public key recovers from this signature");
		return -1;
	}
	secp256k1_ec_pubkey_serialize(c, pub65, &len, &pk, SECP256K1_EC_UNCOMPRESSED);
	return 0;
}

int dlt_secp256k1_verify(const uint8_t hash[32], const uint8_t r[32], const uint8_t s[32],
			 const uint8_t *pub, size_t publen, char *err, size_t errlen)
{
	const secp256k1_context *c = context(err, errlen);
	secp256k1_ecdsa_signature sig;
	secp256k1_pubkey pk;
	uint8_t compact[64];
	if (!c || parse_pub(c, &pk, pub, publen, err, errlen) != 0)
		return -1;
	memcpy(compact, r, 32);
	memcpy(compact + 32, s, 32);
	if (!secp256k1_ecdsa_signature_parse_compact(c, &sig, compact))
		return 0;
	return secp256k1_ecdsa_verify(c, &sig, hash, &pk) == 1 ? 1 : 0;
}

int dlt_secp256k1_sign_der(const uint8_t hash[32], const uint8_t priv[32],
			   uint8_t out[DLT_DER_SIG_MAX], size_t *outlen, char *err, size_t errlen)
{
	const secp256k1_context *c = context(err, errlen);
	secp256k1_ecdsa_signature sig;
	if (!c)
		return -1;
	if (!secp256k1_ecdsa_sign(c, &sig, hash, priv, NULL, NULL)) {
		snprintf(err, errlen, "secp256k1: invalid private key (zero or >= group order)");
		return -1;
	}
	*outlen = DLT_DER_SIG_MAX;
	if (!secp256k1_ecdsa_signature_serialize_der(c, out, outlen, &sig)) {
		snprintf(err, errlen, "secp256k1: DER serialization failed");
		return -1;
	}
	return 0;
}

int dlt_secp256k1_seckey_tweak_add(uint8_t priv[32], const uint8_t tweak[32])
{
	char err[80];
	const secp256k1_context *c = context(err, sizeof err);
	return c && secp256k1_ec_seckey_tweak_add(c, priv, tweak) == 1 ? 0 : -1;
}
