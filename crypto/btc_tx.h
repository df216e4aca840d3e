/*
 * btc_tx.h: Bitcoin transactions: parse and serialize (BIP-144 witness serialization:
 * version, marker 0x00, flag 0x01, inputs, outputs, one witness stack per input, lock time),
 * txid (double SHA-256 without the witness) and wtxid (with it, BIP-141), size, weight and
 * virtual size.
 *
 * Parsing follows Bitcoin Core's UnserializeTransaction, strictly: after the version, a zero
 * byte where the input count belongs is the segwit marker when a non-zero flag follows; a flag
 * other than 1 is "unknown transaction optional data"; a witness flag with every witness stack
 * empty is a "superfluous witness record"; CompactSize lengths must be canonical; the input
 * must end with the lock time (no trailing bytes). Errors name the field and the byte offset:
 *   "input 1 script_sig at byte 47: needs 107 bytes, 20 left".
 *
 * A parsed transaction points into the bytes it was parsed from (keep them alive); a
 * transaction built by hand may point anywhere. Hashes are in internal byte order (what is
 * hashed and signed); RPCs show them reversed (dlt_btc_hash_hex).
 */
#ifndef DLT_CRYPTO_BTC_TX_H
#define DLT_CRYPTO_BTC_TX_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"

struct dlt_btc_item { /* one witness stack item */
	const uint8_t *p;
	size_t len;
};

struct dlt_btc_txin {
	uint8_t prev_hash[32]; /* internal byte order */
	uint32_t prev_index;
	const uint8_t *script_sig;
	size_t script_sig_len;
	uint32_t sequence;
	size_t nwitness;
	struct dlt_btc_item *witness;
};

struct dlt_btc_txout {
	uint64_t value; /* base units; Core's CTxOut() placeholder is 2^64-1 (-1) */
	const uint8_t *script;
	size_t script_len;
};

struct dlt_btc_tx {
	int32_t version;
	size_t nin, nout;
	struct dlt_btc_txin *in;
	struct dlt_btc_txout *out;
	uint32_t locktime;
};

/* Parses raw into tx (free with dlt_btc_tx_free). 0, or -1 with err set. */
int dlt_btc_tx_parse(const uint8_t *raw, size_t len, struct dlt_btc_tx *tx, char *err,
		     size_t errlen);
void dlt_btc_tx_free(struct dlt_btc_tx *tx);

/* 1 when some input has a non-empty witness stack. */
int dlt_btc_tx_has_witness(const struct dlt_btc_tx *tx);
/* Appends the serialization: with_witness = 0 gives the legacy form (what the txid hashes);
 * with_witness = 1 gives the witness form when the transaction has a witness. */
void dlt_btc_tx_serialize(const struct dlt_btc_tx *tx, int with_witness, struct dlt_buf *b);

struct dlt_btc_tx_ids {
	uint8_t txid[32], wtxid[32]; /* internal byte order */
	size_t size, base_size, weight, vsize;
};
void dlt_btc_tx_ids(const struct dlt_btc_tx *tx, struct dlt_btc_tx_ids *ids);

/* 64 hex digits of a hash in RPC display order (reversed), NUL-terminated. */
void dlt_btc_hash_hex(const uint8_t hash[32], char out[65]);
/* The reverse: display hex to internal bytes; 0, or -1 with err set. */
int dlt_btc_hash_parse(const char *hex, uint8_t hash[32], char *err, size_t errlen);

#endif
