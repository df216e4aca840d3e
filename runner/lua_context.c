/*
 * lua_context.c: the test context `t` a scenario's run function receives: the checks
 * (eq, ne, ok, match, need, same), the stops (skip, inconclusive, fail), log, vector and sleep,
 * and the recording of every check with expected, actual, diff and file:line
 * (docs/scenarios.md). Shape matching and wait_until are written in Lua (prelude.lua) on top
 * of t:_record.
 *
 * Values are compared in the lossless JSON form (lua_json.h: byte strings compare byte for
 * byte, zero bytes included), and what a result stores is bounded (docs/scenarios.md,
 * "Limits"): at most max_checks checks (counted beyond that, failed ones kept before passing
 * ones), values of failed checks cut to max_value bytes with a truncation marker and to
 * max_stored bytes in all, labels and reasons to max_message bytes, the log to max_log_lines
 * lines and max_log_bytes bytes.
 */
#include "runner/host_internal.h"
#include "runner/exec.h"
#include "common/json_bytes.h"
#include "runner/jsondiff.h"
#include "runner/launcher.h"
#include "runner/lua_crypto.h"
#include "runner/lua_json.h"
#include "runner/lua_pattern.h"
#include "common/text_clean.h"
#include "runner/vectors.h"
#include "common/mem.h"
#include "common/clock.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIFF 50
#define MAX_DIVERGENCES 500

static struct dlt_exec *need_exec(lua_State *L)
{
	struct dlt_exec *x = dlt_exec_get(L);
	if (!x)
		luaL_error(L, "checks can only be made while a scenario runs");
	return x;
}

/* Convert a Lua value to JSON for a check (lossless form); u256 on the other side makes
 * numbers and strings compare as u256. NULL with err set when it is not JSON. */
static cJSON *check_json(lua_State *L, int idx, int other, char *err, size_t errlen,
			 size_t *charged)
{
	idx = lua_absindex(L, idx);
	other = lua_absindex(L, other);
	*charged = 0;
	if (dlt_lua_is_u256(L, other) && !dlt_lua_is_u256(L, idx) &&
	    (lua_type(L, idx) == LUA_TNUMBER || lua_type(L, idx) == LUA_TSTRING)) {
		lua_getfield(L, LUA_REGISTRYINDEX, "dlt.lib");
		lua_pushliteral(L, "u256");
		lua_rawget(L, -2);
		lua_pushvalue(L, idx);
		if (lua_iscfunction(L, -2) && lua_pcall(L, 1, 1, 0) == LUA_OK &&
		    dlt_lua_is_u256(L, -1)) {
			cJSON *j = dlt_lua_to_json_bytes(L, -1, err, errlen, charged);
			lua_pop(L, 2);
			if (j)
				return j;
			dlt_limits_release(L, *charged);
			*charged = 0;
		} else
			lua_pop(L, 2);
	}
	return dlt_lua_to_json_bytes(L, idx, err, errlen, charged);
}

/* Both sides of a comparison; raises (after freeing) when one is not JSON or the copies do
 * not fit in the memory limit. */
static void check_pair(lua_State *L, int ia, int ib, cJSON **a, cJSON **b, size_t *charged)
{
	char err[300];
	size_t ca = 0, cb = 0;
	*a = check_json(L, ia, ib, err, sizeof err, &ca);
	*b = *a ? check_json(L, ib, ia, err, sizeof err, &cb) : NULL;
	*charged = ca + cb;
	if (*a && *b)
		return;
	cJSON_Delete(*a);
	cJSON_Delete(*b);
	dlt_limits_release(L, *charged);
	dlt_limits_check(L); /* the memory stop, when that is what happened */
	luaL_error(L, "check value %s", err);
}

/* An optional detail value (lossless form), or NULL. */
static cJSON *detail_json(lua_State *L, int idx, size_t *charged)
{
	char err[200];
	*charged = 0;
	if (lua_isnoneornil(L, idx))
		return NULL;
	return dlt_lua_to_json_bytes(L, idx, err, sizeof err, charged);
}

static const char *opt_label(lua_State *L, int idx, const char *dflt, size_t *len)
{
	if (lua_isnoneornil(L, idx)) {
		*len = strlen(dflt);
		return dflt;
	}
	return luaL_checklstring(L, idx, len);
}

/* After a check: give back what the copies held; a memory stop recorded on the way raises. */
static void check_done(lua_State *L, size_t charged)
{
	dlt_limits_release(L, charged);
	dlt_limits_check(L);
}

/* Differences of a against b, with a final {"path": "...", "more": n} past MAX_DIFF. */
static cJSON *diff_of(const struct dlt_exec *x, const cJSON *a, const cJSON *b, const char *na,
		      const char *nb, int *n)
{
	cJSON *diff = cJSON_CreateArray();
	size_t vmax =
		x->cfg->max_value < DLT_DIFF_VALUE_MAX ? x->cfg->max_value : DLT_DIFF_VALUE_MAX;
	*n = dlt_json_diff_capped(a, b, "$", na, nb, diff, MAX_DIFF, vmax);
	if (*n > MAX_DIFF) {
		cJSON *note = cJSON_CreateObject();
		cJSON_AddStringToObject(note, "path", "...");
		cJSON_AddNumberToObject(note, "more", *n - MAX_DIFF);
		cJSON_AddItemToArray(diff, note);
	}
	return diff;
}

/* t:eq(actual, expected, label) */
static int t_eq(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	lua_settop(L, 4);
	size_t llen, charged;
	const char *label = opt_label(L, 4, "eq", &llen);
	cJSON *actual, *expected;
	check_pair(L, 2, 3, &actual, &expected, &charged);
	int n;
	cJSON *diff = diff_of(x, expected, actual, "expected", "actual", &n);
	dlt_exec_record(L, x, n == 0, label, llen, "protocol", -1, expected, actual, diff, 1);
	check_done(L, charged);
	lua_pushboolean(L, n == 0);
	return 1;
}

/* t:ne(actual, unexpected, label) */
static int t_ne(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	lua_settop(L, 4);
	size_t llen, charged;
	const char *label = opt_label(L, 4, "ne", &llen);
	cJSON *actual, *other;
	check_pair(L, 2, 3, &actual, &other, &charged);
	int ok = !dlt_json_equal(actual, other);
	cJSON *expected = cJSON_CreateObject();
	cJSON_AddItemToObject(expected, "not", other);
	dlt_exec_record(L, x, ok, label, llen, "protocol", -1, expected, actual, NULL, 1);
	check_done(L, charged);
	lua_pushboolean(L, ok);
	return 1;
}

/* t:ok(cond, label [, detail]) */
static int t_ok(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	int ok = lua_toboolean(L, 2);
	size_t llen, charged = 0;
	const char *label = opt_label(L, 3, "ok", &llen);
	cJSON *actual = ok ? NULL : detail_json(L, 4, &charged);
	dlt_exec_record(L, x, ok, label, llen, "protocol", -1,
			ok ? NULL : cJSON_CreateString("a true condition"), actual, NULL, 1);
	check_done(L, charged);
	lua_pushboolean(L, ok);
	return 1;
}

/* Record the stop with a reason given by the scenario (cleaned, bounded) and raise it. */
static int stop_with(lua_State *L, enum dlt_stop kind, const char *prefix, const char *s,
		     size_t len)
{
	struct dlt_exec *x = dlt_exec_get(L);
	struct dlt_limits_ctl *c = dlt_limits_of(L);
	if (c && c->stop == STOP_NONE) {
		char *clean = dlt_text_clean(s, len, x ? x->cfg->max_message : 1024);
		char *reason = dlt_printf("%s%s", prefix, clean);
		dlt_limits_record(c, kind, reason);
		free(reason);
		free(clean);
	}
	return dlt_exec_stop(L, kind, "stopped");
}

/* t:need(cond, label): a failure stops the scenario (verdict fail) */
static int t_need(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	int ok = lua_toboolean(L, 2);
	size_t llen, charged = 0;
	const char *label = opt_label(L, 3, "need", &llen);
	cJSON *detail = ok ? NULL : detail_json(L, 4, &charged);
	dlt_exec_record(L, x, ok, label, llen, "protocol", -1,
			ok ? NULL : cJSON_CreateString("a true condition"), detail, NULL, 1);
	check_done(L, charged);
	if (!ok)
		return stop_with(L, STOP_FAIL, "a required condition failed: ", label, llen);
	lua_settop(L, 2);
	return 1;
}

/* t:match(str, pattern, label) */
static int t_match(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	size_t lp, llen, charged = 0;
	const char *pat = luaL_checklstring(L, 3, &lp);
	const char *label = opt_label(L, 4, "match", &llen);
	int ok = 0;
	if (lua_type(L, 2) == LUA_TSTRING) {
		size_t ls;
		const char *s = lua_tolstring(L, 2, &ls);
		ok = dlt_lua_pattern_find(L, s, ls, pat, lp);
	}
	cJSON *actual = NULL, *expected = NULL;
	if (!ok) {
		char err[200];
		actual = dlt_lua_to_json_bytes(L, 2, err, sizeof err, &charged);
		expected = cJSON_CreateObject();
		cJSON_AddItemToObject(expected, "pattern", dlt_json_from_bytes(pat, lp));
	}
	dlt_exec_record(L, x, ok, label, llen, "protocol", -1, expected, actual, NULL, 1);
	check_done(L, charged);
	lua_pushboolean(L, ok);
	return 1;
}

/* t:same(a_value, b_value, label): interoperability check between two targets */
static int t_same(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	lua_settop(L, 4);
	size_t llen, charged;
	const char *label = opt_label(L, 4, "same", &llen);
	cJSON *a, *b;
	check_pair(L, 2, 3, &a, &b, &charged);
	int n;
	cJSON *diff = diff_of(x, a, b, "a", "b", &n);
	cJSON *d;
	cJSON_ArrayForEach (d, diff) {
		if (cJSON_GetArraySize(x->divergences) >= MAX_DIVERGENCES)
			break;
		cJSON *copy = cJSON_Duplicate(d, 1);
		cJSON_AddItemToObject(copy, "label",
				      dlt_text_json(label, llen, x->cfg->max_message));
		cJSON_AddItemToArray(x->divergences, copy);
	}
	dlt_exec_record(L, x, n == 0, label, llen, "interop", -1, a, b, diff, 1);
	check_done(L, charged);
	lua_pushboolean(L, n == 0);
	return 1;
}

/* t:_record(ok, label, expected, actual, diff, level) for checks written in Lua */
static int t_record(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	int ok = lua_toboolean(L, 2);
	size_t llen, c1 = 0, c2 = 0, c3 = 0;
	const char *label = opt_label(L, 3, "check", &llen);
	int level = (int)luaL_optinteger(L, 7, 2);
	char err[200];
	cJSON *expected = ok ? NULL : dlt_lua_to_json_bytes(L, 4, err, sizeof err, &c1);
	cJSON *actual = ok ? NULL : dlt_lua_to_json_bytes(L, 5, err, sizeof err, &c2);
	cJSON *diff = ok || lua_isnoneornil(L, 6)
			      ? NULL
			      : dlt_lua_to_json_bytes(L, 6, err, sizeof err, &c3);
	dlt_exec_record(L, x, ok, label, llen, "protocol", -1, expected, actual, diff, level);
	check_done(L, c1 + c2 + c3);
	lua_pushboolean(L, ok);
	return 1;
}

static int t_skip(lua_State *L)
{
	size_t len;
	const char *r = luaL_optlstring(L, 2, "not applicable", &len);
	return stop_with(L, STOP_SKIP, "", r, len);
}

static int t_inconclusive(lua_State *L)
{
	size_t len;
	const char *r = luaL_optlstring(L, 2, "inconclusive", &len);
	return stop_with(L, STOP_INCONCLUSIVE, "", r, len);
}

/* t:fail(reason): a failed check that stops the scenario */
static int t_fail(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	size_t len;
	const char *reason = luaL_optlstring(L, 2, "failed", &len);
	dlt_exec_record(L, x, 0, reason, len, "protocol", -1, NULL, NULL, NULL, 1);
	return stop_with(L, STOP_FAIL, "", reason, len);
}

static int t_log(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	int n = lua_gettop(L);
	lua_getglobal(L, "string");
	lua_pushliteral(L, "format");
	lua_rawget(L, -2);
	for (int i = 2; i <= n; i++)
		lua_pushvalue(L, i);
	lua_call(L, n - 1, 1);
	size_t len;
	const char *line = lua_tolstring(L, -1, &len);
	if (line)
		dlt_exec_log(x, line, len);
	return 0;
}

static int t_vector(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	size_t len;
	const char *id = luaL_checklstring(L, 2, &len);
	const cJSON *v = x->cfg->vectors && !memchr(id, 0, len)
				 ? dlt_vectors_get(x->cfg->vectors, id)
				 : NULL;
	if (!v)
		return luaL_error(L, "t:vector(\"%s\"): no vector file with that id in vectors/",
				  id);
	dlt_lua_push_json(L, v);
	return 1;
}

static int t_sleep(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	double s = luaL_checknumber(L, 2);
	double left = x->deadline - dlt_now();
	if (s > left) {
		dlt_sleep(left > 0 ? left : 0);
		struct dlt_limits_ctl *c = dlt_limits_of(L);
		return dlt_exec_stop(L, STOP_INCONCLUSIVE, "%s while sleeping",
				     c ? c->time_reason : "time limit reached");
	}
	double until = dlt_now() + s;
	while (dlt_now() < until && !dlt_interrupted)
		dlt_sleep(until - dlt_now() > 0.1 ? 0.1 : until - dlt_now());
	if (dlt_interrupted)
		return dlt_exec_stop(L, STOP_INCONCLUSIVE, "interrupted (signal)");
	return 0;
}

/* t:subject(node or nil): the target later protocol checks concern */
static int t_subject(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	if (lua_isnoneornil(L, 2)) {
		x->subject = -1;
		return 0;
	}
	luaL_checktype(L, 2, LUA_TTABLE);
	lua_pushliteral(L, "_role");
	lua_rawget(L, 2);
	lua_Integer role = luaL_checkinteger(L, -1);
	if (role < 0 || role >= x->nroles)
		return luaL_error(L, "t:subject: not a node of this scenario");
	x->subject = (int)role;
	return 0;
}

static int t_remaining(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	lua_pushnumber(L, x->deadline - dlt_now());
	return 1;
}

static const luaL_Reg context_methods[] = {
	{ "eq", t_eq },          { "ne", t_ne },           { "ok", t_ok },
	{ "need", t_need },      { "match", t_match },     { "same", t_same },
	{ "_record", t_record }, { "skip", t_skip },       { "inconclusive", t_inconclusive },
	{ "fail", t_fail },      { "log", t_log },         { "vector", t_vector },
	{ "sleep", t_sleep },    { "subject", t_subject }, { "remaining", t_remaining },
	{ NULL, NULL },
};

void dlt_context_register(lua_State *L)
{
	luaL_newmetatable(L, "dlt.context");
	luaL_newlib(L, context_methods);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);
}

void dlt_context_push(lua_State *L, struct dlt_exec *x)
{
	lua_createtable(L, 0, 4 + x->nroles);
	lua_pushstring(L, x->s->id);
	lua_setfield(L, -2, "id");
	luaL_setmetatable(L, "dlt.context");
}
