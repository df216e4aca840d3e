/*
 * vector_checks_rpc.c: checkers of the vector files about RPC answers and chain constants
 * (eip1474, execution-apis, monero-rpc, litecoin-regtest, eip1559-base-fee, eth-proofs,
 * eth-logs; vector_checks.h): each case is recomputed or cross-checked with the project's own
 * code (the execution-apis validator, RLP, keccak, bech32, the EIP-1559 rule) or with another
 * vector file.
 */
#include "vector_checks.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"
#include "crypto/crypto.h"
#include "runner/vectors.h"
#include "schema/openrpc.h"
#include "tap.h"
#include "vector_util.h"

#define ERRLEN VEC_ERRLEN

static const char *vectors_dir;
static const struct dlt_vectors *all_vectors;

void vec_checks_set_context(const char *dir, const struct dlt_vectors *v)
{
	vectors_dir = dir;
	all_vectors = v;
}

/* ---------- eip1474.json ---------- */

static int is_quantity(const char *s)
{
	if (strncmp(s, "0x", 2) != 0 || !s[2])
		return 0;
	if (s[2] == '0')
		return s[3] == '\0';
	for (const char *p = s + 2; *p; p++)
		if (!isxdigit((unsigned char)*p))
			return 0;
	return 1;
}

static int is_data(const char *s)
{
	if (strncmp(s, "0x", 2) != 0 || strlen(s + 2) % 2)
		return 0;
	for (const char *p = s + 2; *p; p++)
		if (!isxdigit((unsigned char)*p))
			return 0;
	return 1;
}

int check_eip1474(const cJSON *cs)
{
	const cJSON *in = vec_get(cs, "input"), *ex = vec_get(cs, "expected");
	int want = cJSON_IsTrue(vec_get(ex, "valid"));
	if (vec_str(in, "quantity"))
		return is_quantity(vec_str(in, "quantity")) == want;
	if (vec_str(in, "data"))
		return is_data(vec_str(in, "data")) == want;
	if (vec_get(ex, "error")) { /* the example envelope */
		const cJSON *e = vec_get(ex, "error");
		return vec_same_str("jsonrpc", vec_str(ex, "jsonrpc"), "2.0") &&
		       cJSON_Compare(vec_get(ex, "id"), vec_get(in, "id"), 1) &&
		       cJSON_IsNumber(vec_get(e, "code")) && vec_str(e, "message");
	}
	/* an error code: the JSON-RPC 2.0 reserved range, standard codes and the server range */
	double code = cJSON_GetNumberValue(vec_get(in, "code"));
	const char *cat = vec_str(ex, "category");
	int standard = code == -32700 || (code <= -32600 && code >= -32603);
	int server = code <= -32000 && code >= -32099;
	if (!cat || !vec_str(ex, "message") ||
	    !(strcmp(cat, "standard") == 0 ? standard
					   : strcmp(cat, "non-standard") == 0 && server)) {
		tap_diag("code %g and category %s disagree with JSON-RPC 2.0's reserved ranges",
			 code, cat ? cat : "(none)");
		return 0;
	}
	return 1;
}

/* ---------- execution-apis.json ---------- */

static struct dlt_openrpc *spec;

static int load_spec(void)
{
	char err[ERRLEN];
	if (spec)
		return 1;
	char *path =
		dlt_printf("%s/execution-apis/openrpc.json", vectors_dir ? vectors_dir : "vectors");
	int ok = dlt_openrpc_load(path, &spec, err, sizeof err) == 0;
	if (!ok)
		tap_diag("%s", err);
	free(path);
	return ok;
}

void vec_checks_free(void)
{
	dlt_openrpc_free(spec);
	spec = NULL;
}

int check_execution_apis(const cJSON *cs)
{
	const cJSON *in = vec_get(cs, "input"), *ex = vec_get(cs, "expected");
	if (!load_spec())
		return 0;
	if (vec_str(in, "group")) { /* an error group: each code as the spec groups it */
		const cJSON *e;
		int ok = 1;
		cJSON_ArrayForEach (e, vec_get(ex, "errors")) {
			struct dlt_openrpc_error_info info;
			long code = (long)cJSON_GetNumberValue(vec_get(e, "code"));
			if (dlt_openrpc_error_group(spec, code, &info) != 0 ||
			    strcmp(info.group, vec_str(in, "group")) != 0 || !info.message ||
			    strcmp(info.message,
				   vec_str(e, "message") ? vec_str(e, "message") : "") != 0) {
				tap_diag("code %ld is not %s's \"%s\" in openrpc.json", code,
					 vec_str(in, "group"),
					 vec_str(e, "message") ? vec_str(e, "message") : "?");
				ok = 0;
			} else if (vec_get(ex, "range") &&
				   (!info.has_range ||
				    info.min !=
					    (long)vec_u64(vec_get(vec_get(ex, "range"), "min")))) {
				tap_diag("%s: the range differs", vec_str(in, "group"));
				ok = 0;
			}
		}
		return ok;
	}
	const char *name = vec_str(in, "method");
	const cJSON *m = dlt_openrpc_method(spec, name);
	if (!m) {
		tap_diag("%s: not a method of openrpc.json", name ? name : "(none)");
		return 0;
	}
	int ok = 1;
	/* the errors the method specifies */
	const cJSON *errs = vec_get(m, "errors"), *e;
	cJSON *mine = cJSON_CreateArray();
	cJSON_ArrayForEach (e, errs) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToObject(o, "code", cJSON_Duplicate(vec_get(e, "code"), 1));
		cJSON_AddItemToObject(o, "message", cJSON_Duplicate(vec_get(e, "message"), 1));
		cJSON_AddItemToArray(mine, o);
	}
	if (!cJSON_Compare(mine, vec_get(ex, "errors"), 1)) {
		tap_diag("%s: errors differ from the specification's", name);
		ok = 0;
	}
	cJSON_Delete(mine);
	const cJSON *example = cJSON_GetArrayItem(vec_get(m, "examples"), 0);
	if (!example)
		return ok && !vec_get(ex, "result");
	/* the example as the specification gives it, and its result valid against the schema */
	const cJSON *p, *params = vec_get(in, "params");
	int i = 0;
	cJSON_ArrayForEach (p, vec_get(example, "params")) {
		if (!cJSON_Compare(vec_get(p, "value"), cJSON_GetArrayItem(params, i++), 1)) {
			tap_diag("%s: example param %d differs", name, i);
			ok = 0;
		}
	}
	const cJSON *result = vec_get(vec_get(example, "result"), "value");
	if (!cJSON_Compare(result, vec_get(ex, "result"), 1)) {
		tap_diag("%s: example result differs", name);
		ok = 0;
	}
	/* the example's result validates against the method's schema, unless the file records
	 * (with the reason in its notes) that the specification's own example does not */
	struct dlt_schema_errors se = { 0 };
	int pvalid = dlt_openrpc_check_params(spec, name, params, NULL) == 0;
	if (pvalid != cJSON_IsTrue(vec_get(ex, "params_valid"))) {
		tap_diag("%s: the example params %s (params_valid says otherwise)", name,
			 pvalid ? "validate" : "do not validate");
		ok = 0;
	}
	int valid = dlt_openrpc_check_result(spec, name, vec_get(ex, "result"), &se) == 0;
	if (valid != cJSON_IsTrue(vec_get(ex, "result_valid"))) {
		const struct dlt_schema_error *x = dlt_schema_errors_get(&se, 0);
		tap_diag("%s: the example result %s (result_valid says otherwise)%s%s", name,
			 valid ? "validates" : "does not validate", x ? ": " : "",
			 x ? x->message : "");
		ok = 0;
	}
	dlt_schema_errors_free(&se);
	return ok;
}

/* ---------- monero-rpc.json ---------- */

int check_monero_rpc(const cJSON *cs)
{
	const cJSON *ex = vec_get(cs, "expected"), *f;
	if (vec_get(ex, "status"))
		return vec_same_str("CORE_RPC_STATUS_OK", vec_str(ex, "status"), "OK");
	if (vec_get(ex, "COIN")) {
		/* COIN is 10^decimals, the unit the genesis reward and amounts are counted in */
		uint64_t coin = 1;
		for (uint64_t i = 0; i < vec_u64(vec_get(ex, "CRYPTONOTE_DISPLAY_DECIMAL_POINT"));
		     i++)
			coin *= 10;
		char s[32];
		snprintf(s, sizeof s, "%llu", (unsigned long long)coin);
		return vec_same_str("COIN", s, vec_str(ex, "COIN")) &&
		       vec_u64(vec_get(ex, "CRYPTONOTE_MINED_MONEY_UNLOCK_WINDOW")) > 0 &&
		       vec_u64(vec_get(ex, "CRYPTONOTE_PUBLIC_ADDRESS_BASE58_PREFIX")) == 18;
	}
	int n = 0, ok = 1;
	cJSON_ArrayForEach (f, vec_get(ex, "fields")) {
		static const char *const types[] = { "integer", "boolean", "string", "array" };
		int known = 0;
		for (size_t i = 0; i < 4; i++)
			known |= cJSON_IsString(f) && strcmp(f->valuestring, types[i]) == 0;
		if (!known) {
			tap_diag("field %s: type %s is not one of the JSON types", f->string,
				 cJSON_IsString(f) ? f->valuestring : "?");
			ok = 0;
		}
		n++;
	}
	/* every command's response_t carries the status of rpc_response_base */
	const char *st = vec_str(vec_get(cs, "input"), "struct");
	return ok && n > 0 && st &&
	       (!strstr(st, "response_t") || vec_str(vec_get(ex, "fields"), "status"));
}

/* ---------- litecoin-regtest.json ---------- */

int check_litecoin_regtest(const cJSON *cs)
{
	const cJSON *ex = vec_get(cs, "expected");
	char err[ERRLEN], addr[DLT_BECH32_STR], hrp[84];
	uint8_t prog[DLT_SEGWIT_PROGRAM_MAX] = { 0 };
	size_t pl;
	int ver, ok = 1;
	const char *h = vec_str(ex, "hrp");
	/* the HRP makes addresses that decode back with it */
	if (!h || dlt_segwit_encode(addr, h, 0, prog, 20, err, sizeof err) != 0 ||
	    dlt_segwit_decode(h, addr, &ver, prog, &pl, hrp, err, sizeof err) != 0) {
		tap_diag("hrp: %s", err);
		ok = 0;
	}
	ok &= vec_same_str("initial subsidy (50 * COIN)", vec_str(ex, "initial_subsidy"),
			   "5000000000");
	/* the genesis hash is the one vector litecoin-genesis recomputes */
	const cJSON *g = all_vectors ? dlt_vectors_get(all_vectors, "litecoin-genesis") : NULL, *c;
	const char *want = NULL;
	cJSON_ArrayForEach (c, vec_get(g, "cases"))
		if (vec_str(c, "name") && strcmp(vec_str(c, "name"), "regtest") == 0)
			want = vec_str(vec_get(c, "expected"), "hash");
	ok &= vec_same_str("genesis hash (vector litecoin-genesis, regtest)",
			   vec_str(ex, "genesis_hash"), want);
	size_t n;
	uint8_t *ms = vec_hexbuf(vec_str(ex, "message_start"), &n);
	ok &= ms && n == 4;
	free(ms);
	return ok;
}

/* ---------- eip1559-base-fee.json ---------- */

int check_eip1559_base_fee(const cJSON *cs)
{
	const cJSON *in = vec_get(cs, "input"), *ex = vec_get(cs, "expected");
	char err[ERRLEN];
	dlt_u256 used, limit, fee, want, target, two, eight, d, q, next;
	if (cJSON_IsTrue(vec_get(in, "fork_block"))) /* INITIAL_BASE_FEE = 10^9 */
		return vec_same_str("initial base fee", vec_str(ex, "base_fee"), "0x3b9aca00");
	if (vec_u256(vec_get(in, "parent_gas_used"), &used, err) != 0 ||
	    vec_u256(vec_get(in, "parent_gas_limit"), &limit, err) != 0 ||
	    vec_u256(vec_get(in, "parent_base_fee"), &fee, err) != 0 ||
	    vec_u256(vec_get(ex, "base_fee"), &want, err) != 0) {
		tap_diag("%s", err);
		return 0;
	}
	dlt_u256_from_u64(&two, 2);
	dlt_u256_from_u64(&eight, 8);
	dlt_u256_divmod(&target, NULL, &limit, &two);
	int c = dlt_u256_cmp(&used, &target);
	if (c == 0) {
		next = fee;
	} else {
		dlt_u256_sub(&d, c > 0 ? &used : &target, c > 0 ? &target : &used);
		dlt_u256_mul(&q, &fee, &d);
		dlt_u256_divmod(&q, NULL, &q, &target);
		dlt_u256_divmod(&q, NULL, &q, &eight);
		if (c > 0) {
			dlt_u256 one;
			dlt_u256_from_u64(&one, 1);
			if (dlt_u256_cmp(&q, &one) < 0)
				q = one;
			dlt_u256_add(&next, &fee, &q);
		} else {
			dlt_u256_sub(&next, &fee, &q);
		}
	}
	char got[DLT_U256_HEX_MAX];
	dlt_u256_to_hex(&next, got);
	return vec_same_str("base fee", got, vec_str(ex, "base_fee"));
}

/* ---------- eth-proofs.json ---------- */

/* keccak256(node) appears in bytes (a child reference inside its parent) */
static int references(const uint8_t *parent, size_t plen, const uint8_t h[32])
{
	for (size_t i = 0; i + 32 <= plen; i++)
		if (memcmp(parent + i, h, 32) == 0)
			return 1;
	return 0;
}

int check_eth_proofs(const cJSON *cs)
{
	const cJSON *in = vec_get(cs, "input"), *ex = vec_get(cs, "expected"), *node;
	uint8_t h[32], *prev = NULL;
	size_t prevlen = 0;
	char err[ERRLEN];
	int ok = 1, i = 0;
	const cJSON *proof = vec_get(ex, "accountProof");
	cJSON_ArrayForEach (node, proof) {
		size_t n;
		uint8_t *p = vec_hexbuf(node->valuestring, &n);
		if (!p) {
			ok = 0;
			break;
		}
		dlt_keccak256(p, n, h);
		if (i == 0)
			ok &= vec_same_hex("state root (keccak of the first node)", h, 32,
					   vec_str(in, "state_root"));
		else if (n >= 32 && !references(prev, prevlen, h)) {
			tap_diag("proof node %d is not referenced by its parent", i);
			ok = 0;
		}
		free(prev);
		prev = p;
		prevlen = n;
		i++;
	}
	/* the leaf: [path, rlp([nonce, balance, storageHash, codeHash])] */
	struct dlt_rlp_item *leaf = NULL, *acct = NULL;
	if (ok && prev && dlt_rlp_decode(prev, prevlen, &leaf, err, sizeof err) == 0 &&
	    leaf->is_list && leaf->count == 2 &&
	    dlt_rlp_decode(leaf->items[1].data, leaf->items[1].len, &acct, err, sizeof err) == 0 &&
	    acct->is_list && acct->count == 4) {
		dlt_u256 nonce, bal;
		char hex[DLT_U256_HEX_MAX];
		dlt_u256_from_bytes(&nonce, acct->items[0].data, acct->items[0].len);
		dlt_u256_from_bytes(&bal, acct->items[1].data, acct->items[1].len);
		dlt_u256_to_hex(&nonce, hex);
		ok &= vec_same_str("nonce", hex, vec_str(ex, "nonce"));
		dlt_u256_to_hex(&bal, hex);
		ok &= vec_same_str("balance", hex, vec_str(ex, "balance"));
		ok &= vec_same_hex("storageHash", acct->items[2].data, acct->items[2].len,
				   vec_str(ex, "storageHash"));
		ok &= vec_same_hex("codeHash", acct->items[3].data, acct->items[3].len,
				   vec_str(ex, "codeHash"));
	} else {
		tap_diag("the last proof node is not an account leaf");
		ok = 0;
	}
	dlt_rlp_free(leaf);
	dlt_rlp_free(acct);
	free(prev);
	return ok;
}

/* ---------- eth-logs.json ---------- */

/* the three bloom bits of keccak256(b) are set (Yellow Paper 4.3.1, M3:2048) */
static int bloom_has(const uint8_t bloom[256], const uint8_t *b, size_t n)
{
	uint8_t h[32];
	dlt_keccak256(b, n, h);
	for (int i = 0; i < 6; i += 2) {
		unsigned bit = ((unsigned)h[i] << 8 | h[i + 1]) & 2047;
		if (!(bloom[255 - bit / 8] & (1u << (bit % 8))))
			return 0;
	}
	return 1;
}

int check_eth_logs(const cJSON *cs)
{
	const cJSON *in = vec_get(cs, "input"), *ex = vec_get(cs, "expected"), *log, *t;
	uint8_t bloom[256], buf[32];
	size_t n;
	char err[ERRLEN];
	int ok = 1;
	uint8_t *b = vec_hexbuf(vec_str(in, "logs_bloom"), &n);
	if (!b || n != 256) {
		free(b);
		return 0;
	}
	memcpy(bloom, b, 256);
	free(b);
	const cJSON *filter = vec_get(in, "filter");
	cJSON_ArrayForEach (log, vec_get(ex, "logs")) {
		uint8_t addr[20];
		if (dlt_eth_parse_address(vec_str(log, "address"), addr, err, sizeof err) != 0 ||
		    !bloom_has(bloom, addr, 20)) {
			tap_diag("the log's address is not in the block's bloom");
			ok = 0;
		}
		int i = 0;
		cJSON_ArrayForEach (t, vec_get(log, "topics")) {
			if (dlt_hex_decode_exact(t->valuestring, buf, 32, err, sizeof err) != 0 ||
			    !bloom_has(bloom, buf, 32)) {
				tap_diag("topic %d is not in the block's bloom", i);
				ok = 0;
			}
			/* the filter's alternatives at this position hold the topic */
			const cJSON *alts = cJSON_GetArrayItem(vec_get(filter, "topics"), i), *a;
			int found = !alts || cJSON_IsNull(alts);
			cJSON_ArrayForEach (a, alts)
				found |= cJSON_IsString(a) &&
					 strcmp(a->valuestring, t->valuestring) == 0;
			if (!found) {
				tap_diag("topic %d does not match the filter", i);
				ok = 0;
			}
			i++;
		}
		ok &= vec_same_str("blockHash", vec_str(log, "blockHash"),
				   vec_str(filter, "blockHash"));
	}
	return ok;
}
