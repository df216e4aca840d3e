/*
 * eth_tx.h: decoding of signed Ethereum transactions in every form a node accepts from
 * eth_sendRawTransaction: legacy (RLP list of 9 items, EIP-155 v or v = 27/28), and the
 * EIP-2718 typed envelopes type || rlp(payload) of EIP-2930 (type 1, access list),
 * EIP-1559 (type 2, dynamic fee) and EIP-4844 (type 3, blob: max_fee_per_blob_gas and the
 * blob versioned hashes; the network form rlp([payload, blobs, commitments, proofs]) is
 * accepted too, and its hash is the hash of the canonical form).
 *
 * Decoding is strict: the RLP must be canonical (crypto/rlp.h), the item count must be that
 * of the type, integers must be minimal (no leading zero byte) and at most 32 bytes, `to` 0
 * or 20 bytes (20 for a blob transaction), access-list addresses 20 bytes and storage keys 32,
 * blob hashes 32, y_parity 0 or 1, a legacy v 27, 28 or >= 35. Errors name the field:
 *   "type 2 field 4 (gas): integer with a leading zero byte".
 * The signing hash is recomputed from the fields (the EIP-155 chain id from v) and the sender
 * recovered from it; a signature that recovers no key leaves sender_ok 0 and says why in
 * sender_err, the fields are still returned.
 */
#ifndef DLT_CRYPTO_ETH_TX_H
#define DLT_CRYPTO_ETH_TX_H

#include <stddef.h>
#include <stdint.h>

#include "common/u256.h"
#include "crypto/eth.h"

struct dlt_eth_decoded {
	int type; /* 0 legacy, 1 EIP-2930, 2 EIP-1559, 3 EIP-4844 */
	int has_chain_id; /* 0 only for a legacy transaction without EIP-155 */
	dlt_u256 chain_id, nonce, gas_price, max_priority_fee, max_fee, gas, value;
	dlt_u256 max_fee_per_blob_gas;
	int has_to;
	uint8_t to[20];
	const uint8_t *data; /* points into the raw bytes */
	size_t data_len;
	struct dlt_eth_access *access_list; /* malloc'd, with its keys */
	size_t access_count;
	uint8_t (*blob_hashes)[32]; /* malloc'd */
	size_t blob_hash_count;
	dlt_u256 v; /* legacy v, or the y parity of a typed transaction */
	uint8_t r[32], s[32];
	int recid;
	uint8_t hash[32]; /* keccak256 of the raw (canonical) transaction */
	uint8_t signing_hash[32];
	int sender_ok;
	uint8_t sender[20];
	char sender_err[128];
	int network_form; /* type 3 sent with its blobs */
	size_t blob_count;
};

/* Decodes raw (len bytes). Free with dlt_eth_decoded_free. 0, or -1 with err set. */
int dlt_eth_tx_decode(const uint8_t *raw, size_t len, struct dlt_eth_decoded *out, char *err,
		      size_t errlen);
void dlt_eth_decoded_free(struct dlt_eth_decoded *d);

#endif
