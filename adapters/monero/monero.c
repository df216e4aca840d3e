/*
 * monero.c: the monero family adapter. The target's URL is monerod's RPC server: JSON-RPC 2.0
 * at /json_rpc (methods such as get_info, get_block, generateblocks) and plain JSON endpoints
 * (/get_height, /get_transactions). Wallet operations go to a monero-wallet-rpc service named by
 * params.wallet_url (its own JSON-RPC 2.0 at /json_rpc); without one, new_address, balance and
 * transfer are unsupported.
 *
 * Native calls (node:rpc): "method" goes to the daemon's /json_rpc; "/path" posts the params
 * object to that plain daemon endpoint and returns the whole answer; "wallet.method" goes to the
 * wallet service's /json_rpc.
 *
 * Amounts are piconero (uint64); answers that carry them are parsed exactly (common/exact.h)
 * and amounts sent are written as integer literals, never through a double.
 *
 * Accounts: new_address creates a wallet account (create_account) and returns its primary
 * address. An account's change returns to that address, so balance(address) (the address's own
 * balance in get_balance's per_subaddress) and transfer{from=address} (spending from that
 * account) behave like an address on the other families.
 */
#include "adapters/adapter_util.h"
#include "adapters/jsonrpc.h"
#include "adapters/zmq_sub.h"
#include "common/clock.h"
#include "common/exact.h"
#include "common/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dlt_conn {
	char *name;
	char *url;
	struct jsonrpc_client *rpc; /* monerod */
	struct jsonrpc_client *wallet; /* monero-wallet-rpc, or NULL */
	char *wallet_url;
	char *wallet_file; /* params.wallet_file, default "dlt" */
	char *miner_address; /* params.miner_address, or the wallet's primary */
	char *zmq_url;
	int wallet_ready;
	long timeout_ms;
	long wallet_wait_ms; /* how long to wait for the wallet service to answer */
	size_t max_response; /* largest answer read (the configuration's) */
};

static const char *const xmr_caps[] = { "rpc", "raw_rpc", "mine", "wallet", "zmq", NULL };

static void xmr_close(struct dlt_conn *c)
{
	if (!c)
		return;
	jsonrpc_client_free(c->rpc);
	jsonrpc_client_free(c->wallet);
	free(c->name);
	free(c->url);
	free(c->wallet_url);
	free(c->wallet_file);
	free(c->miner_address);
	free(c->zmq_url);
	free(c);
}

/* A copy of url without its final '/'. */
static char *base_url(const char *url)
{
	char *u = dlt_xstrdup(url);
	size_t n = strlen(u);
	if (n && u[n - 1] == '/')
		u[n - 1] = '\0';
	return u;
}

static int xmr_open(const struct dlt_adapter_config *cfg, struct dlt_conn **out,
		    struct dlt_err *err)
{
	*out = NULL;
	if (!cfg->url)
		return dlt_err_set(err, DLT_E_ARG, "target %s has no url", cfg->name);
	struct dlt_conn *c = dlt_xcalloc(1, sizeof *c);
	c->name = dlt_xstrdup(cfg->name ? cfg->name : cfg->url);
	c->url = base_url(cfg->url);
	const char *w = dlt_param_str(cfg, "wallet_url");
	if (w)
		c->wallet_url = base_url(w);
	const char *wf = dlt_param_str(cfg, "wallet_file");
	c->wallet_file = dlt_xstrdup(wf ? wf : "dlt");
	c->miner_address = dlt_xstrdup(dlt_param_str(cfg, "miner_address"));
	c->zmq_url = dlt_xstrdup(cfg->zmq_url);
	c->timeout_ms = 30000;
	c->wallet_wait_ms = (long)(dlt_param_number(cfg, "wallet_wait", 60) * 1000);
	c->rpc = jsonrpc_client_new(c->name, c->url, cfg->user, cfg->password, JSONRPC_2_0);
	if (c->wallet_url)
		c->wallet = jsonrpc_client_new(c->name, c->wallet_url, NULL, NULL, JSONRPC_2_0);
	c->max_response = cfg->max_response ? cfg->max_response : DLT_MAX_RESPONSE_DEFAULT;
	jsonrpc_client_set_max_response(c->rpc, c->max_response);
	if (c->wallet)
		jsonrpc_client_set_max_response(c->wallet, c->max_response);
	*out = c;
	return DLT_OK;
}

static void xmr_set_timeout(struct dlt_conn *c, long ms)
{
	c->timeout_ms = ms > 0 ? ms : 1;
	jsonrpc_client_set_timeout(c->rpc, c->timeout_ms);
	if (c->wallet)
		jsonrpc_client_set_timeout(c->wallet, c->timeout_ms);
}

static int no_wallet(struct dlt_conn *c, const char *op, struct dlt_err *err)
{
	return dlt_err_set(err, DLT_E_UNSUPPORTED,
			   "target %s: %s needs a wallet service (params.wallet_url: "
			   "monero-wallet-rpc)",
			   c->name, op);
}

static int xmr_rpc(struct dlt_conn *c, const char *method, const cJSON *params, cJSON **result,
		   struct dlt_err *err)
{
	*result = NULL;
	if (method[0] == '/')
		return jsonrpc_post_json(c->rpc, method, params, result, err);
	if (strncmp(method, "wallet.", 7) == 0) {
		if (!c->wallet)
			return no_wallet(c, method, err);
		return jsonrpc_call(c->wallet, "/json_rpc", method + 7, params, result, err);
	}
	return jsonrpc_call(c->rpc, "/json_rpc", method, params, result, err);
}

static int xmr_rpc_raw(struct dlt_conn *c, const char *path, const char *body, size_t len,
		       const char *content_type, struct dlt_http_reply *reply, struct dlt_err *err)
{
	return jsonrpc_post_raw(c->rpc, path ? path : "/json_rpc", body, len, content_type, reply,
				err);
}

/* daemon /json_rpc call with params consumed */
static int dcall(struct dlt_conn *c, const char *method, cJSON *params, cJSON **result,
		 struct dlt_err *err)
{
	int rc = jsonrpc_call(c->rpc, "/json_rpc", method, params, result, err);
	cJSON_Delete(params);
	return rc;
}

/* wallet call, exact amounts, params consumed */
static int wcall(struct dlt_conn *c, const char *method, cJSON *params, cJSON **result,
		 struct dlt_err *err)
{
	int rc = jsonrpc_call_parsed(c->wallet, "/json_rpc", method, params, dlt_exact_parse,
				     result, err);
	cJSON_Delete(params);
	return rc;
}

/* Budget for wallet calls that scan or build transactions (refresh, transfer). */
#define WALLET_SLOW_MS 120000L
/* Blocks per generateblocks call (see xmr_produce_blocks). */
#define XMR_BLOCK_BATCH 10

/* A wallet call with its own time budget (opening, creating and refreshing a wallet take far
 * longer than a daemon call, see docs/adapters-monero.md, "Timing"). */
static int wcall_slow(struct dlt_conn *c, const char *method, cJSON *params, long budget_ms,
		      cJSON **result, struct dlt_err *err)
{
	long saved = c->timeout_ms;
	jsonrpc_client_set_timeout(c->wallet, saved > budget_ms ? saved : budget_ms);
	int rc = wcall(c, method, params, result, err);
	jsonrpc_client_set_timeout(c->wallet, saved);
	return rc;
}

static cJSON *wallet_file_params(struct dlt_conn *c, int create)
{
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "filename", c->wallet_file);
	cJSON_AddStringToObject(p, "password", "");
	if (create)
		cJSON_AddStringToObject(p, "language", "English");
	return p;
}

/* Make sure the wallet service has our wallet open: get_address works when a wallet is open;
 * otherwise create_wallet, and open_wallet when it already exists. The service may still be
 * starting (it is launched beside monerod), so connection failures and timeouts are retried
 * for wallet_wait_ms. Creating first suits a launched target (its wallet dir is new): every
 * create_wallet or open_wallet call builds a wallet object, which costs monero-wallet-rpc one
 * RSA-4096 key generation (seconds; tens of seconds on a loaded machine), even when the file
 * turns out to be missing. Both calls get wallet_wait_ms as their time budget. */
static int ensure_wallet(struct dlt_conn *c, struct dlt_err *err)
{
	if (!c->wallet)
		return no_wallet(c, "this operation", err);
	if (c->wallet_ready)
		return DLT_OK;
	long long deadline = dlt_now_ms() + c->wallet_wait_ms;
	cJSON *res = NULL;
	int rc;
	for (;;) {
		cJSON *p = cJSON_CreateObject();
		cJSON_AddNumberToObject(p, "account_index", 0);
		rc = wcall(c, "get_address", p, &res, err);
		if ((rc != DLT_E_TRANSPORT && rc != DLT_E_TIMEOUT) || dlt_now_ms() > deadline)
			break;
		dlt_err_clear(err);
		dlt_sleep(0.2);
	}
	if (rc == DLT_OK)
		goto have_wallet;
	if (rc != DLT_E_RPC)
		return rc;
	dlt_err_clear(err);
	char create_msg[sizeof err->msg];
	rc = wcall_slow(c, "create_wallet", wallet_file_params(c, 1), c->wallet_wait_ms, &res, err);
	cJSON_Delete(res);
	res = NULL;
	snprintf(create_msg, sizeof create_msg, "%s", rc ? err->msg : "");
	if (rc == DLT_E_RPC) {
		dlt_err_clear(err);
		rc = wcall_slow(c, "open_wallet", wallet_file_params(c, 0), c->wallet_wait_ms, &res,
				err);
		cJSON_Delete(res);
		res = NULL;
	}
	if (rc) {
		/* copied first: err->msg must not be both an argument and the destination */
		char msg[sizeof err->msg];
		snprintf(msg, sizeof msg, "%s", err->msg);
		int both = *create_msg && strcmp(msg, create_msg) != 0;
		return dlt_err_set(err, err->kind,
				   "target %s: cannot create or open wallet \"%s\" at %s: %s%s%s%s",
				   c->name, c->wallet_file, c->wallet_url, msg,
				   both ? " (create_wallet: " : "", both ? create_msg : "",
				   both ? ")" : "");
	}
	cJSON *p = cJSON_CreateObject();
	cJSON_AddNumberToObject(p, "account_index", 0);
	rc = wcall(c, "get_address", p, &res, err);
	if (rc)
		return rc;
have_wallet:
	if (!c->miner_address) {
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(res, "address");
		if (cJSON_IsString(a))
			c->miner_address = dlt_xstrdup(a->valuestring);
	}
	cJSON_Delete(res);
	c->wallet_ready = 1;
	return DLT_OK;
}

/* The daemon's block count (/get_height: top height + 1). */
static int daemon_count(struct dlt_conn *c, uint64_t *out, struct dlt_err *err)
{
	cJSON *body = cJSON_CreateObject(), *ans = NULL;
	int rc = jsonrpc_post_json(c->rpc, "/get_height", body, &ans, err);
	cJSON_Delete(body);
	if (rc)
		return rc;
	const cJSON *h = cJSON_GetObjectItemCaseSensitive(ans, "height");
	if (!cJSON_IsNumber(h) || h->valuedouble < 1) {
		cJSON_Delete(ans);
		return dlt_err_set(err, DLT_E_PROTOCOL, "target %s: /get_height: no height",
				   c->name);
	}
	*out = (uint64_t)h->valuedouble;
	cJSON_Delete(ans);
	return DLT_OK;
}

/* Bring the wallet up to the daemon's tip before a balance or a transfer: refresh, then check
 * that the wallet's height (its block count) reached the daemon's block count as it was before
 * the refresh; refresh again (polling every 100 ms) until it has or the budget is spent. A
 * wallet behind the tip sees received outputs late and counts unlock windows (coinbase 60
 * blocks, received outputs 10) from an old height, so it reports funds as missing or locked. */
static int sync_wallet(struct dlt_conn *c, struct dlt_err *err)
{
	const long budget = c->timeout_ms > WALLET_SLOW_MS ? c->timeout_ms : WALLET_SLOW_MS;
	long long deadline = dlt_now_ms() + budget;
	uint64_t target = 0, have = 0;
	int rc = daemon_count(c, &target, err);
	if (rc)
		return rc;
	for (;;) {
		cJSON *res = NULL;
		long left = (long)(deadline - dlt_now_ms());
		rc = wcall_slow(c, "refresh", cJSON_CreateObject(), left > 1000 ? left : 1000, &res,
				err);
		cJSON_Delete(res);
		res = NULL;
		if (rc)
			return rc;
		rc = wcall(c, "get_height", cJSON_CreateObject(), &res, err);
		if (rc)
			return rc;
		const cJSON *h = cJSON_GetObjectItemCaseSensitive(res, "height");
		have = cJSON_IsNumber(h) && h->valuedouble > 0 ? (uint64_t)h->valuedouble : 0;
		cJSON_Delete(res);
		if (have >= target)
			return DLT_OK;
		if (dlt_now_ms() >= deadline)
			return dlt_err_set(
				err, DLT_E_TIMEOUT,
				"target %s: the wallet service is at block count %llu, the "
				"daemon at %llu, after %.0f s of refreshing",
				c->name, (unsigned long long)have, (unsigned long long)target,
				budget / 1000.0);
		dlt_sleep(0.1);
	}
}

/* monerod keeps a transaction submitted over RPC in the "local" relay state until its P2P
 * thread has handed it to Dandelion++ (stem, or fluff when no peer takes it: always so with
 * --offline). That happens asynchronously, after /send_raw_transaction (and so the wallet's
 * transfer) has answered, and block templates leave "local" transactions out: a generateblocks
 * that comes first mines a block without the transaction. On a loaded machine the P2P thread
 * lags by tens of milliseconds, enough for the next RPC to win (about 1 transfer in 4 was left
 * out of the following block with two busy loops running), which is what made the transfer
 * scenarios fail under load (docs/adapters-monero.md, "Transactions and blocks"). So
 * before mining, wait until no pool transaction is still waiting for its relay (relayed false,
 * do_not_relay false: do_not_relay transactions are mined without a relay). In fakechain
 * (regtest) monerod mines stem transactions (tx_pool m_mine_stem_txes). */
static int wait_pool_relayed(struct dlt_conn *c, struct dlt_err *err)
{
	long long deadline = dlt_now_ms() + c->timeout_ms;
	for (;;) {
		cJSON *body = cJSON_CreateObject(), *ans = NULL;
		int rc = jsonrpc_post_json(c->rpc, "/get_transaction_pool", body, &ans, err);
		cJSON_Delete(body);
		if (rc)
			return rc;
		char waiting[65] = "";
		const cJSON *tx;
		cJSON_ArrayForEach (tx, cJSON_GetObjectItemCaseSensitive(ans, "transactions")) {
			const cJSON *relayed = cJSON_GetObjectItemCaseSensitive(tx, "relayed");
			const cJSON *dnr = cJSON_GetObjectItemCaseSensitive(tx, "do_not_relay");
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(tx, "id_hash");
			if (cJSON_IsFalse(relayed) && !cJSON_IsTrue(dnr)) {
				snprintf(waiting, sizeof waiting, "%s",
					 cJSON_IsString(id) ? id->valuestring : "?");
				break;
			}
		}
		cJSON_Delete(ans);
		if (!*waiting)
			return DLT_OK;
		if (dlt_now_ms() >= deadline)
			return dlt_err_set(
				err, DLT_E_TIMEOUT,
				"target %s: transaction %s is still waiting for monerod's "
				"Dandelion++ relay after %.1f s; a block mined now would leave it "
				"out",
				c->name, waiting, c->timeout_ms / 1000.0);
		dlt_sleep(0.02);
	}
}

static int xmr_height(struct dlt_conn *c, uint64_t *out, struct dlt_err *err)
{
	cJSON *res = NULL;
	int rc = dcall(c, "get_last_block_header", cJSON_CreateObject(), &res, err);
	if (rc)
		return rc;
	const cJSON *h = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(res, "block_header"), "height");
	if (!cJSON_IsNumber(h) || h->valuedouble < 0) {
		cJSON_Delete(res);
		return dlt_err_set(err, DLT_E_PROTOCOL,
				   "target %s: get_last_block_header: no block_header.height",
				   c->name);
	}
	*out = (uint64_t)h->valuedouble;
	cJSON_Delete(res);
	return DLT_OK;
}

static int xmr_info(struct dlt_conn *c, cJSON **out, struct dlt_err *err)
{
	*out = NULL;
	cJSON *info = NULL, *g = NULL;
	int rc = dcall(c, "get_info", cJSON_CreateObject(), &info, err);
	if (!rc) {
		cJSON *p = cJSON_CreateObject();
		cJSON_AddNumberToObject(p, "height", 0);
		rc = dcall(c, "get_block_header_by_height", p, &g, err);
	}
	if (rc) {
		cJSON_Delete(info);
		cJSON_Delete(g);
		return rc;
	}
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(info, "version");
	const cJSON *net = cJSON_GetObjectItemCaseSensitive(info, "nettype");
	const cJSON *gh = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(g, "block_header"), "hash");
	char version[64] = "", client[96];
	if (cJSON_IsString(ver))
		snprintf(version, sizeof version, "%.*s", (int)strcspn(ver->valuestring, "-"),
			 ver->valuestring);
	snprintf(client, sizeof client, "monerod/%s", cJSON_IsString(ver) ? ver->valuestring : "");
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "implementation", "monerod");
	cJSON_AddStringToObject(o, "version", version);
	cJSON_AddStringToObject(o, "client_version", client);
	cJSON_AddStringToObject(o, "network", cJSON_IsString(net) ? net->valuestring : "");
	cJSON_AddNullToObject(o, "chain_id");
	if (cJSON_IsString(gh))
		cJSON_AddStringToObject(o, "genesis_hash", gh->valuestring);
	else
		cJSON_AddNullToObject(o, "genesis_hash");
	cJSON_Delete(info);
	cJSON_Delete(g);
	*out = o;
	return DLT_OK;
}

static int xmr_block(struct dlt_conn *c, const cJSON *number_or_hash, cJSON **out,
		     struct dlt_err *err)
{
	*out = NULL;
	cJSON *p = cJSON_CreateObject();
	if (cJSON_IsNumber(number_or_hash)) {
		double n = number_or_hash->valuedouble;
		if (n < 0 || n != (double)(long long)n) {
			cJSON_Delete(p);
			return dlt_err_set(err, DLT_E_ARG, "block: %g is not a block number", n);
		}
		cJSON_AddNumberToObject(p, "height", n);
	} else if (cJSON_IsString(number_or_hash) &&
		   strcmp(number_or_hash->valuestring, "latest") == 0) {
		uint64_t top = 0;
		int rc = xmr_height(c, &top, err);
		if (rc) {
			cJSON_Delete(p);
			return rc;
		}
		cJSON_AddNumberToObject(p, "height", (double)top);
	} else if (cJSON_IsString(number_or_hash) && dlt_is_hash64(number_or_hash->valuestring)) {
		cJSON_AddStringToObject(p, "hash", number_or_hash->valuestring);
	} else {
		cJSON_Delete(p);
		return dlt_err_set(err, DLT_E_ARG,
				   "block: give a block number or 64-hex-digit hash");
	}
	cJSON *b = NULL;
	int rc = dcall(c, "get_block", p, &b, err);
	/* -2: height above the top; -5: no block with that hash */
	if (rc == DLT_E_RPC && (err->rpc_code == -2 || err->rpc_code == -5)) {
		dlt_err_clear(err);
		*out = cJSON_CreateNull();
		return DLT_OK;
	}
	if (rc)
		return rc;
	const cJSON *hdr = cJSON_GetObjectItemCaseSensitive(b, "block_header");
	const cJSON *hash = cJSON_GetObjectItemCaseSensitive(hdr, "hash");
	const cJSON *height = cJSON_GetObjectItemCaseSensitive(hdr, "height");
	const cJSON *prev = cJSON_GetObjectItemCaseSensitive(hdr, "prev_hash");
	const cJSON *ts = cJSON_GetObjectItemCaseSensitive(hdr, "timestamp");
	const cJSON *miner = cJSON_GetObjectItemCaseSensitive(b, "miner_tx_hash");
	const cJSON *txs = cJSON_GetObjectItemCaseSensitive(b, "tx_hashes");
	if (!cJSON_IsString(hash) || !cJSON_IsNumber(height) || !cJSON_IsString(prev)) {
		cJSON_Delete(b);
		return dlt_err_set(err, DLT_E_PROTOCOL,
				   "target %s: get_block: block_header.hash, height or prev_hash "
				   "missing",
				   c->name);
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "number", height->valuedouble);
	cJSON_AddStringToObject(o, "hash", hash->valuestring);
	cJSON_AddStringToObject(o, "parent", prev->valuestring);
	if (cJSON_IsNumber(ts))
		cJSON_AddNumberToObject(o, "time", ts->valuedouble);
	else
		cJSON_AddNullToObject(o, "time");
	/* the miner transaction first, as the coinbase is first on the bitcoin family */
	cJSON *ids = cJSON_AddArrayToObject(o, "txids");
	if (cJSON_IsString(miner))
		cJSON_AddItemToArray(ids, cJSON_CreateString(miner->valuestring));
	const cJSON *it;
	cJSON_ArrayForEach (it, txs) {
		if (cJSON_IsString(it))
			cJSON_AddItemToArray(ids, cJSON_CreateString(it->valuestring));
	}
	cJSON_Delete(b);
	*out = o;
	return DLT_OK;
}

static int xmr_produce_blocks(struct dlt_conn *c, int n, const char *address, cJSON **hashes,
			      struct dlt_err *err)
{
	*hashes = NULL;
	if (n < 0)
		return dlt_err_set(err, DLT_E_ARG, "produce_blocks: negative count %d", n);
	if (n == 0) {
		*hashes = cJSON_CreateArray();
		return DLT_OK;
	}
	if (!address || !*address) {
		if (!c->miner_address && c->wallet) {
			int rc = ensure_wallet(c, err);
			if (rc)
				return rc;
		}
		address = c->miner_address;
	}
	if (!address)
		return dlt_err_set(
			err, DLT_E_ARG,
			"target %s: produce_blocks needs an address (params.miner_address "
			"or params.wallet_url)",
			c->name);
	int rc = wait_pool_relayed(c, err);
	if (rc)
		return rc;
	/* RandomX makes each block cost a hash to mine and one to verify: ~0.15 s on an idle
	 * machine, a second or more on a loaded one, and the first call also builds the RandomX
	 * cache. So the blocks are asked for in batches, each with a time limit allowing for that. */
	cJSON *blocks = cJSON_CreateArray();
	long saved = c->timeout_ms;
	for (int done = 0; done < n;) {
		int k = n - done < XMR_BLOCK_BATCH ? n - done : XMR_BLOCK_BATCH;
		cJSON *p = cJSON_CreateObject();
		cJSON_AddNumberToObject(p, "amount_of_blocks", k);
		cJSON_AddStringToObject(p, "wallet_address", address);
		cJSON *res = NULL;
		long slow = 60000 + 3000L * k;
		jsonrpc_client_set_timeout(c->rpc, slow > saved ? slow : saved);
		rc = dcall(c, "generateblocks", p, &res, err);
		jsonrpc_client_set_timeout(c->rpc, saved);
		if (rc) {
			cJSON_Delete(blocks);
			return rc;
		}
		const cJSON *got = cJSON_GetObjectItemCaseSensitive(res, "blocks");
		if (!cJSON_IsArray(got)) {
			cJSON_Delete(res);
			cJSON_Delete(blocks);
			return dlt_err_set(err, DLT_E_PROTOCOL,
					   "target %s: generateblocks: no blocks array", c->name);
		}
		const cJSON *h;
		cJSON_ArrayForEach (h, got)
			cJSON_AddItemToArray(blocks, cJSON_Duplicate(h, 1));
		cJSON_Delete(res);
		done += k;
	}
	*hashes = blocks;
	return DLT_OK;
}

static int xmr_new_address(struct dlt_conn *c, char **out, struct dlt_err *err)
{
	*out = NULL;
	int rc = ensure_wallet(c, err);
	if (rc)
		return rc;
	cJSON *res = NULL;
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "label", "dlt-interop");
	rc = wcall(c, "create_account", p, &res, err);
	if (rc)
		return rc;
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(res, "address");
	if (!cJSON_IsString(a)) {
		cJSON_Delete(res);
		return dlt_err_set(err, DLT_E_PROTOCOL, "target %s: create_account: no address",
				   c->name);
	}
	*out = dlt_xstrdup(a->valuestring);
	cJSON_Delete(res);
	return DLT_OK;
}

/* major/minor index of a wallet address; DLT_E_UNSUPPORTED when it is not the wallet's */
static int address_index(struct dlt_conn *c, const char *address, int *major, int *minor,
			 struct dlt_err *err)
{
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "address", address);
	cJSON *res = NULL;
	int rc = wcall(c, "get_address_index", p, &res, err);
	if (rc == DLT_E_RPC) {
		char msg[sizeof err->msg];
		snprintf(msg, sizeof msg, "%s", err->msg);
		dlt_err_clear(err);
		return dlt_err_set(err, DLT_E_UNSUPPORTED,
				   "target %s: %s is not an address of wallet \"%s\" (a Monero "
				   "wallet sees only its own balances): %s",
				   c->name, address, c->wallet_file, msg);
	}
	if (rc)
		return rc;
	const cJSON *idx = cJSON_GetObjectItemCaseSensitive(res, "index");
	const cJSON *ma = cJSON_GetObjectItemCaseSensitive(idx, "major");
	const cJSON *mi = cJSON_GetObjectItemCaseSensitive(idx, "minor");
	if (!cJSON_IsNumber(ma) || !cJSON_IsNumber(mi)) {
		cJSON_Delete(res);
		return dlt_err_set(err, DLT_E_PROTOCOL, "target %s: get_address_index: no index",
				   c->name);
	}
	*major = ma->valueint;
	*minor = mi->valueint;
	cJSON_Delete(res);
	return DLT_OK;
}

static int xmr_balance(struct dlt_conn *c, const char *address, char **decimal, struct dlt_err *err)
{
	*decimal = NULL;
	if (!address || !*address)
		return dlt_err_set(err, DLT_E_ARG, "balance: no address");
	int rc = ensure_wallet(c, err);
	if (!rc)
		rc = sync_wallet(c, err);
	int major = 0, minor = 0;
	if (!rc)
		rc = address_index(c, address, &major, &minor, err);
	if (rc)
		return rc;
	cJSON *p = cJSON_CreateObject();
	cJSON_AddNumberToObject(p, "account_index", major);
	cJSON *idx = cJSON_AddArrayToObject(p, "address_indices");
	cJSON_AddItemToArray(idx, cJSON_CreateNumber(minor));
	cJSON *res = NULL;
	rc = wcall(c, "get_balance", p, &res, err);
	if (rc)
		return rc;
	/* the address's entry; absent when it never received anything */
	char units[64] = "0";
	const cJSON *it;
	cJSON_ArrayForEach (it, cJSON_GetObjectItemCaseSensitive(res, "per_subaddress")) {
		const cJSON *ai = cJSON_GetObjectItemCaseSensitive(it, "address_index");
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(it, "address");
		if ((cJSON_IsNumber(ai) && ai->valueint == minor) ||
		    (cJSON_IsString(a) && strcmp(a->valuestring, address) == 0)) {
			int neg = 0;
			if (dlt_exact_item_units(cJSON_GetObjectItemCaseSensitive(it, "balance"), 0,
						 units, sizeof units, &neg) ||
			    neg) {
				cJSON_Delete(res);
				return dlt_err_set(err, DLT_E_PROTOCOL,
						   "target %s: get_balance: unusable balance",
						   c->name);
			}
			break;
		}
	}
	cJSON_Delete(res);
	*decimal = dlt_xstrdup(units);
	return DLT_OK;
}

static int xmr_transfer(struct dlt_conn *c, const cJSON *request, char **txid, struct dlt_err *err)
{
	*txid = NULL;
	const cJSON *to = cJSON_GetObjectItemCaseSensitive(request, "to");
	const cJSON *amount = cJSON_GetObjectItemCaseSensitive(request, "amount");
	const cJSON *from = cJSON_GetObjectItemCaseSensitive(request, "from");
	char units[32];
	if (!cJSON_IsString(to) || !*to->valuestring)
		return dlt_err_set(err, DLT_E_ARG, "transfer: \"to\" must be an address");
	if (dlt_request_units(amount, DLT_UNITS_MAX_U64, units, sizeof units))
		return dlt_err_set(err, DLT_E_ARG,
				   "transfer: \"amount\" must be piconero (digits or integer)");
	int rc = ensure_wallet(c, err);
	if (!rc)
		rc = sync_wallet(c, err);
	if (rc)
		return rc;
	int major = 0, minor = 0;
	if (cJSON_IsString(from) && *from->valuestring) {
		rc = address_index(c, from->valuestring, &major, &minor, err);
		if (rc)
			return rc;
	}
	cJSON *p = cJSON_CreateObject();
	cJSON *dests = cJSON_AddArrayToObject(p, "destinations");
	cJSON *d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, "amount", cJSON_CreateRaw(units));
	cJSON_AddStringToObject(d, "address", to->valuestring);
	cJSON_AddItemToArray(dests, d);
	cJSON_AddNumberToObject(p, "account_index", major);
	if (minor > 0) {
		cJSON *si = cJSON_AddArrayToObject(p, "subaddr_indices");
		cJSON_AddItemToArray(si, cJSON_CreateNumber(minor));
	}
	cJSON_AddNumberToObject(p, "priority", 0);
	cJSON *res = NULL;
	rc = wcall_slow(c, "transfer", p, WALLET_SLOW_MS, &res, err);
	if (rc)
		return rc;
	const cJSON *h = cJSON_GetObjectItemCaseSensitive(res, "tx_hash");
	if (!cJSON_IsString(h)) {
		cJSON_Delete(res);
		return dlt_err_set(err, DLT_E_PROTOCOL, "target %s: transfer: no tx_hash", c->name);
	}
	*txid = dlt_xstrdup(h->valuestring);
	cJSON_Delete(res);
	return DLT_OK;
}

/* tx_status from the daemon's /get_transactions (in_pool, block_height); the fee comes from
 * the wallet (get_transfer_by_txid) when the transaction is the wallet's. */
static int xmr_tx_status(struct dlt_conn *c, const char *txid, cJSON **out, struct dlt_err *err)
{
	*out = NULL;
	if (!txid || !dlt_is_hash64(txid))
		return dlt_err_set(err, DLT_E_ARG, "tx_status: \"%s\" is not a 64-hex-digit txid",
				   txid ? txid : "");
	cJSON *body = cJSON_CreateObject();
	cJSON *hs = cJSON_AddArrayToObject(body, "txs_hashes");
	cJSON_AddItemToArray(hs, cJSON_CreateString(txid));
	cJSON *ans = NULL;
	int rc = jsonrpc_post_json(c->rpc, "/get_transactions", body, &ans, err);
	cJSON_Delete(body);
	if (rc)
		return rc;
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(ans, "status");
	if (!cJSON_IsString(st) || strcmp(st->valuestring, "OK") != 0) {
		char s[128];
		snprintf(s, sizeof s, "%s", cJSON_IsString(st) ? st->valuestring : "(none)");
		cJSON_Delete(ans);
		return dlt_err_set(err, DLT_E_PROTOCOL, "target %s: /get_transactions: status %s",
				   c->name, s);
	}
	const cJSON *txs = cJSON_GetObjectItemCaseSensitive(ans, "txs");
	const cJSON *tx = cJSON_GetArrayItem(txs, 0);
	const char *state = "unknown";
	long long block = -1, conf = 0;
	if (tx) {
		const cJSON *in_pool = cJSON_GetObjectItemCaseSensitive(tx, "in_pool");
		const cJSON *bh = cJSON_GetObjectItemCaseSensitive(tx, "block_height");
		if (cJSON_IsTrue(in_pool)) {
			state = "pending";
		} else if (cJSON_IsNumber(bh)) {
			state = "confirmed";
			block = (long long)bh->valuedouble;
			uint64_t top = 0;
			if (xmr_height(c, &top, err) == DLT_OK)
				conf = (long long)top - block + 1;
			else
				dlt_err_clear(err);
		}
	}
	cJSON_Delete(ans);
	cJSON *o = dlt_tx_status_object(state, block, conf);
	if (c->wallet) {
		struct dlt_err e = { 0 };
		cJSON *accounts = NULL;
		int n = 0;
		if (ensure_wallet(c, &e) == DLT_OK &&
		    wcall(c, "get_accounts", cJSON_CreateObject(), &accounts, &e) == DLT_OK)
			n = cJSON_GetArraySize(
				cJSON_GetObjectItemCaseSensitive(accounts, "subaddress_accounts"));
		cJSON_Delete(accounts);
		dlt_err_clear(&e);
		/* get_transfer_by_txid looks in one account: try each */
		for (int i = 0; i < n; i++) {
			cJSON *p = cJSON_CreateObject();
			cJSON_AddStringToObject(p, "txid", txid);
			cJSON_AddNumberToObject(p, "account_index", i);
			cJSON *res = NULL;
			int found = 0;
			if (wcall(c, "get_transfer_by_txid", p, &res, &e) == DLT_OK) {
				const cJSON *t = cJSON_GetObjectItemCaseSensitive(res, "transfer");
				char fee[32];
				int neg = 0;
				if (!dlt_exact_item_units(
					    cJSON_GetObjectItemCaseSensitive(t, "fee"), 0, fee,
					    sizeof fee, &neg)) {
					cJSON_AddStringToObject(o, "fee", fee);
					found = 1;
				}
			}
			cJSON_Delete(res);
			dlt_err_clear(&e);
			if (found)
				break;
		}
	}
	*out = o;
	return DLT_OK;
}

/* Subscriptions: monerod's ZeroMQ publisher (topic json-minimal-chain_main: one frame
 * "topic:{"first_height":h,"first_prev_id":..,"ids":[..]}"), one message per block; when the
 * target has no zmq_url, polling get_last_block_header (adapter_util.h). */
struct xmr_sub {
	struct dlt_conn *c; /* private connection for polling */
	struct dlt_zmq_sub *zs;
	struct dlt_poll poll; /* when there is no zmq_url */
	cJSON *queue; /* announcements not yet returned */
};

/* The hash of the block at a height, for polling. */
static int hash_at(struct dlt_conn *c, uint64_t height, char *hash, size_t hashlen,
		   struct dlt_err *err)
{
	cJSON *b = NULL;
	cJSON *num = cJSON_CreateNumber((double)height);
	int rc = xmr_block(c, num, &b, err);
	cJSON_Delete(num);
	if (rc)
		return rc;
	const cJSON *h = cJSON_GetObjectItemCaseSensitive(b, "hash");
	if (cJSON_IsString(h))
		snprintf(hash, hashlen, "%s", h->valuestring);
	else
		rc = dlt_err_set(err, DLT_E_PROTOCOL,
				 "target %s: get_block at height %llu, at or "
				 "below the top, found no block",
				 c->name, (unsigned long long)height);
	cJSON_Delete(b);
	return rc;
}

static void xmr_sub_close(void *sub);

static int xmr_subscribe(struct dlt_conn *c, const char *topic, void **out, struct dlt_err *err)
{
	*out = NULL;
	int rc = dlt_block_topic(topic, "json-minimal-chain_main", "monero", err);
	if (rc)
		return rc;
	struct xmr_sub *s = dlt_xcalloc(1, sizeof *s);
	s->queue = cJSON_CreateArray();
	struct dlt_adapter_config cfg = {
		.name = c->name,
		.url = c->url,
		.max_response = c->max_response,
	};
	rc = xmr_open(&cfg, &s->c, err);
	if (!rc) {
		xmr_set_timeout(s->c, c->timeout_ms);
		if (c->zmq_url) {
			/* monerod matches subscriptions against its topic names itself: the
			 * prefix must not include the ':' separator, or nothing is sent */
			static const char *const prefixes[] = { "json-minimal-chain_main", NULL };
			rc = dlt_zmq_sub_open(c->zmq_url, prefixes, 2000, c->max_response, &s->zs,
					      err);
		} else {
			s->poll = (struct dlt_poll){ s->c, 0, xmr_height, hash_at };
			rc = dlt_poll_start(&s->poll, err);
		}
	}
	if (rc) {
		xmr_sub_close(s);
		return rc;
	}
	*out = s;
	return DLT_OK;
}

/* Queue one announcement per id of a chain_main message; 0, or -1 when malformed. */
static int queue_chain_main(struct xmr_sub *s, const unsigned char *frame, size_t n)
{
	static const char topic[] = "json-minimal-chain_main:";
	size_t off = sizeof topic - 1;
	if (n < off || memcmp(frame, topic, off) != 0)
		return -1;
	cJSON *j = cJSON_ParseWithLength((const char *)frame + off, n - off);
	const cJSON *first = cJSON_GetObjectItemCaseSensitive(j, "first_height");
	const cJSON *ids = cJSON_GetObjectItemCaseSensitive(j, "ids");
	if (!cJSON_IsNumber(first) || !cJSON_IsArray(ids)) {
		cJSON_Delete(j);
		return -1;
	}
	int i = 0;
	const cJSON *it;
	cJSON_ArrayForEach (it, ids) {
		if (cJSON_IsString(it))
			cJSON_AddItemToArray(s->queue, dlt_announcement(first->valuedouble + i,
									it->valuestring, "zmq"));
		i++;
	}
	cJSON_Delete(j);
	return 0;
}

static int xmr_sub_next(void *sub, long timeout_ms, cJSON **out, struct dlt_err *err)
{
	struct xmr_sub *s = sub;
	*out = NULL;
	long long deadline = dlt_now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
	if (!s->zs)
		return dlt_poll_next(&s->poll, deadline, out, err);
	for (;;) {
		if (cJSON_GetArraySize(s->queue) > 0) {
			*out = cJSON_DetachItemFromArray(s->queue, 0);
			return DLT_OK;
		}
		struct dlt_zmq_msg m;
		int rc = dlt_zmq_sub_recv_until(s->zs, deadline, &m, err);
		if (rc || m.nframes == 0)
			return rc;
		queue_chain_main(s, m.frame[0], m.size[0]);
		dlt_zmq_msg_free(&m);
		if (deadline - dlt_now_ms() <= 0 && cJSON_GetArraySize(s->queue) == 0)
			return DLT_OK;
	}
}

static void xmr_sub_close(void *sub)
{
	struct xmr_sub *s = sub;
	if (!s)
		return;
	dlt_zmq_sub_close(s->zs);
	xmr_close(s->c);
	cJSON_Delete(s->queue);
	free(s);
}

const struct dlt_adapter_ops dlt_adapter_monero = {
	.family = "monero",
	.capabilities = xmr_caps,
	.open = xmr_open,
	.close = xmr_close,
	.set_timeout = xmr_set_timeout,
	.rpc = xmr_rpc,
	.rpc_raw = xmr_rpc_raw,
	.info = xmr_info,
	.height = xmr_height,
	.block = xmr_block,
	.produce_blocks = xmr_produce_blocks,
	.new_address = xmr_new_address,
	.balance = xmr_balance,
	.transfer = xmr_transfer,
	.tx_status = xmr_tx_status,
	.subscribe = xmr_subscribe,
	.sub_next = xmr_sub_next,
	.sub_close = xmr_sub_close,
};
