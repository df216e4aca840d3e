/*
 * btc_sighash.c: legacy, BIP-143 and BIP-341 signature hashes (btc_sighash.h).
 */
#include "crypto/btc_sighash.h"

#include <stdio.h>
#include <string.h>

#include "crypto/btc_ser.h"
#include "crypto/hash.h"

/* ---------- legacy ---------- */

/* Bitcoin Core's GetScriptOp: advances *pc past one opcode and its push data; 0 when the
 * script ends or a push runs past its end (*pc then stays where Core's iterator stops). */
static int script_op(const uint8_t *s, size_t len, size_t *pc, uint8_t *op)
{
	if (*pc >= len)
		return 0;
	*op = s[(*pc)++];
	if (*op <= 0x4e) {
		size_t n;
		if (*op < 0x4c) {
			n = *op;
		} else if (*op == 0x4c) {
			if (len - *pc < 1)
				return 0;
			n = s[(*pc)++];
		} else if (*op == 0x4d) {
			if (len - *pc < 2)
				return 0;
			n = (size_t)s[*pc] | (size_t)s[*pc + 1] << 8;
			*pc += 2;
		} else {
			if (len - *pc < 4)
				return 0;
			n = (size_t)s[*pc] | (size_t)s[*pc + 1] << 8 | (size_t)s[*pc + 2] << 16 |
			    (size_t)s[*pc + 3] << 24;
			*pc += 4;
		}
		if (len - *pc < n)
			return 0;
		*pc += n;
	}
	return 1;
}

/* CTransactionSignatureSerializer::SerializeScriptCode: the script without its
 * OP_CODESEPARATORs, with the length Core writes (size minus the separators found). */
static void legacy_script_code(struct dlt_buf *b, const uint8_t *s, size_t len)
{
	size_t pc = 0, n = 0, begin = 0;
	uint8_t op;
	while (script_op(s, len, &pc, &op))
		if (op == 0xab)
			n++;
	dlt_btc_put_compact(b, len - n);
	pc = 0;
	while (script_op(s, len, &pc, &op))
		if (op == 0xab) {
			dlt_buf_append(b, s + begin, pc - begin - 1);
			begin = pc;
		}
	if (begin != len)
		dlt_buf_append(b, s + begin, pc - begin);
}

void dlt_btc_sighash_legacy(const struct dlt_btc_tx *tx, size_t index, const uint8_t *script_code,
			    size_t script_len, uint32_t hash_type, uint8_t out[32],
			    struct dlt_buf *preimage)
{
	unsigned base = hash_type & 0x1f;
	int anyone = (hash_type & DLT_SIGHASH_ANYONECANPAY) != 0;
	if (index >= tx->nin || (base == DLT_SIGHASH_SINGLE && index >= tx->nout)) {
		memset(out, 0, 32);
		out[0] = 1;
		return;
	}
	struct dlt_buf b = DLT_BUF_INIT;
	dlt_btc_put_le32(&b, (uint32_t)tx->version);
	size_t nin = anyone ? 1 : tx->nin;
	dlt_btc_put_compact(&b, nin);
	for (size_t k = 0; k < nin; k++) {
		size_t i = anyone ? index : k;
		const struct dlt_btc_txin *in = &tx->in[i];
		dlt_buf_append(&b, in->prev_hash, 32);
		dlt_btc_put_le32(&b, in->prev_index);
		if (i == index)
			legacy_script_code(&b, script_code, script_len);
		else
			dlt_btc_put_compact(&b, 0);
		int zero_seq =
			i != index && (base == DLT_SIGHASH_NONE || base == DLT_SIGHASH_SINGLE);
		dlt_btc_put_le32(&b, zero_seq ? 0 : in->sequence);
	}
	size_t nout = base == DLT_SIGHASH_NONE     ? 0
		      : base == DLT_SIGHASH_SINGLE ? index + 1
						   : tx->nout;
	dlt_btc_put_compact(&b, nout);
	for (size_t i = 0; i < nout; i++) {
		if (base == DLT_SIGHASH_SINGLE && i != index) {
			dlt_btc_put_le64(&b, UINT64_MAX); /* CTxOut(): value -1, empty script */
			dlt_btc_put_compact(&b, 0);
		} else {
			dlt_btc_put_le64(&b, tx->out[i].value);
			dlt_btc_put_bytes(&b, tx->out[i].script, tx->out[i].script_len);
		}
	}
	dlt_btc_put_le32(&b, tx->locktime);
	dlt_btc_put_le32(&b, hash_type);
	dlt_sha256d(b.data, b.len, out);
	if (preimage)
		dlt_buf_append(preimage, b.data, b.len);
	dlt_buf_free(&b);
}

/* ---------- shared pieces of BIP-143 and BIP-341 ---------- */

static void put_output(struct dlt_buf *b, const struct dlt_btc_txout *o)
{
	dlt_btc_put_le64(b, o->value);
	dlt_btc_put_bytes(b, o->script, o->script_len);
}

static void put_outpoint(struct dlt_buf *b, const struct dlt_btc_txin *in)
{
	dlt_buf_append(b, in->prev_hash, 32);
	dlt_btc_put_le32(b, in->prev_index);
}

/* what = 'p' prevouts, 's' sequences, 'o' outputs; double = SHA256d (BIP-143) or SHA256 */
static void hash_all(const struct dlt_btc_tx *tx, char what, int twice, uint8_t out[32])
{
	struct dlt_buf b = DLT_BUF_INIT;
	if (what == 'p')
		for (size_t i = 0; i < tx->nin; i++)
			put_outpoint(&b, &tx->in[i]);
	else if (what == 's')
		for (size_t i = 0; i < tx->nin; i++)
			dlt_btc_put_le32(&b, tx->in[i].sequence);
	else
		for (size_t i = 0; i < tx->nout; i++)
			put_output(&b, &tx->out[i]);
	if (twice)
		dlt_sha256d(b.data, b.len, out);
	else
		dlt_sha256(b.data, b.len, out);
	dlt_buf_free(&b);
}

/* ---------- BIP-143 ---------- */

int dlt_btc_sighash_v0(const struct dlt_btc_tx *tx, size_t index, const uint8_t *script_code,
		       size_t script_len, uint64_t amount, uint32_t hash_type, uint8_t out[32],
		       struct dlt_buf *preimage, char *err, size_t errlen)
{
	unsigned base = hash_type & 0x1f;
	int anyone = (hash_type & DLT_SIGHASH_ANYONECANPAY) != 0;
	uint8_t prevouts[32] = { 0 }, sequences[32] = { 0 }, outputs[32] = { 0 };
	if (index >= tx->nin) {
		snprintf(err, errlen,
			 "input index %zu out of range (the transaction has %zu inputs)", index,
			 tx->nin);
		return -1;
	}
	if (!anyone)
		hash_all(tx, 'p', 1, prevouts);
	if (!anyone && base != DLT_SIGHASH_SINGLE && base != DLT_SIGHASH_NONE)
		hash_all(tx, 's', 1, sequences);
	if (base != DLT_SIGHASH_SINGLE && base != DLT_SIGHASH_NONE) {
		hash_all(tx, 'o', 1, outputs);
	} else if (base == DLT_SIGHASH_SINGLE && index < tx->nout) {
		struct dlt_buf o = DLT_BUF_INIT;
		put_output(&o, &tx->out[index]);
		dlt_sha256d(o.data, o.len, outputs);
		dlt_buf_free(&o);
	}
	struct dlt_buf b = DLT_BUF_INIT;
	dlt_btc_put_le32(&b, (uint32_t)tx->version);
	dlt_buf_append(&b, prevouts, 32);
	dlt_buf_append(&b, sequences, 32);
	put_outpoint(&b, &tx->in[index]);
	dlt_btc_put_bytes(&b, script_code, script_len);
	dlt_btc_put_le64(&b, amount);
	dlt_btc_put_le32(&b, tx->in[index].sequence);
	dlt_buf_append(&b, outputs, 32);
	dlt_btc_put_le32(&b, tx->locktime);
	dlt_btc_put_le32(&b, hash_type);
	dlt_sha256d(b.data, b.len, out);
	if (preimage)
		dlt_buf_append(preimage, b.data, b.len);
	dlt_buf_free(&b);
	return 0;
}

/* ---------- BIP-341 ---------- */

int dlt_btc_sighash_taproot(const struct dlt_btc_tx *tx, size_t index, uint32_t hash_type,
			    const struct dlt_btc_taproot_spend *sp, uint8_t out[32],
			    struct dlt_buf *preimage, char *err, size_t errlen)
{
	unsigned base = hash_type & 0x03;
	int anyone = (hash_type & DLT_SIGHASH_ANYONECANPAY) != 0;
	if (!(hash_type <= 0x03 || (hash_type >= 0x81 && hash_type <= 0x83))) {
		snprintf(err, errlen,
			 "hash type 0x%02x is not valid for taproot (0x00-0x03, 0x81-0x83)",
			 (unsigned)hash_type);
		return -1;
	}
	if (index >= tx->nin) {
		snprintf(err, errlen,
			 "input index %zu out of range (the transaction has %zu inputs)", index,
			 tx->nin);
		return -1;
	}
	if (sp->nspent != tx->nin) {
		snprintf(err, errlen,
			 "%zu spent outputs given for %zu inputs (BIP-341 needs one per "
			 "input)",
			 sp->nspent, tx->nin);
		return -1;
	}
	if (base == DLT_SIGHASH_SINGLE && index >= tx->nout) {
		snprintf(err, errlen, "SIGHASH_SINGLE for input %zu without an output %zu", index,
			 index);
		return -1;
	}
	if (sp->annex && (sp->annex_len == 0 || sp->annex[0] != 0x50)) {
		snprintf(err, errlen, "an annex starts with 0x50");
		return -1;
	}
	struct dlt_buf b = DLT_BUF_INIT, t = DLT_BUF_INIT;
	uint8_t h[32];
	dlt_buf_push(&b, 0x00); /* epoch */
	dlt_buf_push(&b, (uint8_t)hash_type);
	dlt_btc_put_le32(&b, (uint32_t)tx->version);
	dlt_btc_put_le32(&b, tx->locktime);
	if (!anyone) {
		hash_all(tx, 'p', 0, h);
		dlt_buf_append(&b, h, 32);
		for (size_t i = 0; i < sp->nspent; i++)
			dlt_btc_put_le64(&t, sp->spent[i].value);
		dlt_sha256(t.data, t.len, h);
		dlt_buf_append(&b, h, 32);
		dlt_buf_reset(&t);
		for (size_t i = 0; i < sp->nspent; i++)
			dlt_btc_put_bytes(&t, sp->spent[i].script, sp->spent[i].script_len);
		dlt_sha256(t.data, t.len, h);
		dlt_buf_append(&b, h, 32);
		dlt_buf_reset(&t);
		hash_all(tx, 's', 0, h);
		dlt_buf_append(&b, h, 32);
	}
	if (base != DLT_SIGHASH_NONE && base != DLT_SIGHASH_SINGLE) {
		hash_all(tx, 'o', 0, h);
		dlt_buf_append(&b, h, 32);
	}
	dlt_buf_push(&b, (uint8_t)((sp->leaf_hash ? 2 : 0) + (sp->annex ? 1 : 0)));
	if (anyone) {
		put_outpoint(&b, &tx->in[index]);
		dlt_btc_put_le64(&b, sp->spent[index].value);
		dlt_btc_put_bytes(&b, sp->spent[index].script, sp->spent[index].script_len);
		dlt_btc_put_le32(&b, tx->in[index].sequence);
	} else {
		dlt_btc_put_le32(&b, (uint32_t)index);
	}
	if (sp->annex) {
		dlt_btc_put_bytes(&t, sp->annex, sp->annex_len);
		dlt_sha256(t.data, t.len, h);
		dlt_buf_append(&b, h, 32);
		dlt_buf_reset(&t);
	}
	if (base == DLT_SIGHASH_SINGLE) {
		put_output(&t, &tx->out[index]);
		dlt_sha256(t.data, t.len, h);
		dlt_buf_append(&b, h, 32);
	}
	if (sp->leaf_hash) {
		dlt_buf_append(&b, sp->leaf_hash, 32);
		dlt_buf_push(&b, 0x00); /* key_version */
		dlt_btc_put_le32(&b, sp->codesep_pos);
	}
	dlt_sha256_tagged("TapSighash", b.data, b.len, out);
	if (preimage)
		dlt_buf_append(preimage, b.data, b.len);
	dlt_buf_free(&b);
	dlt_buf_free(&t);
	return 0;
}
