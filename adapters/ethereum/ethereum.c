/*
 * ethereum.c: the Ethereum-family adapter. Speaks JSON-RPC 2.0 as specified by
 * ethereum/execution-apis over the shared transport, and maps the neutral operations onto
 * eth_* calls (docs/adapters.md, "ethereum"). Works for anvil, Hardhat, Ganache and
 * @ethereumjs/client; what one of them lacks is removed in its target file, not here.
 */
#include "adapters/adapter.h"
#include "adapters/jsonrpc.h"
#include "common/u256.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct dlt_conn {
	struct jsonrpc_client *rpc;
	const struct dlt_target *target;
	int next_account;
};

static const char *const eth_caps[] = {
	"rpc", "raw_rpc", "batch", "accounts", "mine", "time_control", "wallet", "proof", NULL,
};

static int eth_open(const struct dlt_target *t, struct dlt_conn **out, struct dlt_err *err)
{
	struct dlt_conn *c = calloc(1, sizeof *c);
	if (!c)
		return dlt_err_set(err, DLT_E_TRANSPORT, "out of memory");
	c->rpc = jsonrpc_client_new(t->name, t->url, t->user, t->password, JSONRPC_2_0);
	if (!c->rpc) {
		free(c);
		return dlt_err_set(err, DLT_E_TRANSPORT, "target %s: cannot create an HTTP client",
				   t->name);
	}
	jsonrpc_client_set_max_response(c->rpc, t->max_response);
	c->target = t;
	*out = c;
	return DLT_OK;
}

static void eth_close(struct dlt_conn *c)
{
	if (!c)
		return;
	jsonrpc_client_free(c->rpc);
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
				   "target %s: eth_blockNumber did not answer a quantity",
				   c->target->name);
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
				   "timestamp or transactions", c->target->name);
	}
	cJSON *n = cJSON_CreateObject();
	cJSON_AddNumberToObject(n, "number", (double)number);
	cJSON_AddStringToObject(n, "hash", hash->valuestring);
	cJSON_AddStringToObject(n, "parent", parent->valuestring);
	cJSON_AddNumberToObject(n, "time", (double)ts);
	cJSON *ids = cJSON_AddArrayToObject(n, "txids");
	cJSON *tx;
	cJSON_ArrayForEach(tx, txs) {
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
	cJSON zero = {.type = cJSON_Number, .valuedouble = 0, .valueint = 0};
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
	cJSON *gh = cJSON_IsObject(genesis) ? cJSON_GetObjectItemCaseSensitive(genesis, "hash") : NULL;
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
		cJSON latest = {.type = cJSON_String, .valuestring = "latest"};
		cJSON *b;
		if ((rc = eth_block(c, &latest, &b, err))) {
			cJSON_Delete(list);
			return rc;
		}
		cJSON *h = cJSON_GetObjectItemCaseSensitive(b, "hash");
		cJSON_AddItemToArray(list, cJSON_CreateString(cJSON_IsString(h) ? h->valuestring : ""));
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
				   c->target->name);
	}
	/* account 0 funds transfers; hand out the others in turn */
	int i = 1 + (c->next_account++ % (n - 1));
	cJSON *a = cJSON_GetArrayItem(acc, i);
	*out = cJSON_IsString(a) ? strdup(a->valuestring) : NULL;
	cJSON_Delete(acc);
	return *out ? DLT_OK : dlt_err_set(err, DLT_E_PROTOCOL, "eth_accounts: not strings");
}

/* Hex quantity to decimal string (arbitrary width, schoolbook). */
static char *quantity_to_decimal(const char *q)
{
	if (strncmp(q, "0x", 2) != 0)
		return NULL;
	q += 2;
	size_t cap = strlen(q) * 2 + 2;
	unsigned char *dec = calloc(cap, 1); /* little-endian decimal digits */
	if (!dec)
		return NULL;
	size_t len = 1;
	for (; *q; q++) {
		int v;
		if (*q >= '0' && *q <= '9')
			v = *q - '0';
		else if (*q >= 'a' && *q <= 'f')
			v = *q - 'a' + 10;
		else if (*q >= 'A' && *q <= 'F')
			v = *q - 'A' + 10;
		else {
			free(dec);
			return NULL;
		}
		int carry = v;
		for (size_t i = 0; i < len; i++) {
			int x = dec[i] * 16 + carry;
			dec[i] = (unsigned char)(x % 10);
			carry = x / 10;
		}
		while (carry) {
			dec[len++] = (unsigned char)(carry % 10);
			carry /= 10;
		}
	}
	char *s = malloc(len + 1);
	if (s) {
		for (size_t i = 0; i < len; i++)
			s[i] = (char)('0' + dec[len - 1 - i]);
		s[len] = '\0';
	}
	free(dec);
	return s;
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
	*decimal = cJSON_IsString(r) ? quantity_to_decimal(r->valuestring) : NULL;
	cJSON_Delete(r);
	if (!*decimal)
		return dlt_err_set(err, DLT_E_PROTOCOL, "target %s: eth_getBalance is not a quantity",
				   c->target->name);
	return DLT_OK;
}

static int eth_transfer(struct dlt_conn *c, const cJSON *req, char **txid, struct dlt_err *err)
{
	const cJSON *to = cJSON_GetObjectItemCaseSensitive(req, "to");
	const cJSON *amount = cJSON_GetObjectItemCaseSensitive(req, "amount");
	const cJSON *from = cJSON_GetObjectItemCaseSensitive(req, "from");
	if (!cJSON_IsString(to) || !cJSON_IsString(amount))
		return dlt_err_set(err, DLT_E_ARG, "transfer needs to and amount");
	char *from_addr = NULL;
	if (cJSON_IsString(from))
		from_addr = strdup(from->valuestring);
	else {
		cJSON *acc;
		int rc = call_json(c, "eth_accounts", "[]", &acc, err);
		if (rc)
			return rc;
		cJSON *a0 = cJSON_GetArrayItem(acc, 0);
		from_addr = cJSON_IsString(a0) ? strdup(a0->valuestring) : NULL;
		cJSON_Delete(acc);
		if (!from_addr)
			return dlt_err_set(err, DLT_E_UNSUPPORTED, "target %s: no unlocked account",
					   c->target->name);
	}
	/* amount: decimal base units -> hex quantity */
	const char *d = amount->valuestring;
	unsigned char hexd[80] = {0}; /* little-endian nibbles */
	size_t hl = 1;
	for (; *d; d++) {
		if (*d < '0' || *d > '9') {
			free(from_addr);
			return dlt_err_set(err, DLT_E_ARG, "transfer: amount must be decimal digits");
		}
		int carry = *d - '0';
		for (size_t i = 0; i < hl; i++) {
			int x = hexd[i] * 10 + carry;
			hexd[i] = (unsigned char)(x & 15);
			carry = x >> 4;
		}
		while (carry && hl < sizeof hexd) {
			hexd[hl++] = (unsigned char)(carry & 15);
			carry >>= 4;
		}
	}
	while (hl > 1 && hexd[hl - 1] == 0)
		hl--;
	char q[90] = "0x";
	for (size_t i = 0; i < hl; i++)
		q[2 + i] = "0123456789abcdef"[hexd[hl - 1 - i]];
	q[2 + hl] = '\0';
	cJSON *tx = cJSON_CreateObject();
	cJSON_AddStringToObject(tx, "from", from_addr);
	cJSON_AddStringToObject(tx, "to", to->valuestring);
	cJSON_AddStringToObject(tx, "value", q);
	free(from_addr);
	cJSON *params = cJSON_CreateArray();
	cJSON_AddItemToArray(params, tx);
	cJSON *r;
	int rc = eth_rpc(c, "eth_sendTransaction", params, &r, err);
	cJSON_Delete(params);
	if (rc)
		return rc;
	*txid = cJSON_IsString(r) ? strdup(r->valuestring) : NULL;
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
	cJSON *o = cJSON_CreateObject();
	uint64_t bn;
	if (cJSON_IsObject(receipt) &&
	    !quantity_u64(cJSON_GetObjectItemCaseSensitive(receipt, "blockNumber"), &bn)) {
		uint64_t head = 0;
		if ((rc = eth_height(c, &head, err))) {
			cJSON_Delete(o);
			cJSON_Delete(receipt);
			return rc;
		}
		cJSON_AddStringToObject(o, "state", "confirmed");
		cJSON_AddNumberToObject(o, "block", (double)bn);
		cJSON_AddNumberToObject(o, "confirmations", head >= bn ? (double)(head - bn + 1) : 0);
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
			cJSON_Delete(o);
			cJSON_Delete(receipt);
			return rc;
		}
		cJSON_AddStringToObject(o, "state", cJSON_IsObject(tx) ? "pending" : "unknown");
		cJSON_AddNullToObject(o, "block");
		cJSON_AddNumberToObject(o, "confirmations", 0);
		cJSON_Delete(tx);
	}
	cJSON_Delete(receipt);
	*out = o;
	return DLT_OK;
}

/* Ethereum dev nodes have no publisher: a subscription polls the head every 50 ms. */
struct eth_sub {
	struct dlt_conn *c;
	uint64_t last;
};

static int eth_subscribe(struct dlt_conn *c, const char *topic, void **sub, struct dlt_err *err)
{
	if (strcmp(topic, "block") != 0)
		return dlt_err_set(err, DLT_E_UNSUPPORTED,
				   "target %s: the ethereum adapter announces only \"block\"",
				   c->target->name);
	struct eth_sub *s = calloc(1, sizeof *s);
	if (!s)
		return dlt_err_set(err, DLT_E_TRANSPORT, "out of memory");
	s->c = c;
	int rc = eth_height(c, &s->last, err);
	if (rc) {
		free(s);
		return rc;
	}
	*sub = s;
	return DLT_OK;
}

static int eth_sub_next(void *sub, long timeout_ms, cJSON **out, struct dlt_err *err)
{
	struct eth_sub *s = sub;
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	*out = NULL;
	for (;;) {
		uint64_t h;
		int rc = eth_height(s->c, &h, err);
		if (rc)
			return rc;
		if (h > s->last) {
			s->last++;
			cJSON num = {.type = cJSON_Number, .valuedouble = (double)s->last};
			cJSON *b;
			if ((rc = eth_block(s->c, &num, &b, err)))
				return rc;
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "topic", "block");
			cJSON_AddNumberToObject(o, "height", (double)s->last);
			cJSON *hash = cJSON_GetObjectItemCaseSensitive(b, "hash");
			cJSON_AddStringToObject(o, "hash", cJSON_IsString(hash) ? hash->valuestring : "");
			cJSON_Delete(b);
			*out = o;
			return DLT_OK;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		long elapsed = (now.tv_sec - start.tv_sec) * 1000 +
			       (now.tv_nsec - start.tv_nsec) / 1000000;
		if (elapsed >= timeout_ms)
			return DLT_OK;
		struct timespec ts = {0, 50 * 1000000L};
		nanosleep(&ts, NULL);
	}
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
