/*
 * schnorr.c: BIP-340 signatures, x-only keys and the BIP-341 taproot tweak (schnorr.h) on
 * libsecp256k1's schnorrsig and extrakeys modules and the shared context (secp_context.h).
 */
#include "crypto/schnorr.h"

#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "crypto/btc_ser.h"
#include "crypto/hash.h"
#include "crypto/secp_context.h"

static const char bad_key[] = "secp256k1: invalid private key (zero or >= group order)";

int dlt_schnorr_xonly_pubkey(const uint8_t priv[32], uint8_t xonly[32], int *parity, char *err,
			     size_t errlen)
{
	const secp256k1_context *c = dlt_secp256k1_context(err, errlen);
	secp256k1_keypair kp;
	secp256k1_xonly_pubkey xpk;
	int par = 0;
	if (!c)
		return -1;
	if (!secp256k1_keypair_create(c, &kp, priv)) {
		snprintf(err, errlen, "%s", bad_key);
		return -1;
	}
	int ok = secp256k1_keypair_xonly_pub(c, &xpk, &par, &kp) &&
		 secp256k1_xonly_pubkey_serialize(c, xonly, &xpk);
	sodium_memzero(&kp, sizeof kp);
	if (!ok) {
		snprintf(err, errlen, "secp256k1: cannot derive the x-only public key");
		return -1;
	}
	if (parity)
		*parity = par;
	return 0;
}

int dlt_schnorr_sign(const uint8_t *msg, size_t msglen, const uint8_t priv[32],
		     const uint8_t aux[32], uint8_t sig[64], char *err, size_t errlen)
{
	const secp256k1_context *c = dlt_secp256k1_context(err, errlen);
	static const uint8_t zero[32];
	secp256k1_keypair kp;
	secp256k1_xonly_pubkey xpk;
	secp256k1_schnorrsig_extraparams extra = SECP256K1_SCHNORRSIG_EXTRAPARAMS_INIT;
	if (!c)
		return -1;
	if (!secp256k1_keypair_create(c, &kp, priv)) {
		snprintf(err, errlen, "%s", bad_key);
		return -1;
	}
	/* the default nonce function (BIP-340's) with the aux randomness as its data */
	extra.ndata = (unsigned char *)(aux ? aux : zero);
	int ok = secp256k1_schnorrsig_sign_custom(c, sig, msg, msglen, &kp, &extra) == 1;
	/* verify before returning, as BIP-340 recommends against fault attacks */
	if (ok)
		ok = secp256k1_keypair_xonly_pub(c, &xpk, NULL, &kp) &&
		     secp256k1_schnorrsig_verify(c, sig, msg, msglen, &xpk) == 1;
	sodium_memzero(&kp, sizeof kp);
	if (!ok) {
		snprintf(err, errlen, "secp256k1: Schnorr signing failed");
		return -1;
	}
	return 0;
}

int dlt_schnorr_verify(const uint8_t *msg, size_t msglen, const uint8_t sig[64],
		       const uint8_t xonly[32], char *err, size_t errlen)
{
	const secp256k1_context *c = dlt_secp256k1_context(err, errlen);
	secp256k1_xonly_pubkey xpk;
	if (!c)
		return 0;
	if (!secp256k1_xonly_pubkey_parse(c, &xpk, xonly)) {
		snprintf(err, errlen,
			 "secp256k1: public key is not the X coordinate of a curve point");
		return 0;
	}
	return secp256k1_schnorrsig_verify(c, sig, msg, msglen, &xpk) == 1;
}

static void tap_tweak(const uint8_t internal[32], const uint8_t *merkle_root, uint8_t t[32])
{
	uint8_t in[64];
	memcpy(in, internal, 32);
	if (merkle_root)
		memcpy(in + 32, merkle_root, 32);
	dlt_sha256_tagged("TapTweak", in, merkle_root ? 64 : 32, t);
}

int dlt_taproot_output_key(const uint8_t internal[32], const uint8_t *merkle_root,
			   uint8_t tweak[32], uint8_t output[32], int *parity, char *err,
			   size_t errlen)
{
	const secp256k1_context *c = dlt_secp256k1_context(err, errlen);
	secp256k1_xonly_pubkey p, q;
	secp256k1_pubkey full;
	int par = 0;
	if (!c)
		return -1;
	if (!secp256k1_xonly_pubkey_parse(c, &p, internal)) {
		snprintf(err, errlen,
			 "secp256k1: internal key is not the X coordinate of a curve point");
		return -1;
	}
	tap_tweak(internal, merkle_root, tweak);
	if (!secp256k1_xonly_pubkey_tweak_add(c, &full, &p, tweak)) {
		snprintf(err, errlen,
			 "secp256k1: the taproot tweak is out of range or gives infinity");
		return -1;
	}
	if (!secp256k1_xonly_pubkey_from_pubkey(c, &q, &par, &full) ||
	    !secp256k1_xonly_pubkey_serialize(c, output, &q)) {
		snprintf(err, errlen, "secp256k1: cannot serialize the output key");
		return -1;
	}
	if (parity)
		*parity = par;
	return 0;
}

int dlt_taproot_tweak_seckey(const uint8_t priv[32], const uint8_t *merkle_root, uint8_t out[32],
			     char *err, size_t errlen)
{
	const secp256k1_context *c = dlt_secp256k1_context(err, errlen);
	secp256k1_keypair kp;
	secp256k1_xonly_pubkey xpk;
	uint8_t internal[32], t[32];
	if (!c)
		return -1;
	if (!secp256k1_keypair_create(c, &kp, priv)) {
		snprintf(err, errlen, "%s", bad_key);
		return -1;
	}
	int ok = secp256k1_keypair_xonly_pub(c, &xpk, NULL, &kp) &&
		 secp256k1_xonly_pubkey_serialize(c, internal, &xpk);
	if (ok) {
		tap_tweak(internal, merkle_root, t);
		/* keypair_xonly_tweak_add negates the key first when its Y is odd (BIP-341's d') */
		ok = secp256k1_keypair_xonly_tweak_add(c, &kp, t) == 1 &&
		     secp256k1_keypair_sec(c, out, &kp) == 1;
	}
	sodium_memzero(&kp, sizeof kp);
	if (!ok) {
		snprintf(err, errlen, "secp256k1: the taproot tweak is out of range or gives zero");
		return -1;
	}
	return 0;
}

void dlt_tapleaf_hash(uint8_t leaf_version, const uint8_t *script, size_t len, uint8_t out[32])
{
	struct dlt_buf b = DLT_BUF_INIT;
	dlt_buf_push(&b, leaf_version);
	dlt_btc_put_bytes(&b, script, len);
	dlt_sha256_tagged("TapLeaf", b.data, b.len, out);
	dlt_buf_free(&b);
}

void dlt_tapbranch_hash(const uint8_t a[32], const uint8_t b[32], uint8_t out[32])
{
	uint8_t in[64];
	int a_first = memcmp(a, b, 32) <= 0;
	memcpy(in, a_first ? a : b, 32);
	memcpy(in + 32, a_first ? b : a, 32);
	dlt_sha256_tagged("TapBranch", in, sizeof in, out);
}
