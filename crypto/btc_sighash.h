/*
 * btc_sighash.h: the three signature-hash algorithms of Bitcoin transactions, each giving the
 * 32-byte digest an ECDSA or Schnorr signature signs (internal byte order) and the preimage it
 * hashes:
 *  - legacy (pre-segwit; Bitcoin Core's SignatureHash with SigVersion::BASE): a copy of the
 *    transaction with the script code (OP_CODESEPARATORs removed) in the signed input, empty
 *    scripts elsewhere, NONE/SINGLE/ANYONECANPAY applied, then the 4-byte hash type; double
 *    SHA-256. An input index past the inputs, or SINGLE past the outputs, gives Core's
 *    "one" hash (01 00 .. 00) and an empty preimage;
 *  - BIP-143 (segwit version 0): the preimage of hashPrevouts, hashSequence, outpoint, script
 *    code, amount, sequence and hashOutputs; double SHA-256. The script code is used as given
 *    (BIP-143 removes no OP_CODESEPARATOR; the caller passes the part after the last executed
 *    one);
 *  - BIP-341 (taproot): TapSighash over epoch 0 and SigMsg (the preimage returned starts with
 *    the epoch byte, as BIP-341's wallet test vectors print "sigMsg"), for key-path spends and,
 *    with a tapleaf hash, for script-path spends (BIP-342: key_version 0 and codesep_pos);
 *    every spent output (amount and scriptPubKey) is needed.
 * Hash types: SIGHASH_ALL 1, NONE 2, SINGLE 3, ANYONECANPAY 0x80; BIP-341 also takes
 * DEFAULT 0 and refuses any other value.
 */
#ifndef DLT_CRYPTO_BTC_SIGHASH_H
#define DLT_CRYPTO_BTC_SIGHASH_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "crypto/btc_tx.h"

#define DLT_SIGHASH_DEFAULT 0x00
#define DLT_SIGHASH_ALL 0x01
#define DLT_SIGHASH_NONE 0x02
#define DLT_SIGHASH_SINGLE 0x03
#define DLT_SIGHASH_ANYONECANPAY 0x80

/* preimage (optional) gets the bytes that were hashed. */
void dlt_btc_sighash_legacy(const struct dlt_btc_tx *tx, size_t index, const uint8_t *script_code,
			    size_t script_len, uint32_t hash_type, uint8_t out[32],
			    struct dlt_buf *preimage);

/* 0, or -1 (index out of range) with err set. */
int dlt_btc_sighash_v0(const struct dlt_btc_tx *tx, size_t index, const uint8_t *script_code,
		       size_t script_len, uint64_t amount, uint32_t hash_type, uint8_t out[32],
		       struct dlt_buf *preimage, char *err, size_t errlen);

struct dlt_btc_taproot_spend {
	const struct dlt_btc_txout *spent; /* one per input: the outputs being spent */
	size_t nspent;
	const uint8_t *leaf_hash; /* NULL: key path; else the tapleaf hash (script path) */
	uint32_t codesep_pos; /* script path: 0xffffffff when no OP_CODESEPARATOR ran */
	const uint8_t *annex; /* NULL, or the annex (starting with 0x50) */
	size_t annex_len;
};

/* 0, or -1 with err set (bad hash type, index, spent outputs, SINGLE without its output). */
int dlt_btc_sighash_taproot(const struct dlt_btc_tx *tx, size_t index, uint32_t hash_type,
			    const struct dlt_btc_taproot_spend *sp, uint8_t out[32],
			    struct dlt_buf *preimage, char *err, size_t errlen);

#endif
