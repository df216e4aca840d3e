/*
 * lua_json.c: JSON <-> Lua conversion (see lua_json.h).
 */
#include "lua_json.h"
#include "lua_crypto.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char dlt_lua_null_sentinel = 0;

int dlt_lua_is_null(lua_State *L, int idx)
{
	return lua_touserdata(L, idx) == DLT_LUA_NULL && lua_islightuserdata(L, idx);
}

void dlt_lua_push_json(lua_State *L, const cJSON *v)
{
	luaL_checkstack(L, 4, "JSON nesting too deep");
	if (!v || cJSON_IsNull(v)) {
		lua_pushlightuserdata(L, DLT_LUA_NULL);
	} else if (cJSON_IsBool(v)) {
		lua_pushboolean(L, cJSON_IsTrue(v));
	} else if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		if (d == floor(d) && fabs(d) < 9007199254740992.0)
			lua_pushinteger(L, (lua_Integer)d);
		else
			lua_pushnumber(L, d);
	} else if (cJSON_IsString(v)) {
		lua_pushstring(L, v->valuestring);
	} else if (cJSON_IsArray(v)) {
		lua_createtable(L, cJSON_GetArraySize(v), 0);
		lua_Integer i = 1;
		const cJSON *e;
		cJSON_ArrayForEach(e, v) {
			dlt_lua_push_json(L, e);
			lua_rawseti(L, -2, i++);
		}
		luaL_setmetatable(L, "dlt.array");
	} else if (cJSON_IsObject(v)) {
		lua_createtable(L, 0, 8);
		const cJSON *e;
		int n = 0;
		cJSON_ArrayForEach(e, v) {
			dlt_lua_push_json(L, e);
			lua_setfield(L, -2, e->string);
			n++;
		}
		if (n == 0)
			luaL_setmetatable(L, "dlt.object");
	} else {
		lua_pushnil(L);
	}
}

/* A table is an array when it carries dlt.array, or has only keys 1..n (n may be 0) and not
 * the dlt.object metatable. */
static int table_is_array(lua_State *L, int idx, lua_Integer *n)
{
	int kind = 0; /* 0 unknown, 1 array, 2 object */
	if (lua_getmetatable(L, idx)) {
		luaL_getmetatable(L, "dlt.array");
		if (lua_rawequal(L, -1, -2))
			kind = 1;
		lua_pop(L, 1);
		luaL_getmetatable(L, "dlt.object");
		if (lua_rawequal(L, -1, -2))
			kind = 2;
		lua_pop(L, 2);
	}
	lua_Integer count = 0, max = 0;
	int only_int = 1;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1) {
			lua_Integer k = lua_tointeger(L, -1);
			if (k > max)
				max = k;
			count++;
		} else
			only_int = 0;
	}
	*n = max;
	if (kind == 2)
		return 0;
	if (kind == 1)
		return 1;
	return only_int && count == max;
}

/* What one conversion may still produce: a table reachable many times over (a shared subtable,
 * a string held by many slots) would otherwise expand into far more JSON than the Lua value
 * occupies, in one C call that no instruction budget can stop. */
struct budget {
	size_t values;
	size_t bytes;
};

static int spend(struct budget *b, size_t bytes, const char *path, char *err, size_t errlen)
{
	if (b->values == 0) {
		snprintf(err, errlen, "%s: more than %d values in one JSON value (a table shared many "
			 "times over?)", path, DLT_LUA_JSON_MAX_VALUES);
		return -1;
	}
	if (bytes > b->bytes) {
		snprintf(err, errlen, "%s: more than %d bytes of strings in one JSON value (a string "
			 "held many times over?)", path, DLT_LUA_JSON_MAX_BYTES);
		return -1;
	}
	b->values--;
	b->bytes -= bytes;
	return 0;
}

static cJSON *to_json(lua_State *L, int idx, char *path, size_t plen, size_t pcap, char *err,
		      size_t errlen, int depth, struct budget *bud)
{
	idx = lua_absindex(L, idx);
	if (depth > 64) {
		snprintf(err, errlen, "%s: nested too deeply", path);
		return NULL;
	}
	size_t slen = 0;
	if (lua_type(L, idx) == LUA_TSTRING)
		lua_tolstring(L, idx, &slen);
	if (spend(bud, slen, path, err, errlen))
		return NULL;
	switch (lua_type(L, idx)) {
	case LUA_TNIL:
		return cJSON_CreateNull();
	case LUA_TBOOLEAN:
		return cJSON_CreateBool(lua_toboolean(L, idx));
	case LUA_TNUMBER:
		return cJSON_CreateNumber(lua_tonumber(L, idx));
	case LUA_TSTRING:
		return cJSON_CreateString(lua_tostring(L, idx));
	case LUA_TLIGHTUSERDATA:
		if (dlt_lua_is_null(L, idx))
			return cJSON_CreateNull();
		break;
	case LUA_TUSERDATA:
		if (dlt_lua_is_u256(L, idx)) {
			char hex[67];
			dlt_lua_u256_tohex(L, idx, hex);
			return cJSON_CreateString(hex);
		}
		break;
	case LUA_TTABLE: {
		luaL_checkstack(L, 6, "JSON nesting too deep");
		lua_Integer n;
		if (table_is_array(L, idx, &n)) {
			cJSON *a = cJSON_CreateArray();
			for (lua_Integer i = 1; i <= n; i++) {
				lua_rawgeti(L, idx, i);
				int w = snprintf(path + plen, pcap - plen, "[%lld]", (long long)(i - 1));
				size_t np = plen + (w > 0 ? (size_t)w : 0);
				if (np >= pcap)
					np = pcap - 1;
				cJSON *e = to_json(L, -1, path, np, pcap, err, errlen, depth + 1, bud);
				path[plen] = '\0';
				lua_pop(L, 1);
				if (!e) {
					cJSON_Delete(a);
					return NULL;
				}
				cJSON_AddItemToArray(a, e);
			}
			return a;
		}
		cJSON *o = cJSON_CreateObject();
		lua_pushnil(L);
		while (lua_next(L, idx)) {
			if (lua_type(L, -2) != LUA_TSTRING) {
				snprintf(err, errlen, "%s: a table mixes array items and keys, or has a "
					 "non-string key", path);
				lua_pop(L, 2);
				cJSON_Delete(o);
				return NULL;
			}
			const char *k = lua_tostring(L, -2);
			int w = snprintf(path + plen, pcap - plen, ".%s", k);
			size_t np = plen + (w > 0 ? (size_t)w : 0);
			if (np >= pcap)
				np = pcap - 1;
			cJSON *e = to_json(L, -1, path, np, pcap, err, errlen, depth + 1, bud);
			path[plen] = '\0';
			if (!e) {
				lua_pop(L, 2);
				cJSON_Delete(o);
				return NULL;
			}
			cJSON_AddItemToObject(o, k, e);
			lua_pop(L, 1);
		}
		return o;
	}
	default:
		break;
	}
	snprintf(err, errlen, "%s: a %s cannot be JSON", path, luaL_typename(L, idx));
	return NULL;
}

cJSON *dlt_lua_to_json(lua_State *L, int idx, char *err, size_t errlen)
{
	char path[512] = "$";
	struct budget bud = { DLT_LUA_JSON_MAX_VALUES, DLT_LUA_JSON_MAX_BYTES };
	/* all the stack the conversion can use (6 slots a level, 65 levels), reserved before any
	 * JSON exists: growing it later may raise and leak the half-built tree */
	luaL_checkstack(L, 6 * 66, "JSON nesting too deep");
	return to_json(L, idx, path, 1, sizeof path, err, errlen, 0, &bud);
}

/* Pushing may raise (the scenario's memory is spent) and longjmp past the caller's free: the
 * C value p is handed to fn inside a protected call, freed by the caller's release, and the
 * error raised again. */
static void push_protected(lua_State *L, lua_CFunction fn, void *p, void (*release)(void *))
{
	lua_pushcfunction(L, fn);
	lua_pushlightuserdata(L, p);
	int rc = lua_pcall(L, 1, 1, 0);
	release(p);
	if (rc != LUA_OK)
		lua_error(L);
}

static int push_json_fn(lua_State *L)
{
	dlt_lua_push_json(L, lua_touserdata(L, 1));
	return 1;
}

static void delete_json(void *p)
{
	cJSON_Delete(p);
}

void dlt_lua_push_json_take(lua_State *L, cJSON *v)
{
	push_protected(L, push_json_fn, v, delete_json);
}

static int push_string_fn(lua_State *L)
{
	lua_pushstring(L, lua_touserdata(L, 1));
	return 1;
}

static int l_array(lua_State *L)
{
	if (lua_isnoneornil(L, 1))
		lua_newtable(L);
	else
		luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	luaL_setmetatable(L, "dlt.array");
	return 1;
}

static int l_object(lua_State *L)
{
	if (lua_isnoneornil(L, 1))
		lua_newtable(L);
	else
		luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	luaL_setmetatable(L, "dlt.object");
	return 1;
}

static int l_encode(lua_State *L)
{
	char err[256];
	cJSON *j = dlt_lua_to_json(L, 1, err, sizeof err);
	if (!j)
		return luaL_error(L, "dlt.json.encode: %s", err);
	char *s = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (!s)
		return luaL_error(L, "dlt.json.encode: out of memory");
	push_protected(L, push_string_fn, s, free);
	return 1;
}

static int l_decode(lua_State *L)
{
	size_t len;
	const char *s = luaL_checklstring(L, 1, &len);
	cJSON *j = cJSON_ParseWithLength(s, len);
	if (!j) {
		lua_pushnil(L);
		lua_pushstring(L, "not valid JSON");
		return 2;
	}
	dlt_lua_push_json_take(L, j);
	return 1;
}

void dlt_lua_json_register(lua_State *L)
{
	luaL_newmetatable(L, "dlt.array");
	lua_pushstring(L, "array");
	lua_setfield(L, -2, "__name");
	lua_pop(L, 1);
	luaL_newmetatable(L, "dlt.object");
	lua_pushstring(L, "object");
	lua_setfield(L, -2, "__name");
	lua_pop(L, 1);
	lua_pushlightuserdata(L, DLT_LUA_NULL);
	lua_setfield(L, -2, "null");
	lua_pushcfunction(L, l_array);
	lua_setfield(L, -2, "array");
	lua_pushcfunction(L, l_object);
	lua_setfield(L, -2, "object");
	lua_newtable(L);
	lua_pushcfunction(L, l_encode);
	lua_setfield(L, -2, "encode");
	lua_pushcfunction(L, l_decode);
	lua_setfield(L, -2, "decode");
	lua_setfield(L, -2, "json");
}
