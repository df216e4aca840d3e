/*
 * schnorr.h: BIP-340 Schnorr signatures and x-only public keys, and the BIP-341 taproot key
 * tweak, through libsecp256k1's schnorrsig and extrakeys modules.
 *
 *  - An x-only public key is the 32-byte X coordinate of the point whose Y is even; a secret
 *    key whose point has an odd Y signs as its negation (BIP-340 "lift_x").
 *  - Signatures are 64 bytes (R.x || s) over a message of any length (BIP-340 as amended in
 *    2022: messages of 0, 1, 17 and 100 bytes are in its test vectors). The nonce takes 32
 *    bytes of auxiliary randomness; the same key, message and aux give the same signature.
 *  - Taproot (BIP-341): t = hashTapTweak(P || merkle_root) (merkle_root omitted for a key-path
 *    only output), Q = P + tG; the output key is Q's x-only form, with Q's Y parity (what a
 *    script-path control block carries). The secret key of Q is d' + t, where d' is d or n - d
 *    so that d'G has an even Y.
 *  - TapLeaf and TapBranch hashes build the merkle root of a script tree.
 * Keys, messages and signatures are raw bytes. Functions return 0, or -1 with err set.
 */
#ifndef DLT_CRYPTO_SCHNORR_H
#define DLT_CRYPTO_SCHNORR_H

#include <stddef.h>
#include <stdint.h>

#define DLT_SCHNORR_SIG_LEN 64
#define DLT_XONLY_LEN 32
#define DLT_TAPLEAF_VERSION 0xc0

/* The x-only public key of priv and the parity (0 even, 1 odd) of the full point's Y. */
int dlt_schnorr_xonly_pubkey(const uint8_t priv[32], uint8_t xonly[32], int *parity, char *err,
			     size_t errlen);
/* BIP-340 signature of msg (msglen bytes) with priv and 32 bytes of aux randomness (NULL: 32
 * zero bytes). */
int dlt_schnorr_sign(const uint8_t *msg, size_t msglen, const uint8_t priv[32],
		     const uint8_t aux[32], uint8_t sig[64], char *err, size_t errlen);
/* 1 valid, 0 invalid (also for a public key that is not an X coordinate on the curve: BIP-340
 * says verification fails; err then says why). */
int dlt_schnorr_verify(const uint8_t *msg, size_t msglen, const uint8_t sig[64],
		       const uint8_t xonly[32], char *err, size_t errlen);

/* The BIP-341 output key of internal (x-only) with merkle_root (NULL: key path only): the
 * tweak t, the output key Q (x-only) and Q's Y parity. */
int dlt_taproot_output_key(const uint8_t internal[32], const uint8_t *merkle_root,
			   uint8_t tweak[32], uint8_t output[32], int *parity, char *err,
			   size_t errlen);
/* The secret key that signs for the output key of priv's x-only key and merkle_root. */
int dlt_taproot_tweak_seckey(const uint8_t priv[32], const uint8_t *merkle_root, uint8_t out[32],
			     char *err, size_t errlen);
/* hashTapLeaf(leaf_version || compact_size(len) || script). */
void dlt_tapleaf_hash(uint8_t leaf_version, const uint8_t *script, size_t len, uint8_t out[32]);
/* hashTapBranch of two child hashes, in lexicographic order. */
void dlt_tapbranch_hash(const uint8_t a[32], const uint8_t b[32], uint8_t out[32]);

#endif
