/*
 * eth.h: Ethereum account and transaction rules on top of keccak, RLP and secp256k1:
 *  - address = last 20 bytes of keccak256(X || Y) of the uncompressed public key;
 *  - EIP-55 mixed-case checksum (keccak256 of the lowercase hex, a letter is upper-cased when
 *    its nibble of the hash is >= 8);
 *  - CREATE address = keccak256(rlp([sender, nonce]))[12:]; CREATE2 (EIP-1014) address =
 *    keccak256(0xff || sender || salt || keccak256(init_code))[12:];
 *  - signing of legacy transactions (EIP-155 replay protection when chain_id > 0, plain
 *    v = 27/28 when chain_id is 0) and EIP-1559 dynamic-fee transactions (type 2 in an
 *    EIP-2718 envelope: 0x02 || rlp([...])), giving the raw bytes, the hash and the sender
 *    (recovered from the signature, so a bad signature cannot go unnoticed).
 */
#ifndef DLT_CRYPTO_ETH_H
#define DLT_CRYPTO_ETH_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/u256.h"

#define DLT_ETH_ADDRESS_LEN 20
#define DLT_ETH_ADDRESS_STR 43 /* "0x" + 40 + NUL */

/* pub: 65 bytes (0x04 || X || Y), 64 bytes (X || Y) or 33 bytes (compressed). */
int dlt_eth_address_from_pubkey(const uint8_t *pub, size_t publen, uint8_t addr[20], char *err,
				size_t errlen);
int dlt_eth_address_from_privkey(const uint8_t priv[32], uint8_t addr[20], char *err,
				 size_t errlen);
/* "0x" + 40 lowercase hex digits. */
void dlt_eth_address_hex(const uint8_t addr[20], char out[DLT_ETH_ADDRESS_STR]);
/* EIP-55 form of addr. */
void dlt_eth_checksum(const uint8_t addr[20], char out[DLT_ETH_ADDRESS_STR]);
/* Parses "0x" + 40 hex digits (any case; the checksum is NOT checked, see below). */
int dlt_eth_parse_address(const char *s, uint8_t addr[20], char *err, size_t errlen);
/* 1 when s is "0x" + 40 hex digits in exactly the EIP-55 case, else 0. */
int dlt_eth_checksum_valid(const char *s);
/* EIP-1014 (CREATE2): keccak256(0xff || sender || salt || keccak256(init_code))[12:]. */
void dlt_eth_create2_address(const uint8_t sender[20], const uint8_t salt[32],
			     const uint8_t *init_code, size_t init_len, uint8_t addr[20]);
/* Contract address created by sender at nonce; the RLP preimage is appended to pre if given. */
void dlt_eth_create_address(const uint8_t sender[20], const dlt_u256 *nonce, uint8_t addr[20],
			    struct dlt_buf *pre);

enum dlt_eth_tx_type {
	DLT_ETH_TX_LEGACY = 0,
	DLT_ETH_TX_1559 = 2,
};

struct dlt_eth_access { /* one EIP-2930 access list entry */
	uint8_t address[20];
	size_t nkeys;
	const uint8_t (*keys)[32];
};

struct dlt_eth_tx {
	enum dlt_eth_tx_type type;
	dlt_u256 chain_id; /* legacy: 0 = no EIP-155 (v = 27/28) */
	dlt_u256 nonce;
	dlt_u256 gas_price; /* legacy only */
	dlt_u256 max_priority_fee; /* 1559 only */
	dlt_u256 max_fee; /* 1559 only */
	dlt_u256 gas;
	int has_to; /* 0: contract creation */
	uint8_t to[20];
	dlt_u256 value;
	const uint8_t *data;
	size_t data_len;
	const struct dlt_eth_access *access_list; /* 1559 only */
	size_t access_count;
};

struct dlt_eth_signed {
	uint8_t *raw; /* malloc'd: legacy RLP, or 0x02 || RLP */
	size_t raw_len;
	uint8_t *signing_data; /* malloc'd: the bytes whose keccak256 was signed */
	size_t signing_len;
	uint8_t signing_hash[32];
	uint8_t hash[32]; /* transaction hash = keccak256(raw) */
	uint8_t sender[20];
	dlt_u256 v; /* legacy: chain_id*2+35+recid or 27+recid; 1559: y-parity */
	uint8_t r[32], s[32];
	int recid;
};

/* Signs tx with priv. Free the result with dlt_eth_signed_free. */
int dlt_eth_sign(const struct dlt_eth_tx *tx, const uint8_t priv[32], struct dlt_eth_signed *out,
		 char *err, size_t errlen);
void dlt_eth_signed_free(struct dlt_eth_signed *s);

#endif
