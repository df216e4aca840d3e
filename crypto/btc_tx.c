/*
 * btc_tx.c: Bitcoin transaction parsing, serialization and ids (btc_tx.h).
 */
#include "crypto/btc_tx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/hex.h"
#include "common/mem.h"
#include "crypto/btc_ser.h"
#include "crypto/hash.h"

void dlt_btc_tx_free(struct dlt_btc_tx *tx)
{
	if (!tx)
		return;
	for (size_t i = 0; i < tx->nin && tx->in; i++)
		free(tx->in[i].witness);
	free(tx->in);
	free(tx->out);
	memset(tx, 0, sizeof *tx);
}

/* A count of items that take at least `min_each` bytes each: more than the bytes left is
 * refused before anything is allocated. */
static int get_count(struct dlt_btc_reader *r, const char *what, size_t min_each, size_t *n)
{
	uint64_t v;
	size_t at = r->pos;
	if (dlt_btc_get_compact(r, what, &v) != 0)
		return -1;
	if (v > (r->len - r->pos) / min_each) {
		snprintf(r->err, r->errlen,
			 "%s at byte %zu: %llu items cannot fit in the %zu bytes left", what, at,
			 (unsigned long long)v, r->len - r->pos);
		return -1;
	}
	*n = (size_t)v;
	return 0;
}

static int read_inputs(struct dlt_btc_reader *r, struct dlt_btc_tx *tx)
{
	char what[64];
	if (get_count(r, "input count", 41, &tx->nin) != 0)
		return -1;
	tx->in = dlt_xcalloc(tx->nin ? tx->nin : 1, sizeof *tx->in);
	for (size_t i = 0; i < tx->nin; i++) {
		struct dlt_btc_txin *in = &tx->in[i];
		const uint8_t *h;
		snprintf(what, sizeof what, "input %zu outpoint", i);
		if (dlt_btc_get_raw(r, what, 32, &h) != 0 ||
		    dlt_btc_get_le32(r, what, &in->prev_index) != 0)
			return -1;
		memcpy(in->prev_hash, h, 32);
		snprintf(what, sizeof what, "input %zu script_sig", i);
		if (dlt_btc_get_bytes(r, what, &in->script_sig, &in->script_sig_len) != 0)
			return -1;
		snprintf(what, sizeof what, "input %zu sequence", i);
		if (dlt_btc_get_le32(r, what, &in->sequence) != 0)
			return -1;
	}
	return 0;
}

static int read_outputs(struct dlt_btc_reader *r, struct dlt_btc_tx *tx)
{
	char what[64];
	if (get_count(r, "output count", 9, &tx->nout) != 0)
		return -1;
	tx->out = dlt_xcalloc(tx->nout ? tx->nout : 1, sizeof *tx->out);
	for (size_t i = 0; i < tx->nout; i++) {
		snprintf(what, sizeof what, "output %zu value", i);
		if (dlt_btc_get_le64(r, what, &tx->out[i].value) != 0)
			return -1;
		snprintf(what, sizeof what, "output %zu script_pubkey", i);
		if (dlt_btc_get_bytes(r, what, &tx->out[i].script, &tx->out[i].script_len) != 0)
			return -1;
	}
	return 0;
}

static int read_witnesses(struct dlt_btc_reader *r, struct dlt_btc_tx *tx)
{
	char what[64];
	for (size_t i = 0; i < tx->nin; i++) {
		struct dlt_btc_txin *in = &tx->in[i];
		snprintf(what, sizeof what, "input %zu witness item count", i);
		if (get_count(r, what, 1, &in->nwitness) != 0)
			return -1;
		in->witness = dlt_xcalloc(in->nwitness ? in->nwitness : 1, sizeof *in->witness);
		for (size_t k = 0; k < in->nwitness; k++) {
			snprintf(what, sizeof what, "input %zu witness item %zu", i, k);
			if (dlt_btc_get_bytes(r, what, &in->witness[k].p, &in->witness[k].len) != 0)
				return -1;
		}
	}
	return 0;
}

int dlt_btc_tx_parse(const uint8_t *raw, size_t len, struct dlt_btc_tx *tx, char *err,
		     size_t errlen)
{
	struct dlt_btc_reader r = { raw, len, 0, err, errlen };
	uint32_t v;
	int flags = 0;
	memset(tx, 0, sizeof *tx);
	if (dlt_btc_get_le32(&r, "version", &v) != 0)
		goto fail;
	tx->version = (int32_t)v;
	if (read_inputs(&r, tx) != 0)
		goto fail;
	if (tx->nin == 0) {
		/* Core: an empty input list is the marker; the next byte is the flag */
		const uint8_t *f;
		size_t at = r.pos;
		if (dlt_btc_get_raw(&r, "segwit flag", 1, &f) != 0)
			goto fail;
		flags = *f;
		if (flags != 0) {
			free(tx->in);
			tx->in = NULL;
			if (read_inputs(&r, tx) != 0 || read_outputs(&r, tx) != 0)
				goto fail;
		}
		if (flags & 1) {
			if (read_witnesses(&r, tx) != 0)
				goto fail;
			if (!dlt_btc_tx_has_witness(tx)) {
				snprintf(err, errlen,
					 "superfluous witness record (segwit flag with every "
					 "witness stack empty) before byte %zu",
					 r.pos);
				goto fail;
			}
			flags ^= 1;
		}
		if (flags) {
			snprintf(err, errlen,
				 "unknown transaction optional data (segwit flag 0x%02x at "
				 "byte %zu)",
				 (unsigned)*f, at);
			goto fail;
		}
	} else if (read_outputs(&r, tx) != 0) {
		goto fail;
	}
	if (dlt_btc_get_le32(&r, "lock time", &tx->locktime) != 0)
		goto fail;
	if (r.pos != len) {
		snprintf(err, errlen, "trailing bytes: %zu bytes after the lock time at byte %zu",
			 len - r.pos, r.pos);
		goto fail;
	}
	return 0;
fail:
	dlt_btc_tx_free(tx);
	return -1;
}

int dlt_btc_tx_has_witness(const struct dlt_btc_tx *tx)
{
	for (size_t i = 0; i < tx->nin; i++)
		if (tx->in[i].nwitness > 0)
			return 1;
	return 0;
}

void dlt_btc_tx_serialize(const struct dlt_btc_tx *tx, int with_witness, struct dlt_buf *b)
{
	int wit = with_witness && dlt_btc_tx_has_witness(tx);
	dlt_btc_put_le32(b, (uint32_t)tx->version);
	if (wit) {
		dlt_buf_push(b, 0x00);
		dlt_buf_push(b, 0x01);
	}
	dlt_btc_put_compact(b, tx->nin);
	for (size_t i = 0; i < tx->nin; i++) {
		const struct dlt_btc_txin *in = &tx->in[i];
		dlt_buf_append(b, in->prev_hash, 32);
		dlt_btc_put_le32(b, in->prev_index);
		dlt_btc_put_bytes(b, in->script_sig, in->script_sig_len);
		dlt_btc_put_le32(b, in->sequence);
	}
	dlt_btc_put_compact(b, tx->nout);
	for (size_t i = 0; i < tx->nout; i++) {
		dlt_btc_put_le64(b, tx->out[i].value);
		dlt_btc_put_bytes(b, tx->out[i].script, tx->out[i].script_len);
	}
	if (wit)
		for (size_t i = 0; i < tx->nin; i++) {
			dlt_btc_put_compact(b, tx->in[i].nwitness);
			for (size_t k = 0; k < tx->in[i].nwitness; k++)
				dlt_btc_put_bytes(b, tx->in[i].witness[k].p,
						  tx->in[i].witness[k].len);
		}
	dlt_btc_put_le32(b, tx->locktime);
}

void dlt_btc_tx_ids(const struct dlt_btc_tx *tx, struct dlt_btc_tx_ids *ids)
{
	struct dlt_buf base = DLT_BUF_INIT, full = DLT_BUF_INIT;
	dlt_btc_tx_serialize(tx, 0, &base);
	dlt_btc_tx_serialize(tx, 1, &full);
	dlt_sha256d(base.data, base.len, ids->txid);
	dlt_sha256d(full.data, full.len, ids->wtxid);
	ids->base_size = base.len;
	ids->size = full.len;
	ids->weight = base.len * 3 + full.len;
	ids->vsize = (ids->weight + 3) / 4;
	dlt_buf_free(&base);
	dlt_buf_free(&full);
}

void dlt_btc_hash_hex(const uint8_t hash[32], char out[65])
{
	uint8_t rev[32];
	for (int i = 0; i < 32; i++)
		rev[i] = hash[31 - i];
	dlt_hex_encode(out, rev, 32);
}

int dlt_btc_hash_parse(const char *hex, uint8_t hash[32], char *err, size_t errlen)
{
	uint8_t tmp[32];
	size_t n;
	if (strlen(hex) != 64) {
		snprintf(err, errlen, "a hash is 64 hex digits, got %zu characters", strlen(hex));
		return -1;
	}
	if (dlt_hex_decode(hex, 64, tmp, 32, &n, err, errlen) != 0)
		return -1;
	for (int i = 0; i < 32; i++)
		hash[i] = tmp[31 - i];
	return 0;
}
