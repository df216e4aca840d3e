/*
 * eth.c: Ethereum addresses, EIP-55, CREATE and CREATE2 addresses, and transaction signing
 * (eth.h).
 * Field order follows EIP-155 (legacy: nonce, gasPrice, gas, to, value, data, then v, r, s;
 * signing payload ends with chainId, 0, 0) and EIP-1559 (chainId, nonce, maxPriorityFeePerGas,
 * maxFeePerGas, gas, to, value, data, accessList, then yParity, r, s).
 */
#include "crypto/eth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/ecdsa.h"
#include "crypto/hash.h"
#include "common/hex.h"
#include "crypto/rlp.h"

int dlt_eth_address_from_pubkey(const uint8_t *pub, size_t publen, uint8_t addr[20], char *err,
				size_t errlen)
{
	uint8_t full[65], digest[32];
	size_t fl;
	if (publen == 64) {
		full[0] = 0x04;
		memcpy(full + 1, pub, 64);
		pub = full;
		publen = 65;
	}
	/* validate (and decompress) through libsecp256k1 */
	if (dlt_secp256k1_pubkey_convert(pub, publen, 0, full, &fl, err, errlen) != 0)
		return -1;
	dlt_keccak256(full + 1, 64, digest);
	memcpy(addr, digest + 12, 20);
	return 0;
}

int dlt_eth_address_from_privkey(const uint8_t priv[32], uint8_t addr[20], char *err, size_t errlen)
{
	uint8_t pub[65], digest[32];
	size_t pl;
	if (dlt_secp256k1_pubkey(priv, 0, pub, &pl, err, errlen) != 0)
		return -1;
	dlt_keccak256(pub + 1, 64, digest);
	memcpy(addr, digest + 12, 20);
	return 0;
}

void dlt_eth_address_hex(const uint8_t addr[20], char out[DLT_ETH_ADDRESS_STR])
{
	dlt_hex_encode_0x(out, addr, 20);
}

void dlt_eth_checksum(const uint8_t addr[20], char out[DLT_ETH_ADDRESS_STR])
{
	char lower[41];
	uint8_t digest[32];
	dlt_hex_encode(lower, addr, 20);
	dlt_keccak256(lower, 40, digest);
	out[0] = '0';
	out[1] = 'x';
	for (int i = 0; i < 40; i++) {
		int nibble = (i % 2 == 0) ? digest[i / 2] >> 4 : digest[i / 2] & 15;
		char ch = lower[i];
		out[2 + i] = (ch >= 'a' && nibble >= 8) ? (char)(ch - 'a' + 'A') : ch;
	}
	out[42] = '\0';
}

int dlt_eth_parse_address(const char *s, uint8_t addr[20], char *err, size_t errlen)
{
	if (!(s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) || strlen(s) != 42) {
		snprintf(err, errlen, "address must be 0x followed by 40 hex digits");
		return -1;
	}
	return dlt_hex_decode_exact(s, addr, 20, err, errlen);
}

int dlt_eth_checksum_valid(const char *s)
{
	uint8_t addr[20];
	char err[80], want[DLT_ETH_ADDRESS_STR];
	if (dlt_eth_parse_address(s, addr, err, sizeof err) != 0 || s[1] != 'x')
		return 0;
	dlt_eth_checksum(addr, want);
	return strcmp(want, s) == 0;
}

void dlt_eth_create_address(const uint8_t sender[20], const dlt_u256 *nonce, uint8_t addr[20],
			    struct dlt_buf *pre)
{
	struct dlt_buf b = DLT_BUF_INIT;
	uint8_t digest[32];
	size_t mark = dlt_rlp_list_begin(&b);
	dlt_rlp_encode_bytes(&b, sender, 20);
	dlt_rlp_encode_u256(&b, nonce);
	dlt_rlp_list_end(&b, mark);
	dlt_keccak256(b.data, b.len, digest);
	memcpy(addr, digest + 12, 20);
	if (pre)
		dlt_buf_append(pre, b.data, b.len);
	dlt_buf_free(&b);
}

void dlt_eth_create2_address(const uint8_t sender[20], const uint8_t salt[32],
			     const uint8_t *init_code, size_t init_len, uint8_t addr[20])
{
	uint8_t pre[1 + 20 + 32 + 32], digest[32];
	pre[0] = 0xff;
	memcpy(pre + 1, sender, 20);
	memcpy(pre + 21, salt, 32);
	dlt_keccak256(init_code, init_len, pre + 53);
	dlt_keccak256(pre, sizeof pre, digest);
	memcpy(addr, digest + 12, 20);
}

static void encode_access_list(struct dlt_buf *b, const struct dlt_eth_tx *tx)
{
	size_t list = dlt_rlp_list_begin(b);
	for (size_t i = 0; i < tx->access_count; i++) {
		const struct dlt_eth_access *a = &tx->access_list[i];
		size_t entry = dlt_rlp_list_begin(b);
		dlt_rlp_encode_bytes(b, a->address, 20);
		size_t keys = dlt_rlp_list_begin(b);
		for (size_t k = 0; k < a->nkeys; k++)
			dlt_rlp_encode_bytes(b, a->keys[k], 32);
		dlt_rlp_list_end(b, keys);
		dlt_rlp_list_end(b, entry);
	}
	dlt_rlp_list_end(b, list);
}

/* the fields every form shares, in the order of the transaction type */
static void encode_fields(struct dlt_buf *b, const struct dlt_eth_tx *tx)
{
	if (tx->type == DLT_ETH_TX_1559) {
		dlt_rlp_encode_u256(b, &tx->chain_id);
		dlt_rlp_encode_u256(b, &tx->nonce);
		dlt_rlp_encode_u256(b, &tx->max_priority_fee);
		dlt_rlp_encode_u256(b, &tx->max_fee);
	} else {
		dlt_rlp_encode_u256(b, &tx->nonce);
		dlt_rlp_encode_u256(b, &tx->gas_price);
	}
	dlt_rlp_encode_u256(b, &tx->gas);
	dlt_rlp_encode_bytes(b, tx->has_to ? tx->to : NULL, tx->has_to ? 20 : 0);
	dlt_rlp_encode_u256(b, &tx->value);
	dlt_rlp_encode_bytes(b, tx->data, tx->data_len);
	if (tx->type == DLT_ETH_TX_1559)
		encode_access_list(b, tx);
}

static void encode_sig(struct dlt_buf *b, const dlt_u256 *v, const uint8_t r[32],
		       const uint8_t s[32])
{
	dlt_u256 t;
	dlt_rlp_encode_u256(b, v);
	dlt_u256_from_bytes(&t, r, 32);
	dlt_rlp_encode_u256(b, &t); /* r and s are integers: minimal, no leading zeros */
	dlt_u256_from_bytes(&t, s, 32);
	dlt_rlp_encode_u256(b, &t);
}

static uint8_t *take(struct dlt_buf *b, size_t *len)
{
	uint8_t *p = b->data;
	*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

int dlt_eth_sign(const struct dlt_eth_tx *tx, const uint8_t priv[32], struct dlt_eth_signed *out,
		 char *err, size_t errlen)
{
	struct dlt_buf sd = DLT_BUF_INIT, raw = DLT_BUF_INIT;
	uint8_t pub[65], digest[32];
	size_t mark;
	memset(out, 0, sizeof *out);
	if (tx->type != DLT_ETH_TX_LEGACY && tx->type != DLT_ETH_TX_1559) {
		snprintf(err, errlen, "eth: unsupported transaction type %d", (int)tx->type);
		return -1;
	}
	int eip155 = tx->type == DLT_ETH_TX_LEGACY && !dlt_u256_is_zero(&tx->chain_id);

	/* signing payload */
	if (tx->type == DLT_ETH_TX_1559)
		dlt_buf_push(&sd, 0x02);
	mark = dlt_rlp_list_begin(&sd);
	encode_fields(&sd, tx);
	if (eip155) {
		dlt_rlp_encode_u256(&sd, &tx->chain_id);
		dlt_rlp_encode_bytes(&sd, NULL, 0);
		dlt_rlp_encode_bytes(&sd, NULL, 0);
	}
	dlt_rlp_list_end(&sd, mark);
	dlt_keccak256(sd.data, sd.len, out->signing_hash);

	if (dlt_secp256k1_sign(out->signing_hash, priv, out->r, out->s, &out->recid, err, errlen) !=
	    0)
		goto fail;

	/* v */
	if (tx->type == DLT_ETH_TX_1559) {
		dlt_u256_from_u64(&out->v, (uint64_t)out->recid);
	} else if (eip155) {
		dlt_u256 two, base;
		dlt_u256_from_u64(&two, 2);
		dlt_u256_from_u64(&base, 35 + (uint64_t)out->recid);
		if (dlt_u256_mul(&out->v, &tx->chain_id, &two) != 0 ||
		    dlt_u256_add(&out->v, &out->v, &base) != 0) {
			snprintf(err, errlen, "eth: chain id too large for EIP-155 v");
			goto fail;
		}
	} else {
		dlt_u256_from_u64(&out->v, 27 + (uint64_t)out->recid);
	}

	/* signed transaction */
	if (tx->type == DLT_ETH_TX_1559)
		dlt_buf_push(&raw, 0x02);
	mark = dlt_rlp_list_begin(&raw);
	encode_fields(&raw, tx);
	encode_sig(&raw, &out->v, out->r, out->s);
	dlt_rlp_list_end(&raw, mark);
	dlt_keccak256(raw.data, raw.len, out->hash);

	/* sender, from the signature itself */
	if (dlt_secp256k1_recover(out->signing_hash, out->r, out->s, out->recid, pub, err,
				  errlen) != 0)
		goto fail;
	dlt_keccak256(pub + 1, 64, digest);
	memcpy(out->sender, digest + 12, 20);

	out->raw = take(&raw, &out->raw_len);
	out->signing_data = take(&sd, &out->signing_len);
	return 0;
fail:
	dlt_buf_free(&sd);
	dlt_buf_free(&raw);
	dlt_eth_signed_free(out);
	return -1;
}

void dlt_eth_signed_free(struct dlt_eth_signed *s)
{
	free(s->raw);
	free(s->signing_data);
	s->raw = s->signing_data = NULL;
	s->raw_len = s->signing_len = 0;
}
