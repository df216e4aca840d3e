/*
 * fuzz_lua_json.c: fuzz target for dlt.json.decode and the JSON <-> Lua conversion
 * (runner/lua_json.c) that every node answer and every check value goes through.
 *
 * JSON mode (any input not starting with "return "): the bytes go to dlt.json.decode as a
 * scenario would pass them. It must answer nil, "not valid JSON" exactly when cJSON refuses the
 * text; otherwise converting the decoded value back to JSON must give the same document (when
 * it has no duplicate member names, no infinite number and is at most 60 levels deep), and
 * dlt.json.encode must
 * write text that parses to it again.
 *
 * Lua mode (input "return EXPR"): EXPR is evaluated in an environment holding only dlt, string,
 * math, table, setmetatable, ipairs and pairs, under an instruction budget and a memory cap,
 * and its value converted to JSON and encoded: the conversion must end (tables shared or
 * cyclic included) with a document or an error message, and allocate at most CONVERSION_CAP
 * bytes of JSON for a Lua value that itself fits in MEM_CAP (counted through cJSON's hooks).
 */
#define _GNU_SOURCE /* memmem */
#include "fuzz.h"
#include "runner/lua_json.h"
#include "runner/lua_crypto.h"
#include "common/json_bytes.h"

#include <lauxlib.h>
#include <lualib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define MEM_CAP (64u << 20)
#define STEPS 200000
#define CONVERSION_CAP ((size_t)1 << 30)

/* bytes cJSON allocated during the current dlt_lua_to_json call */
static size_t converted;
static int counting;

static void *counting_malloc(size_t n)
{
	if (counting) {
		converted += n;
		if (converted > CONVERSION_CAP) {
			fprintf(stderr,
				"fuzz lua_json: one conversion allocated more than %zu bytes\n",
				CONVERSION_CAP);
			abort();
		}
	}
	return malloc(n);
}

static cJSON *to_json(lua_State *L, int idx, char *err, size_t errlen)
{
	converted = 0;
	counting = 1;
	cJSON *j = dlt_lua_to_json(L, idx, err, errlen);
	counting = 0;
	if (!j)
		DLT_FUZZ_ASSERT(err[0] != '\0');
	return j;
}

struct mem {
	size_t used;
};

static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct mem *m = ud;
	if (ptr == NULL)
		osize = 0;
	if (nsize == 0) {
		free(ptr);
		m->used -= osize;
		return NULL;
	}
	if (nsize > osize && m->used + (nsize - osize) > MEM_CAP)
		return NULL;
	void *p = realloc(ptr, nsize);
	if (p)
		m->used = m->used - osize + nsize;
	return p;
}

static void step_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	luaL_error(L, "instruction budget spent");
}

static lua_State *new_state(struct mem *m)
{
	lua_State *L = lua_newstate(capped_alloc, m);
	if (!L)
		return NULL;
	luaL_openlibs(L);
	lua_newtable(L);
	dlt_lua_json_register(L);
	dlt_lua_crypto_register(L);
	lua_setglobal(L, "dlt");
	return L;
}

/* documents the round trip must keep: at most 60 levels, no member name twice, and no number
 * beyond a double (1e999 reads as infinity, which cJSON_Compare finds unequal to itself) */
static int comparable(const cJSON *v, int depth)
{
	if (depth > 60 || (cJSON_IsNumber(v) && !isfinite(v->valuedouble)))
		return 0;
	for (const cJSON *c = v->child; c; c = c->next) {
		if (c->string)
			for (const cJSON *d = c->next; d; d = d->next)
				if (d->string && !strcmp(c->string, d->string))
					return 0;
		if (!comparable(c, depth + 1))
			return 0;
	}
	return 1;
}

/* the value on the top of the stack, through dlt.json.encode, parsed again */
static cJSON *encode_parse(lua_State *L)
{
	lua_getglobal(L, "dlt");
	lua_getfield(L, -1, "json");
	lua_getfield(L, -1, "encode");
	lua_pushvalue(L, -4);
	if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
		lua_pop(L, 3);
		return NULL;
	}
	size_t n;
	const char *s = lua_tolstring(L, -1, &n);
	cJSON *j = s ? cJSON_ParseWithLength(s, n) : NULL;
	DLT_FUZZ_ASSERT(j != NULL);
	lua_pop(L, 3);
	return j;
}

static int same_document(const cJSON *original, const cJSON *back)
{
	if (cJSON_Compare(original, back, 1))
		return 1;
	/* byte strings that are not UTF-8 may come back in the {"$bytes": hex} form */
	cJSON *bytes = cJSON_Duplicate(original, 1);
	dlt_json_make_utf8(bytes);
	int same = cJSON_Compare(bytes, back, 1);
	cJSON_Delete(bytes);
	return same;
}

static void json_mode(lua_State *L, const uint8_t *data, size_t size)
{
	cJSON *j = cJSON_ParseWithLength((const char *)data, size);
	lua_getglobal(L, "dlt");
	lua_getfield(L, -1, "json");
	lua_getfield(L, -1, "decode");
	lua_pushlstring(L, (const char *)data, size);
	if (lua_pcall(L, 1, 2, 0) != LUA_OK) {
		/* only running out of the memory cap may raise */
		lua_settop(L, 0);
		cJSON_Delete(j);
		return;
	}
	if (!j) {
		DLT_FUZZ_ASSERT(lua_isnil(L, -2) && lua_type(L, -1) == LUA_TSTRING);
		lua_settop(L, 0);
		return;
	}
	lua_pop(L, 1);
	char err[512];
	err[0] = '\0';
	cJSON *back = to_json(L, -1, err, sizeof err);
	if (comparable(j, 0) && !memmem(data, size, "$bytes", 6)) {
		DLT_FUZZ_ASSERT(back != NULL);
		DLT_FUZZ_ASSERT(same_document(j, back));
		cJSON *again = encode_parse(L);
		DLT_FUZZ_ASSERT(again && cJSON_Compare(again, back, 1));
		cJSON_Delete(again);
	}
	cJSON_Delete(back);
	cJSON_Delete(j);
	lua_settop(L, 0);
}

static void lua_mode(lua_State *L, const uint8_t *data, size_t size)
{
	static const char *const keep[] = { "dlt",          "string", "math",  "table",
					    "setmetatable", "ipairs", "pairs", NULL };
	if (luaL_loadbufferx(L, (const char *)data, size, "=fuzz", "t") != LUA_OK) {
		lua_settop(L, 0);
		return;
	}
	lua_newtable(L);
	for (size_t i = 0; keep[i]; i++) {
		lua_getglobal(L, keep[i]);
		lua_setfield(L, -2, keep[i]);
	}
	if (!lua_setupvalue(L, -2, 1))
		lua_pop(L, 1);
	lua_sethook(L, step_hook, LUA_MASKCOUNT, STEPS);
	int rc = lua_pcall(L, 0, 1, 0);
	lua_sethook(L, NULL, 0, 0);
	if (rc != LUA_OK) {
		lua_settop(L, 0);
		return;
	}
	char err[512] = "";
	cJSON *j = to_json(L, -1, err, sizeof err);
	if (j) {
		cJSON *again = encode_parse(L);
		cJSON_Delete(again);
		cJSON_Delete(j);
	}
	lua_settop(L, 0);
}

int dlt_fuzz_lua_json(const uint8_t *data, size_t size)
{
	static int hooked;
	if (!hooked) {
		/* plain malloc underneath, so memory cJSON allocated before stays free()-able */
		cJSON_Hooks h = { counting_malloc, free };
		cJSON_InitHooks(&h);
		hooked = 1;
	}
	struct mem m = { 0 };
	lua_State *L = new_state(&m);
	if (!L)
		return 0;
	if (size >= 7 && !memcmp(data, "return ", 7))
		lua_mode(L, data, size);
	else
		json_mode(L, data, size);
	lua_close(L);
	return 0;
}

DLT_FUZZ_TARGET(lua_json)
