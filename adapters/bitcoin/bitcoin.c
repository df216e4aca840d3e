/*
 * bitcoin.c: the bitcoin family adapter: Bitcoin Core's JSON-RPC (1.0 envelope, HTTP basic
 * auth or a cookie file), spoken by bitcoind, litecoind and other Bitcoin Core forks. Nothing
 * here is specific to one network: HRPs, genesis hashes and coin names are the target's
 * params (docs/adapters-bitcoin.md has the mapping of every neutral operation).
 *
 * Amounts: the node writes coin amounts as JSON numbers with 8 decimals ("50.00000000"); the
 * calls that carry amounts are parsed with dlt_exact_parse (common/exact.h), so base units are
 * computed from the decimal text, never through a double. Amounts sent to the node are written
 * as exact decimal literals.
 *
 * Wallet: wallet calls go to /wallet/NAME (params.wallet, default "dlt"). The wallet is loaded
 * or created on first use, so a target need not create it in after_start (it may).
 */
#include "adapters/adapter_util.h"
#include "adapters/jsonrpc.h"
#include "adapters/zmq_sub.h"
#include "common/buf.h"
#include "common/clock.h"
#include "common/exact.h"
#include "common/hex.h"
#include "common/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dlt_conn {
	char *name;
	struct jsonrpc_client *rpc;
	char *wallet_path; /* "/wallet/NAME" */
	char *wallet_name;
	char *address_type; /* params.address_type or NULL (node default) */
	char *mine_address; /* params.mine_address or NULL (a new wallet address) */
	char *zmq_url;
	int decimals; /* params.decimals, default 8 */
	int wallet_ready;
	long timeout_ms;
	size_t max_response; /* largest answer read (the configuration's max_response) */
	/* credentials, kept to open subscription clients */
	char *url, *user, *password;
};

static const char *const btc_caps[] = {
	"rpc", "raw_rpc", "batch", "mine", "wallet", "proof", "time_control", NULL,
};

/* Read "user:password" from a Bitcoin Core .cookie file. */
static int read_cookie(const char *path, char **user, char **password, struct dlt_err *err)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return dlt_err_set(err, DLT_E_ARG, "cannot read the RPC cookie file %s", path);
	char line[512];
	if (!fgets(line, sizeof line, f)) {
		fclose(f);
		return dlt_err_set(err, DLT_E_ARG, "the RPC cookie file %s is empty", path);
	}
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	char *colon = strchr(line, ':');
	if (!colon)
		return dlt_err_set(err, DLT_E_ARG, "the RPC cookie file %s has no user:password",
				   path);
	*colon = '\0';
	*user = dlt_xstrdup(line);
	*password = dlt_xstrdup(colon + 1);
	memset(line, 0, sizeof line);
	return DLT_OK;
}

static void btc_close(struct dlt_conn *c)
{
	if (!c)
		return;
	jsonrpc_client_free(c->rpc);
	free(c->name);
	free(c->wallet_path);
	free(c->wallet_name);
	free(c->address_type);
	free(c->mine_address);
	free(c->zmq_url);
	free(c->url);
	free(c->user);
	if (c->password) {
		memset(c->password, 0, strlen(c->password));
		free(c->password);
	}
	free(c);
}

/* "/wallet/NAME", the name percent-encoded but for unreserved characters */
static char *wallet_path(const char *name)
{
	struct dlt_buf b = DLT_BUF_INIT;
	dlt_buf_puts(&b, "/wallet/");
	for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~", *s))
			dlt_buf_push(&b, *s);
		else
			dlt_buf_printf(&b, "%%%02X", *s);
	}
	return dlt_buf_take(&b);
}

static int btc_open(const struct dlt_adapter_config *cfg, struct dlt_conn **out,
		    struct dlt_err *err)
{
	*out = NULL;
	if (!cfg->url)
		return dlt_err_set(err, DLT_E_ARG, "target %s has no url", cfg->name);
	struct dlt_conn *c = dlt_xcalloc(1, sizeof *c);
	c->name = dlt_xstrdup(cfg->name ? cfg->name : cfg->url);
	c->url = dlt_xstrdup(cfg->url);
	c->user = dlt_xstrdup(cfg->user);
	c->password = dlt_xstrdup(cfg->password);
	const char *cookie = dlt_param_str(cfg, "cookie_file");
	if (!c->user && cookie) {
		int rc = read_cookie(cookie, &c->user, &c->password, err);
		if (rc) {
			btc_close(c);
			return rc;
		}
	}
	const char *w = dlt_param_str(cfg, "wallet");
	c->wallet_name = dlt_xstrdup(w ? w : "dlt");
	c->wallet_path = wallet_path(c->wallet_name);
	c->address_type = dlt_xstrdup(dlt_param_str(cfg, "address_type"));
	c->mine_address = dlt_xstrdup(dlt_param_str(cfg, "mine_address"));
	c->zmq_url = dlt_xstrdup(cfg->zmq_url);
	c->decimals = (int)dlt_param_number(cfg, "decimals", 8);
	c->timeout_ms = 30000;
	c->max_response = cfg->max_response ? cfg->max_response : DLT_MAX_RESPONSE_DEFAULT;
	c->rpc = jsonrpc_client_new(c->name, c->url, c->user, c->password, JSONRPC_1_0);
	jsonrpc_client_set_max_response(c->rpc, c->max_response);
	*out = c;
	return DLT_OK;
}

static void btc_set_timeout(struct dlt_conn *c, long ms)
{
	c->timeout_ms = ms > 0 ? ms : 1;
	jsonrpc_client_set_timeout(c->rpc, c->timeout_ms);
}

static int btc_rpc(struct dlt_conn *c, const char *method, const cJSON *params, cJSON **result,
		   struct dlt_err *err)
{
	return jsonrpc_call(c->rpc, NULL, method, params, result, err);
}

static int btc_rpc_raw(struct dlt_conn *c, const char *path, const char *body, size_t len,
		       const char *content_type, struct dlt_http_reply *reply, struct dlt_err *err)
{
	return jsonrpc_post_raw(c->rpc, path, body, len, content_type, reply, err);
}

/* A call whose answer is parsed with exact amounts (amounts become strings). */
static int call_exact(struct dlt_conn *c, const char *path, const char *method, const cJSON *params,
		      cJSON **result, struct dlt_err *err)
{
	return jsonrpc_call_parsed(c->rpc, path, method, params, dlt_exact_parse, result, err);
}

/* Call with an array of params built by the caller (consumed). */
static int call_owned(struct dlt_conn *c, const char *path, const char *method, cJSON *params,
		      cJSON **result, struct dlt_err *err)
{
	int rc = jsonrpc_call(c->rpc, path, method, params, result, err);
	cJSON_Delete(params);
	return rc;
}

static int call_exact_owned(struct dlt_conn *c, const char *path, const char *method, cJSON *params,
			    cJSON **result, struct dlt_err *err)
{
	int rc = call_exact(c, path, method, params, result, err);
	cJSON_Delete(params);
	return rc;
}

static cJSON *arr1s(const char *s)
{
	cJSON *a = cJSON_CreateArray();
	cJSON_AddItemToArray(a, cJSON_CreateString(s));
	return a;
}

static cJSON *arr1n(double n)
{
	cJSON *a = cJSON_CreateArray();
	cJSON_AddItemToArray(a, cJSON_CreateNumber(n));
	return a;
}

/* Load or create the adapter's wallet; remembers success. */
static int ensure_wallet(struct dlt_conn *c, struct dlt_err *err)
{
	if (c->wallet_ready)
		return DLT_OK;
	cJSON *res = NULL;
	int rc = call_owned(c, c->wallet_path, "getwalletinfo", cJSON_CreateArray(), &res, err);
	cJSON_Delete(res);
	if (rc == DLT_OK) {
		c->wallet_ready = 1;
		return DLT_OK;
	}
	if (rc != DLT_E_RPC)
		return rc;
	dlt_err_clear(err);
	rc = call_owned(c, NULL, "loadwallet", arr1s(c->wallet_name), &res, err);
	cJSON_Delete(res);
	if (rc == DLT_E_RPC) {
		dlt_err_clear(err);
		rc = call_owned(c, NULL, "createwallet", arr1s(c->wallet_name), &res, err);
		cJSON_Delete(res);
	}
	if (rc == DLT_OK) {
		c->wallet_ready = 1;
	} else {
		/* copied first: err->msg must not be both an argument and the destination */
		char msg[sizeof err->msg];
		snprintf(msg, sizeof msg, "%s", err->msg);
		dlt_err_set(err, err->kind ? err->kind : DLT_E_RPC,
			    "target %s: cannot load or create wallet \"%s\": %s", c->name,
			    c->wallet_name, msg);
	}
	return rc;
}

static int get_u64(const cJSON *v, uint64_t *out)
{
	if (!cJSON_IsNumber(v) || v->valuedouble < 0)
		return -1;
	*out = (uint64_t)v->valuedouble;
	return 0;
}

static int btc_height(struct dlt_conn *c, uint64_t *out, struct dlt_err *err)
{
	cJSON *res = NULL;
	int rc = call_owned(c, NULL, "getblockcount", NULL, &res, err);
	if (rc)
		return rc;
	if (get_u64(res, out)) {
		cJSON_Delete(res);
		return dlt_err_set(err, DLT_E_PROTOCOL, "target %s: getblockcount: not a number",
				   c->name);
	}
	cJSON_Delete(res);
	return DLT_OK;
}

static int btc_info(struct dlt_conn *c, cJSON **out, struct dlt_err *err)
{
	*out = NULL;
	cJSON *net = NULL, *chain = NULL, *genesis = NULL;
	int rc = call_owned(c, NULL, "getnetworkinfo", NULL, &net, err);
	if (!rc)
		rc = call_owned(c, NULL, "getblockchaininfo", NULL, &chain, err);
	if (!rc)
		rc = call_owned(c, NULL, "getblockhash", arr1n(0), &genesis, err);
	if (rc) {
		cJSON_Delete(net);
		cJSON_Delete(chain);
		cJSON_Delete(genesis);
		return rc;
	}
	const cJSON *sub = cJSON_GetObjectItemCaseSensitive(net, "subversion");
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(net, "version");
	const cJSON *cn = cJSON_GetObjectItemCaseSensitive(chain, "chain");
	/* subversion is BIP-14 "/Name:1.2.3/" (possibly "/Name:1.2.3(comment)/") */
	char impl[128] = "", version[64] = "";
	if (cJSON_IsString(sub)) {
		const char *s = sub->valuestring;
		if (*s == '/')
			s++;
		size_t k = strcspn(s, ":/");
		snprintf(impl, sizeof impl, "%.*s", (int)k, s);
		if (s[k] == ':') {
			const char *v = s + k + 1;
			snprintf(version, sizeof version, "%.*s", (int)strcspn(v, "/("), v);
		}
	}
	if (!version[0] && cJSON_IsNumber(ver))
		snprintf(version, sizeof version, "%.0f", ver->valuedouble);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "implementation", impl);
	cJSON_AddStringToObject(o, "version", version);
	cJSON_AddStringToObject(o, "client_version", cJSON_IsString(sub) ? sub->valuestring : "");
	cJSON_AddStringToObject(o, "network", cJSON_IsString(cn) ? cn->valuestring : "");
	cJSON_AddNullToObject(o, "chain_id");
	if (cJSON_IsString(genesis))
		cJSON_AddStringToObject(o, "genesis_hash", genesis->valuestring);
	else
		cJSON_AddNullToObject(o, "genesis_hash");
	cJSON_Delete(net);
	cJSON_Delete(chain);
	cJSON_Delete(genesis);
	*out = o;
	return DLT_OK;
}

static const char zero_hash[] = "0000000000000000000000000000000000000000000000000000000000000000";

static int btc_block(struct dlt_conn *c, const cJSON *number_or_hash, cJSON **out,
		     struct dlt_err *err)
{
	*out = NULL;
	char hash[80];
	if (cJSON_IsNumber(number_or_hash)) {
		double n = number_or_hash->valuedouble;
		if (n < 0 || n != (double)(long long)n)
			return dlt_err_set(err, DLT_E_ARG, "block: %g is not a block number", n);
		cJSON *res = NULL;
		int rc = call_owned(c, NULL, "getblockhash", arr1n(n), &res, err);
		if (rc == DLT_E_RPC && err->rpc_code == -8) {
			dlt_err_clear(err);
			*out = cJSON_CreateNull();
			return DLT_OK;
		}
		if (rc)
			return rc;
		if (!cJSON_IsString(res)) {
			cJSON_Delete(res);
			return dlt_err_set(err, DLT_E_PROTOCOL,
					   "target %s: getblockhash: not a string", c->name);
		}
		snprintf(hash, sizeof hash, "%s", res->valuestring);
		cJSON_Delete(res);
	} else if (cJSON_IsString(number_or_hash) &&
		   strcmp(number_or_hash->valuestring, "latest") == 0) {
		cJSON *res = NULL;
		int rc = call_owned(c, NULL, "getbestblockhash", NULL, &res, err);
		if (rc)
			return rc;
		snprintf(hash, sizeof hash, "%s", cJSON_IsString(res) ? res->valuestring : "");
		cJSON_Delete(res);
	} else if (cJSON_IsString(number_or_hash)) {
		const char *h = number_or_hash->valuestring;
		if (h[0] == '0' && (h[1] == 'x' || h[1] == 'X'))
			h += 2;
		if (!dlt_is_hash64(h))
			return dlt_err_set(
				err, DLT_E_ARG,
				"block: \"%s\" is neither a number nor a 64-hex-digit hash",
				number_or_hash->valuestring);
		snprintf(hash, sizeof hash, "%s", h);
	} else {
		return dlt_err_set(err, DLT_E_ARG, "block: give a block number or hash");
	}
	cJSON *params = cJSON_CreateArray();
	cJSON_AddItemToArray(params, cJSON_CreateString(hash));
	cJSON_AddItemToArray(params, cJSON_CreateNumber(1));
	cJSON *b = NULL;
	int rc = call_owned(c, NULL, "getblock", params, &b, err);
	if (rc == DLT_E_RPC && err->rpc_code == -5) {
		dlt_err_clear(err);
		*out = cJSON_CreateNull();
		return DLT_OK;
	}
	if (rc)
		return rc;
	const cJSON *bh = cJSON_GetObjectItemCaseSensitive(b, "hash");
	const cJSON *height = cJSON_GetObjectItemCaseSensitive(b, "height");
	const cJSON *prev = cJSON_GetObjectItemCaseSensitive(b, "previousblockhash");
	const cJSON *time = cJSON_GetObjectItemCaseSensitive(b, "time");
	const cJSON *tx = cJSON_GetObjectItemCaseSensitive(b, "tx");
	if (!cJSON_IsString(bh) || !cJSON_IsNumber(height) || !cJSON_IsArray(tx)) {
		cJSON_Delete(b);
		return dlt_err_set(err, DLT_E_PROTOCOL,
				   "target %s: getblock %s: hash, height or tx missing", c->name,
				   hash);
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "number", height->valuedouble);
	cJSON_AddStringToObject(o, "hash", bh->valuestring);
	/* the genesis header's previous-block field is 32 zero bytes */
	cJSON_AddStringToObject(o, "parent", cJSON_IsString(prev) ? prev->valuestring : zero_hash);
	if (cJSON_IsNumber(time))
		cJSON_AddNumberToObject(o, "time", time->valuedouble);
	else
		cJSON_AddNullToObject(o, "time");
	cJSON *txids = cJSON_AddArrayToObject(o, "txids");
	const cJSON *it;
	cJSON_ArrayForEach (it, tx) {
		if (cJSON_IsString(it))
			cJSON_AddItemToArray(txids, cJSON_CreateString(it->valuestring));
	}
	cJSON_Delete(b);
	*out = o;
	return DLT_OK;
}

static int btc_new_address(struct dlt_conn *c, char **out, struct dlt_err *err)
{
	*out = NULL;
	int rc = ensure_wallet(c, err);
	if (rc)
		return rc;
	cJSON *params = cJSON_CreateArray();
	if (c->address_type) {
		cJSON_AddItemToArray(params, cJSON_CreateString(""));
		cJSON_AddItemToArray(params, cJSON_CreateString(c->address_type));
	}
	cJSON *res = NULL;
	rc = call_owned(c, c->wallet_path, "getnewaddress", params, &res, err);
	if (rc)
		return rc;
	if (!cJSON_IsString(res)) {
		cJSON_Delete(res);
		return dlt_err_set(err, DLT_E_PROTOCOL, "target %s: getnewaddress: not a string",
				   c->name);
	}
	*out = dlt_xstrdup(res->valuestring);
	cJSON_Delete(res);
	return DLT_OK;
}

/* Call with a longer timeout (mining, scanning), then restore the connection's own. */
static int call_slow(struct dlt_conn *c, const char *path, const char *method, cJSON *params,
		     long min_ms, int exact, cJSON **result, struct dlt_err *err)
{
	long saved = c->timeout_ms;
	if (min_ms > saved)
		jsonrpc_client_set_timeout(c->rpc, min_ms);
	int rc = exact ? call_exact_owned(c, path, method, params, result, err)
		       : call_owned(c, path, method, params, result, err);
	jsonrpc_client_set_timeout(c->rpc, saved);
	return rc;
}

static int btc_produce_blocks(struct dlt_conn *c, int n, const char *address, cJSON **hashes,
			      struct dlt_err *err)
{
	*hashes = NULL;
	if (n < 0)
		return dlt_err_set(err, DLT_E_ARG, "produce_blocks: negative count %d", n);
	char *fresh = NULL;
	if (!address || !*address)
		address = c->mine_address;
	if (!address || !*address) {
		int rc = btc_new_address(c, &fresh, err);
		if (rc)
			return rc;
		address = fresh;
	}
	cJSON *params = cJSON_CreateArray();
	cJSON_AddItemToArray(params, cJSON_CreateNumber(n));
	cJSON_AddItemToArray(params, cJSON_CreateString(address));
	cJSON *res = NULL;
	int rc = call_slow(c, NULL, "generatetoaddress", params, 60000 + 200L * n, 0, &res, err);
	free(fresh);
	if (rc)
		return rc;
	if (!cJSON_IsArray(res)) {
		cJSON_Delete(res);
		return dlt_err_set(err, DLT_E_PROTOCOL,
				   "target %s: generatetoaddress: not an array", c->name);
	}
	*hashes = res;
	return DLT_OK;
}

/* Sum the "amount" members of an array of outputs (exactly parsed) into base units. */
static int sum_amounts(const cJSON *arr, int decimals, char *out, size_t outlen)
{
	snprintf(out, outlen, "0");
	const cJSON *it;
	cJSON_ArrayForEach (it, arr) {
		char units[64];
		int neg = 0;
		if (dlt_exact_item_units(cJSON_GetObjectItemCaseSensitive(it, "amount"), decimals,
					 units, sizeof units, &neg) ||
		    neg)
			return -1;
		if (dlt_units_add(out, units, out, outlen))
			return -1;
	}
	return 0;
}

/* balance: the value of the address's outputs in the UTXO set at the best block (confirmed;
 * coinbase outputs count whether mature or not), via scantxoutset, for any address. */
static int btc_balance(struct dlt_conn *c, const char *address, char **decimal, struct dlt_err *err)
{
	*decimal = NULL;
	if (!address || !*address)
		return dlt_err_set(err, DLT_E_ARG, "balance: no address");
	char desc[256];
	if (snprintf(desc, sizeof desc, "addr(%s)", address) >= (int)sizeof desc)
		return dlt_err_set(err, DLT_E_ARG, "balance: address too long");
	cJSON *params = cJSON_CreateArray();
	cJSON_AddItemToArray(params, cJSON_CreateString("start"));
	cJSON_AddItemToArray(params, arr1s(desc));
	cJSON *res = NULL;
	int rc = call_slow(c, NULL, "scantxoutset", params, 120000, 1, &res, err);
	if (rc)
		return rc;
	const cJSON *ok = cJSON_GetObjectItemCaseSensitive(res, "success");
	const cJSON *unspents = cJSON_GetObjectItemCaseSensitive(res, "unspents");
	char units[64];
	if (cJSON_IsFalse(ok) || !cJSON_IsArray(unspents) ||
	    sum_amounts(unspents, c->decimals, units, sizeof units)) {
		cJSON_Delete(res);
		return dlt_err_set(err, DLT_E_PROTOCOL,
				   "target %s: scantxoutset for %s: no usable unspents/amount",
				   c->name, address);
	}
	cJSON_Delete(res);
	*decimal = dlt_xstrdup(units);
	return DLT_OK;
}

/* transfer: sendtoaddress from the wallet; with "from", only that address's confirmed outputs
 * are spent and the change returns to it (createrawtransaction + fundrawtransaction with
 * add_inputs=false and changeAddress=from), so per-address balances stay exact. */
static int btc_transfer(struct dlt_conn *c, const cJSON *request, char **txid, struct dlt_err *err)
{
	*txid = NULL;
	const cJSON *to = cJSON_GetObjectItemCaseSensitive(request, "to");
	const cJSON *amount = cJSON_GetObjectItemCaseSensitive(request, "amount");
	const cJSON *from = cJSON_GetObjectItemCaseSensitive(request, "from");
	char units[80], coins[96];
	if (!cJSON_IsString(to) || !*to->valuestring)
		return dlt_err_set(err, DLT_E_ARG, "transfer: \"to\" must be an address");
	if (dlt_request_units(amount, NULL, units, sizeof units) ||
	    dlt_units_to_decimal(units, c->decimals, coins, sizeof coins))
		return dlt_err_set(err, DLT_E_ARG,
				   "transfer: \"amount\" must be base units (digits or integer)");
	int rc = ensure_wallet(c, err);
	if (rc)
		return rc;
	cJSON *res = NULL;
	if (!cJSON_IsString(from) || !*from->valuestring) {
		cJSON *params = cJSON_CreateArray();
		cJSON_AddItemToArray(params, cJSON_CreateString(to->valuestring));
		cJSON_AddItemToArray(params, cJSON_CreateRaw(coins));
		rc = call_owned(c, c->wallet_path, "sendtoaddress", params, &res, err);
	} else {
		/* 1. the confirmed outputs of from */
		cJSON *params = cJSON_CreateArray();
		cJSON_AddItemToArray(params, cJSON_CreateNumber(1));
		cJSON_AddItemToArray(params, cJSON_CreateNumber(9999999));
		cJSON_AddItemToArray(params, arr1s(from->valuestring));
		cJSON *utxos = NULL;
		rc = call_exact_owned(c, c->wallet_path, "listunspent", params, &utxos, err);
		if (rc)
			return rc;
		if (!cJSON_IsArray(utxos) || cJSON_GetArraySize(utxos) == 0) {
			cJSON_Delete(utxos);
			/* as sendtoaddress reports it: RPC_WALLET_INSUFFICIENT_FUNDS */
			err->rpc_code = -6;
			dlt_err_set(err, DLT_E_RPC,
				    "target %s: transfer: %s has no confirmed spendable outputs in "
				    "wallet %s (insufficient funds)",
				    c->name, from->valuestring, c->wallet_name);
			cJSON_Delete(err->rpc_error);
			err->rpc_error = cJSON_CreateObject();
			cJSON_AddNumberToObject(err->rpc_error, "code", -6);
			cJSON_AddStringToObject(err->rpc_error, "message", "Insufficient funds");
			return DLT_E_RPC;
		}
		cJSON *inputs = cJSON_CreateArray();
		const cJSON *u;
		cJSON_ArrayForEach (u, utxos) {
			cJSON *in = cJSON_CreateObject();
			cJSON_AddItemToObject(
				in, "txid",
				cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(u, "txid"), 1));
			cJSON_AddItemToObject(
				in, "vout",
				cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(u, "vout"), 1));
			cJSON_AddItemToArray(inputs, in);
		}
		cJSON_Delete(utxos);
		/* 2. the payment */
		cJSON *outputs = cJSON_CreateArray();
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToObject(o, to->valuestring, cJSON_CreateRaw(coins));
		cJSON_AddItemToArray(outputs, o);
		params = cJSON_CreateArray();
		cJSON_AddItemToArray(params, inputs);
		cJSON_AddItemToArray(params, outputs);
		cJSON *raw = NULL;
		rc = call_owned(c, NULL, "createrawtransaction", params, &raw, err);
		if (rc)
			return rc;
		/* 3. fee and change back to from */
		params = cJSON_CreateArray();
		cJSON_AddItemToArray(params, raw);
		cJSON *opts = cJSON_CreateObject();
		cJSON_AddStringToObject(opts, "changeAddress", from->valuestring);
		cJSON_AddFalseToObject(opts, "add_inputs");
		cJSON_AddItemToArray(params, opts);
		cJSON *funded = NULL;
		rc = call_owned(c, c->wallet_path, "fundrawtransaction", params, &funded, err);
		if (rc)
			return rc;
		const cJSON *hex = cJSON_GetObjectItemCaseSensitive(funded, "hex");
		if (!cJSON_IsString(hex)) {
			cJSON_Delete(funded);
			return dlt_err_set(err, DLT_E_PROTOCOL,
					   "target %s: fundrawtransaction: no hex", c->name);
		}
		/* 4. sign and send */
		cJSON *signed_tx = NULL;
		rc = call_owned(c, c->wallet_path, "signrawtransactionwithwallet",
				arr1s(hex->valuestring), &signed_tx, err);
		cJSON_Delete(funded);
		if (rc)
			return rc;
		const cJSON *shex = cJSON_GetObjectItemCaseSensitive(signed_tx, "hex");
		const cJSON *complete = cJSON_GetObjectItemCaseSensitive(signed_tx, "complete");
		if (!cJSON_IsString(shex) || !cJSON_IsTrue(complete)) {
			cJSON_Delete(signed_tx);
			return dlt_err_set(err, DLT_E_PROTOCOL,
					   "target %s: signrawtransactionwithwallet: incomplete "
					   "signature for inputs of %s",
					   c->name, from->valuestring);
		}
		rc = call_owned(c, NULL, "sendrawtransaction", arr1s(shex->valuestring), &res, err);
		cJSON_Delete(signed_tx);
	}
	if (rc)
		return rc;
	if (!cJSON_IsString(res)) {
		cJSON_Delete(res);
		return dlt_err_set(err, DLT_E_PROTOCOL, "target %s: transfer: txid not a string",
				   c->name);
	}
	*txid = dlt_xstrdup(res->valuestring);
	cJSON_Delete(res);
	return DLT_OK;
}

static long long block_height_of(struct dlt_conn *c, const char *hash)
{
	cJSON *h = NULL;
	struct dlt_err e = { 0 };
	long long height = -1;
	if (call_owned(c, NULL, "getblockheader", arr1s(hash), &h, &e) == DLT_OK) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(h, "height");
		if (cJSON_IsNumber(v))
			height = (long long)v->valuedouble;
	}
	cJSON_Delete(h);
	dlt_err_clear(&e);
	return height;
}

/* tx_status: gettransaction for wallet transactions (adds "fee" in base units), otherwise
 * getrawtransaction (mempool, or any transaction with -txindex). */
static int btc_tx_status(struct dlt_conn *c, const char *txid, cJSON **out, struct dlt_err *err)
{
	*out = NULL;
	if (!txid || !dlt_is_hash64(txid))
		return dlt_err_set(err, DLT_E_ARG, "tx_status: \"%s\" is not a 64-hex-digit txid",
				   txid ? txid : "");
	cJSON *tx = NULL;
	int rc = DLT_E_RPC;
	if (ensure_wallet(c, err) == DLT_OK)
		rc = call_exact_owned(c, c->wallet_path, "gettransaction", arr1s(txid), &tx, err);
	if (rc == DLT_OK) {
		const cJSON *conf = cJSON_GetObjectItemCaseSensitive(tx, "confirmations");
		const cJSON *bh = cJSON_GetObjectItemCaseSensitive(tx, "blockhash");
		const cJSON *bheight = cJSON_GetObjectItemCaseSensitive(tx, "blockheight");
		long long n = cJSON_IsNumber(conf) ? (long long)conf->valuedouble : 0;
		long long height = -1;
		if (n > 0)
			height = cJSON_IsNumber(bheight) ? (long long)bheight->valuedouble
				 : cJSON_IsString(bh)    ? block_height_of(c, bh->valuestring)
							 : -1;
		cJSON *o = dlt_tx_status_object(n > 0    ? "confirmed"
						: n == 0 ? "pending"
							 : "unknown",
						height, n);
		if (n < 0)
			cJSON_AddTrueToObject(o, "conflicted");
		char fee[64];
		int neg = 0;
		if (!dlt_exact_item_units(cJSON_GetObjectItemCaseSensitive(tx, "fee"), c->decimals,
					  fee, sizeof fee, &neg))
			cJSON_AddStringToObject(o, "fee", fee);
		cJSON_Delete(tx);
		*out = o;
		return DLT_OK;
	}
	if (rc != DLT_E_RPC)
		return rc;
	dlt_err_clear(err);
	cJSON *params = cJSON_CreateArray();
	cJSON_AddItemToArray(params, cJSON_CreateString(txid));
	cJSON_AddItemToArray(params, cJSON_CreateTrue());
	rc = call_owned(c, NULL, "getrawtransaction", params, &tx, err);
	if (rc == DLT_E_RPC && err->rpc_code == -5) {
		dlt_err_clear(err);
		*out = dlt_tx_status_object("unknown", -1, 0);
		return DLT_OK;
	}
	if (rc)
		return rc;
	const cJSON *conf = cJSON_GetObjectItemCaseSensitive(tx, "confirmations");
	const cJSON *bh = cJSON_GetObjectItemCaseSensitive(tx, "blockhash");
	long long n = cJSON_IsNumber(conf) ? (long long)conf->valuedouble : 0;
	long long height = (n > 0 && cJSON_IsString(bh)) ? block_height_of(c, bh->valuestring) : -1;
	*out = dlt_tx_status_object(n > 0 ? "confirmed" : "pending", height, n);
	cJSON_Delete(tx);
	return DLT_OK;
}

/* Subscriptions: ZeroMQ hashblock when the target names a zmq_url and the node publishes
 * hashblock (getzmqnotifications); otherwise polling getblockcount (adapter_util.h). */
struct btc_sub {
	struct dlt_conn *c; /* a private connection (own HTTP client) */
	struct dlt_zmq_sub *zs;
	struct dlt_poll poll; /* when there is no ZeroMQ subscription */
};

/* The hash of the block at a height, for polling. */
static int hash_at(struct dlt_conn *c, uint64_t height, char *hash, size_t hashlen,
		   struct dlt_err *err)
{
	cJSON *res = NULL;
	int rc = call_owned(c, NULL, "getblockhash", arr1n((double)height), &res, err);
	if (rc)
		return rc;
	if (!cJSON_IsString(res)) {
		cJSON_Delete(res);
		return dlt_err_set(err, DLT_E_PROTOCOL, "getblockhash: not a string");
	}
	snprintf(hash, hashlen, "%s", res->valuestring);
	cJSON_Delete(res);
	return DLT_OK;
}

/* Whether the node publishes hashblock (getzmqnotifications lists pubhashblock). */
static int publishes_hashblock(struct dlt_conn *c)
{
	cJSON *notes = NULL;
	struct dlt_err e = { 0 };
	int found = 0;
	if (call_owned(c, NULL, "getzmqnotifications", NULL, &notes, &e) == DLT_OK) {
		const cJSON *it;
		cJSON_ArrayForEach (it, notes) {
			const cJSON *type = cJSON_GetObjectItemCaseSensitive(it, "type");
			if (cJSON_IsString(type) && strcmp(type->valuestring, "pubhashblock") == 0)
				found = 1;
		}
	}
	cJSON_Delete(notes);
	dlt_err_clear(&e);
	return found;
}

static void btc_sub_close(void *sub);

static int btc_subscribe(struct dlt_conn *c, const char *topic, void **out, struct dlt_err *err)
{
	*out = NULL;
	int rc = dlt_block_topic(topic, "hashblock", "bitcoin", err);
	if (rc)
		return rc;
	struct btc_sub *s = dlt_xcalloc(1, sizeof *s);
	struct dlt_adapter_config cfg = {
		.name = c->name,
		.url = c->url,
		.user = c->user,
		.password = c->password,
		.max_response = c->max_response,
	};
	rc = btc_open(&cfg, &s->c, err);
	if (!rc) {
		btc_set_timeout(s->c, c->timeout_ms);
		if (c->zmq_url && publishes_hashblock(c)) {
			static const char *const prefixes[] = { "hashblock", NULL };
			rc = dlt_zmq_sub_open(c->zmq_url, prefixes, 2000, c->max_response, &s->zs,
					      err);
		} else {
			s->poll = (struct dlt_poll){ s->c, 0, btc_height, hash_at };
			rc = dlt_poll_start(&s->poll, err);
		}
	}
	if (rc) {
		btc_sub_close(s);
		return rc;
	}
	*out = s;
	return DLT_OK;
}

static int btc_sub_next(void *sub, long timeout_ms, cJSON **out, struct dlt_err *err)
{
	struct btc_sub *s = sub;
	*out = NULL;
	long long deadline = dlt_now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
	if (!s->zs)
		return dlt_poll_next(&s->poll, deadline, out, err);
	for (;;) {
		struct dlt_zmq_msg m;
		int rc = dlt_zmq_sub_recv_until(s->zs, deadline, &m, err);
		if (rc || m.nframes == 0)
			return rc;
		if (m.nframes >= 2 && m.size[0] == 9 && memcmp(m.frame[0], "hashblock", 9) == 0 &&
		    m.size[1] == 32) {
			char hex[65];
			dlt_hex_encode(hex, m.frame[1], 32);
			long long h = block_height_of(s->c, hex);
			cJSON *o = dlt_announcement(h >= 0 ? (double)h : 0, hex, "zmq");
			if (m.nframes >= 3 && m.size[2] == 4) {
				unsigned char *q = m.frame[2];
				uint32_t seq = (uint32_t)q[0] | (uint32_t)q[1] << 8 |
					       (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;
				cJSON_AddNumberToObject(o, "sequence", seq);
			}
			dlt_zmq_msg_free(&m);
			*out = o;
			return DLT_OK;
		}
		dlt_zmq_msg_free(&m);
		if (deadline - dlt_now_ms() <= 0)
			return DLT_OK;
	}
}

static void btc_sub_close(void *sub)
{
	struct btc_sub *s = sub;
	if (!s)
		return;
	dlt_zmq_sub_close(s->zs);
	btc_close(s->c);
	free(s);
}

const struct dlt_adapter_ops dlt_adapter_bitcoin = {
	.family = "bitcoin",
	.capabilities = btc_caps,
	.open = btc_open,
	.close = btc_close,
	.set_timeout = btc_set_timeout,
	.rpc = btc_rpc,
	.rpc_raw = btc_rpc_raw,
	.info = btc_info,
	.height = btc_height,
	.block = btc_block,
	.produce_blocks = btc_produce_blocks,
	.new_address = btc_new_address,
	.balance = btc_balance,
	.transfer = btc_transfer,
	.tx_status = btc_tx_status,
	.subscribe = btc_subscribe,
	.sub_next = btc_sub_next,
	.sub_close = btc_sub_close,
};
