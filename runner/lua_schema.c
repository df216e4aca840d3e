/*
 * lua_schema.c: dlt.schema, the Lua binding of runner/schema/openrpc.c.
 *
 *   dlt.schema.validate_result(method, value) -> true | false, {messages}
 *   dlt.schema.validate_params(method, params) -> true | false, {messages}
 *   dlt.schema.validate(name_or_ref, value)    -> true | false, {messages}   ("hash32", "Block",
 *                                                  "#/components/schemas/Block")
 *   dlt.schema.methods()                       -> array of method names, sorted
 *   dlt.schema.method(name)                    -> the method object (name, summary, params with
 *                                                 their schemas, result schema, errors,
 *                                                 examples) or nil
 *   dlt.schema.error_group(code)               -> {group=, code=, message=, range={min=, max=}}
 *                                                 or nil
 *   dlt.schema.commit                          -> the specification's commit
 *
 * Values cross with the host's JSON mapping (runner/lua_json.h: dlt.null is JSON null, arrays
 * carry the "dlt.array" metatable). Misuse (an unknown method or schema name, a value that is
 * not JSON) raises a Lua error naming the function; a value that breaks the schema is an
 * answer, not an error. The specification object is shared read-only by every worker's state.
 */
#include "runner/lua_schema.h"

#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <cjson/cJSON.h>

#include "runner/lua_json.h"
#include "runner/lua_text.h"

static const struct dlt_openrpc *spec(lua_State *L, const char *fn)
{
	const struct dlt_openrpc *o = lua_touserdata(L, lua_upvalueindex(1));
	if (!o)
		luaL_error(L, "dlt.schema.%s: no specification loaded", fn);
	return o;
}

/* Give t (at the top) the array metatable, when the host has registered one. */
static void mark_array(lua_State *L)
{
	if (lua_getfield(L, LUA_REGISTRYINDEX, "dlt.array") == LUA_TTABLE)
		lua_setmetatable(L, -2);
	else
		lua_pop(L, 1);
}

/* Push the verdict: true, or false and an array of messages. Frees errs. */
static int push_verdict(lua_State *L, int rc, struct dlt_schema_errors *errs)
{
	if (rc == 0) {
		dlt_schema_errors_free(errs);
		lua_pushboolean(L, 1);
		return 1;
	}
	lua_pushboolean(L, 0);
	size_t n = dlt_schema_errors_count(errs);
	lua_createtable(L, (int)n + 1, 0);
	for (size_t i = 0; i < n; i++) {
		lua_pushstring(L, dlt_schema_errors_get(errs, i)->message);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	if (errs->dropped) {
		lua_pushfstring(L, "(%d more errors not listed)", (int)errs->dropped);
		lua_rawseti(L, -2, (lua_Integer)n + 1);
	}
	dlt_schema_errors_free(errs);
	mark_array(L);
	return 2;
}

static cJSON *arg_json(lua_State *L, int idx, const char *fn)
{
	char err[256];
	luaL_checkany(L, idx);
	cJSON *v = dlt_lua_to_json(L, idx, err, sizeof err);
	if (!v)
		luaL_error(L, "dlt.schema.%s: argument #%d is not a JSON value: %s", fn, idx, err);
	return v;
}

static int l_validate_result(lua_State *L)
{
	const struct dlt_openrpc *o = spec(L, "validate_result");
	const char *method = dlt_lua_checktext(L, 1, "dlt.schema.validate_result: method");
	if (!dlt_openrpc_result_schema(o, method))
		return luaL_error(L,
				  "dlt.schema.validate_result: method %s is not in execution-apis",
				  method);
	cJSON *v = arg_json(L, 2, "validate_result");
	struct dlt_schema_errors errs = { 0 };
	int rc = dlt_openrpc_check_result(o, method, v, &errs);
	cJSON_Delete(v);
	return push_verdict(L, rc, &errs);
}

static int l_validate_params(lua_State *L)
{
	const struct dlt_openrpc *o = spec(L, "validate_params");
	const char *method = dlt_lua_checktext(L, 1, "dlt.schema.validate_params: method");
	if (!dlt_openrpc_method(o, method))
		return luaL_error(L,
				  "dlt.schema.validate_params: method %s is not in execution-apis",
				  method);
	cJSON *v = lua_isnoneornil(L, 2) ? cJSON_CreateArray() : arg_json(L, 2, "validate_params");
	if (!v)
		return luaL_error(L, "dlt.schema.validate_params: out of memory");
	struct dlt_schema_errors errs = { 0 };
	int rc = dlt_openrpc_check_params(o, method, v, &errs);
	cJSON_Delete(v);
	return push_verdict(L, rc, &errs);
}

static int l_validate(lua_State *L)
{
	const struct dlt_openrpc *o = spec(L, "validate");
	const char *name = dlt_lua_checktext(L, 1, "dlt.schema.validate: schema name");
	char ref[300];
	snprintf(ref, sizeof ref, name[0] == '#' ? "%s" : "#/components/schemas/%s", name);
	if (!dlt_schema_doc_resolve(dlt_openrpc_doc(o), ref))
		return luaL_error(L, "dlt.schema.validate: no schema %s in execution-apis", ref);
	cJSON *v = arg_json(L, 2, "validate");
	struct dlt_schema_errors errs = { 0 };
	int rc = dlt_openrpc_check_schema(o, ref, v, &errs);
	cJSON_Delete(v);
	return push_verdict(L, rc, &errs);
}

static int l_methods(lua_State *L)
{
	const struct dlt_openrpc *o = spec(L, "methods");
	size_t n = dlt_openrpc_method_count(o);
	lua_createtable(L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		lua_pushstring(L, dlt_openrpc_method_name(o, i));
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	mark_array(L);
	return 1;
}

static int l_method(lua_State *L)
{
	const struct dlt_openrpc *o = spec(L, "method");
	const cJSON *m = dlt_openrpc_method(o, dlt_lua_checktext(L, 1, "dlt.schema.method: name"));
	if (!m)
		lua_pushnil(L);
	else
		dlt_lua_push_json(L, m);
	return 1;
}

static int l_error_group(lua_State *L)
{
	const struct dlt_openrpc *o = spec(L, "error_group");
	lua_Integer code = luaL_checkinteger(L, 1);
	struct dlt_openrpc_error_info info;
	if (dlt_openrpc_error_group(o, (long)code, &info) != 0) {
		lua_pushnil(L);
		return 1;
	}
	lua_createtable(L, 0, 4);
	lua_pushstring(L, info.group);
	lua_setfield(L, -2, "group");
	lua_pushinteger(L, (lua_Integer)info.code);
	lua_setfield(L, -2, "code");
	if (info.message) {
		lua_pushstring(L, info.message);
		lua_setfield(L, -2, "message");
	}
	if (info.has_range) {
		lua_createtable(L, 0, 2);
		lua_pushinteger(L, (lua_Integer)info.min);
		lua_setfield(L, -2, "min");
		lua_pushinteger(L, (lua_Integer)info.max);
		lua_setfield(L, -2, "max");
		lua_setfield(L, -2, "range");
	}
	return 1;
}

void dlt_lua_schema_register(lua_State *L, const struct dlt_openrpc *o)
{
	static const luaL_Reg fns[] = {
		{ "validate_result", l_validate_result },
		{ "validate_params", l_validate_params },
		{ "validate", l_validate },
		{ "methods", l_methods },
		{ "method", l_method },
		{ "error_group", l_error_group },
		{ NULL, NULL },
	};
	lua_createtable(L, 0, 8);
	lua_pushlightuserdata(L, (void *)o);
	luaL_setfuncs(L, fns, 1);
	lua_pushstring(L, o ? dlt_openrpc_commit(o) : "");
	lua_setfield(L, -2, "commit");
	lua_setfield(L, -2, "schema");
}
