/*
 * lua_json.c: JSON <-> Lua conversion (see lua_json.h). Lua to JSON has two modes: the wire
 * form for what is sent (strings as they are, a zero byte escaped), and the lossless form for
 * checks and results (runner/json_bytes.h), charged to the state's memory budget.
 */
#include "runner/lua_json.h"
#include "common/hex.h"
#include "common/json_bytes.h"
#include "common/json_trunc.h"
#include "runner/lua_crypto.h"
#include "runner/lua_guard.h"
#include "runner/lua_limits.h"
#include "common/mem.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* integers beyond 2^53 do not survive a double: they are written as their exact digits */
#define EXACT_DOUBLE_INT 9007199254740992LL

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
	} else if (cJSON_IsRaw(v)) {
		/* an exact integer written by to_json */
		if (!v->valuestring || !lua_stringtonumber(L, v->valuestring))
			lua_pushstring(L, v->valuestring ? v->valuestring : "");
	} else if (cJSON_IsArray(v)) {
		lua_createtable(L, cJSON_GetArraySize(v), 0);
		lua_Integer i = 1;
		const cJSON *e;
		cJSON_ArrayForEach (e, v) {
			dlt_lua_push_json(L, e);
			lua_rawseti(L, -2, i++);
		}
		luaL_setmetatable(L, "dlt.array");
	} else if (cJSON_IsObject(v) && dlt_json_is_bytes(v)) {
		/* a byte string in its JSON form (a node's "\u0000", docs/results.md), built in a Lua
		 * buffer so a memory stop leaves nothing behind */
		const char *h = v->child->valuestring;
		luaL_Buffer b;
		luaL_buffinit(L, &b);
		for (size_t i = 0; h[i] && h[i + 1]; i += 2)
			luaL_addchar(&b, (char)(dlt_hex_digit((unsigned char)h[i]) << 4 |
						dlt_hex_digit((unsigned char)h[i + 1])));
		luaL_pushresult(&b);
	} else if (cJSON_IsObject(v)) {
		lua_createtable(L, 0, 8);
		const cJSON *e;
		int n = 0;
		cJSON_ArrayForEach (e, v) {
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

struct conv {
	lua_State *L;
	int lossless; /* the form for checks and results */
	char path[512];
	char *err;
	size_t errlen;
	size_t charged; /* bytes charged to the state's memory budget */
	size_t values_left; /* DLT_LUA_JSON_MAX_VALUES, counted down */
	size_t bytes_left; /* DLT_LUA_JSON_MAX_BYTES of strings, counted down */
};

/* What one conversion may still produce: a table reachable many times over (a shared subtable,
 * a string held by many slots) would otherwise expand into far more JSON than the Lua value
 * occupies, in one C call that no instruction budget can stop. */
static int spend(struct conv *c, size_t bytes)
{
	if (c->values_left == 0) {
		snprintf(c->err, c->errlen,
			 "%s: more than %d values in one JSON value (a table shared "
			 "many times over?)",
			 c->path, DLT_LUA_JSON_MAX_VALUES);
		return -1;
	}
	if (bytes > c->bytes_left) {
		snprintf(c->err, c->errlen,
			 "%s: more than %d bytes of strings in one JSON value (a "
			 "string held many times over?)",
			 c->path, DLT_LUA_JSON_MAX_BYTES);
		return -1;
	}
	c->values_left--;
	c->bytes_left -= bytes;
	return 0;
}

/* Account for n bytes of the copy; -1 when the budget is spent. */
static int charge(struct conv *c, size_t n)
{
	c->charged += n;
	if (dlt_limits_charge(c->L, n) != 0) {
		snprintf(c->err, c->errlen, "%s: the value does not fit in the memory limit",
			 c->path);
		return -1;
	}
	return 0;
}

static cJSON *string_json(struct conv *c, int idx)
{
	size_t len;
	const char *s = lua_tolstring(c->L, idx, &len);
	if (charge(c, sizeof(cJSON) + (c->lossless ? 2 * len : len) + 16))
		return NULL;
	if (c->lossless)
		return dlt_json_from_bytes(s, len);
	if (memchr(s, 0, len)) {
		/* cJSON strings end at a zero byte: write the escaped text as it is */
		char *q = dlt_json_quote_bytes(s, len);
		cJSON *r = cJSON_CreateRaw(q);
		free(q);
		return r;
	}
	return cJSON_CreateString(s);
}

static cJSON *number_json(lua_State *L, int idx)
{
	if (lua_isinteger(L, idx)) {
		lua_Integer i = lua_tointeger(L, idx);
		if (i > EXACT_DOUBLE_INT || i < -EXACT_DOUBLE_INT) {
			char buf[32];
			snprintf(buf, sizeof buf, "%lld", (long long)i);
			return cJSON_CreateRaw(buf);
		}
		return cJSON_CreateNumber((double)i);
	}
	return cJSON_CreateNumber(lua_tonumber(L, idx));
}

/* The member name for the string key at the top of the stack: malloc'd, or NULL (err set). */
static char *member_name(struct conv *c)
{
	size_t len;
	const char *k = lua_tolstring(c->L, -2, &len);
	int has_zero = memchr(k, 0, len) != NULL;
	if (!c->lossless) {
		if (has_zero) {
			snprintf(c->err, c->errlen, "%s: a member name holds a zero byte", c->path);
			return NULL;
		}
		return dlt_xstrdup(k);
	}
	/* a name that is not text, or that could be taken for the byte-string form */
	if (has_zero || !dlt_utf8_valid(k, len) ||
	    (len >= strlen(DLT_JSON_BYTES_KEY) &&
	     !memcmp(k, DLT_JSON_BYTES_KEY, strlen(DLT_JSON_BYTES_KEY)))) {
		static const char hexd[] = "0123456789abcdef";
		size_t plen = strlen(DLT_JSON_BYTES_KEY ":");
		char *out = dlt_xmalloc(plen + 2 * len + 1);
		memcpy(out, DLT_JSON_BYTES_KEY ":", plen);
		for (size_t i = 0; i < len; i++) {
			out[plen + 2 * i] = hexd[(unsigned char)k[i] >> 4];
			out[plen + 2 * i + 1] = hexd[(unsigned char)k[i] & 15];
		}
		out[plen + 2 * len] = '\0';
		return out;
	}
	return dlt_xstrdup(k);
}

static cJSON *to_json(struct conv *c, int idx, size_t plen, int depth)
{
	lua_State *L = c->L;
	idx = lua_absindex(L, idx);
	size_t pcap = sizeof c->path;
	if (depth > 64) {
		snprintf(c->err, c->errlen, "%s: nested too deeply", c->path);
		return NULL;
	}
	size_t slen = 0;
	if (lua_type(L, idx) == LUA_TSTRING)
		lua_tolstring(L, idx, &slen);
	if (spend(c, slen) || charge(c, sizeof(cJSON)))
		return NULL;
	switch (lua_type(L, idx)) {
	case LUA_TNIL: return cJSON_CreateNull();
	case LUA_TBOOLEAN: return cJSON_CreateBool(lua_toboolean(L, idx));
	case LUA_TNUMBER: return number_json(L, idx);
	case LUA_TSTRING: return string_json(c, idx);
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
				int w = snprintf(c->path + plen, pcap - plen, "[%lld]",
						 (long long)(i - 1));
				size_t np = plen + (w > 0 ? (size_t)w : 0);
				if (np >= pcap)
					np = pcap - 1;
				cJSON *e = to_json(c, -1, np, depth + 1);
				lua_pop(L, 1);
				if (!e) {
					cJSON_Delete(a);
					return NULL;
				}
				c->path[plen] = '\0';
				cJSON_AddItemToArray(a, e);
			}
			return a;
		}
		cJSON *o = cJSON_CreateObject();
		lua_pushnil(L);
		while (lua_next(L, idx)) {
			if (lua_type(L, -2) != LUA_TSTRING) {
				snprintf(c->err, c->errlen,
					 "%s: a table mixes array items and keys, or has "
					 "a non-string key",
					 c->path);
				lua_pop(L, 2);
				cJSON_Delete(o);
				return NULL;
			}
			char *k = member_name(c);
			if (!k || charge(c, strlen(k) + 1)) {
				free(k);
				lua_pop(L, 2);
				cJSON_Delete(o);
				return NULL;
			}
			int w = snprintf(c->path + plen, pcap - plen, ".%s", k);
			size_t np = plen + (w > 0 ? (size_t)w : 0);
			if (np >= pcap)
				np = pcap - 1;
			cJSON *e = to_json(c, -1, np, depth + 1);
			if (!e) {
				free(k);
				lua_pop(L, 2);
				cJSON_Delete(o);
				return NULL;
			}
			c->path[plen] = '\0';
			cJSON_AddItemToObject(o, k, e);
			free(k);
			lua_pop(L, 1);
		}
		return o;
	}
	default: break;
	}
	snprintf(c->err, c->errlen, "%s: a %s cannot be JSON", c->path, luaL_typename(L, idx));
	return NULL;
}

static cJSON *convert(lua_State *L, int idx, int lossless, char *err, size_t errlen,
		      size_t *charged)
{
	struct conv c;
	c.L = L;
	c.lossless = lossless;
	snprintf(c.path, sizeof c.path, "$");
	c.err = err;
	c.errlen = errlen;
	c.charged = 0;
	c.values_left = DLT_LUA_JSON_MAX_VALUES;
	c.bytes_left = DLT_LUA_JSON_MAX_BYTES;
	cJSON *j = to_json(&c, idx, 1, 0);
	if (charged)
		*charged = c.charged;
	else
		dlt_limits_release(L, c.charged);
	return j;
}

cJSON *dlt_lua_to_json(lua_State *L, int idx, char *err, size_t errlen)
{
	return convert(L, idx, 0, err, errlen, NULL);
}

cJSON *dlt_lua_to_json_bytes(lua_State *L, int idx, char *err, size_t errlen, size_t *charged)
{
	return convert(L, idx, 1, err, errlen, charged);
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
	struct dlt_lua_guard *g = dlt_lua_guard_new(L, dlt_lua_guard_plain);
	cJSON *j = dlt_lua_to_json(L, 1, err, sizeof err);
	if (!j) {
		dlt_limits_check(L); /* the memory stop, when that is what happened */
		return luaL_error(L, "dlt.json.encode: %s", err);
	}
	char *s = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	g->p = s;
	lua_pushstring(L, s ? s : "null");
	dlt_lua_guard_free(g);
	return 1;
}

size_t dlt_json_parse_bound(const char *s, size_t len)
{
	/* every value but the first of a container follows a comma; containers open with [ or { */
	size_t values = 1;
	for (size_t i = 0; i < len; i++)
		values += s[i] == ',' || s[i] == '[' || s[i] == '{';
	return values * (sizeof(cJSON) + 32) + len;
}

static int l_decode(lua_State *L)
{
	size_t len;
	const char *s = luaL_checklstring(L, 1, &len);
	/* the parsed tree lives outside the state until it is pushed: charge what it can take */
	size_t bound = dlt_json_parse_bound(s, len);
	if (dlt_limits_charge(L, bound) != 0) {
		dlt_limits_release(L, bound);
		dlt_limits_check(L);
	}
	cJSON *j = cJSON_ParseWithLength(s, len);
	if (!j) {
		dlt_limits_release(L, bound);
		lua_pushnil(L);
		lua_pushstring(L, "not valid JSON");
		return 2;
	}
	struct dlt_lua_guard *g = dlt_lua_guard_new(L, dlt_lua_guard_cjson);
	g->p = j;
	dlt_lua_push_json(L, j);
	dlt_lua_guard_free(g);
	dlt_limits_release(L, bound);
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
