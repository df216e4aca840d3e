/*
 * lua_node.c: node handles, the only way a scenario reaches a ledger. Each method goes
 * through the target's adapter with a call timeout bounded by the scenario's deadline, and
 * turns adapter failures into verdicts: an unreachable node stops the scenario with error, a
 * timeout with inconclusive, a malformed answer is a failed check, an operation the family
 * cannot do is a skip (docs/scenarios.md, "Node handles"). Names given as strings (methods,
 * addresses, transaction ids, topics) must hold no zero byte; what an adapter returns is held
 * by a guard (lua_guard.h) while it becomes Lua values, so a Lua error cannot leak it.
 */
#include "runner/host_internal.h"
#include "runner/exec.h"
#include "runner/lua_crypto.h"
#include "runner/lua_guard.h"
#include "runner/lua_json.h"
#include "runner/lua_text.h"
#include "common/mem.h"
#include "runner/jsondiff.h"
#include "schema/openrpc.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node_ref {
	struct dlt_exec *x;
	int role;
	struct dlt_node *node;
	struct dlt_conn *conn;
};

static struct node_ref self(lua_State *L)
{
	struct node_ref r;
	r.x = dlt_exec_get(L);
	if (!r.x)
		luaL_error(L, "nodes can only be used while a scenario runs");
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_getfield(L, 1, "_role");
	r.role = (int)luaL_checkinteger(L, -1);
	lua_pop(L, 1);
	if (r.role < 0 || r.role >= r.x->nroles)
		luaL_error(
			L,
			"not a node handle of this scenario (use node:method(), not node.method())");
	r.node = r.x->nodes[r.role];
	r.conn = r.x->conns[r.role];
	long ms = (long)(dlt_exec_remaining(r.x) * 1000);
	long cap = (long)(r.x->cfg->call_timeout * 1000);
	r.node->ops->set_timeout(r.conn, ms < cap ? ms : cap);
	return r;
}

/* Turn a non-RPC adapter failure into the scenario's fate; never returns. */
static int fail(lua_State *L, struct node_ref *r, const char *what, struct dlt_err *e)
{
	char msg[1100];
	snprintf(msg, sizeof msg, "%s", e->msg);
	int kind = e->kind;
	dlt_err_clear(e);
	switch (kind) {
	case DLT_E_TIMEOUT:
	case DLT_E_LIMIT:
	case DLT_E_INTERRUPTED: return dlt_exec_stop(L, STOP_INCONCLUSIVE, "%s: %s", what, msg);
	case DLT_E_PROTOCOL:
		dlt_exec_record(L, r->x, 0, what, strlen(what), "protocol", r->role,
				cJSON_CreateString("a well-formed answer"), cJSON_CreateString(msg),
				NULL, 1);
		return dlt_exec_stop(L, STOP_FAIL, "%s: %s", what, msg);
	case DLT_E_UNSUPPORTED: return dlt_exec_stop(L, STOP_SKIP, "%s: %s", what, msg);
	case DLT_E_ARG: return luaL_error(L, "%s: %s", what, msg);
	default: return dlt_exec_stop(L, STOP_ERROR, "%s: %s", what, msg);
	}
}

static cJSON *arg_json(lua_State *L, int idx, const char *what)
{
	if (lua_isnoneornil(L, idx))
		return NULL;
	char err[300];
	cJSON *j = dlt_lua_to_json(L, idx, err, sizeof err);
	if (!j)
		luaL_error(L, "%s: %s", what, err);
	return j;
}

static void push_rpc_error(lua_State *L, const struct dlt_err *e)
{
	if (e->rpc_error)
		dlt_lua_push_json(L, e->rpc_error);
	else {
		lua_newtable(L);
		lua_pushinteger(L, e->rpc_code);
		lua_setfield(L, -2, "code");
	}
	if (lua_istable(L, -1)) {
		lua_getfield(L, -1, "code");
		if (lua_type(L, -1) == LUA_TNUMBER && !lua_isinteger(L, -1)) {
			lua_Number n = lua_tonumber(L, -1);
			lua_pop(L, 1);
			lua_pushinteger(L, (lua_Integer)n);
			lua_setfield(L, -2, "code");
		} else
			lua_pop(L, 1);
	}
}

static void note_method(struct dlt_exec *x, const char *method)
{
	if (!cJSON_GetObjectItemCaseSensitive(x->methods, method))
		cJSON_AddTrueToObject(x->methods, method);
}

/* --schema-check: validate an eth_* result against its execution-apis schema, as a check. */
static void schema_check(lua_State *L, struct node_ref *r, const char *method, const cJSON *result)
{
	const struct dlt_openrpc *o = r->x->cfg->openrpc;
	if (!r->x->cfg->schema_check || !o || strncmp(method, "eth_", 4) != 0 ||
	    !dlt_openrpc_method(o, method))
		return;
	struct dlt_schema_errors errs = { 0 };
	dlt_openrpc_check_result(o, method, result, &errs);
	/* An empty array satisfies every "array of X" alternative of a oneOf at once (FilterResults
	 * of eth_getLogs: array of hashes or array of logs). That is an ambiguity of the
	 * specification, not a fault of the answer: such errors are not counted. */
	size_t counted = 0;
	for (size_t i = 0; i < dlt_schema_errors_count(&errs); i++) {
		const struct dlt_schema_error *e = dlt_schema_errors_get(&errs, i);
		const cJSON *at = dlt_json_at(result, e->path);
		if (!strcmp(e->rule, "oneOf") && cJSON_IsArray(at) && cJSON_GetArraySize(at) == 0 &&
		    strstr(e->message, "more than one alternative"))
			continue;
		counted++;
	}
	int bad = counted > 0;
	char label[300];
	snprintf(label, sizeof label, "%s result matches its execution-apis schema", method);
	cJSON *diff = NULL;
	if (bad) {
		diff = cJSON_CreateArray();
		for (size_t i = 0; i < dlt_schema_errors_count(&errs); i++) {
			const struct dlt_schema_error *e = dlt_schema_errors_get(&errs, i);
			const cJSON *at = dlt_json_at(result, e->path);
			if (!strcmp(e->rule, "oneOf") && cJSON_IsArray(at) &&
			    cJSON_GetArraySize(at) == 0 &&
			    strstr(e->message, "more than one alternative"))
				continue;
			cJSON *d = cJSON_CreateObject();
			cJSON_AddStringToObject(d, "path", e->path);
			cJSON_AddStringToObject(d, "rule", e->rule);
			cJSON_AddStringToObject(d, "schema", e->schema);
			cJSON_AddStringToObject(d, "message", e->message);
			cJSON_AddItemToArray(diff, d);
		}
	}
	dlt_schema_errors_free(&errs);
	dlt_exec_record(L, r->x, !bad, label, strlen(label), "protocol", r->role,
			bad ? cJSON_CreateString("the result schema of execution-apis") : NULL,
			bad ? cJSON_Duplicate(result, 1) : NULL, diff, 1);
}

static int do_rpc(lua_State *L, int raise)
{
	struct node_ref r = self(L);
	const char *method = dlt_lua_checktext(L, 2, "method name");
	struct dlt_lua_guard *g = dlt_lua_guard_new(L, dlt_lua_guard_cjson);
	cJSON *params = arg_json(L, 3, method);
	if (!params)
		params = cJSON_CreateArray();
	cJSON *result = NULL;
	struct dlt_err e = { 0 };
	note_method(r.x, method);
	int rc = r.node->ops->rpc(r.conn, method, params, &result, &e);
	cJSON_Delete(params);
	if (rc == DLT_OK) {
		g->p = result;
		schema_check(L, &r, method, result);
		dlt_lua_push_json(L, result);
		dlt_lua_guard_free(g);
		return 1;
	}
	if (rc != DLT_E_RPC)
		return fail(L, &r, method, &e);
	if (raise) {
		char label[300];
		snprintf(label, sizeof label, "%s answers with a result", method);
		cJSON *actual = cJSON_CreateObject();
		cJSON_AddItemToObject(actual, "error",
				      e.rpc_error ? cJSON_Duplicate(e.rpc_error, 1)
						  : cJSON_CreateNull());
		dlt_exec_record(L, r.x, 0, label, strlen(label), "protocol", r.role,
				cJSON_CreateString("a result"), actual, NULL, 1);
		char msg[1100];
		snprintf(msg, sizeof msg, "%s", e.msg);
		dlt_err_clear(&e);
		return dlt_exec_stop(L, STOP_FAIL, "%s", msg);
	}
	/* the error object is pushed under the guard */
	g->p = e.rpc_error;
	e.rpc_error = NULL;
	struct dlt_err shown = e;
	shown.rpc_error = g->p;
	lua_pushnil(L);
	push_rpc_error(L, &shown);
	dlt_lua_guard_free(g);
	dlt_err_clear(&e);
	return 2;
}

static int n_rpc(lua_State *L)
{
	return do_rpc(L, 0);
}

static int n_call(lua_State *L)
{
	return do_rpc(L, 1);
}

static void push_reply(lua_State *L, struct dlt_http_reply *reply)
{
	struct dlt_lua_guard *g = dlt_lua_guard_new(L, dlt_lua_guard_cjson);
	lua_createtable(L, 0, 4);
	lua_pushinteger(L, reply->status);
	lua_setfield(L, -2, "status");
	lua_pushlstring(L, reply->body ? reply->body : "", reply->body_len);
	lua_setfield(L, -2, "body");
	if (reply->content_type) {
		lua_pushstring(L, reply->content_type);
		lua_setfield(L, -2, "content_type");
	}
	/* the parsed body lives outside the state until it is pushed: charged meanwhile */
	size_t bound = reply->body_len ? dlt_json_parse_bound(reply->body, reply->body_len) : 0;
	if (dlt_limits_charge(L, bound) != 0) {
		dlt_limits_release(L, bound);
		dlt_limits_check(L);
	}
	cJSON *j = reply->body_len ? cJSON_ParseWithLength(reply->body, reply->body_len) : NULL;
	g->p = j;
	if (j) {
		dlt_lua_push_json(L, j);
		lua_setfield(L, -2, "json");
	}
	dlt_lua_guard_free(g);
	dlt_limits_release(L, bound);
	lua_remove(L, -2);
}

static void free_reply(void *p)
{
	dlt_http_reply_free(p);
	free(p);
}

/* node:rpc_raw(body [, {content_type=, path=}]) */
static int n_rpc_raw(lua_State *L)
{
	struct node_ref r = self(L);
	size_t len;
	const char *body = luaL_checklstring(L, 2, &len);
	const char *ct = NULL, *path = NULL;
	if (lua_istable(L, 3)) {
		lua_getfield(L, 3, "content_type");
		ct = lua_isnil(L, -1) ? NULL : dlt_lua_checktext(L, -1, "rpc_raw: content_type");
		lua_getfield(L, 3, "path");
		path = lua_isnil(L, -1) ? NULL : dlt_lua_checktext(L, -1, "rpc_raw: path");
	}
	if (!r.node->ops->rpc_raw)
		return luaL_error(L, "rpc_raw: the %s adapter has no raw HTTP access",
				  r.node->ops->family);
	struct dlt_lua_guard *g = dlt_lua_guard_new(L, free_reply);
	struct dlt_http_reply *reply = dlt_xcalloc(1, sizeof *reply);
	g->p = reply;
	struct dlt_err e = { 0 };
	if (r.node->ops->rpc_raw(r.conn, path, body, len, ct, reply, &e)) {
		dlt_lua_guard_free(g);
		return fail(L, &r, "rpc_raw", &e);
	}
	push_reply(L, reply);
	dlt_lua_guard_free(g);
	return 1;
}

/* node:batch({{method, params}, ...}) -> decoded response (raw) or nil, err */
static int n_batch(lua_State *L)
{
	struct node_ref r = self(L);
	luaL_checktype(L, 2, LUA_TTABLE);
	struct dlt_lua_guard *g = dlt_lua_guard_new(L, dlt_lua_guard_cjson);
	cJSON *req = cJSON_CreateArray();
	g->p = req;
	lua_Integer n = (lua_Integer)lua_rawlen(L, 2);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, 2, i);
		if (!lua_istable(L, -1))
			return luaL_error(L, "batch: item %d must be {method, params}", (int)i);
		lua_rawgeti(L, -1, 1);
		lua_rawgeti(L, -2, 2);
		const char *m = dlt_lua_totext(L, -2);
		if (!m)
			return luaL_error(L,
					  "batch: item %d has no method name (a string without "
					  "zero bytes)",
					  (int)i);
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "jsonrpc", "2.0");
		cJSON_AddNumberToObject(o, "id", (double)i);
		cJSON_AddStringToObject(o, "method", m);
		note_method(r.x, m);
		char err[300];
		cJSON *p = lua_isnil(L, -1) ? cJSON_CreateArray()
					    : dlt_lua_to_json(L, -1, err, sizeof err);
		if (!p) {
			cJSON_Delete(o);
			return luaL_error(L, "batch: item %d params: %s", (int)i, err);
		}
		cJSON_AddItemToObject(o, "params", p);
		cJSON_AddItemToArray(req, o);
		lua_pop(L, 3);
	}
	char *body = cJSON_PrintUnformatted(req);
	dlt_lua_guard_free(g);
	struct dlt_http_reply reply = { 0 };
	struct dlt_err e = { 0 };
	int rc = r.node->ops->rpc_raw
			 ? r.node->ops->rpc_raw(r.conn, NULL, body, strlen(body), NULL, &reply, &e)
			 : dlt_err_set(&e, DLT_E_UNSUPPORTED, "no raw HTTP access");
	free(body);
	if (rc)
		return fail(L, &r, "batch", &e);
	size_t bound = dlt_json_parse_bound(reply.body ? reply.body : "", reply.body_len);
	if (dlt_limits_charge(L, bound) != 0) {
		dlt_limits_release(L, bound);
		dlt_http_reply_free(&reply);
		dlt_limits_check(L);
	}
	cJSON *j = cJSON_ParseWithLength(reply.body, reply.body_len);
	int status = (int)reply.status;
	dlt_http_reply_free(&reply);
	if (!j) {
		dlt_limits_release(L, bound);
		lua_pushnil(L);
		lua_pushfstring(L, "HTTP %d: the answer to a batch is not JSON", status);
		return 2;
	}
	g->p = j;
	dlt_lua_push_json(L, j);
	dlt_lua_guard_free(g);
	dlt_limits_release(L, bound);
	return 1;
}

static void need_op(lua_State *L, struct node_ref *r, const void *op, const char *name)
{
	if (!op)
		dlt_exec_stop(L, STOP_SKIP, "target %s: the %s adapter has no %s operation",
			      r->node->target->name, r->node->ops->family, name);
}

static int n_info(lua_State *L)
{
	struct node_ref r = self(L);
	need_op(L, &r, (const void *)r.node->ops->info, "info");
	struct dlt_lua_guard *g = dlt_lua_guard_new(L, dlt_lua_guard_cjson);
	cJSON *out;
	struct dlt_err e = { 0 };
	if (r.node->ops->info(r.conn, &out, &e))
		return fail(L, &r, "info", &e);
	g->p = out;
	dlt_lua_push_json(L, out);
	dlt_lua_guard_free(g);
	return 1;
}

static int n_height(lua_State *L)
{
	struct node_ref r = self(L);
	need_op(L, &r, (const void *)r.node->ops->height, "height");
	uint64_t h;
	struct dlt_err e = { 0 };
	if (r.node->ops->height(r.conn, &h, &e))
		return fail(L, &r, "height", &e);
	lua_pushinteger(L, (lua_Integer)h);
	return 1;
}

static int n_block(lua_State *L)
{
	struct node_ref r = self(L);
	need_op(L, &r, (const void *)r.node->ops->block, "block");
	cJSON *which = arg_json(L, 2, "block");
	struct dlt_lua_guard *g = dlt_lua_guard_new(L, dlt_lua_guard_cjson);
	g->p = which;
	if (!which)
		which = g->p = cJSON_CreateString("latest");
	cJSON *out;
	struct dlt_err e = { 0 };
	int rc = r.node->ops->block(r.conn, which, &out, &e);
	dlt_lua_guard_free(g);
	if (rc == DLT_E_RPC) {
		dlt_err_clear(&e);
		lua_pushnil(L);
		return 1;
	}
	if (rc)
		return fail(L, &r, "block", &e);
	g->p = out;
	if (cJSON_IsNull(out))
		lua_pushnil(L);
	else
		dlt_lua_push_json(L, out);
	dlt_lua_guard_free(g);
	return 1;
}

static int n_produce_blocks(lua_State *L)
{
	struct node_ref r = self(L);
	need_op(L, &r, (const void *)r.node->ops->produce_blocks, "produce_blocks");
	lua_Integer n = luaL_optinteger(L, 2, 1);
	const char *addr = dlt_lua_opttext(L, 3, NULL, "produce_blocks: address");
	if (n < 0 || n > 100000)
		return luaL_error(L, "produce_blocks: n must be 0..100000");
	struct dlt_lua_guard *g = dlt_lua_guard_new(L, dlt_lua_guard_cjson);
	cJSON *out;
	struct dlt_err e = { 0 };
	if (r.node->ops->produce_blocks(r.conn, (int)n, addr, &out, &e))
		return fail(L, &r, "produce_blocks", &e);
	g->p = out;
	dlt_lua_push_json(L, out);
	dlt_lua_guard_free(g);
	return 1;
}

static int n_new_address(lua_State *L)
{
	struct node_ref r = self(L);
	need_op(L, &r, (const void *)r.node->ops->new_address, "new_address");
	struct dlt_lua_guard *g = dlt_lua_guard_new(L, dlt_lua_guard_plain);
	char *a;
	struct dlt_err e = { 0 };
	if (r.node->ops->new_address(r.conn, &a, &e))
		return fail(L, &r, "new_address", &e);
	g->p = a;
	lua_pushstring(L, a);
	dlt_lua_guard_free(g);
	return 1;
}

static int n_balance(lua_State *L)
{
	struct node_ref r = self(L);
	need_op(L, &r, (const void *)r.node->ops->balance, "balance");
	const char *addr = dlt_lua_checktext(L, 2, "balance: address");
	struct dlt_lua_guard *g = dlt_lua_guard_new(L, dlt_lua_guard_plain);
	char *d;
	struct dlt_err e = { 0 };
	if (r.node->ops->balance(r.conn, addr, &d, &e))
		return fail(L, &r, "balance", &e);
	g->p = d;
	dlt_lua_u256_push_decimal(L, d);
	dlt_lua_guard_free(g);
	return 1;
}

static int n_transfer(lua_State *L)
{
	struct node_ref r = self(L);
	need_op(L, &r, (const void *)r.node->ops->transfer, "transfer");
	luaL_checktype(L, 2, LUA_TTABLE);
	lua_settop(L, 2);
	lua_getfield(L, 2, "to");
	const char *to = dlt_lua_checktext(L, 3, "transfer: to");
	lua_getfield(L, 2, "from");
	const char *from =
		lua_type(L, 4) == LUA_TSTRING ? dlt_lua_checktext(L, 4, "transfer: from") : NULL;
	/* amount: u256, integer or decimal string -> decimal text */
	lua_getfield(L, 2, "amount");
	dlt_u256 amount;
	dlt_lua_u256_check(L, 5, "transfer: amount", &amount);
	char dec[DLT_U256_DEC_MAX];
	dlt_u256_to_dec(&amount, dec);
	struct dlt_lua_guard *g = dlt_lua_guard_new(L, dlt_lua_guard_cjson);
	cJSON *req = cJSON_CreateObject();
	g->p = req;
	cJSON_AddStringToObject(req, "to", to);
	if (from)
		cJSON_AddStringToObject(req, "from", from);
	cJSON_AddStringToObject(req, "amount", dec);
	char *txid;
	struct dlt_err e = { 0 };
	int rc = r.node->ops->transfer(r.conn, req, &txid, &e);
	dlt_lua_guard_free(g);
	if (rc == DLT_E_RPC) {
		g->p = e.rpc_error;
		e.rpc_error = NULL;
		struct dlt_err shown = e;
		shown.rpc_error = g->p;
		lua_pushnil(L);
		push_rpc_error(L, &shown);
		dlt_lua_guard_free(g);
		dlt_err_clear(&e);
		return 2;
	}
	if (rc)
		return fail(L, &r, "transfer", &e);
	g->release = dlt_lua_guard_plain;
	g->p = txid;
	lua_pushstring(L, txid);
	dlt_lua_guard_free(g);
	return 1;
}

static int n_tx_status(lua_State *L)
{
	struct node_ref r = self(L);
	need_op(L, &r, (const void *)r.node->ops->tx_status, "tx_status");
	const char *txid = dlt_lua_checktext(L, 2, "tx_status: transaction id");
	struct dlt_lua_guard *g = dlt_lua_guard_new(L, dlt_lua_guard_cjson);
	cJSON *out;
	struct dlt_err e = { 0 };
	if (r.node->ops->tx_status(r.conn, txid, &out, &e))
		return fail(L, &r, "tx_status", &e);
	g->p = out;
	dlt_lua_push_json(L, out);
	dlt_lua_guard_free(g);
	return 1;
}

struct lua_sub {
	const struct dlt_adapter_ops *ops;
	void *sub;
};

static int sub_gc(lua_State *L)
{
	struct lua_sub *s = luaL_checkudata(L, 1, "dlt.subscription");
	if (s->sub && s->ops->sub_close)
		s->ops->sub_close(s->sub);
	s->sub = NULL;
	return 0;
}

static int sub_next(lua_State *L)
{
	struct lua_sub *s = luaL_checkudata(L, 1, "dlt.subscription");
	double secs = luaL_optnumber(L, 2, 10);
	struct dlt_exec *x = dlt_exec_get(L);
	if (!x || !s->sub)
		return luaL_error(L, "subscription used outside its scenario or after close");
	double left = dlt_exec_remaining(x);
	if (!(secs <= left))
		secs = left;
	if (secs < 0)
		secs = 0;
	struct dlt_lua_guard *g = dlt_lua_guard_new(L, dlt_lua_guard_cjson);
	cJSON *out = NULL;
	struct dlt_err e = { 0 };
	if (s->ops->sub_next(s->sub, (long)(secs * 1000), &out, &e)) {
		char msg[1100];
		snprintf(msg, sizeof msg, "%s", e.msg);
		int kind = e.kind;
		dlt_err_clear(&e);
		int inconclusive =
			kind == DLT_E_TIMEOUT || kind == DLT_E_LIMIT || kind == DLT_E_INTERRUPTED;
		return dlt_exec_stop(L, inconclusive ? STOP_INCONCLUSIVE : STOP_ERROR,
				     "subscription: %s", msg);
	}
	if (!out) {
		lua_pushnil(L);
		return 1;
	}
	g->p = out;
	dlt_lua_push_json(L, out);
	dlt_lua_guard_free(g);
	return 1;
}

static int n_subscribe(lua_State *L)
{
	struct node_ref r = self(L);
	need_op(L, &r, (const void *)r.node->ops->subscribe, "subscribe");
	const char *topic = dlt_lua_opttext(L, 2, "block", "subscribe: topic");
	/* the userdata first: once the subscription exists, nothing may raise before it is held */
	struct lua_sub *s = lua_newuserdatauv(L, sizeof *s, 0);
	s->ops = r.node->ops;
	s->sub = NULL;
	luaL_setmetatable(L, "dlt.subscription");
	struct dlt_err e = { 0 };
	void *sub = NULL;
	if (r.node->ops->subscribe(r.conn, topic, &sub, &e))
		return fail(L, &r, "subscribe", &e);
	s->sub = sub;
	return 1;
}

static int n_has(lua_State *L)
{
	struct node_ref r = self(L);
	lua_pushboolean(L,
			dlt_strlist_has(&r.node->caps, dlt_lua_checktext(L, 2, "has: capability")));
	return 1;
}

static const luaL_Reg node_methods[] = {
	{ "rpc", n_rpc },
	{ "call", n_call },
	{ "rpc_raw", n_rpc_raw },
	{ "batch", n_batch },
	{ "info", n_info },
	{ "height", n_height },
	{ "block", n_block },
	{ "produce_blocks", n_produce_blocks },
	{ "new_address", n_new_address },
	{ "balance", n_balance },
	{ "transfer", n_transfer },
	{ "tx_status", n_tx_status },
	{ "subscribe", n_subscribe },
	{ "has", n_has },
	{ NULL, NULL },
};

void dlt_node_register(lua_State *L)
{
	luaL_newmetatable(L, "dlt.node");
	luaL_newlib(L, node_methods);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);
	luaL_newmetatable(L, "dlt.subscription");
	lua_pushcfunction(L, sub_gc);
	lua_setfield(L, -2, "__gc");
	lua_newtable(L);
	lua_pushcfunction(L, sub_next);
	lua_setfield(L, -2, "next");
	lua_pushcfunction(L, sub_gc);
	lua_setfield(L, -2, "close");
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);
}

static void set_info_field(lua_State *L, const cJSON *info, const char *key, const char *dflt)
{
	const cJSON *v = info ? cJSON_GetObjectItemCaseSensitive(info, key) : NULL;
	lua_pushstring(L, cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : dflt);
	lua_setfield(L, -2, key);
}

void dlt_node_push(lua_State *L, struct dlt_exec *x, int role)
{
	struct dlt_node *n = x->nodes[role];
	lua_createtable(L, 0, 8);
	lua_pushinteger(L, role);
	lua_setfield(L, -2, "_role");
	lua_pushstring(L, n->target->name);
	lua_setfield(L, -2, "name");
	lua_pushstring(L, n->target->family);
	lua_setfield(L, -2, "family");
	lua_pushstring(L, x->s->roles[role].name);
	lua_setfield(L, -2, "role");
	lua_pushstring(L, n->target->implementation);
	lua_setfield(L, -2, "implementation");
	set_info_field(L, n->info, "version", "");
	set_info_field(L, n->info, "client_version", "");
	dlt_lua_push_json(L, n->target->params);
	lua_setfield(L, -2, "params");
	luaL_setmetatable(L, "dlt.node");
}
