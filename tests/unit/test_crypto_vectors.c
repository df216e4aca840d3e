/*
 * test_crypto_vectors.c: recomputes every case of every vector file in vectors/ with the
 * project's own primitives (crypto/), so that a wrong vector or a wrong primitive fails here.
 * Vector files are read at run time from $DLT_SOURCE_DIR/vectors (the Makefile exports it),
 * else ../vectors or vectors. A vector file without a checker here is a failure. The edge cases
 * the vectors do not cover are in test_crypto.c.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "crypto/crypto.h"
#include "runner/vectors.h"
#include "common/file.h"
#include "common/mem.h"
#include "tap.h"
#include "crypto_check.h"
#include "vector_checks.h"

/* ---------- small helpers ---------- */

static const char *jstr(const cJSON *obj, const char *key)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(m) ? m->valuestring : NULL;
}

static const cJSON *jget(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* a JSON integer (number) or decimal / 0x-hex string as u256 */
static int ju256(const cJSON *v, dlt_u256 *out, char *err)
{
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		if (d < 0 || d > 9007199254740992.0 || d != (double)(uint64_t)d) {
			snprintf(err, ERRLEN, "number %g is not a safe non-negative integer", d);
			return -1;
		}
		dlt_u256_from_u64(out, (uint64_t)d);
		return 0;
	}
	if (cJSON_IsString(v))
		return dlt_u256_parse(out, v->valuestring, err, ERRLEN);
	snprintf(err, ERRLEN, "not a number or numeric string");
	return -1;
}

static uint64_t ju64(const cJSON *v)
{
	return cJSON_IsNumber(v) ? (uint64_t)v->valuedouble : 0;
}

static int same_str(const char *what, const char *got, const char *want)
{
	int ok = got && want && strcmp(got, want) == 0;
	if (!ok)
		tap_diag("%s: got %s, expected %s", what, got ? got : "(none)",
			 want ? want : "(none)");
	return ok;
}

/* decode a 0x hex string into a new buffer; NULL on error (diagnosed) */
static uint8_t *hexbuf(const char *s, size_t *len)
{
	uint8_t *p;
	char err[ERRLEN];
	if (!s) {
		tap_diag("missing hex string");
		return NULL;
	}
	if (dlt_hex_decode_alloc(s, strlen(s), &p, len, err, sizeof err) != 0) {
		tap_diag("%s", err);
		return NULL;
	}
	return p;
}

static void reverse(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		uint8_t t = p[i];
		p[i] = p[n - 1 - i];
		p[n - 1 - i] = t;
	}
}

static void put_le32(struct dlt_buf *b, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		dlt_buf_push(b, (uint8_t)(v >> (8 * i)));
}

static void put_le64(struct dlt_buf *b, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		dlt_buf_push(b, (uint8_t)(v >> (8 * i)));
}

/* ---------- keccak256.json ---------- */

static int check_keccak(const cJSON *cs)
{
	const cJSON *in = jget(cs, "input"), *ex = jget(cs, "expected");
	size_t n;
	uint8_t *data = hexbuf(jstr(in, "data"), &n), h[32];
	int ok = data != NULL;
	if (ok) {
		dlt_keccak256(data, n, h);
		ok = same_hex("keccak256", h, 32, jstr(ex, "hash"));
		const char *text = jstr(in, "text");
		if (text && (strlen(text) != n || memcmp(text, data, n) != 0)) {
			tap_diag("input.text does not match input.data");
			ok = 0;
		}
	}
	free(data);
	return ok;
}

/* ---------- transactions (eip155-example.json, eip1559.json) ---------- */

/* fill tx from the dlt.eth.sign_* style input object */
static int tx_from_json(const cJSON *in, struct dlt_eth_tx *tx, uint8_t key[32], uint8_t **data)
{
	char err[ERRLEN];
	const char *to = jstr(in, "to");
	size_t dl = 0;
	int is1559 = tx->type == DLT_ETH_TX_1559;
	struct {
		const char *name;
		dlt_u256 *dst;
		int needed;
	} nums[] = {
		{ "chain_id", &tx->chain_id, 1 },
		{ "nonce", &tx->nonce, 1 },
		{ "gas", &tx->gas, 1 },
		{ "value", &tx->value, 1 },
		{ "gas_price", &tx->gas_price, !is1559 },
		{ "max_priority_fee", &tx->max_priority_fee, is1559 },
		{ "max_fee", &tx->max_fee, is1559 },
	};
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		if (!nums[i].needed)
			continue;
		if (ju256(jget(in, nums[i].name), nums[i].dst, err) != 0) {
			tap_diag("input.%s: %s", nums[i].name, err);
			return -1;
		}
	}
	tx->has_to = to != NULL;
	if (to && dlt_eth_parse_address(to, tx->to, err, sizeof err) != 0) {
		tap_diag("input.to: %s", err);
		return -1;
	}
	*data = hexbuf(jstr(in, "data") ? jstr(in, "data") : "0x", &dl);
	if (!*data)
		return -1;
	tx->data = *data;
	tx->data_len = dl;
	if (!jstr(in, "key") ||
	    dlt_hex_decode_exact(jstr(in, "key"), key, 32, err, sizeof err) != 0) {
		tap_diag("input.key: %s", jstr(in, "key") ? err : "missing");
		return -1;
	}
	return 0;
}

static int check_eip155(const cJSON *cs)
{
	const cJSON *in = jget(cs, "input"), *ex = jget(cs, "expected");
	struct dlt_eth_tx tx;
	struct dlt_eth_signed s;
	uint8_t key[32], *data = NULL;
	char err[ERRLEN], str[DLT_U256_DEC_MAX], addr[DLT_ETH_ADDRESS_STR];
	memset(&tx, 0, sizeof tx);
	tx.type = DLT_ETH_TX_LEGACY;
	if (tx_from_json(in, &tx, key, &data) != 0) {
		free(data);
		return 0;
	}
	if (dlt_eth_sign(&tx, key, &s, err, sizeof err) != 0) {
		tap_diag("sign: %s", err);
		free(data);
		return 0;
	}
	int ok = same_hex("signing_data", s.signing_data, s.signing_len, jstr(ex, "signing_data"));
	ok &= same_hex("signing_hash", s.signing_hash, 32, jstr(ex, "signing_hash"));
	ok &= same_hex("r", s.r, 32, jstr(ex, "r"));
	ok &= same_hex("s", s.s, 32, jstr(ex, "s"));
	ok &= same_hex("raw", s.raw, s.raw_len, jstr(ex, "raw"));
	ok &= same_hex("hash", s.hash, 32, jstr(ex, "hash"));
	dlt_u256_to_dec(&s.v, str);
	char want_v[32];
	snprintf(want_v, sizeof want_v, "%llu", (unsigned long long)ju64(jget(ex, "v")));
	ok &= same_str("v", str, want_v);
	dlt_eth_checksum(s.sender, addr);
	ok &= same_str("sender", addr, jstr(ex, "sender"));
	ok &= raw_roundtrip(s.raw, s.raw_len, 9);
	dlt_eth_signed_free(&s);
	free(data);
	return ok;
}

static int check_eip1559(const cJSON *cs)
{
	const cJSON *in = jget(cs, "input"), *ex = jget(cs, "expected");
	struct dlt_eth_tx tx;
	struct dlt_eth_signed s;
	uint8_t key[32], *data = NULL, addr[20], h[32];
	char err[ERRLEN];
	memset(&tx, 0, sizeof tx);
	tx.type = DLT_ETH_TX_1559;
	if (tx_from_json(in, &tx, key, &data) != 0) {
		free(data);
		return 0;
	}
	if (dlt_eth_sign(&tx, key, &s, err, sizeof err) != 0) {
		tap_diag("sign: %s", err);
		free(data);
		return 0;
	}
	/* the source wraps the envelope in one more RLP byte string */
	size_t wl;
	uint8_t *wrapped = hexbuf(jstr(ex, "wrapped"), &wl);
	struct dlt_rlp_item *it = NULL;
	int ok = wrapped && dlt_rlp_decode(wrapped, wl, &it, err, sizeof err) == 0 && !it->is_list;
	if (ok) {
		char *want = dlt_hex_encode_alloc(it->data, it->len);
		ok = same_hex("raw", s.raw, s.raw_len, want);
		free(want);
	} else {
		tap_diag("expected.wrapped is not an RLP byte string: %s", err);
	}
	ok &= s.raw[0] == 0x02;
	ok &= s.signing_data[0] == 0x02;
	dlt_keccak256(s.signing_data, s.signing_len, h);
	ok &= memcmp(h, s.signing_hash, 32) == 0;
	dlt_keccak256(s.raw, s.raw_len, h);
	ok &= memcmp(h, s.hash, 32) == 0;
	if (dlt_eth_address_from_privkey(key, addr, err, sizeof err) != 0 ||
	    memcmp(addr, s.sender, 20) != 0) {
		tap_diag("sender is not the key's address");
		ok = 0;
	}
	ok &= raw_roundtrip(s.raw, s.raw_len, 12);
	dlt_rlp_free(it);
	free(wrapped);
	dlt_eth_signed_free(&s);
	free(data);
	return ok;
}

/* ---------- eip55.json ---------- */

static int check_eip55(const cJSON *cs)
{
	const cJSON *in = jget(cs, "input"), *ex = jget(cs, "expected");
	uint8_t a[20];
	char err[ERRLEN], got[DLT_ETH_ADDRESS_STR];
	const char *want = jstr(ex, "checksum");
	if (dlt_eth_parse_address(jstr(in, "address") ? jstr(in, "address") : "", a, err,
				  sizeof err) != 0) {
		tap_diag("input.address: %s", err);
		return 0;
	}
	dlt_eth_checksum(a, got);
	int ok = same_str("checksum", got, want);
	ok &= dlt_eth_checksum_valid(want);
	/* flipping the case of one letter must break a mixed-case checksum */
	char flipped[DLT_ETH_ADDRESS_STR];
	snprintf(flipped, sizeof flipped, "%s", want ? want : "");
	for (int i = 2; flipped[i]; i++) {
		if (flipped[i] >= 'a' && flipped[i] <= 'f') {
			flipped[i] = (char)(flipped[i] - 'a' + 'A');
			if (dlt_eth_checksum_valid(flipped)) {
				tap_diag("%s accepted as a valid checksum", flipped);
				ok = 0;
			}
			break;
		}
		if (flipped[i] >= 'A' && flipped[i] <= 'F') {
			flipped[i] = (char)(flipped[i] - 'A' + 'a');
			if (dlt_eth_checksum_valid(flipped)) {
				tap_diag("%s accepted as a valid checksum", flipped);
				ok = 0;
			}
			break;
		}
	}
	return ok;
}

/* ---------- rlp-valid.json / rlp-invalid.json ---------- */

/* decimal string of any size to minimal big-endian bytes */
static int bigint_bytes(const char *dec, uint8_t *out, size_t cap, size_t *len)
{
	size_t n = 0; /* out[0..n) little-endian while building */
	for (const char *p = dec; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		unsigned carry = (unsigned)(*p - '0');
		for (size_t i = 0; i < n; i++) {
			unsigned v = out[i] * 10u + carry;
			out[i] = (uint8_t)v;
			carry = v >> 8;
		}
		while (carry) {
			if (n >= cap)
				return -1;
			out[n++] = (uint8_t)carry;
			carry >>= 8;
		}
	}
	reverse(out, n);
	*len = n;
	return 0;
}

/* the bytes an input item stands for (strings, integers); -1 for lists or bad items */
static int item_bytes(const cJSON *v, uint8_t **out, size_t *len)
{
	uint8_t tmp[64];
	if (cJSON_IsString(v)) {
		*len = strlen(v->valuestring);
		*out = malloc(*len + 1);
		memcpy(*out, v->valuestring, *len);
		return 0;
	}
	if (cJSON_IsNumber(v)) {
		dlt_u256 u;
		dlt_u256_from_u64(&u, (uint64_t)v->valuedouble);
		*out = malloc(32);
		*len = dlt_u256_to_bytes(&u, *out);
		return 0;
	}
	if (cJSON_IsObject(v) && jstr(v, "bytes")) {
		*out = hexbuf(jstr(v, "bytes"), len);
		return *out ? 0 : -1;
	}
	if (cJSON_IsObject(v) && jstr(v, "bigint")) {
		if (bigint_bytes(jstr(v, "bigint"), tmp, sizeof tmp, len) != 0)
			return -1;
		*out = malloc(*len + 1);
		memcpy(*out, tmp, *len);
		return 0;
	}
	return -1;
}

static int rlp_encode_json(struct dlt_buf *b, const cJSON *v)
{
	if (cJSON_IsArray(v)) {
		size_t mark = dlt_rlp_list_begin(b);
		const cJSON *c;
		cJSON_ArrayForEach (c, v)
			if (rlp_encode_json(b, c) != 0)
				return -1;
		dlt_rlp_list_end(b, mark);
		return 0;
	}
	uint8_t *p;
	size_t n;
	if (item_bytes(v, &p, &n) != 0)
		return -1;
	dlt_rlp_encode_bytes(b, p, n);
	free(p);
	return 0;
}

static int rlp_same_tree(const struct dlt_rlp_item *it, const cJSON *v)
{
	if (cJSON_IsArray(v)) {
		if (!it->is_list || it->count != (size_t)cJSON_GetArraySize(v))
			return 0;
		size_t i = 0;
		const cJSON *c;
		cJSON_ArrayForEach (c, v)
			if (!rlp_same_tree(&it->items[i++], c))
				return 0;
		return 1;
	}
	uint8_t *p;
	size_t n;
	if (it->is_list || item_bytes(v, &p, &n) != 0)
		return 0;
	int same = n == it->len && (n == 0 || memcmp(p, it->data, n) == 0);
	free(p);
	return same;
}

static int check_rlp_valid(const cJSON *cs)
{
	const cJSON *in = jget(cs, "input"), *ex = jget(cs, "expected");
	struct dlt_buf b = DLT_BUF_INIT, b2 = DLT_BUF_INIT;
	char err[ERRLEN];
	int ok = rlp_encode_json(&b, in) == 0;
	if (!ok)
		tap_diag("input is not an RLP item");
	else
		ok = same_hex("encode", b.data, b.len, jstr(ex, "rlp"));
	size_t n;
	uint8_t *enc = hexbuf(jstr(ex, "rlp"), &n);
	struct dlt_rlp_item *it = NULL;
	if (!enc || dlt_rlp_decode(enc, n, &it, err, sizeof err) != 0) {
		tap_diag("decode: %s", enc ? err : "bad hex");
		ok = 0;
	} else {
		if (!rlp_same_tree(it, in)) {
			tap_diag("decoded item differs from the input");
			ok = 0;
		}
		dlt_rlp_encode_item(&b2, it);
		ok &= same_hex("re-encode", b2.data, b2.len, jstr(ex, "rlp"));
	}
	dlt_rlp_free(it);
	free(enc);
	dlt_buf_free(&b);
	dlt_buf_free(&b2);
	return ok;
}

static int check_rlp_invalid(const cJSON *cs)
{
	const cJSON *in = jget(cs, "input"), *ex = jget(cs, "expected");
	char err[ERRLEN] = "";
	size_t n;
	uint8_t *enc = hexbuf(jstr(in, "rlp"), &n);
	struct dlt_rlp_item *it = NULL;
	if (!enc)
		return 0;
	if (!cJSON_IsFalse(jget(ex, "valid"))) {
		tap_diag("expected.valid must be false in rlp-invalid");
		free(enc);
		return 0;
	}
	int rc = dlt_rlp_decode(enc, n, &it, err, sizeof err);
	int ok = rc != 0 && !it;
	if (rc == 0)
		tap_diag("decoded, but must be rejected");
	const char *want = jstr(ex, "error");
	if (rc != 0 && want && !strstr(err, want)) {
		tap_diag("rejected with \"%s\", expected \"%s\"", err, want);
		ok = 0;
	}
	dlt_rlp_free(it);
	free(enc);
	return ok;
}

/* ---------- create-address.json ---------- */

static int check_create(const cJSON *cs)
{
	const cJSON *in = jget(cs, "input"), *ex = jget(cs, "expected");
	uint8_t sender[20], addr[20];
	dlt_u256 nonce;
	char err[ERRLEN], got[DLT_ETH_ADDRESS_STR];
	struct dlt_buf pre = DLT_BUF_INIT;
	if (dlt_eth_parse_address(jstr(in, "sender") ? jstr(in, "sender") : "", sender, err,
				  sizeof err) != 0 ||
	    ju256(jget(in, "nonce"), &nonce, err) != 0) {
		tap_diag("input: %s", err);
		return 0;
	}
	dlt_eth_create_address(sender, &nonce, addr, &pre);
	int ok = same_hex("rlp", pre.data, pre.len, jstr(ex, "rlp"));
	ok &= same_hex("address", addr, 20, jstr(ex, "address"));
	if (jstr(ex, "checksum")) {
		dlt_eth_checksum(addr, got);
		ok &= same_str("checksum", got, jstr(ex, "checksum"));
	}
	dlt_buf_free(&pre);
	return ok;
}

/* ---------- dev-accounts.json ---------- */

static int check_dev_account(const cJSON *cs)
{
	const cJSON *in = jget(cs, "input"), *ex = jget(cs, "expected");
	uint8_t seed[64], key[32], addr[20];
	char err[ERRLEN], got[DLT_ETH_ADDRESS_STR];
	const char *mn = jstr(in, "mnemonic"), *pass = jstr(in, "passphrase"),
		   *path = jstr(in, "path");
	if (!mn) {
		tap_diag("input.mnemonic missing");
		return 0;
	}
	dlt_bip39_seed(mn, pass ? pass : "", seed);
	if (!path)
		return same_hex("seed", seed, 64, jstr(ex, "seed"));
	if (dlt_bip32_derive(seed, 64, path, key, err, sizeof err) != 0) {
		tap_diag("derive: %s", err);
		return 0;
	}
	int ok = same_hex("private_key", key, 32, jstr(ex, "private_key"));
	if (dlt_eth_address_from_privkey(key, addr, err, sizeof err) != 0) {
		tap_diag("address: %s", err);
		return 0;
	}
	dlt_eth_checksum(addr, got);
	ok &= same_str("address", got, jstr(ex, "address"));
	return ok;
}

/* ---------- bech32.json ---------- */

/* the BIPs' reasons and words the project's error messages must then contain */
static const struct {
	const char *reason, *word1, *word2;
} reason_words[] = {
	{ "HRP character out of range", "out of range", NULL },
	{ "overall max length exceeded", "max length", NULL },
	{ "No separator character", "no separator", NULL },
	{ "Empty HRP", "empty HRP", NULL },
	{ "empty HRP", "empty HRP", NULL },
	{ "Invalid data character", "invalid data character", NULL },
	{ "Too short checksum", "too short checksum", NULL },
	{ "Invalid character in checksum", "invalid checksum character", "out of range" },
	{ "checksum calculated with uppercase form of HRP", "invalid checksum", NULL },
	{ "Invalid human-readable part", "human-readable part", NULL },
	{ "Invalid checksum (Bech32 instead of Bech32m)", "Bech32 instead of Bech32m", NULL },
	{ "Invalid checksum (Bech32m instead of Bech32)", "Bech32m instead of Bech32", NULL },
	{ "Invalid checksum", "invalid checksum", NULL },
	{ "Invalid witness version", "witness version", NULL },
	{ "Invalid program length (1 byte)", "program length", NULL },
	{ "Invalid program length (41 bytes)", "program length", NULL },
	{ "Invalid program length for witness version 0 (per BIP141)", "witness version 0", NULL },
	{ "Mixed case", "mixed case", NULL },
	{ "zero padding of more than 4 bits", "more than 4 bits", NULL },
	{ "Non-zero padding in 8-to-5 conversion", "non-zero padding", NULL },
	{ "Empty data section", "empty data section", NULL },
	{ "v1+ program with a Bech32 checksum (valid before BIP-350)", "Bech32 instead of Bech32m",
	  NULL },
};

static int reason_matches(const char *reason, const char *err)
{
	for (size_t i = 0; i < sizeof reason_words / sizeof reason_words[0]; i++) {
		if (strcmp(reason_words[i].reason, reason) == 0)
			return strstr(err, reason_words[i].word1) ||
			       (reason_words[i].word2 && strstr(err, reason_words[i].word2));
	}
	tap_diag("no wording known for reason \"%s\"", reason);
	return 0;
}

static int check_bech32_string(const cJSON *in, const cJSON *ex)
{
	char hrp[84], err[ERRLEN], back[DLT_BECH32_STR];
	uint8_t data[90];
	size_t dl, slen;
	enum dlt_bech32_spec spec;
	char *str;
	if (jstr(in, "string")) {
		str = strdup(jstr(in, "string"));
		slen = strlen(str);
	} else {
		str = (char *)hexbuf(jstr(in, "bytes"), &slen);
		if (!str)
			return 0;
	}
	int rc = dlt_bech32_decode(str, slen, hrp, data, &dl, &spec, err, sizeof err);
	int valid = cJSON_IsTrue(jget(ex, "valid")), ok;
	if (valid) {
		ok = rc == 0;
		if (!ok)
			tap_diag("decode: %s", err);
		else {
			const char *want = jstr(ex, "spec");
			ok &= same_str("spec", spec == DLT_BECH32 ? "bech32" : "bech32m", want);
			ok &= same_str("hrp", hrp, jstr(ex, "hrp"));
			if (dlt_bech32_encode(back, hrp, data, dl, spec, err, sizeof err) != 0) {
				tap_diag("re-encode: %s", err);
				ok = 0;
			} else {
				for (size_t i = 0; i < slen; i++)
					str[i] = (char)((str[i] >= 'A' && str[i] <= 'Z')
								? str[i] - 'A' + 'a'
								: str[i]);
				ok &= strlen(back) == slen && memcmp(back, str, slen) == 0;
			}
		}
	} else {
		ok = rc != 0;
		if (!ok)
			tap_diag("decoded, but must be rejected");
		else if (jstr(ex, "reason") && !reason_matches(jstr(ex, "reason"), err)) {
			tap_diag("rejected with \"%s\" for \"%s\"", err, jstr(ex, "reason"));
			ok = 0;
		}
	}
	free(str);
	return ok;
}

static int check_segwit(const cJSON *in, const cJSON *ex)
{
	const char *addr = jstr(in, "address"), *hrp = jstr(in, "hrp");
	char err[ERRLEN], back[DLT_BECH32_STR], lower[DLT_BECH32_STR + 8];
	uint8_t prog[40];
	size_t pl;
	int ver, ok;
	if (!addr)
		return 0;
	if (cJSON_IsTrue(jget(ex, "valid"))) {
		if (dlt_segwit_decode(hrp, addr, &ver, prog, &pl, NULL, err, sizeof err) != 0) {
			tap_diag("decode: %s", err);
			return 0;
		}
		ok = ver == (int)ju64(jget(ex, "witver"));
		if (!ok)
			tap_diag("witver %d", ver);
		ok &= same_hex("program", prog, pl, jstr(ex, "program"));
		uint8_t spk[42];
		spk[0] = (uint8_t)(ver ? 0x50 + ver : 0);
		spk[1] = (uint8_t)pl;
		memcpy(spk + 2, prog, pl);
		ok &= same_hex("script_pubkey", spk, pl + 2, jstr(ex, "script_pubkey"));
		if (dlt_segwit_encode(back, hrp, ver, prog, pl, err, sizeof err) != 0) {
			tap_diag("encode: %s", err);
			return 0;
		}
		size_t n = strlen(addr);
		for (size_t i = 0; i <= n && i < sizeof lower; i++)
			lower[i] = (char)((addr[i] >= 'A' && addr[i] <= 'Z') ? addr[i] - 'A' + 'a'
									     : addr[i]);
		ok &= same_str("re-encode", back, lower);
		return ok;
	}
	/* invalid: refused under both main and test HRPs; the reason from the address's own */
	int is_tb = (addr[0] == 't' || addr[0] == 'T') && (addr[1] == 'b' || addr[1] == 'B');
	char own_err[ERRLEN] = "";
	ok = 1;
	const char *hrps[2] = { "bc", "tb" };
	for (int i = 0; i < 2; i++) {
		if (hrp && strcmp(hrp, hrps[i]) != 0)
			continue;
		if (dlt_segwit_decode(hrps[i], addr, &ver, prog, &pl, NULL, err, sizeof err) == 0) {
			tap_diag("decoded with HRP %s, but must be rejected", hrps[i]);
			ok = 0;
		} else if (i == is_tb || hrp) {
			snprintf(own_err, sizeof own_err, "%s", err);
		}
	}
	if (ok && jstr(ex, "reason") && !reason_matches(jstr(ex, "reason"), own_err)) {
		tap_diag("rejected with \"%s\" for \"%s\"", own_err, jstr(ex, "reason"));
		ok = 0;
	}
	if (cJSON_IsTrue(jget(ex, "bech32_valid"))) {
		char h[84];
		uint8_t d[90];
		size_t dl;
		enum dlt_bech32_spec spec;
		if (dlt_bech32_decode(addr, strlen(addr), h, d, &dl, &spec, err, sizeof err) != 0) {
			tap_diag("not a valid bech32 string: %s", err);
			ok = 0;
		} else {
			ok &= same_str("spec", spec == DLT_BECH32 ? "bech32" : "bech32m",
				       jstr(ex, "spec"));
		}
	}
	return ok;
}

static int check_bip173_example(const cJSON *in, const cJSON *ex)
{
	size_t pl;
	uint8_t *pub = hexbuf(jstr(in, "pubkey"), &pl), prog[32], g[65], one[32] = { 0 };
	char err[ERRLEN], addr[DLT_BECH32_STR];
	const char *type = jstr(in, "type");
	int ok = 1;
	size_t gl;
	if (!pub || !type)
		return 0;
	/* the example key is the generator: private key 1 */
	one[31] = 1;
	if (dlt_secp256k1_pubkey(one, 1, g, &gl, err, sizeof err) != 0 || gl != pl ||
	    memcmp(g, pub, pl) != 0) {
		tap_diag("the example key is not 1*G");
		ok = 0;
	}
	if (strcmp(type, "p2wpkh") == 0) {
		dlt_hash160(pub, pl, prog);
		ok &= same_hex("hash160", prog, 20, jstr(ex, "hash160"));
		pl = 20;
	} else {
		uint8_t script[67];
		script[0] = (uint8_t)pl;
		memcpy(script + 1, pub, pl);
		script[pl + 1] = 0xac;
		ok &= same_hex("script", script, pl + 2, jstr(ex, "script"));
		dlt_sha256(script, pl + 2, prog);
		ok &= same_hex("sha256", prog, 32, jstr(ex, "sha256"));
		pl = 32;
	}
	if (dlt_segwit_encode(addr, jstr(in, "hrp"), 0, prog, pl, err, sizeof err) != 0) {
		tap_diag("encode: %s", err);
		ok = 0;
	} else {
		ok &= same_str("address", addr, jstr(ex, "address"));
	}
	free(pub);
	return ok;
}

static int check_bech32(const cJSON *cs)
{
	const cJSON *in = jget(cs, "input"), *ex = jget(cs, "expected");
	if (jstr(in, "string") || jstr(in, "bytes"))
		return check_bech32_string(in, ex);
	if (jstr(in, "address"))
		return check_segwit(in, ex);
	if (jstr(in, "pubkey"))
		return check_bip173_example(in, ex);
	tap_diag("unknown bech32 case kind");
	return 0;
}

/* ---------- bitcoin-genesis.json / litecoin-genesis.json ---------- */

/* a script push of n bytes (n < 76, enough for these transactions) */
static void push_data(struct dlt_buf *b, const uint8_t *p, size_t n)
{
	if (n >= 0x4c) {
		dlt_buf_push(b, 0x4c);
	}
	dlt_buf_push(b, (uint8_t)n);
	dlt_buf_append(b, p, n);
}

/* CScriptNum serialization: minimal little-endian, sign bit kept clear */
static void push_num(struct dlt_buf *b, uint64_t v)
{
	uint8_t le[9];
	size_t n = 0;
	for (uint64_t t = v; t; t >>= 8)
		le[n++] = (uint8_t)t;
	if (n && (le[n - 1] & 0x80))
		le[n++] = 0;
	push_data(b, le, n);
}

static int coinbase_raw(const cJSON *in, struct dlt_buf *tx)
{
	char err[ERRLEN];
	struct dlt_buf sig = DLT_BUF_INIT, spk = DLT_BUF_INIT;
	const char *ts = jstr(in, "psz_timestamp"), *bits = jstr(in, "script_sig_bits");
	size_t pl;
	uint8_t *pub = hexbuf(jstr(in, "output_pubkey"), &pl), zero[32] = { 0 };
	dlt_u256 b;
	uint64_t bits64;
	if (!ts || !bits || !pub)
		return -1;
	char prefixed[16];
	snprintf(prefixed, sizeof prefixed, "0x%s", bits);
	if (dlt_u256_parse(&b, prefixed, err, sizeof err) != 0 || !dlt_u256_to_u64(&b, &bits64)) {
		free(pub);
		return -1;
	}
	push_num(&sig, bits64);
	push_num(&sig, 4);
	push_data(&sig, (const uint8_t *)ts, strlen(ts));
	push_data(&spk, pub, pl);
	dlt_buf_push(&spk, 0xac); /* OP_CHECKSIG */
	put_le32(tx, 1); /* version */
	dlt_buf_push(tx, 1); /* one input */
	dlt_buf_append(tx, zero, 32); /* null outpoint */
	put_le32(tx, 0xffffffff);
	dlt_buf_push(tx, (uint8_t)sig.len);
	dlt_buf_append(tx, sig.data, sig.len);
	put_le32(tx, 0xffffffff); /* sequence */
	dlt_buf_push(tx, 1); /* one output */
	put_le64(tx, ju64(jget(in, "reward")));
	dlt_buf_push(tx, (uint8_t)spk.len);
	dlt_buf_append(tx, spk.data, spk.len);
	put_le32(tx, 0); /* lock time */
	dlt_buf_free(&sig);
	dlt_buf_free(&spk);
	free(pub);
	return 0;
}

static int check_btc_genesis(const cJSON *cs, const cJSON *cases)
{
	const cJSON *in = jget(cs, "input"), *ex = jget(cs, "expected");
	char err[ERRLEN];
	uint8_t h[32];
	int ok = 1;
	if (jstr(in, "psz_timestamp")) {
		struct dlt_buf tx = DLT_BUF_INIT;
		if (coinbase_raw(in, &tx) != 0) {
			tap_diag("bad coinbase input");
			return 0;
		}
		ok = same_hex("raw", tx.data, tx.len, jstr(ex, "raw"));
		dlt_sha256d(tx.data, tx.len, h);
		reverse(h, 32);
		ok &= same_hex("txid", h, 32, jstr(ex, "txid"));
		dlt_buf_free(&tx);
		return ok;
	}
	/* header: version, prev, merkle root, time, bits, nonce */
	struct dlt_buf hdr = DLT_BUF_INIT;
	uint8_t prev[32], merkle[32];
	char hx[80];
	dlt_u256 bits;
	uint64_t bits64;
	snprintf(hx, sizeof hx, "0x%s", jstr(in, "bits") ? jstr(in, "bits") : "");
	if (dlt_hex_decode_exact(jstr(in, "previousblockhash") ? jstr(in, "previousblockhash") : "",
				 prev, 32, err, sizeof err) != 0 ||
	    dlt_hex_decode_exact(jstr(in, "merkleroot") ? jstr(in, "merkleroot") : "", merkle, 32,
				 err, sizeof err) != 0 ||
	    dlt_u256_parse(&bits, hx, err, sizeof err) != 0 || !dlt_u256_to_u64(&bits, &bits64)) {
		tap_diag("input: %s", err);
		return 0;
	}
	reverse(prev, 32);
	reverse(merkle, 32);
	put_le32(&hdr, (uint32_t)ju64(jget(in, "version")));
	dlt_buf_append(&hdr, prev, 32);
	dlt_buf_append(&hdr, merkle, 32);
	put_le32(&hdr, (uint32_t)ju64(jget(in, "time")));
	put_le32(&hdr, (uint32_t)bits64);
	put_le32(&hdr, (uint32_t)ju64(jget(in, "nonce")));
	if (jstr(ex, "header"))
		ok &= same_hex("header", hdr.data, hdr.len, jstr(ex, "header"));
	dlt_sha256d(hdr.data, hdr.len, h);
	reverse(h, 32);
	ok &= same_hex("hash", h, 32, jstr(ex, "hash"));
	if (jstr(ex, "block")) {
		/* header || tx count 1 || the file's coinbase */
		const cJSON *c, *cb = NULL;
		cJSON_ArrayForEach (c, cases)
			if (jstr(jget(c, "input"), "psz_timestamp"))
				cb = c;
		struct dlt_buf blk = DLT_BUF_INIT;
		dlt_buf_append(&blk, hdr.data, hdr.len);
		dlt_buf_push(&blk, 1);
		if (!cb || coinbase_raw(jget(cb, "input"), &blk) != 0) {
			tap_diag("no coinbase case to build the block from");
			ok = 0;
		} else {
			ok &= same_hex("block", blk.data, blk.len, jstr(ex, "block"));
		}
		dlt_buf_free(&blk);
	}
	dlt_buf_free(&hdr);
	return ok;
}

/* ---------- monero-genesis.json ---------- */

static void varint(struct dlt_buf *b, uint64_t v)
{
	while (v >= 0x80) {
		dlt_buf_push(b, (uint8_t)(v | 0x80));
		v >>= 7;
	}
	dlt_buf_push(b, (uint8_t)v);
}

static int check_monero_genesis(const cJSON *cs)
{
	const cJSON *in = jget(cs, "input"), *ex = jget(cs, "expected");
	char err[ERRLEN];
	uint8_t prev[32], txh[32], id[32];
	size_t tl;
	uint8_t *tx = hexbuf(jstr(in, "miner_tx"), &tl);
	if (!tx || dlt_hex_decode_exact(jstr(in, "prev_hash") ? jstr(in, "prev_hash") : "", prev,
					32, err, sizeof err) != 0) {
		free(tx);
		return 0;
	}
	int ok = 1;
	dlt_keccak256(tx, tl, txh); /* version-1 transaction: hash of its bytes */
	if (jstr(ex, "miner_tx_hash"))
		ok &= same_hex("miner_tx_hash", txh, 32, jstr(ex, "miner_tx_hash"));
	struct dlt_buf blob = DLT_BUF_INIT, pre = DLT_BUF_INIT;
	varint(&blob, ju64(jget(in, "major_version")));
	varint(&blob, ju64(jget(in, "minor_version")));
	varint(&blob, ju64(jget(in, "timestamp")));
	dlt_buf_append(&blob, prev, 32);
	put_le32(&blob, (uint32_t)ju64(jget(in, "nonce")));
	dlt_buf_append(&blob, txh, 32); /* tree hash of a single transaction: its hash */
	varint(&blob, 1);
	varint(&pre, blob.len);
	dlt_buf_append(&pre, blob.data, blob.len);
	dlt_keccak256(pre.data, pre.len, id);
	ok &= same_hex("hash", id, 32, jstr(ex, "hash"));
	dlt_buf_free(&blob);
	dlt_buf_free(&pre);
	free(tx);
	return ok;
}

/* ---------- the execution-apis test chain ---------- */

static const char *fixtures_dir; /* vectors/execution-apis-tests, set by run_vectors */

/* chain.rlp is one RLP list per block, back to back: walks them, checking that each block's
 * parentHash is the hash (Keccak-256 of the RLP header) of the one before and that numbers
 * count up from 1. Gives the first parentHash, the last hash and number, the count. */
static int walk_chain(uint8_t genesis[32], uint8_t head[32], uint64_t *number, size_t *blocks)
{
	char err[ERRLEN], *path = dlt_printf("%s/tests/chain.rlp", fixtures_dir);
	size_t len, at = 0;
	uint8_t *raw = (uint8_t *)dlt_read_file(path, &len, err, sizeof err);
	free(path);
	if (!raw) {
		tap_diag("%s", err);
		return 0;
	}
	int ok = 1;
	*blocks = 0;
	while (ok && at < len) {
		/* a long list: 0xf8..0xff, then the payload length in (byte - 0xf7) bytes */
		size_t lol = raw[at] >= 0xf8 ? (size_t)(raw[at] - 0xf7) : 0, plen = 0;
		ok = lol > 0 && at + 1 + lol <= len;
		for (size_t i = 0; ok && i < lol; i++)
			plen = plen << 8 | raw[at + 1 + i];
		size_t total = 1 + lol + plen;
		struct dlt_rlp_item *blk = NULL;
		ok = ok && total <= len - at &&
		     dlt_rlp_decode(raw + at, total, &blk, err, sizeof err) == 0 && blk->count >= 3;
		const struct dlt_rlp_item *h = ok ? &blk->items[0] : NULL;
		ok = ok && h->is_list && h->count >= 15 && h->items[0].len == 32 &&
		     h->items[8].len <= 8;
		if (ok) {
			uint64_t n = 0;
			for (size_t i = 0; i < h->items[8].len; i++)
				n = n << 8 | h->items[8].data[i];
			ok = n == *blocks + 1 &&
			     (*blocks == 0 ? (memcpy(genesis, h->items[0].data, 32), 1)
					   : !memcmp(head, h->items[0].data, 32));
			struct dlt_buf b = { 0 };
			dlt_rlp_encode_item(&b, h);
			dlt_keccak256(b.data, b.len, head);
			dlt_buf_free(&b);
			*number = n;
			++*blocks;
		} else
			tap_diag("chain.rlp: block %zu at byte %zu does not decode as a block: %s",
				 *blocks + 1, at, err);
		dlt_rlp_free(blk);
		at += total;
	}
	free(raw);
	return ok && *blocks > 0;
}

static int check_fixture_chain(const cJSON *cs)
{
	const char *name = jstr(cs, "name");
	const cJSON *exp = jget(cs, "expected");
	char err[ERRLEN];
	if (!strcmp(name, "genesis") || !strcmp(name, "head")) {
		uint8_t genesis[32], head[32];
		uint64_t number = 0;
		size_t blocks = 0;
		if (!walk_chain(genesis, head, &number, &blocks))
			return 0;
		char num[32];
		snprintf(num, sizeof num, "0x%" PRIx64, !strcmp(name, "genesis") ? 0 : number);
		int ok = !strcmp(num, jstr(exp, "number") ? jstr(exp, "number") : "");
		if (!strcmp(name, "head"))
			ok = ok && cJSON_IsNumber(jget(exp, "blocks")) &&
			     (size_t)jget(exp, "blocks")->valuedouble == blocks;
		return ok && same_hex(name, !strcmp(name, "genesis") ? genesis : head, 32,
				      jstr(exp, "hash"));
	}
	char *path = dlt_printf("%s/%s", fixtures_dir, jstr(jget(cs, "input"), "file"));
	cJSON *doc = dlt_load_json_file(path, err, sizeof err);
	free(path);
	if (!doc) {
		tap_diag("%s", err);
		return 0;
	}
	int ok = 0;
	if (!strcmp(name, "chain-id")) {
		const cJSON *id = jget(jget(doc, "config"), "chainId");
		char q[32];
		snprintf(q, sizeof q, "0x%" PRIx64,
			 cJSON_IsNumber(id) ? (uint64_t)id->valuedouble : 0);
		ok = jstr(exp, "chainId") && !strcmp(q, jstr(exp, "chainId"));
	} else if (!strcmp(name, "forkchoice")) {
		const cJSON *st = cJSON_GetArrayItem(jget(doc, "params"), 0);
		ok = jstr(doc, "method") && !strcmp(jstr(doc, "method"), jstr(exp, "method"));
		static const char *const keys[] = { "headBlockHash", "safeBlockHash",
						    "finalizedBlockHash" };
		for (size_t i = 0; i < 3; i++)
			ok = ok && jstr(st, keys[i]) && jstr(exp, keys[i]) &&
			     !strcmp(jstr(st, keys[i]), jstr(exp, keys[i]));
	}
	cJSON_Delete(doc);
	return ok;
}

/* ---------- dispatch over vectors/ ---------- */

typedef int (*case_fn)(const cJSON *cs);

static const struct {
	const char *id;
	case_fn fn;
} checkers[] = {
	{ "keccak256", check_keccak },
	{ "eip155-example", check_eip155 },
	{ "eip1559", check_eip1559 },
	{ "eip55", check_eip55 },
	{ "rlp-valid", check_rlp_valid },
	{ "rlp-invalid", check_rlp_invalid },
	{ "create-address", check_create },
	{ "dev-accounts", check_dev_account },
	{ "bech32", check_bech32 },
	{ "monero-genesis", check_monero_genesis },
	{ "execution-apis-fixtures", check_fixture_chain },
	{ "create2", check_create2 },
	{ "bip340", check_bip340 },
	{ "bip341", check_bip341 },
	{ "bip143", check_bip143 },
	{ "sighash-legacy", check_sighash_legacy },
	{ "eth-transactions", check_eth_transactions },
	{ "eth-blocks", check_eth_blocks },
	{ "eip1474", check_eip1474 },
	{ "execution-apis", check_execution_apis },
	{ "monero-rpc", check_monero_rpc },
	{ "litecoin-regtest", check_litecoin_regtest },
	{ "eip1559-base-fee", check_eip1559_base_fee },
	{ "eth-proofs", check_eth_proofs },
	{ "eth-logs", check_eth_logs },
};

static void run_vectors(const char *dir)
{
	struct dlt_vectors *v;
	char err[ERRLEN];
	char *fx = dlt_printf("%s/execution-apis-tests", dir);
	fixtures_dir = fx;
	if (!tap_ok(dlt_vectors_load_dir(dir, &v, err, sizeof err) == 0, "load %s", dir)) {
		tap_diag("%s", err);
		free(fx);
		return;
	}
	vec_checks_set_context(dir, v);
	tap_ok(dlt_vectors_count(v) >= 11,
	       "at least the 11 canonical vector files are present (%zu)", dlt_vectors_count(v));
	for (size_t i = 0; i < dlt_vectors_count(v); i++) {
		const char *id = dlt_vectors_id_at(v, i);
		const cJSON *doc = dlt_vectors_get(v, id), *cases = jget(doc, "cases"), *cs;
		int genesis =
			strcmp(id, "bitcoin-genesis") == 0 || strcmp(id, "litecoin-genesis") == 0;
		case_fn fn = NULL;
		for (size_t k = 0; k < sizeof checkers / sizeof checkers[0]; k++)
			if (strcmp(checkers[k].id, id) == 0)
				fn = checkers[k].fn;
		if (!fn && !genesis) {
			tap_ok(0, "%s: no checker in test_crypto.c for this vector file", id);
			continue;
		}
		cJSON_ArrayForEach (cs, cases) {
			const char *name = jstr(cs, "name");
			int ok = genesis ? check_btc_genesis(cs, cases) : fn(cs);
			tap_ok(ok, "%s: %s", id, name);
		}
	}
	vec_checks_set_context(NULL, NULL);
	vec_checks_free();
	dlt_vectors_free(v);
	free(fx);
}

static int readable(const char *path)
{
	FILE *f = fopen(path, "r");
	if (f)
		fclose(f);
	return f != NULL;
}

static const char *vectors_dir(char *buf, size_t len)
{
	const char *src = getenv("DLT_SOURCE_DIR");
	if (src && *src) {
		snprintf(buf, len, "%s/vectors", src);
		return buf;
	}
	/* run by hand: from tests/ or tests/unit/, or from the top of the tree */
	if (readable("../vectors/keccak256.json"))
		return "../vectors";
	if (readable("../../vectors/keccak256.json"))
		return "../../vectors";
#ifdef DLT_SOURCE_DIR
	snprintf(buf, len, "%s/vectors", DLT_SOURCE_DIR);
	if (readable("vectors/keccak256.json") == 0)
		return buf;
#endif
	return "vectors";
}

int main(void)
{
	char dir[4096];
	if (dlt_crypto_init() != 0) {
		printf("Bail out! libsodium does not initialize\n");
		return 1;
	}
	run_vectors(vectors_dir(dir, sizeof dir));
	return tap_done();
}
