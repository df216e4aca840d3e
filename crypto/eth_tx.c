/*
 * eth_tx.c: strict decoding of signed legacy, EIP-2930, EIP-1559 and EIP-4844 transactions
 * (eth_tx.h). Field orders:
 *   legacy: nonce, gasPrice, gas, to, value, data, v, r, s
 *   1 (EIP-2930): chainId, nonce, gasPrice, gas, to, value, data, accessList, yParity, r, s
 *   2 (EIP-1559): chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value, data,
 *                 accessList, yParity, r, s
 *   3 (EIP-4844): as 2, then maxFeePerBlobGas, blobVersionedHashes before yParity, r, s
 * The signing payload is type || rlp(the fields before yParity) (legacy: rlp of the first six,
 * plus chainId, 0, 0 with EIP-155).
 */
#include "crypto/eth_tx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/mem.h"
#include "crypto/ecdsa.h"
#include "crypto/hash.h"
#include "crypto/rlp.h"

struct layout {
	int type;
	size_t nfields; /* with v/yParity, r, s */
	const char *const *names;
};

static const char *const legacy_names[] = { "nonce", "gasPrice", "gas", "to", "value",
					    "data",  "v",        "r",   "s" };
static const char *const t1_names[] = { "chainId", "nonce",      "gasPrice", "gas", "to", "value",
					"data",    "accessList", "yParity",  "r",   "s" };
static const char *const t2_names[] = { "chainId",      "nonce", "maxPriorityFeePerGas",
					"maxFeePerGas", "gas",   "to",
					"value",        "data",  "accessList",
					"yParity",      "r",     "s" };
static const char *const t3_names[] = { "chainId",
					"nonce",
					"maxPriorityFeePerGas",
					"maxFeePerGas",
					"gas",
					"to",
					"value",
					"data",
					"accessList",
					"maxFeePerBlobGas",
					"blobVersionedHashes",
					"yParity",
					"r",
					"s" };

static const struct layout layouts[] = {
	{ 0, 9, legacy_names },
	{ 1, 11, t1_names },
	{ 2, 12, t2_names },
	{ 3, 14, t3_names },
};

struct ctx {
	const struct layout *lay;
	char *err;
	size_t errlen;
};

static int field_err(struct ctx *c, size_t i, const char *msg)
{
	snprintf(c->err, c->errlen, "type %d field %zu (%s): %s", c->lay->type, i, c->lay->names[i],
		 msg);
	return -1;
}

static int get_uint(struct ctx *c, const struct dlt_rlp_item *items, size_t i, dlt_u256 *out)
{
	const struct dlt_rlp_item *it = &items[i];
	if (it->is_list)
		return field_err(c, i, "a list where an integer belongs");
	if (it->len > 32)
		return field_err(c, i, "integer longer than 32 bytes");
	if (it->len > 0 && it->data[0] == 0)
		return field_err(c, i, "integer with a leading zero byte");
	dlt_u256_from_bytes(out, it->data, it->len);
	return 0;
}

static int get_word(struct ctx *c, const struct dlt_rlp_item *items, size_t i, uint8_t out[32])
{
	dlt_u256 v;
	if (get_uint(c, items, i, &v) != 0)
		return -1;
	dlt_u256_to_be32(&v, out);
	return 0;
}

static int get_access_list(struct ctx *c, const struct dlt_rlp_item *items, size_t i,
			   struct dlt_eth_decoded *d)
{
	const struct dlt_rlp_item *al = &items[i];
	char msg[96];
	if (!al->is_list)
		return field_err(c, i, "a string where the access list belongs");
	size_t nkeys = 0;
	for (size_t k = 0; k < al->count; k++) {
		const struct dlt_rlp_item *e = &al->items[k];
		if (!e->is_list || e->count != 2 || e->items[0].is_list || e->items[0].len != 20 ||
		    !e->items[1].is_list) {
			snprintf(msg, sizeof msg,
				 "entry %zu is not [address (20 bytes), [storage keys]]", k);
			return field_err(c, i, msg);
		}
		for (size_t j = 0; j < e->items[1].count; j++) {
			const struct dlt_rlp_item *key = &e->items[1].items[j];
			if (key->is_list || key->len != 32) {
				snprintf(msg, sizeof msg,
					 "entry %zu storage key %zu is not 32 bytes", k, j);
				return field_err(c, i, msg);
			}
		}
		nkeys += e->items[1].count;
	}
	d->access_count = al->count;
	d->access_list = dlt_xcalloc(al->count ? al->count : 1, sizeof *d->access_list);
	uint8_t(*keys)[32] = dlt_xcalloc(nkeys ? nkeys : 1, sizeof *keys);
	size_t at = 0;
	for (size_t k = 0; k < al->count; k++) {
		const struct dlt_rlp_item *e = &al->items[k];
		memcpy(d->access_list[k].address, e->items[0].data, 20);
		d->access_list[k].keys = (const uint8_t(*)[32]) & keys[at];
		d->access_list[k].nkeys = e->items[1].count;
		for (size_t j = 0; j < e->items[1].count; j++)
			memcpy(keys[at++], e->items[1].items[j].data, 32);
	}
	if (al->count == 0)
		free(keys);
	return 0;
}

static int get_blob_hashes(struct ctx *c, const struct dlt_rlp_item *items, size_t i,
			   struct dlt_eth_decoded *d)
{
	const struct dlt_rlp_item *bl = &items[i];
	char msg[64];
	if (!bl->is_list)
		return field_err(c, i, "a string where the list of blob hashes belongs");
	for (size_t k = 0; k < bl->count; k++)
		if (bl->items[k].is_list || bl->items[k].len != 32) {
			snprintf(msg, sizeof msg, "blob hash %zu is not 32 bytes", k);
			return field_err(c, i, msg);
		}
	d->blob_hash_count = bl->count;
	d->blob_hashes = dlt_xcalloc(bl->count ? bl->count : 1, sizeof *d->blob_hashes);
	for (size_t k = 0; k < bl->count; k++)
		memcpy(d->blob_hashes[k], bl->items[k].data, 32);
	return 0;
}

/* the encoded bytes of items[i] (header included) */
static void append_item(struct dlt_buf *b, const uint8_t *in, const struct dlt_rlp_item *it)
{
	const uint8_t *start = in + it->offset;
	dlt_rlp_encode_raw(b, start, (size_t)(it->data + it->len - start));
}

static int decode_fields(struct ctx *c, const uint8_t *in, const struct dlt_rlp_item *list,
			 struct dlt_eth_decoded *d)
{
	const struct dlt_rlp_item *f = list->items;
	size_t i = 0;
	int type = c->lay->type;
	if (!list->is_list) {
		snprintf(c->err, c->errlen, "type %d: the payload is a string, not a list", type);
		return -1;
	}
	if (list->count != c->lay->nfields) {
		snprintf(c->err, c->errlen, "type %d: %zu fields, expected %zu", type, list->count,
			 c->lay->nfields);
		return -1;
	}
	if (type != 0) {
		if (get_uint(c, f, i++, &d->chain_id) != 0)
			return -1;
		d->has_chain_id = 1;
	}
	if (get_uint(c, f, i++, &d->nonce) != 0)
		return -1;
	if (type == 0 || type == 1) {
		if (get_uint(c, f, i++, &d->gas_price) != 0)
			return -1;
	} else if (get_uint(c, f, i++, &d->max_priority_fee) != 0 ||
		   get_uint(c, f, i++, &d->max_fee) != 0) {
		return -1;
	}
	if (get_uint(c, f, i++, &d->gas) != 0)
		return -1;
	if (f[i].is_list || (f[i].len != 0 && f[i].len != 20))
		return field_err(c, i, "not an empty string (contract creation) or 20 bytes");
	if (type == 3 && f[i].len != 20)
		return field_err(c, i,
				 "a blob transaction cannot create a contract (20 bytes needed)");
	d->has_to = f[i].len == 20;
	if (d->has_to)
		memcpy(d->to, f[i].data, 20);
	i++;
	if (get_uint(c, f, i++, &d->value) != 0)
		return -1;
	if (f[i].is_list)
		return field_err(c, i, "a list where the data belongs");
	d->data = f[i].data;
	d->data_len = f[i].len;
	i++;
	if (type != 0 && get_access_list(c, f, i++, d) != 0)
		return -1;
	if (type == 3 && (get_uint(c, f, i++, &d->max_fee_per_blob_gas) != 0 ||
			  get_blob_hashes(c, f, i++, d) != 0))
		return -1;
	/* signature */
	size_t vi = i;
	if (get_uint(c, f, i++, &d->v) != 0 || get_word(c, f, i++, d->r) != 0 ||
	    get_word(c, f, i++, d->s) != 0)
		return -1;
	uint64_t v;
	int small = dlt_u256_to_u64(&d->v, &v);
	if (type != 0) {
		if (!small || v > 1)
			return field_err(c, vi, "y parity must be 0 or 1");
		d->recid = (int)v;
	} else if (small && (v == 27 || v == 28)) {
		d->recid = (int)(v - 27);
	} else if (!small || v >= 35) {
		dlt_u256 t, two, rem;
		dlt_u256_from_u64(&t, 35);
		dlt_u256_from_u64(&two, 2);
		dlt_u256_sub(&t, &d->v, &t);
		dlt_u256_divmod(&d->chain_id, &rem, &t, &two);
		d->has_chain_id = 1;
		d->recid = dlt_u256_is_zero(&rem) ? 0 : 1;
	} else {
		return field_err(c, vi, "v must be 27, 28 or 35 + 2 * chain id + {0, 1} (EIP-155)");
	}

	/* signing payload */
	struct dlt_buf sd = DLT_BUF_INIT;
	if (type != 0)
		dlt_buf_push(&sd, (uint8_t)type);
	size_t mark = dlt_rlp_list_begin(&sd);
	for (size_t k = 0; k < vi; k++)
		append_item(&sd, in, &f[k]);
	if (type == 0 && d->has_chain_id) {
		dlt_rlp_encode_u256(&sd, &d->chain_id);
		dlt_rlp_encode_bytes(&sd, NULL, 0);
		dlt_rlp_encode_bytes(&sd, NULL, 0);
	}
	dlt_rlp_list_end(&sd, mark);
	dlt_keccak256(sd.data, sd.len, d->signing_hash);
	dlt_buf_free(&sd);

	uint8_t pub[65], digest[32];
	char err[128];
	if (dlt_secp256k1_recover(d->signing_hash, d->r, d->s, d->recid, pub, err, sizeof err) ==
	    0) {
		dlt_keccak256(pub + 1, 64, digest);
		memcpy(d->sender, digest + 12, 20);
		d->sender_ok = 1;
	} else {
		snprintf(d->sender_err, sizeof d->sender_err, "%s", err);
	}
	return 0;
}

int dlt_eth_tx_decode(const uint8_t *raw, size_t len, struct dlt_eth_decoded *out, char *err,
		      size_t errlen)
{
	struct dlt_rlp_item *root = NULL;
	struct ctx c = { NULL, err, errlen };
	char rerr[200];
	memset(out, 0, sizeof *out);
	if (len == 0) {
		snprintf(err, errlen, "empty transaction");
		return -1;
	}
	int type = raw[0] >= 0xc0 ? 0 : raw[0];
	if (type > 0x7f) {
		snprintf(err, errlen,
			 "first byte 0x%02x is neither a transaction type (0x00-0x7f) nor "
			 "an RLP list (legacy)",
			 raw[0]);
		return -1;
	}
	if (type != 0 && (type < 1 || type > 3)) {
		snprintf(err, errlen,
			 "transaction type 0x%02x is not decoded (0x01 EIP-2930, 0x02 "
			 "EIP-1559, 0x03 EIP-4844; or a legacy RLP list)",
			 type);
		return -1;
	}
	if (raw[0] == 0x00) {
		snprintf(err, errlen, "transaction type 0x00 is reserved (EIP-2718)");
		return -1;
	}
	c.lay = &layouts[type];
	const uint8_t *body = type ? raw + 1 : raw;
	size_t blen = type ? len - 1 : len;
	if (blen == 0) {
		snprintf(err, errlen, "type %d: no payload after the type byte", type);
		return -1;
	}
	if (dlt_rlp_decode(body, blen, &root, rerr, sizeof rerr) != 0) {
		snprintf(err, errlen, "%s%s", type ? "payload: " : "", rerr);
		return -1;
	}
	out->type = type;
	const struct dlt_rlp_item *tx = root;
	if (type == 3 && root->is_list && root->count == 4 && root->items[0].is_list) {
		/* network form: [tx_payload_body, blobs, commitments, proofs] */
		const struct dlt_rlp_item *w = root->items;
		if (w[1].is_list && w[2].is_list && w[3].is_list && w[1].count == w[2].count &&
		    w[2].count == w[3].count) {
			out->network_form = 1;
			out->blob_count = w[1].count;
			tx = &w[0];
		} else {
			snprintf(err, errlen,
				 "type 3 network form: blobs, commitments and proofs must be "
				 "lists of the same length");
			goto fail;
		}
	}
	if (decode_fields(&c, body, tx, out) != 0)
		goto fail;
	if (out->network_form && out->blob_count != out->blob_hash_count) {
		snprintf(err, errlen, "type 3 network form: %zu blobs for %zu blob hashes",
			 out->blob_count, out->blob_hash_count);
		goto fail;
	}
	/* the hash of the canonical form */
	struct dlt_buf h = DLT_BUF_INIT;
	if (type)
		dlt_buf_push(&h, (uint8_t)type);
	append_item(&h, body, tx);
	dlt_keccak256(h.data, h.len, out->hash);
	dlt_buf_free(&h);
	dlt_rlp_free(root);
	return 0;
fail:
	dlt_rlp_free(root);
	dlt_eth_decoded_free(out);
	return -1;
}

void dlt_eth_decoded_free(struct dlt_eth_decoded *d)
{
	if (!d)
		return;
	if (d->access_list && d->access_count)
		free((void *)d->access_list[0].keys);
	free(d->access_list);
	free(d->blob_hashes);
	d->access_list = NULL;
	d->blob_hashes = NULL;
	d->access_count = d->blob_hash_count = 0;
}
