/*
 * test_openrpc.c: runner/schema/openrpc.c against vectors/execution-apis/openrpc.json and real
 * answers: results captured from anvil (tests/data/schema/anvil-*.json) must validate (or fail
 * exactly where anvil is known to deviate), hand-broken copies must fail with the expected
 * instance path, rule and schema location, the specification's own examples must validate
 * (except the few that contradict its schemas, each pinned here), params checks, error groups,
 * and several threads validating at once must agree with one. Flat TAP (tests/unit/tap.h).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "common/file.h"
#include "schema/openrpc.h"
#include "tap.h"

#ifndef DLT_SOURCE_DIR
#define DLT_SOURCE_DIR "."
#endif

static const char *srcdir;

static void diag_errors(const struct dlt_schema_errors *e)
{
	for (size_t i = 0; i < dlt_schema_errors_count(e); i++)
		tap_diag("  %s", dlt_schema_errors_get(e, i)->message);
}

static int has_error(const struct dlt_schema_errors *e, const char *path, const char *rule,
		     const char *schema)
{
	for (size_t i = 0; i < dlt_schema_errors_count(e); i++) {
		const struct dlt_schema_error *x = dlt_schema_errors_get(e, i);
		if (!strcmp(x->path, path) && !strcmp(x->rule, rule) &&
		    (!schema || !strcmp(x->schema, schema)))
			return 1;
	}
	return 0;
}

static cJSON *read_json(const char *rel)
{
	char path[4096], err[256];
	snprintf(path, sizeof path, "%s/%s", srcdir, rel);
	return dlt_load_json_file(path, err, sizeof err);
}

static cJSON *capture(const char *name)
{
	char rel[300];
	snprintf(rel, sizeof rel, "tests/data/schema/%s.json", name);
	return read_json(rel);
}

/* ------------------------------------------------------------------ captured answers */

/* Every capture, and what the specification says of it. Where anvil deviates, the error that
 * must be reported: at commit 033ca6e ReceiptInfo has additionalProperties: false and no
 * blockTimestamp, while anvil 1.7.1 adds "blockTimestamp" (as a JSON number) to receipts. */
static const struct {
	const char *name;
	const char *path, *rule, *schema; /* NULL: valid */
} captures[] = {
	{ "anvil-eth_accounts", NULL, NULL, NULL },
	{ "anvil-eth_blobBaseFee", NULL, NULL, NULL },
	{ "anvil-eth_blockNumber", NULL, NULL, NULL },
	{ "anvil-eth_call", NULL, NULL, NULL },
	{ "anvil-eth_chainId", NULL, NULL, NULL },
	{ "anvil-eth_coinbase", NULL, NULL, NULL },
	{ "anvil-eth_createAccessList", NULL, NULL, NULL },
	{ "anvil-eth_estimateGas", NULL, NULL, NULL },
	{ "anvil-eth_feeHistory", NULL, NULL, NULL },
	{ "anvil-eth_gasPrice", NULL, NULL, NULL },
	{ "anvil-eth_getBalance", NULL, NULL, NULL },
	{ "anvil-eth_getBlockByHash-2-hydrated", NULL, NULL, NULL },
	{ "anvil-eth_getBlockByNumber-1-hydrated", NULL, NULL, NULL },
	{ "anvil-eth_getBlockByNumber-3-hashes", NULL, NULL, NULL },
	{ "anvil-eth_getBlockByNumber-genesis", NULL, NULL, NULL },
	{ "anvil-eth_getBlockByNumber-missing", NULL, NULL, NULL },
	{ "anvil-eth_getBlockReceipts", "$[0].blockTimestamp", "additionalProperties",
	  "#/components/schemas/ReceiptInfo" },
	{ "anvil-eth_getBlockTransactionCountByHash", NULL, NULL, NULL },
	{ "anvil-eth_getCode", NULL, NULL, NULL },
	{ "anvil-eth_getLogs", NULL, NULL, NULL },
	{ "anvil-eth_getProof", NULL, NULL, NULL },
	{ "anvil-eth_getStorageAt", NULL, NULL, NULL },
	{ "anvil-eth_getTransactionByBlockNumberAndIndex", NULL, NULL, NULL },
	{ "anvil-eth_getTransactionByHash-2930", NULL, NULL, NULL },
	{ "anvil-eth_getTransactionByHash-create", NULL, NULL, NULL },
	{ "anvil-eth_getTransactionByHash-legacy", NULL, NULL, NULL },
	{ "anvil-eth_getTransactionCount", NULL, NULL, NULL },
	{ "anvil-eth_getTransactionReceipt-create", "$.blockTimestamp", "additionalProperties",
	  "#/components/schemas/ReceiptInfo" },
	{ "anvil-eth_getTransactionReceipt-log", "$.blockTimestamp", "additionalProperties",
	  "#/components/schemas/ReceiptInfo" },
	{ "anvil-eth_maxPriorityFeePerGas", NULL, NULL, NULL },
	{ "anvil-eth_newFilter", NULL, NULL, NULL },
	{ "anvil-eth_sign", NULL, NULL, NULL },
	{ "anvil-eth_syncing", NULL, NULL, NULL },
	{ "anvil-net_version", NULL, NULL, NULL },
};

static void test_captures(const struct dlt_openrpc *o)
{
	for (size_t i = 0; i < sizeof captures / sizeof captures[0]; i++) {
		cJSON *c = capture(captures[i].name);
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(c, "method");
		const cJSON *params = cJSON_GetObjectItemCaseSensitive(c, "params");
		const cJSON *result = cJSON_GetObjectItemCaseSensitive(c, "result");
		if (!cJSON_IsString(m) || !result) {
			tap_ok(0, "%s: capture readable", captures[i].name);
			cJSON_Delete(c);
			continue;
		}
		struct dlt_schema_errors e = { 0 };
		int quick = dlt_openrpc_check_result(o, m->valuestring, result, NULL);
		int rc = dlt_openrpc_check_result(o, m->valuestring, result, &e);
		if (!captures[i].path) {
			tap_ok(rc == 0 && quick == 0, "%s: %s result validates", captures[i].name,
			       m->valuestring);
		} else {
			tap_ok(rc == -1 && quick == -1 &&
				       has_error(&e, captures[i].path, captures[i].rule,
						 captures[i].schema),
			       "%s: %s result deviates as known: %s %s", captures[i].name,
			       m->valuestring, captures[i].path, captures[i].rule);
		}
		if ((rc == 0) != (captures[i].path == NULL))
			diag_errors(&e);
		dlt_schema_errors_clear(&e);
		rc = dlt_openrpc_check_params(o, m->valuestring, params, &e);
		tap_ok(rc == 0, "%s: %s params validate", captures[i].name, m->valuestring);
		if (rc)
			diag_errors(&e);
		dlt_schema_errors_free(&e);
		cJSON_Delete(c);
	}
}

/* ------------------------------------------------------------------ hand-broken copies */

struct breakage {
	const char *capture;
	const char *fix; /* a member of the result removed first (a known deviation), or NULL */
	const char *pointer; /* JSON pointer inside the result ("" = the result itself) */
	const char *value; /* JSON text to put there, or NULL to delete the member */
	const char *path, *rule, *schema; /* the error that must be reported */
	const char *message; /* and, when given, its exact text */
};

static const struct breakage breakages[] = {
	{ "anvil-eth_getBlockByNumber-genesis", NULL, "/hash", "\"0x12\"", "$.hash", "pattern",
	  "#/components/schemas/hash32",
	  "$.hash: pattern ^0x[0-9a-f]{64}$ (#/components/schemas/hash32) not matched by \"0x12\"" },
	{ "anvil-eth_getBlockByNumber-1-hydrated", NULL, "/transactions/0/hash", "\"0x12\"",
	  "$.transactions[0].hash", "pattern", "#/components/schemas/hash32",
	  "$.transactions[0].hash: pattern ^0x[0-9a-f]{64}$ (#/components/schemas/hash32) not "
	  "matched by \"0x12\"" },
	{ "anvil-eth_getBlockByNumber-3-hashes", NULL, "/transactions/0", "\"0x12\"",
	  "$.transactions[0]", "pattern", "#/components/schemas/hash32", NULL },
	{ "anvil-eth_getBlockByNumber-1-hydrated", NULL, "/transactions/0/from", NULL,
	  "$.transactions[0].from", "required", "#/components/schemas/TransactionInfo/allOf/0",
	  NULL },
	{ "anvil-eth_getBlockByNumber-1-hydrated", NULL, "/transactions/0/maxFeePerGas", "\"0x01\"",
	  "$.transactions[0].maxFeePerGas", "pattern", "#/components/schemas/uint", NULL },
	{ "anvil-eth_getBlockByNumber-genesis", NULL, "/number", "5", "$.number", "type",
	  "#/components/schemas/uint",
	  "$.number: type \"string\" (#/components/schemas/uint) expected, got number 5" },
	{ "anvil-eth_getBlockByNumber-genesis", NULL, "/number", "\"0x05\"", "$.number", "pattern",
	  "#/components/schemas/uint", NULL },
	{ "anvil-eth_getBlockByNumber-genesis", NULL, "/parentHash", NULL, "$.parentHash",
	  "required", "#/components/schemas/Block",
	  "$.parentHash: required (#/components/schemas/Block) member missing" },
	{ "anvil-eth_getBlockByNumber-genesis", NULL, "/uncles", "{}", "$.uncles", "type",
	  "#/components/schemas/Block/properties/uncles", NULL },
	{ "anvil-eth_getBlockByNumber-genesis", NULL, "/miner", "\"0xabc\"", "$.miner", "pattern",
	  "#/components/schemas/address", NULL },
	{ "anvil-eth_getBlockByNumber-genesis", NULL, "", "[]", "$", "oneOf",
	  "eth_getBlockByNumber result",
	  "$: oneOf (eth_getBlockByNumber result) matched by no alternative (2 tried) for array "
	  "of 0" },
	{ "anvil-eth_getBlockByHash-2-hydrated", NULL, "/withdrawals", "[1]", "$.withdrawals[0]",
	  "type", "#/components/schemas/Withdrawal", NULL },
	{ "anvil-eth_getTransactionReceipt-log", "blockTimestamp", NULL, NULL, NULL, NULL, NULL,
	  NULL },
	{ "anvil-eth_getTransactionReceipt-log", "blockTimestamp", "/logs/0/topics/0", "\"0xab\"",
	  "$.logs[0].topics[0]", "pattern", "#/components/schemas/bytes32", NULL },
	{ "anvil-eth_getTransactionReceipt-log", "blockTimestamp", "/status", "\"0x01\"",
	  "$.status", "pattern", "#/components/schemas/uint", NULL },
	{ "anvil-eth_getTransactionReceipt-log", "blockTimestamp", "/surprise", "1", "$.surprise",
	  "additionalProperties", "#/components/schemas/ReceiptInfo",
	  "$.surprise: additionalProperties false (#/components/schemas/ReceiptInfo) does not "
	  "allow this member" },
	{ "anvil-eth_getTransactionReceipt-create", "blockTimestamp", "/contractAddress", "\"\"",
	  "$.contractAddress", "pattern", "#/components/schemas/address", NULL },
	{ "anvil-eth_getTransactionByHash-legacy", NULL, "/gasPrice", NULL, "$.gasPrice",
	  "required", "#/components/schemas/TransactionLegacyUnsigned", NULL },
	{ "anvil-eth_getLogs", NULL, "/0/removed", "\"no\"", "$[0].removed", "type",
	  "#/components/schemas/Log/properties/removed", NULL },
	{ "anvil-eth_feeHistory", NULL, "/gasUsedRatio/1", "1.5", "$.gasUsedRatio[1]", "maximum",
	  "#/components/schemas/ratio",
	  "$.gasUsedRatio[1]: maximum 1 (#/components/schemas/ratio) exceeded by 1.5" },
	{ "anvil-eth_chainId", NULL, "", "\"0x\"", "$", "pattern", "#/components/schemas/uint",
	  NULL },
	{ "anvil-eth_syncing", NULL, "", "\"false\"", "$", "oneOf",
	  "#/components/schemas/SyncingStatus", NULL },
	{ "anvil-eth_syncing", NULL, "", "{\"currentBlock\": \"0x1\", \"x\": 1}", "$.x",
	  "additionalProperties", "#/components/schemas/SyncingStatus/oneOf/0", NULL },
	{ "anvil-eth_accounts", NULL, "/0", "\"0x70997970c51812dc3a010c7d01b50e0d17dc79c\"", "$[0]",
	  "pattern", "#/components/schemas/address", NULL },
};

/* Replace or delete the member at JSON pointer p of *root (simple pointers: no escapes). */
static int apply(cJSON **root, const char *p, const char *value)
{
	if (!*p) {
		cJSON *v = value ? cJSON_Parse(value) : NULL;
		if (!v)
			return -1;
		cJSON_Delete(*root);
		*root = v;
		return 0;
	}
	cJSON *cur = *root;
	char buf[300];
	snprintf(buf, sizeof buf, "%s", p + 1);
	char *save = NULL;
	char *tok = strtok_r(buf, "/", &save);
	while (tok) {
		char *next = strtok_r(NULL, "/", &save);
		cJSON *child = cJSON_IsArray(cur) ? cJSON_GetArrayItem(cur, atoi(tok))
						  : cJSON_GetObjectItemCaseSensitive(cur, tok);
		if (!next) {
			cJSON *v = value ? cJSON_Parse(value) : NULL;
			if (value && !v)
				return -1;
			if (cJSON_IsArray(cur)) {
				if (!child) {
					cJSON_Delete(v);
					return -1;
				}
				if (v)
					cJSON_ReplaceItemInArray(cur, atoi(tok), v);
				else
					cJSON_DeleteItemFromArray(cur, atoi(tok));
			} else if (v) {
				if (child)
					cJSON_ReplaceItemInObjectCaseSensitive(cur, tok, v);
				else
					cJSON_AddItemToObject(cur, tok, v);
			} else {
				if (!child)
					return -1;
				cJSON_DeleteItemFromObjectCaseSensitive(cur, tok);
			}
			return 0;
		}
		if (!child)
			return -1;
		cur = child;
		tok = next;
	}
	return -1;
}

static void test_breakages(const struct dlt_openrpc *o)
{
	for (size_t i = 0; i < sizeof breakages / sizeof breakages[0]; i++) {
		const struct breakage *b = &breakages[i];
		cJSON *c = capture(b->capture);
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(c, "method");
		cJSON *result = cJSON_DetachItemFromObjectCaseSensitive(c, "result");
		if (!cJSON_IsString(m) || !result) {
			tap_ok(0, "%s: capture readable", b->capture);
			cJSON_Delete(result);
			cJSON_Delete(c);
			continue;
		}
		if (b->fix)
			cJSON_DeleteItemFromObjectCaseSensitive(result, b->fix);
		struct dlt_schema_errors e = { 0 };
		if (!b->pointer) {
			int rc = dlt_openrpc_check_result(o, m->valuestring, result, &e);
			tap_ok(rc == 0, "%s without %s validates", b->capture, b->fix);
		} else if (apply(&result, b->pointer, b->value) != 0) {
			tap_ok(0, "%s: cannot apply %s", b->capture, b->pointer);
		} else {
			int quick = dlt_openrpc_check_result(o, m->valuestring, result, NULL);
			int rc = dlt_openrpc_check_result(o, m->valuestring, result, &e);
			int found = has_error(&e, b->path, b->rule, b->schema);
			int msg_ok = 1;
			if (b->message) {
				msg_ok = 0;
				for (size_t k = 0; k < e.count; k++)
					msg_ok |= !strcmp(e.items[k].message, b->message);
			}
			tap_ok(rc == -1 && quick == -1 && found && msg_ok,
			       "%s with %s %s %s fails: %s %s (%s)", b->capture,
			       b->pointer[0] ? b->pointer : "the result",
			       b->value ? "=" : "deleted", b->value ? b->value : "", b->path,
			       b->rule, b->schema);
			if (!(rc == -1 && found && msg_ok))
				diag_errors(&e);
		}
		dlt_schema_errors_free(&e);
		cJSON_Delete(result);
		cJSON_Delete(c);
	}
}

/* ------------------------------------------------------------------ the spec's examples */

/* Examples of commit 033ca6e that contradict the spec's own schemas (upstream bugs). */
static const struct {
	const char *method, *part, *path, *rule;
} bad_examples[] = {
	{ "eth_createAccessList", "params", "$[0].data", "additionalProperties" },
	{ "eth_feeHistory", "result", "$.oldestBlock", "required" }, /* spelled "oldestblock" */
	{ "eth_newFilter", "result", "$", "pattern" }, /* "0x01": leading zero */
	{ "eth_newBlockFilter", "result", "$", "pattern" },
	{ "eth_newPendingTransactionFilter", "result", "$", "pattern" },
	{ "eth_uninstallFilter", "params", "$[0]", "pattern" },
	{ "eth_getFilterChanges", "params", "$[0]", "pattern" },
	{ "eth_getFilterLogs", "params", "$[0]", "pattern" },
	{ "eth_sendTransaction", "result", "$", "pattern" }, /* 63 hex digits */
	{ "eth_sendRawTransaction", "result", "$", "pattern" },
	{ "eth_getTransactionByHash", "result", "$.blockTimestamp", "required" },
	{ "eth_getTransactionByBlockHashAndIndex", "result", "$.blockTimestamp", "required" },
	{ "eth_getTransactionByBlockNumberAndIndex", "result", "$.blockTimestamp", "required" },
};

static const char *known_bad(const char *method, const char *part, const char **rule)
{
	for (size_t i = 0; i < sizeof bad_examples / sizeof bad_examples[0]; i++)
		if (!strcmp(bad_examples[i].method, method) &&
		    !strcmp(bad_examples[i].part, part)) {
			*rule = bad_examples[i].rule;
			return bad_examples[i].path;
		}
	return NULL;
}

static void check_example(const struct dlt_openrpc *o, const char *method, const char *ex,
			  const char *part, int rc, const struct dlt_schema_errors *e)
{
	const char *rule = NULL;
	const char *path = known_bad(method, part, &rule);
	if (!path) {
		tap_ok(rc == 0, "example \"%s\" %s validate", ex, part);
		if (rc)
			diag_errors(e);
	} else {
		tap_ok(rc == -1 && has_error(e, path, rule, NULL),
		       "example \"%s\" %s contradict the schema as known: %s %s", ex, part, path,
		       rule);
		if (rc == 0)
			tap_diag("  now valid: remove it from bad_examples");
		else if (!has_error(e, path, rule, NULL))
			diag_errors(e);
	}
	(void)o;
}

static void test_examples(const struct dlt_openrpc *o)
{
	const cJSON *root = dlt_schema_doc_root(dlt_openrpc_doc(o));
	const cJSON *m;
	int n = 0;
	cJSON_ArrayForEach (m, cJSON_GetObjectItemCaseSensitive(root, "methods")) {
		const char *name = cJSON_GetObjectItemCaseSensitive(m, "name")->valuestring;
		const cJSON *ex;
		cJSON_ArrayForEach (ex, cJSON_GetObjectItemCaseSensitive(m, "examples")) {
			const cJSON *exname = cJSON_GetObjectItemCaseSensitive(ex, "name");
			const char *exn = cJSON_IsString(exname) ? exname->valuestring : name;
			struct dlt_schema_errors e = { 0 };
			const cJSON *res = cJSON_GetObjectItemCaseSensitive(
				cJSON_GetObjectItemCaseSensitive(ex, "result"), "value");
			if (res) {
				int rc = dlt_openrpc_check_result(o, name, res, &e);
				check_example(o, name, exn, "result", rc, &e);
				dlt_schema_errors_clear(&e);
			}
			cJSON *params = cJSON_CreateArray();
			const cJSON *p;
			cJSON_ArrayForEach (p, cJSON_GetObjectItemCaseSensitive(ex, "params"))
				cJSON_AddItemToArray(
					params,
					cJSON_Duplicate(
						cJSON_GetObjectItemCaseSensitive(p, "value"), 1));
			int rc = dlt_openrpc_check_params(o, name, params, &e);
			check_example(o, name, exn, "params", rc, &e);
			dlt_schema_errors_free(&e);
			cJSON_Delete(params);
			n++;
		}
	}
	tap_ok(n >= 40, "%d examples checked", n);
}

/* ------------------------------------------------------------------ API */

static void params_case(const struct dlt_openrpc *o, const char *method, const char *json,
			const char *path, const char *rule)
{
	cJSON *p = json ? cJSON_Parse(json) : NULL;
	struct dlt_schema_errors e = { 0 };
	int rc = dlt_openrpc_check_params(o, method, p, &e);
	if (!path)
		tap_ok(rc == 0, "%s params %s validate", method, json ? json : "(none)");
	else
		tap_ok(rc == -1 && has_error(&e, path, rule, NULL),
		       "%s params %s fail at %s with %s", method, json ? json : "(none)", path,
		       rule);
	if ((rc == 0) != (path == NULL) || (path && !has_error(&e, path, rule, NULL)))
		diag_errors(&e);
	dlt_schema_errors_free(&e);
	cJSON_Delete(p);
}

static void group_case(const struct dlt_openrpc *o, long code, const char *group,
		       const char *message, long min, long max)
{
	struct dlt_openrpc_error_info info;
	int rc = dlt_openrpc_error_group(o, code, &info);
	if (!group) {
		tap_ok(rc == -1, "error code %ld belongs to no group", code);
		return;
	}
	int good = rc == 0 && !strcmp(info.group, group) && info.code == code &&
		   (message ? info.message && !strcmp(info.message, message) : !info.message) &&
		   (min == max ? !info.has_range
			       : info.has_range && info.min == min && info.max == max);
	tap_ok(good, "error code %ld: %s%s%s", code, group, message ? " / " : " (range only)",
	       message ? message : "");
}

static void test_api(const struct dlt_openrpc *o)
{
	size_t n = dlt_openrpc_method_count(o);
	tap_ok(n == 45, "45 methods (got %zu)", n);
	int sorted = 1;
	for (size_t i = 1; i < n; i++)
		sorted &= strcmp(dlt_openrpc_method_name(o, i - 1), dlt_openrpc_method_name(o, i)) <
			  0;
	tap_ok(sorted, "method names are listed sorted");
	tap_ok(dlt_openrpc_method_name(o, n) == NULL, "past the end: NULL");
	const cJSON *m = dlt_openrpc_method(o, "eth_getBlockByNumber");
	tap_ok(m && cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(m, "params")) == 2,
	       "eth_getBlockByNumber has two params");
	tap_ok(dlt_openrpc_method(o, "eth_nope") == NULL, "unknown method: NULL");
	tap_ok(!strcmp(dlt_openrpc_commit(o), "033ca6e69da000445840d2060ff47e5e56172a86"),
	       "commit is 033ca6e");
	const cJSON *rs = dlt_openrpc_result_schema(o, "eth_chainId");
	const cJSON *ref = cJSON_GetObjectItemCaseSensitive(rs, "$ref");
	tap_ok(cJSON_IsString(ref) && !strcmp(ref->valuestring, "#/components/schemas/uint"),
	       "eth_chainId result is a uint");

	struct dlt_schema_errors e = { 0 };
	cJSON *one = cJSON_CreateString("0x1");
	int rc = dlt_openrpc_check_result(o, "eth_nope", one, &e);
	tap_ok(rc == -1 && has_error(&e, "$", "method", NULL), "unknown method: rule \"method\"");
	dlt_schema_errors_clear(&e);
	tap_ok(dlt_openrpc_check_schema(o, "uint", one, NULL) == 0, "\"0x1\" is a uint");
	tap_ok(dlt_openrpc_check_schema(o, "#/components/schemas/uint", one, NULL) == 0,
	       "by reference too");
	rc = dlt_openrpc_check_schema(o, "hash32", one, &e);
	tap_ok(rc == -1 && has_error(&e, "$", "pattern", "#/components/schemas/hash32"),
	       "\"0x1\" is not a hash32");
	dlt_schema_errors_clear(&e);
	rc = dlt_openrpc_check_schema(o, "Nope", one, &e);
	tap_ok(rc == -1 && has_error(&e, "$", "$ref", NULL), "unknown schema: rule \"$ref\"");
	dlt_schema_errors_free(&e);
	cJSON_Delete(one);

	params_case(o, "eth_getBlockByNumber", "[\"latest\", false]", NULL, NULL);
	params_case(o, "eth_getBlockByNumber", "[\"0x10\", true]", NULL, NULL);
	params_case(o, "eth_getBlockByNumber", "[\"latest\"]", "$[1]", "required");
	params_case(o, "eth_getBlockByNumber", "[\"latest\", false, 1]", "$[2]", "params");
	params_case(o, "eth_getBlockByNumber", "[\"newest\", false]", "$[0]", "oneOf");
	params_case(o, "eth_getBlockByNumber", "[\"latest\", \"yes\"]", "$[1]", "type");
	params_case(o, "eth_getBlockByNumber", "{\"block\": \"latest\"}", "$", "params");
	params_case(o, "eth_chainId", NULL, NULL, NULL);
	params_case(o, "eth_chainId", "[]", NULL, NULL);
	params_case(o, "eth_getLogs", "[{\"fromBlock\": \"0x1\", \"address\": null}]", NULL, NULL);
	params_case(o, "eth_getLogs", "[{\"fromBlock\": 5}]", "$[0]", "oneOf");
	params_case(o, "eth_call",
		    "[{\"to\": \"0x5fbdb2315678afecb367f032d93f642f64180aa3\", "
		    "\"data\": \"0x\"}]",
		    "$[0].data", "additionalProperties");

	group_case(o, 800, "GasErrors", "Intrinsic gas too low / Intrinsic gas exceeds gas limit",
		   800, 999);
	group_case(o, 850, "GasErrors", NULL, 800, 999);
	group_case(o, 3, "ExecutionErrors", "Execution reverted", 1, 199);
	group_case(o, 150, "ExecutionErrors", NULL, 1, 199);
	group_case(o, 1001, "TxPoolErrors", "Invalid sender", 1000, 1199);
	group_case(o, 2000, "ZkExecutionErrors", "Out of counters", 2000, 2199);
	group_case(o, -32601, "JSONRPCStandardErrors", "Method not found", 0, 0);
	group_case(o, -32003, "JSONRPCNonStandardErrors", "Transaction rejected", 0, 0);
	group_case(o, 4444, NULL, NULL, 0, 0);
	group_case(o, -32050, NULL, NULL, 0, 0);
	group_case(o, 0, NULL, NULL, 0, 0);
}

/* ------------------------------------------------------------------ threads */

struct job {
	const struct dlt_openrpc *o;
	cJSON *block, *receipt, *bad;
	int mismatches;
};

static void *worker(void *arg)
{
	struct job *j = arg;
	for (int i = 0; i < 300; i++) {
		struct dlt_schema_errors e = { 0 };
		if (dlt_openrpc_check_result(j->o, "eth_getBlockByNumber", j->block, NULL) != 0)
			j->mismatches++;
		if (dlt_openrpc_check_result(j->o, "eth_getTransactionReceipt", j->receipt, &e) !=
			    -1 ||
		    !has_error(&e, "$.blockTimestamp", "additionalProperties", NULL))
			j->mismatches++;
		dlt_schema_errors_clear(&e);
		if (dlt_openrpc_check_result(j->o, "eth_getBlockByNumber", j->bad, &e) != -1 ||
		    !has_error(&e, "$.transactions[0].hash", "pattern",
			       "#/components/schemas/hash32"))
			j->mismatches++;
		dlt_schema_errors_free(&e);
	}
	return NULL;
}

static void test_threads(const struct dlt_openrpc *o)
{
	enum { N = 8 };
	cJSON *b = capture("anvil-eth_getBlockByNumber-1-hydrated");
	cJSON *r = capture("anvil-eth_getTransactionReceipt-log");
	cJSON *bad = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(b, "result"), 1);
	apply(&bad, "/transactions/0/hash", "\"0x12\"");
	pthread_t t[N];
	struct job jobs[N];
	int started = 0;
	for (int i = 0; i < N; i++) {
		jobs[i] = (struct job){ o, cJSON_GetObjectItemCaseSensitive(b, "result"),
					cJSON_GetObjectItemCaseSensitive(r, "result"), bad, 0 };
		if (pthread_create(&t[i], NULL, worker, &jobs[i]) == 0)
			started++;
		else
			break;
	}
	int mism = 0;
	for (int i = 0; i < started; i++) {
		pthread_join(t[i], NULL);
		mism += jobs[i].mismatches;
	}
	tap_ok(started == N && mism == 0, "%d threads x 900 validations agree (%d mismatches)",
	       started, mism);
	cJSON_Delete(bad);
	cJSON_Delete(b);
	cJSON_Delete(r);
}

int main(void)
{
	srcdir = getenv("DLT_SOURCE_DIR");
	if (!srcdir || !*srcdir)
		srcdir = DLT_SOURCE_DIR;
	char path[4096], err[512];
	snprintf(path, sizeof path, "%s/vectors/execution-apis/openrpc.json", srcdir);
	struct dlt_openrpc *o = NULL;
	int rc = dlt_openrpc_load(path, &o, err, sizeof err);
	tap_ok(rc == 0, "load %s", path);
	if (rc != 0) {
		tap_diag("  %s", err);
		tap_done();
		return 1;
	}
	struct dlt_openrpc *none = NULL;
	tap_ok(dlt_openrpc_load("/nonexistent/openrpc.json", &none, err, sizeof err) == -1 &&
		       !none && strstr(err, "/nonexistent/openrpc.json"),
	       "a missing file is named");
	test_api(o);
	test_captures(o);
	test_breakages(o);
	test_examples(o);
	test_threads(o);
	dlt_openrpc_free(o);
	return tap_done();
}
