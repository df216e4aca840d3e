/*
 * ethereum.c: the Ethereum-family adapter. Speaks JSON-RPC 2.0 as specified by
 * ethereum/execution-apis over the shared transport, and maps the neutral operations onto
 * eth_* calls (docs/adapters.md, "ethereum"). Works for anvil, Hardhat, Ganache and
 * @ethereumjs/client; what one of them lacks is removed in its target file, not here.
 */
#include "adapters/adapter.h"
#include "adapters/adapter_util.h"
#include "adapters/jsonrpc.h"
#include "common/clock.h"
#include "common/mem.h"
#include "common/u256.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dlt_conn {
	struct jsonrpc_client *rpc;
	char *name; /* the target's, for messages */
	int next_account;
};

static const char *const eth_caps[] = {
	"rpc", "raw_rpc", "batch", "accounts", "mine", "time_control", "wallet", "proof", NULL,
};

static int eth_open(const struct dlt_adapter_config *cfg, struct dlt_conn **out,
		    struct dlt_err *err)
{
	*out = NULL;
	if (!cfg->url)
		return dlt_err_set(err, DLT_E_ARG, "target %s has no url", cfg->name);
	struct dlt_conn *c = dlt_xcalloc(1, sizeof *c);
	c->name = dlt_xstrdup(cfg->name ? cfg->name : cfg->url);
	c->rpc = jsonrpc_client_new(c->name, cfg->url, cfg->user, cfg->password, JSONRPC_2_0);
	jsonrpc_client_set_max_response(c->rpc, cfg->max_response);
	*out = c;
	return DLT_OK;
}

static void eth_close(struct dlt_conn *c)
{
	if (!c)
		return;
	jsonrpc_client_free(c->rpc);
	free(c->name);
	free(c);
}

static void eth_set_timeout(struct dlt_conn *c, long ms)
{
	jsonrpc_client_set_timeout(c->rpc, ms);
}

static int eth_rpc(struct dlt_conn *c, const char *method, const cJSON *params, cJSON **result,
		   struct dlt_err *err)
{
	return jsonrpc_call(c->rpc, NULL, method, params, result, err);
}

static int eth_rpc_raw(struct dlt_conn *c, const char *path, const char *body, size_t len,
		       const char *content_type, struct dlt_http_reply *reply, struct dlt_err *err)
{
	return jsonrpc_post_raw(c->rpc, path, body, len, content_type, reply, err);
}

/* Parse a JSON-RPC quantity ("0x1a") into a uint64. */
static int quantity_u64(const cJSON *v, uint64_t *out)
{
	if (!cJSON_IsString(v) || strncmp(v->valuestring, "0x", 2) != 0 || !v->valuestring[2])
		return -1;
	char *end;
	errno = 0;
	unsigned long long n = strtoull(v->valuestring + 2, &end, 16);
	if (*end || errno)
		return -1;
	*out = n;
	return 0;
}

/* Call a method whose params are given as a JSON text, for brevity below. */
static int call_json(struct dlt_conn *c, const char *method, const char *params_json,
		     cJSON **result, struct dlt_err *err)
{
	cJSON *params = cJSON_Parse(params_json);
	int rc = eth_rpc(c, method, params, result, err);
	cJSON_Delete(params);
	return rc;
}

static int eth_height(struct dlt_conn *c, uint64_t *out, struct dlt_err *err)
{
	cJSON *r;
	int rc = call_json(c, "eth_blockNumber", "[]", &r, err);
	if (rc)
		return rc;
	rc = quantity_u64(r, out);
	cJSON_Delete(r);
	if (rc)
		return dlt_err_set(err, DLT_E_PROTOCOL,
				   "target %s: eth_blockNumber did not answer a quantity", c->name);
	return DLT_OK;
}

static int get_block(struct dlt_conn *c, const cJSON *which, cJSON **raw, struct dlt_err *err)
{
	cJSON *params = cJSON_CreateArray();
	const char *method;
	if (cJSON_IsNumber(which)) {
		char q[32];
		snprintf(q, sizeof q, "0x%llx", (unsigned long long)which->valuedouble);
		cJSON_AddItemToArray(params, cJSON_CreateString(q));
		method = "eth_getBlockByNumber";
	} else if (cJSON_IsString(which) && strlen(which->valuestring) == 66) {
		cJSON_AddItemToArray(params, cJSON_CreateString(which->valuestring));
		method = "eth_getBlockByHash";
	} else if (cJSON_IsString(which)) {
		cJSON_AddItemToArray(params, cJSON_CreateString(which->valuestring));
		method = "eth_getBlockByNumber";
	} else {
		cJSON_Delete(params);
		return dlt_err_set(err, DLT_E_ARG, "block: expected a number, a tag or a hash");
	}
	cJSON_AddItemToArray(params, cJSON_CreateFalse());
	int rc = eth_rpc(c, method, params, raw, err);
	cJSON_Delete(params);
	return rc;
}

static int eth_block(struct dlt_conn *c, const cJSON *which, cJSON **out, struct dlt_err *err)
{
	cJSON *b;
	int rc = get_block(c, which, &b, err);
	if (rc)
		return rc;
	if (cJSON_IsNull(b)) {
		*out = b;
		return DLT_OK;
	}
	uint64_t number = 0, ts = 0;
	cJSON *hash = cJSON_GetObjectItemCaseSensitive(b, "hash");
	cJSON *parent = cJSON_GetObjectItemCaseSensitive(b, "parentHash");
	cJSON *txs = cJSON_GetObjectItemCaseSensitive(b, "transactions");
	if (!cJSON_IsObject(b) ||
	    quantity_u64(cJSON_GetObjectItemCaseSensitive(b, "number"), &number) ||
	    quantity_u64(cJSON_GetObjectItemCaseSensitive(b, "timestamp"), &ts) ||
	    !cJSON_IsString(hash) || !cJSON_IsString(parent) || !cJSON_IsArray(txs)) {
		cJSON_Delete(b);
		return dlt_err_set(err, DLT_E_PROTOCOL,
				   "target %s: block answer lacks number, hash, parentHash, "
				   "timestamp or transactions",
				   c->name);
	}
	cJSON *n = cJSON_CreateObject();
	cJSON_AddNumberToObject(n, "number", (double)number);
	cJSON_AddStringToObject(n, "hash", hash->valuestring);
	cJSON_AddStringToObject(n, "parent", parent->valuestring);
	cJSON_AddNumberToObject(n, "time", (double)ts);
	cJSON *ids = cJSON_AddArrayToObject(n, "txids");
	cJSON *tx;
	cJSON_ArrayForEach (tx, txs) {
		if (cJSON_IsString(tx))
			cJSON_AddItemToArray(ids, cJSON_CreateString(tx->valuestring));
	}
	cJSON_Delete(b);
	*out = n;
	return DLT_OK;
}

static int eth_info(struct dlt_conn *c, cJSON **out, struct dlt_err *err)
{
	cJSON *client = NULL, *chain = NULL, *net = NULL, *genesis = NULL;
	int rc = call_json(c, "web3_clientVersion", "[]", &client, err);
	if (rc == DLT_E_RPC) {
		dlt_err_clear(err);
		client = cJSON_CreateString("");
	} else if (rc)
		return rc;
	if ((rc = call_json(c, "eth_chainId", "[]", &chain, err)))
		goto done;
	if (call_json(c, "net_version", "[]", &net, err)) {
		if (err->kind != DLT_E_RPC) {
			rc = err->kind;
			goto done;
		}
		dlt_err_clear(err);
	}
	cJSON zero = { .type = cJSON_Number, .valuedouble = 0, .valueint = 0 };
	if ((rc = eth_block(c, &zero, &genesis, err)))
		goto done;
	cJSON *o = cJSON_CreateObject();
	const char *cv = cJSON_IsString(client) ? client->valuestring : "";
	/* "anvil/v1.7.1", "HardhatNetwork/2.29.1/...", "Ganache/v7.9.2/..." */
	char impl[64] = "", ver[64] = "";
	const char *slash = strchr(cv, '/');
	if (slash) {
		snprintf(impl, sizeof impl, "%.*s", (int)(slash - cv), cv);
		const char *v = slash + 1;
		if (*v == 'v')
			v++;
		snprintf(ver, sizeof ver, "%.*s", (int)strcspn(v, "/ -"), v);
	} else
		snprintf(impl, sizeof impl, "%s", cv);
	cJSON_AddStringToObject(o, "implementation", impl);
	cJSON_AddStringToObject(o, "version", ver);
	cJSON_AddStringToObject(o, "client_version", cv);
	cJSON_AddStringToObject(o, "network", cJSON_IsString(net) ? net->valuestring : "");
	cJSON_AddStringToObject(o, "chain_id", cJSON_IsString(chain) ? chain->valuestring : "");
	cJSON *gh =
		cJSON_IsObject(genesis) ? cJSON_GetObjectItemCaseSensitive(genesis, "hash") : NULL;
	cJSON_AddStringToObject(o, "genesis_hash", cJSON_IsString(gh) ? gh->valuestring : "");
	*out = o;
done:
	cJSON_Delete(client);
	cJSON_Delete(chain);
	cJSON_Delete(net);
	cJSON_Delete(genesis);
	return rc;
}

static int eth_produce_blocks(struct dlt_conn *c, int n, const char *address, cJSON **hashes,
			      struct dlt_err *err)
{
	cJSON *list = cJSON_CreateArray();
	for (int i = 0; i < n; i++) {
		cJSON *r;
		int rc = call_json(c, "evm_mine", "[]", &r, err);
		if (rc) {
			cJSON_Delete(list);
			return rc;
		}
		cJSON_Delete(r);
		cJSON latest = { .type = cJSON_String, .valuestring = "latest" };
		cJSON *b;
		if ((rc = eth_block(c, &latest, &b, err))) {
			cJSON_Delete(list);
			return rc;
		}
		cJSON *h = cJSON_GetObjectItemCaseSensitive(b, "hash");
		cJSON_AddItemToArray(list,
				     cJSON_CreateString(cJSON_IsString(h) ? h->valuestring : ""));
		cJSON_Delete(b);
	}
	*hashes = list;
	return DLT_OK;
}

static int eth_new_address(struct dlt_conn *c, char **out, struct dlt_err *err)
{
	cJSON *acc;
	int rc = call_json(c, "eth_accounts", "[]", &acc, err);
	if (rc)
		return rc;
	int n = cJSON_GetArraySize(acc);
	if (!cJSON_IsArray(acc) || n < 2) {
		cJSON_Delete(acc);
		return dlt_err_set(err, DLT_E_UNSUPPORTED,
				   "target %s: eth_accounts lists fewer than two accounts",
				   c->name);
	}
	/* account 0 funds transfers; hand out the others in turn */
	int i = 1 + (c->next_account++ % (n - 1));
	cJSON *a = cJSON_GetArrayItem(acc, i);
	*out = cJSON_IsString(a) ? dlt_xstrdup(a->valuestring) : NULL;
	cJSON_Delete(acc);
	return *out ? DLT_OK : dlt_err_set(err, DLT_E_PROTOCOL, "eth_accounts: not strings");
}

static int eth_balance(struct dlt_conn *c, const char *address, char **decimal, struct dlt_err *err)
{
	cJSON *params = cJSON_CreateArray();
	cJSON_AddItemToArray(params, cJSON_CreateString(address));
	cJSON_AddItemToArray(params, cJSON_CreateString("latest"));
	cJSON *r;
	int rc = eth_rpc(c, "eth_getBalance", params, &r, err);
	cJSON_Delete(params);
	if (rc)
		return rc;
	dlt_u256 v;
	char e[128], dec[DLT_U256_DEC_MAX];
	int bad = !cJSON_IsString(r) || dlt_u256_from_hex(&v, r->valuestring, e, sizeof e) != 0;
	cJSON_Delete(r);
	if (bad)
		return dlt_err_set(err, DLT_E_PROTOCOL,
				   "target %s: eth_getBalance is not a quantity", c->name);
	dlt_u256_to_dec(&v, dec);
	*decimal = dlt_xstrdup(dec);
	return DLT_OK;
}

static int eth_transfer(struct dlt_conn *c, const cJSON *req, char **txid, struct dlt_err *err)
{
	const cJSON *to = cJSON_GetObjectItemCaseSensitive(req, "to");
	const cJSON *amount = cJSON_GetObjectItemCaseSensitive(req, "amount");
	const cJSON *from = cJSON_GetObjectItemCaseSensitive(req, "from");
	char units[DLT_U256_DEC_MAX], q[DLT_U256_HEX_MAX], e[128];
	dlt_u256 wei;
	*txid = NULL;
	if (!cJSON_IsString(to))
		return dlt_err_set(err, DLT_E_ARG, "transfer: \"to\" must be an address");
	if (dlt_request_units(amount, DLT_UNITS_MAX_U256, units, sizeof units) ||
	    dlt_u256_from_dec(&wei, units, e, sizeof e))
		return dlt_err_set(
			err, DLT_E_ARG,
			"transfer: \"amount\" must be wei (digits or integer, below 2^256)");
	dlt_u256_to_hex(&wei, q);
	cJSON *acc = NULL;
	const char *from_addr = cJSON_IsString(from) ? from->valuestring : NULL;
	if (!from_addr) {
		int rc = call_json(c, "eth_accounts", "[]", &acc, err);
		if (rc)
			return rc;
		cJSON *a0 = cJSON_GetArrayItem(acc, 0);
		if (!cJSON_IsString(a0)) {
			cJSON_Delete(acc);
			return dlt_err_set(err, DLT_E_UNSUPPORTED, "target %s: no unlocked account",
					   c->name);
		}
		from_addr = a0->valuestring;
	}
	cJSON *tx = cJSON_CreateObject();
	cJSON_AddStringToObject(tx, "from", from_addr);
	cJSON_AddStringToObject(tx, "to", to->valuestring);
	cJSON_AddStringToObject(tx, "value", q);
	cJSON_Delete(acc);
	cJSON *params = cJSON_CreateArray();
	cJSON_AddItemToArray(params, tx);
	cJSON *r;
	int rc = eth_rpc(c, "eth_sendTransaction", params, &r, err);
	cJSON_Delete(params);
	if (rc)
		return rc;
	*txid = cJSON_IsString(r) ? dlt_xstrdup(r->valuestring) : NULL;
	cJSON_Delete(r);
	return *txid ? DLT_OK : dlt_err_set(err, DLT_E_PROTOCOL, "eth_sendTransaction: not a hash");
}

static int eth_tx_status(struct dlt_conn *c, const char *txid, cJSON **out, struct dlt_err *err)
{
	cJSON *params = cJSON_CreateArray();
	cJSON_AddItemToArray(params, cJSON_CreateString(txid));
	cJSON *receipt;
	int rc = eth_rpc(c, "eth_getTransactionReceipt", params, &receipt, err);
	cJSON_Delete(params);
	if (rc)
		return rc;
	cJSON *o;
	uint64_t bn;
	if (cJSON_IsObject(receipt) &&
	    !quantity_u64(cJSON_GetObjectItemCaseSensitive(receipt, "blockNumber"), &bn)) {
		uint64_t head = 0;
		if ((rc = eth_height(c, &head, err))) {
			cJSON_Delete(receipt);
			return rc;
		}
		o = dlt_tx_status_object("confirmed", (long long)bn,
					 head >= bn ? (long long)(head - bn + 1) : 0);
		cJSON *st = cJSON_GetObjectItemCaseSensitive(receipt, "status");
		if (cJSON_IsString(st))
			cJSON_AddBoolToObject(o, "success", strcmp(st->valuestring, "0x1") == 0);
		/* fee paid, in wei: gasUsed x effectiveGasPrice */
		cJSON *gu = cJSON_GetObjectItemCaseSensitive(receipt, "gasUsed");
		cJSON *gp = cJSON_GetObjectItemCaseSensitive(receipt, "effectiveGasPrice");
		dlt_u256 a, b, fee;
		char e[64], dec[DLT_U256_DEC_MAX];
		if (cJSON_IsString(gu) && cJSON_IsString(gp) &&
		    dlt_u256_from_hex(&a, gu->valuestring, e, sizeof e) == 0 &&
		    dlt_u256_from_hex(&b, gp->valuestring, e, sizeof e) == 0 &&
		    dlt_u256_mul(&fee, &a, &b) == 0) {
			dlt_u256_to_dec(&fee, dec);
			cJSON_AddStringToObject(o, "fee", dec);
		}
	} else {
		/* known to the pool? */
		params = cJSON_CreateArray();
		cJSON_AddItemToArray(params, cJSON_CreateString(txid));
		cJSON *tx = NULL;
		rc = eth_rpc(c, "eth_getTransactionByHash", params, &tx, err);
		cJSON_Delete(params);
		if (rc) {
			cJSON_Delete(receipt);
			return rc;
		}
		o = dlt_tx_status_object(cJSON_IsObject(tx) ? "pending" : "unknown", -1, 0);
		cJSON_Delete(tx);
	}
	cJSON_Delete(receipt);
	*out = o;
	return DLT_OK;
}

/* Ethereum dev nodes have no publisher: a subscription polls the head (adapter_util.h). */

/* The hash of the block at a height, for polling ("" when the node has none). */
static int hash_at(struct dlt_conn *c, uint64_t height, char *hash, size_t hashlen,
		   struct dlt_err *err)
{
	cJSON num = { .type = cJSON_Number, .valuedouble = (double)height };
	cJSON *b;
	int rc = eth_block(c, &num, &b, err);
	if (rc)
		return rc;
	const cJSON *h = cJSON_GetObjectItemCaseSensitive(b, "hash");
	snprintf(hash, hashlen, "%s", cJSON_IsString(h) ? h->valuestring : "");
	cJSON_Delete(b);
	return DLT_OK;
}

static int eth_subscribe(struct dlt_conn *c, const char *topic, void **sub, struct dlt_err *err)
{
	if (!topic || strcmp(topic, "block") != 0)
		return dlt_err_set(err, DLT_E_UNSUPPORTED,
				   "target %s: the ethereum adapter announces only \"block\"",
				   c->name);
	struct dlt_poll *p = dlt_xmalloc(sizeof *p);
	*p = (struct dlt_poll){ c, 0, eth_height, hash_at };
	int rc = dlt_poll_start(p, err);
	if (rc) {
		free(p);
		return rc;
	}
	*sub = p;
	return DLT_OK;
}

static int eth_sub_next(void *sub, long timeout_ms, cJSON **out, struct dlt_err *err)
{
	return dlt_poll_next(sub, dlt_now_ms() + (timeout_ms > 0 ? timeout_ms : 0), out, err);
}

static void eth_sub_close(void *sub)
{
	free(sub);
}

const struct dlt_adapter_ops dlt_adapter_ethereum = {
	.family = "ethereum",
	.capabilities = eth_caps,
	.open = eth_open,
	.close = eth_close,
	.set_timeout = eth_set_timeout,
	.rpc = eth_rpc,
	.rpc_raw = eth_rpc_raw,
	.info = eth_info,
	.height = eth_height,
	.block = eth_block,
	.produce_blocks = eth_produce_blocks,
	.new_address = eth_new_address,
	.balance = eth_balance,
	.transfer = eth_transfer,
	.tx_status = eth_tx_status,
	.subscribe = eth_subscribe,
	.sub_next = eth_sub_next,
	.sub_close = eth_sub_close,
};
