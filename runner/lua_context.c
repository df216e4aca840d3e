/*
 * lua_context.c: the test context `t` a scenario's run function receives: the checks
 * (eq, ne, ok, match, need, same), the stops (skip, inconclusive), log, vector and sleep, and the
 * recording of every check with expected, actual, diff and file:line (docs/scenarios.md).
 * Shape matching and wait_until are written in Lua (prelude.lua) on top of t:_record.
 */
#include "host_internal.h"
#include "jsondiff.h"
#include "lua_crypto.h"
#include "lua_json.h"
#include "vectors.h"
#include "launcher.h"
#include "util.h"

#include <lauxlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIFF 50

struct dlt_exec *dlt_exec_get(lua_State *L)
{
	lua_getfield(L, LUA_REGISTRYINDEX, DLT_REG_EXEC);
	struct dlt_exec *x = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return x;
}

static const char stop_sentinel = 0;

int dlt_exec_is_stop(lua_State *L, int idx)
{
	return lua_islightuserdata(L, idx) && lua_touserdata(L, idx) == (void *)&stop_sentinel;
}

int dlt_exec_stop(lua_State *L, enum dlt_stop kind, const char *fmt, ...)
{
	struct dlt_exec *x = dlt_exec_get(L);
	if (x && x->stop == STOP_NONE) {
		char buf[1024];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(buf, sizeof buf, fmt, ap);
		va_end(ap);
		x->stop = kind;
		x->stop_reason = dlt_xstrdup(buf);
	}
	lua_pushlightuserdata(L, (void *)&stop_sentinel);
	return lua_error(L);
}

double dlt_exec_remaining(const struct dlt_exec *x)
{
	double r = x->deadline - dlt_now();
	return r > 0.001 ? r : 0.001;
}

void dlt_exec_log(struct dlt_exec *x, const char *line)
{
	if (cJSON_GetArraySize(x->log) < 500)
		cJSON_AddItemToArray(x->log, cJSON_CreateString(line));
}

void dlt_exec_record(lua_State *L, struct dlt_exec *x, int ok, const char *label,
		     const char *kind, int role, cJSON *expected, cJSON *actual, cJSON *diff,
		     int level)
{
	x->nchecks++;
	int interop = strcmp(kind, "interop") == 0;
	if (interop)
		x->ninterop++;
	if (!ok) {
		if (interop)
			x->ninterop_fail++;
		else
			x->nfail++;
	}
	cJSON *c = cJSON_CreateObject();
	cJSON_AddStringToObject(c, "label", label ? label : "");
	cJSON_AddStringToObject(c, "kind", kind);
	if (role < 0 && x->nroles == 1)
		role = 0;
	if (role < 0)
		role = x->subject;
	if (role >= 0 && role < x->nroles)
		cJSON_AddStringToObject(c, "target", x->nodes[role]->target->name);
	cJSON_AddBoolToObject(c, "ok", ok);
	/* where: the line of the scenario file that led to the check, even when a helper in
	 * suites/lib made it; the helper's own line is kept as "via" */
	char where[512] = "", via[512] = "";
	lua_Debug ar;
	for (int lv = level; lua_getstack(L, lv, &ar); lv++) {
		if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
			continue;
		char here[512];
		snprintf(here, sizeof here, "%s:%d",
			 ar.source[0] == '@' ? ar.source + 1 : ar.short_src, ar.currentline);
		if (!via[0] && !where[0])
			snprintf(via, sizeof via, "%s", here);
		if (ar.source[0] == '@' && !strcmp(ar.source + 1, x->s->file)) {
			snprintf(where, sizeof where, "%s", here);
			break;
		}
	}
	if (!where[0]) {
		snprintf(where, sizeof where, "%s", via);
		via[0] = '\0';
	} else if (!strcmp(where, via))
		via[0] = '\0';
	cJSON_AddStringToObject(c, "where", where);
	if (via[0])
		cJSON_AddStringToObject(c, "via", via);
	if (!ok) {
		cJSON_AddItemToObject(c, "expected", expected ? expected : cJSON_CreateNull());
		cJSON_AddItemToObject(c, "actual", actual ? actual : cJSON_CreateNull());
		cJSON_AddItemToObject(c, "diff", diff ? diff : cJSON_CreateArray());
	} else {
		cJSON_Delete(expected);
		cJSON_Delete(actual);
		cJSON_Delete(diff);
	}
	cJSON_AddItemToArray(x->checks, c);
}

static struct dlt_exec *need_exec(lua_State *L)
{
	struct dlt_exec *x = dlt_exec_get(L);
	if (!x)
		luaL_error(L, "checks can only be made while a scenario runs");
	return x;
}

/* Convert a Lua value to JSON for a check; u256 on the other side makes numbers and strings
 * compare as u256. */
static cJSON *check_json(lua_State *L, int idx, int other)
{
	char err[300];
	idx = lua_absindex(L, idx);
	other = lua_absindex(L, other);
	if (dlt_lua_is_u256(L, other) && !dlt_lua_is_u256(L, idx) &&
	    (lua_type(L, idx) == LUA_TNUMBER || lua_type(L, idx) == LUA_TSTRING)) {
		lua_getfield(L, LUA_REGISTRYINDEX, "dlt.lib");
		lua_getfield(L, -1, "u256");
		lua_pushvalue(L, idx);
		if (lua_pcall(L, 1, 1, 0) == LUA_OK) {
			cJSON *j = dlt_lua_to_json(L, -1, err, sizeof err);
			lua_pop(L, 2);
			if (j)
				return j;
		} else
			lua_pop(L, 2);
	}
	cJSON *j = dlt_lua_to_json(L, idx, err, sizeof err);
	if (!j)
		luaL_error(L, "check value %s", err);
	return j;
}

static const char *opt_label(lua_State *L, int idx, const char *dflt)
{
	return lua_isnoneornil(L, idx) ? dflt : luaL_checkstring(L, idx);
}

/* t:eq(actual, expected, label) */
static int t_eq(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	lua_settop(L, 4);
	cJSON *actual = check_json(L, 2, 3);
	cJSON *expected = check_json(L, 3, 2);
	cJSON *diff = cJSON_CreateArray();
	int n = dlt_json_diff(expected, actual, "$", "expected", "actual", diff, MAX_DIFF);
	dlt_exec_record(L, x, n == 0, opt_label(L, 4, "eq"), "protocol", -1, expected, actual, diff, 1);
	lua_pushboolean(L, n == 0);
	return 1;
}

/* t:ne(actual, unexpected, label) */
static int t_ne(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	lua_settop(L, 4);
	cJSON *actual = check_json(L, 2, 3);
	cJSON *other = check_json(L, 3, 2);
	int ok = !dlt_json_equal(actual, other);
	cJSON *expected = cJSON_CreateObject();
	cJSON_AddItemToObject(expected, "not", other);
	dlt_exec_record(L, x, ok, opt_label(L, 4, "ne"), "protocol", -1, expected, actual, NULL, 1);
	lua_pushboolean(L, ok);
	return 1;
}

/* t:ok(cond, label [, detail]) */
static int t_ok(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	int ok = lua_toboolean(L, 2);
	cJSON *actual = NULL;
	if (!ok && !lua_isnoneornil(L, 4)) {
		char err[200];
		actual = dlt_lua_to_json(L, 4, err, sizeof err);
	}
	dlt_exec_record(L, x, ok, opt_label(L, 3, "ok"), "protocol", -1,
			ok ? NULL : cJSON_CreateString("a true condition"), actual, NULL, 1);
	lua_pushboolean(L, ok);
	return 1;
}

/* t:need(cond, label): a failure stops the scenario (verdict fail) */
static int t_need(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	int ok = lua_toboolean(L, 2);
	const char *label = opt_label(L, 3, "need");
	cJSON *detail = NULL;
	if (!ok && !lua_isnoneornil(L, 4)) {
		char err[200];
		detail = dlt_lua_to_json(L, 4, err, sizeof err);
	}
	dlt_exec_record(L, x, ok, label, "protocol", -1,
			ok ? NULL : cJSON_CreateString("a true condition"), detail, NULL, 1);
	if (!ok)
		return dlt_exec_stop(L, STOP_FAIL, "a required condition failed: %s", label);
	lua_settop(L, 2);
	return 1;
}

/* t:match(str, pattern, label) */
static int t_match(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	const char *pat = luaL_checkstring(L, 3);
	const char *label = opt_label(L, 4, "match");
	int ok = 0;
	if (lua_type(L, 2) == LUA_TSTRING) {
		lua_getglobal(L, "string");
		lua_getfield(L, -1, "find");
		lua_pushvalue(L, 2);
		lua_pushvalue(L, 3);
		lua_call(L, 2, 1);
		ok = !lua_isnil(L, -1);
		lua_pop(L, 2);
	}
	char err[200];
	cJSON *actual = ok ? NULL : dlt_lua_to_json(L, 2, err, sizeof err);
	cJSON *expected = NULL;
	if (!ok) {
		expected = cJSON_CreateObject();
		cJSON_AddStringToObject(expected, "pattern", pat);
	}
	dlt_exec_record(L, x, ok, label, "protocol", -1, expected, actual, NULL, 1);
	lua_pushboolean(L, ok);
	return 1;
}

/* t:same(a_value, b_value, label): interoperability check between two targets */
static int t_same(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	lua_settop(L, 4);
	cJSON *a = check_json(L, 2, 3);
	cJSON *b = check_json(L, 3, 2);
	const char *label = opt_label(L, 4, "same");
	cJSON *diff = cJSON_CreateArray();
	int n = dlt_json_diff(a, b, "$", "a", "b", diff, MAX_DIFF);
	cJSON *d;
	cJSON_ArrayForEach(d, diff) {
		if (cJSON_GetArraySize(x->divergences) >= 500)
			break;
		cJSON *copy = cJSON_Duplicate(d, 1);
		cJSON_AddStringToObject(copy, "label", label);
		cJSON_AddItemToArray(x->divergences, copy);
	}
	dlt_exec_record(L, x, n == 0, label, "interop", -1, a, b, diff, 1);
	lua_pushboolean(L, n == 0);
	return 1;
}

/* t:_record(ok, label, expected, actual, diff, level) for checks written in Lua */
static int t_record(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	int ok = lua_toboolean(L, 2);
	const char *label = opt_label(L, 3, "check");
	char err[200];
	cJSON *expected = ok ? NULL : dlt_lua_to_json(L, 4, err, sizeof err);
	cJSON *actual = ok ? NULL : dlt_lua_to_json(L, 5, err, sizeof err);
	cJSON *diff = ok || lua_isnoneornil(L, 6) ? NULL : dlt_lua_to_json(L, 6, err, sizeof err);
	int level = (int)luaL_optinteger(L, 7, 2);
	dlt_exec_record(L, x, ok, label, "protocol", -1, expected, actual, diff, level);
	lua_pushboolean(L, ok);
	return 1;
}

static int t_skip(lua_State *L)
{
	return dlt_exec_stop(L, STOP_SKIP, "%s", luaL_optstring(L, 2, "not applicable"));
}

static int t_inconclusive(lua_State *L)
{
	return dlt_exec_stop(L, STOP_INCONCLUSIVE, "%s", luaL_optstring(L, 2, "inconclusive"));
}

/* t:fail(reason): a failed check that stops the scenario */
static int t_fail(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	const char *reason = luaL_optstring(L, 2, "failed");
	dlt_exec_record(L, x, 0, reason, "protocol", -1, NULL, NULL, NULL, 1);
	return dlt_exec_stop(L, STOP_FAIL, "%s", reason);
}

static int t_log(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	int n = lua_gettop(L);
	lua_getglobal(L, "string");
	lua_getfield(L, -1, "format");
	for (int i = 2; i <= n; i++)
		lua_pushvalue(L, i);
	lua_call(L, n - 1, 1);
	dlt_exec_log(x, lua_tostring(L, -1));
	return 0;
}

static int t_vector(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	const char *id = luaL_checkstring(L, 2);
	const cJSON *v = x->cfg->vectors ? dlt_vectors_get(x->cfg->vectors, id) : NULL;
	if (!v)
		return luaL_error(L, "t:vector(\"%s\"): no vector file with that id in vectors/", id);
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
		return dlt_exec_stop(L, STOP_INCONCLUSIVE, "time limit of %.0f s reached while "
				     "sleeping", x->deadline - x->start);
	}
	double until = dlt_now() + s;
	while (dlt_now() < until && !dlt_interrupted)
		dlt_sleep(until - dlt_now() > 0.1 ? 0.1 : until - dlt_now());
	if (dlt_interrupted)
		return dlt_exec_stop(L, STOP_INCONCLUSIVE, "interrupted");
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
	lua_getfield(L, 2, "_role");
	x->subject = (int)luaL_checkinteger(L, -1);
	return 0;
}

static int t_remaining(lua_State *L)
{
	struct dlt_exec *x = need_exec(L);
	lua_pushnumber(L, x->deadline - dlt_now());
	return 1;
}

static const luaL_Reg context_methods[] = {
	{"eq", t_eq}, {"ne", t_ne}, {"ok", t_ok}, {"need", t_need}, {"match", t_match},
	{"same", t_same}, {"_record", t_record}, {"skip", t_skip},
	{"inconclusive", t_inconclusive}, {"fail", t_fail}, {"log", t_log},
	{"vector", t_vector}, {"sleep", t_sleep}, {"subject", t_subject},
	{"remaining", t_remaining}, {NULL, NULL},
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
	lua_newtable(L); /* t.roles */
	for (int i = 0; i < x->nroles; i++) {
		dlt_node_push(L, x, i);
		lua_pushvalue(L, -1);
		lua_setfield(L, -3, x->s->roles[i].name);
		lua_setfield(L, -3, x->s->roles[i].name);
	}
	lua_setfield(L, -2, "roles");
	lua_pushstring(L, x->s->id);
	lua_setfield(L, -2, "id");
	luaL_setmetatable(L, "dlt.context");
}
