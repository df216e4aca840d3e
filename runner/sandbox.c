/*
 * sandbox.c: the environment scenarios and helper modules run in.
 *
 * A fresh state (host.c) opens only the safe standard libraries (base, string, table, math,
 * utf8, coroutine: no io, os, debug, package). The base table holds a vetted subset of them
 * (no dofile, loadfile, string.dump; load only of text chunks inside the sandbox;
 * collectgarbage("count") only; setmetatable without __gc finalizers, which would run outside
 * the scenario's limits; xpcall whose handler is skipped once the scenario is stopped;
 * table.sort whose default order checks the limits), the dlt library and a require() that loads modules only from
 * suites/lib/. string.find, match, gmatch and gsub are the budgeted matcher of
 * lua_pattern.c, also as string methods. Each file gets a fresh environment whose unknown names
 * fall back to the base; since every scenario run and every file read while planning has a
 * state of its own, nothing one scenario changes (globals, the string library and metatable,
 * dlt, the prelude, modules) is seen by another.
 *
 * Compiled chunks are kept, per host, in a cache of Lua bytecode (dumped by this host from
 * text it compiled itself), so a fresh state loads them without recompiling.
 */
#include "runner/host_internal.h"
#include "runner/lua_pattern.h"
#include "runner/home.h"
#include "common/mem.h"
#include "common/file.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------- the chunk cache ---------- */

#define CACHE_BUCKETS 1024

struct chunk {
	char *path;
	char *code;
	size_t len;
	struct chunk *next;
};

struct dlt_chunk_cache {
	struct chunk *bucket[CACHE_BUCKETS];
};

struct dlt_chunk_cache *dlt_chunk_cache_new(void)
{
	return dlt_xcalloc(1, sizeof(struct dlt_chunk_cache));
}

void dlt_chunk_cache_free(struct dlt_chunk_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < CACHE_BUCKETS; i++) {
		struct chunk *k = c->bucket[i];
		while (k) {
			struct chunk *next = k->next;
			free(k->path);
			free(k->code);
			free(k);
			k = next;
		}
	}
	free(c);
}

static size_t path_hash(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % CACHE_BUCKETS;
}

static struct chunk *cache_find(struct dlt_chunk_cache *c, const char *path)
{
	for (struct chunk *k = c ? c->bucket[path_hash(path)] : NULL; k; k = k->next)
		if (!strcmp(k->path, path))
			return k;
	return NULL;
}

struct dump_buf {
	char *data;
	size_t len, cap;
};

static int dump_writer(lua_State *L, const void *p, size_t n, void *ud)
{
	(void)L;
	struct dump_buf *b = ud;
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->data = dlt_xrealloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

char *dlt_sandbox_dump(lua_State *L, size_t *len)
{
	struct dump_buf b = { 0 };
	if (lua_dump(L, dump_writer, &b, 0) != 0 || b.len == 0) {
		free(b.data);
		return NULL;
	}
	*len = b.len;
	return b.data;
}

/* Keep the compiled function on the top of the stack as bytecode. */
static void cache_add(struct dlt_chunk_cache *c, lua_State *L, const char *path)
{
	size_t len;
	char *code = dlt_sandbox_dump(L, &len);
	if (!code)
		return;
	struct chunk *k = dlt_xcalloc(1, sizeof *k);
	k->path = dlt_xstrdup(path);
	k->code = code;
	k->len = len;
	size_t h = path_hash(path);
	k->next = c->bucket[h];
	c->bucket[h] = k;
}

static struct dlt_chunk_cache *state_cache(lua_State *L)
{
	lua_getfield(L, LUA_REGISTRYINDEX, DLT_REG_CACHE);
	struct dlt_chunk_cache *c = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return c;
}

int dlt_sandbox_chunk(lua_State *L, const char *path, const char *chunkname, int keep, char *err,
		      size_t errlen)
{
	struct dlt_chunk_cache *cache = state_cache(L);
	struct chunk *k = cache_find(cache, path);
	if (k) {
		if (luaL_loadbufferx(L, k->code, k->len, chunkname, "b") == LUA_OK)
			return 0;
		snprintf(err, errlen, "%s: %s", chunkname + 1, lua_tostring(L, -1));
		lua_pop(L, 1);
		lua_pushnil(L);
		return -1;
	}
	size_t len;
	char *text = dlt_read_file(path, &len, err, errlen);
	if (!text) {
		lua_pushnil(L);
		return -1;
	}
	if (len > 0 && text[0] == LUA_SIGNATURE[0]) {
		free(text);
		snprintf(err, errlen, "%s: precompiled (binary) chunks are refused", chunkname + 1);
		lua_pushnil(L);
		return -1;
	}
	int rc = luaL_loadbufferx(L, text, len, chunkname, "t");
	free(text);
	if (rc != LUA_OK) {
		size_t mlen;
		const char *m = lua_tolstring(L, -1, &mlen);
		snprintf(err, errlen, "%s", m ? m : "cannot be compiled");
		lua_pop(L, 1);
		lua_pushnil(L);
		return -1;
	}
	if (keep && cache)
		cache_add(cache, L, path);
	return 0;
}

int dlt_sandbox_chunk_ready(lua_State *L, const char *path, const char *chunkname, char *err,
			    size_t errlen)
{
	if (cache_find(state_cache(L), path))
		return 0;
	if (dlt_sandbox_chunk(L, path, chunkname, 1, err, errlen) != 0) {
		lua_pop(L, 1);
		return -1;
	}
	lua_pop(L, 1);
	return 0;
}

/* ---------- the base environment ---------- */

static int l_load(lua_State *L)
{
	/* load(chunk [, chunkname [, mode [, env]]]): text only, sandbox env by default */
	size_t len;
	const char *s = luaL_checklstring(L, 1, &len);
	const char *name = luaL_optstring(L, 2, "=(load)");
	size_t mlen;
	const char *mode = luaL_optlstring(L, 3, "t", &mlen);
	if (mlen != 1 || mode[0] != 't')
		return luaL_error(L, "load: only text chunks may be loaded in a scenario");
	if (len > 0 && s[0] == LUA_SIGNATURE[0])
		return luaL_error(L, "load: binary chunks are refused in a scenario");
	int has_env = !lua_isnone(L, 4);
	if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
		lua_pushnil(L);
		lua_insert(L, -2);
		return 2;
	}
	if (has_env)
		lua_pushvalue(L, 4);
	else
		dlt_sandbox_new_env(L);
	if (!lua_setupvalue(L, -2, 1))
		lua_pop(L, 1);
	return 1;
}

static int l_collectgarbage(lua_State *L)
{
	size_t len;
	const char *opt = luaL_optlstring(L, 1, "count", &len);
	if (len != 5 || memcmp(opt, "count", 5) != 0)
		return luaL_error(L, "collectgarbage: only \"count\" is allowed in a scenario");
	lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT, 0) +
				  (lua_Number)lua_gc(L, LUA_GCCOUNTB, 0) / 1024.0);
	return 1;
}

static int l_print(lua_State *L)
{
	struct dlt_exec *x = dlt_exec_get(L);
	luaL_Buffer b;
	int n = lua_gettop(L);
	luaL_buffinit(L, &b);
	for (int i = 1; i <= n; i++) {
		if (i > 1)
			luaL_addchar(&b, '\t');
		luaL_tolstring(L, i, NULL);
		luaL_addvalue(&b);
	}
	luaL_pushresult(&b);
	size_t len;
	const char *line = lua_tolstring(L, -1, &len);
	if (x)
		dlt_exec_log(x, line, len);
	return 0;
}

/* setmetatable without finalizers: a __gc runs when the collector decides, outside the
 * scenario's hook (Lua runs finalizers with hooks off), so it could loop forever */
static int l_setmetatable(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return luaL_error(
				L, "setmetatable: a __gc metamethod (finalizer) is not allowed "
				   "in a scenario: it would run outside the scenario's limits");
		lua_pop(L, 1);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* xpcall whose message handler is not called for the scenario's stop. The stop is raised from
 * the count hook, and Lua calls a message handler before unwinding, while hooks are still off:
 * a handler that loops would then run unchecked. After a stop the handler is skipped and the
 * stop goes on. */
static int guarded_handler(lua_State *L)
{
	struct dlt_limits_ctl *c = dlt_limits_of(L);
	if (dlt_limits_is_stop(L, 1) || (c && c->stop != STOP_NONE)) {
		lua_settop(L, 1);
		return 1;
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static int xpcall_done(lua_State *L, int status, lua_KContext ctx)
{
	(void)status;
	(void)ctx;
	return lua_gettop(L);
}

static int l_xpcall(lua_State *L)
{
	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 2);
	lua_pushcclosure(L, guarded_handler, 1);
	lua_replace(L, 2);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_callk(L, lua_gettop(L) - 1, LUA_MULTRET, 0, xpcall_done);
	return xpcall_done(L, LUA_OK, 0);
}

/* table.sort: with no order function, Lua's C sort compares in C where no hook fires (sorting
 * the largest table the memory limit allows takes half a minute); the default order is then
 * this comparison, which counts its calls toward the limits' checks. */
static int checked_less(lua_State *L)
{
	dlt_limits_tick(L, 1);
	lua_pushboolean(L, lua_compare(L, 1, 2, LUA_OPLT));
	return 1;
}

static int l_sort(lua_State *L)
{
	if (lua_isnoneornil(L, 2)) {
		lua_settop(L, 1);
		lua_pushcfunction(L, checked_less);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 0);
	return 0;
}

static int valid_module_name(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* Load and run module `name` (its file exists and compiles); pushes its value. */
static void run_module(lua_State *L, const char *name, const char *path, const char *chunk)
{
	char err[600];
	if (dlt_sandbox_chunk(L, path, chunk, 1, err, sizeof err) != 0)
		luaL_error(L, "%s", err);
	dlt_sandbox_new_env(L);
	lua_setupvalue(L, -2, 1);
	lua_pushstring(L, name);
	lua_call(L, 1, 1);
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
}

/* next(t, k) as a C function, for __pairs of a stand-in */
static int lua_next_fn(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 2);
	if (lua_next(L, 1))
		return 2;
	lua_pushnil(L);
	return 1;
}

/* ---------- modules while planning ----------
 * Reading a file's metadata runs its top-level code, which nearly always only requires its
 * modules and uses them later, in run(). While planning, require checks that the module exists
 * and compiles, and returns a stand-in that loads and runs the module the first time it is
 * used (indexed, called, iterated, measured, printed): planning then costs no module loading
 * in the usual case (docs/performance.md). */

/* Where module name is: the scenario's suite folder's own lib/ first (registry
 * DLT_REG_SUITE_LIB, set by the host), then suites/lib (upvalue 1). */
static const char *module_paths(lua_State *L, const char *name, char *path, size_t plen,
				char *chunk, size_t clen)
{
	if (lua_getfield(L, LUA_REGISTRYINDEX, DLT_REG_SUITE_LIB) == LUA_TSTRING) {
		const char *own = lua_tostring(L, -1);
		snprintf(path, plen, "%s/%s.lua", own, name);
		if (dlt_is_file(path)) {
			snprintf(chunk, clen, "@%s/%s.lua", dlt_relpath(own), name);
			lua_pop(L, 1);
			return path;
		}
	}
	lua_pop(L, 1);
	const char *lib = lua_tostring(L, lua_upvalueindex(1));
	snprintf(path, plen, "%s/%s.lua", lib ? lib : "", name);
	snprintf(chunk, clen, "@suites/lib/%s.lua", name);
	return path;
}

/* Push the real module behind a stand-in (upvalue 1: the name, 2: its file, 3: its chunk
 * name). */
static void stand_in_target(lua_State *L)
{
	const char *name = lua_tostring(L, lua_upvalueindex(1));
	lua_getfield(L, LUA_REGISTRYINDEX, DLT_REG_LOADED_REAL);
	if (lua_getfield(L, -1, name) != LUA_TNIL) {
		lua_remove(L, -2);
		return;
	}
	lua_pop(L, 1);
	run_module(L, name, lua_tostring(L, lua_upvalueindex(2)),
		   lua_tostring(L, lua_upvalueindex(3)));
	lua_pushvalue(L, -1);
	lua_setfield(L, -3, name);
	lua_remove(L, -2);
}

static int stand_in_index(lua_State *L)
{
	stand_in_target(L);
	lua_pushvalue(L, 2);
	lua_gettable(L, -2);
	return 1;
}

static int stand_in_newindex(lua_State *L)
{
	stand_in_target(L);
	lua_pushvalue(L, 2);
	lua_pushvalue(L, 3);
	lua_settable(L, -3);
	return 0;
}

static int stand_in_call(lua_State *L)
{
	int n = lua_gettop(L) - 1;
	stand_in_target(L);
	lua_replace(L, 1);
	lua_call(L, n, LUA_MULTRET);
	return lua_gettop(L);
}

static int stand_in_len(lua_State *L)
{
	stand_in_target(L);
	lua_len(L, -1);
	return 1;
}

static int stand_in_tostring(lua_State *L)
{
	stand_in_target(L);
	luaL_tolstring(L, -1, NULL);
	return 1;
}

static int stand_in_pairs(lua_State *L)
{
	stand_in_target(L);
	if (luaL_getmetafield(L, -1, "__pairs") != LUA_TNIL) {
		lua_insert(L, -2);
		lua_call(L, 1, 3);
		return 3;
	}
	lua_pushcfunction(L, lua_next_fn);
	lua_insert(L, -2);
	lua_pushnil(L);
	return 3;
}

/* require while planning: the stand-in */
static int require_later(lua_State *L, const char *name, const char *path, const char *chunk)
{
	char err[600];
	if (dlt_sandbox_chunk_ready(L, path, chunk, err, sizeof err) != 0)
		return luaL_error(L, "%s", err);
	lua_newtable(L);
	lua_createtable(L, 0, 8);
	static const luaL_Reg mms[] = {
		{ "__index", stand_in_index },
		{ "__newindex", stand_in_newindex },
		{ "__call", stand_in_call },
		{ "__len", stand_in_len },
		{ "__tostring", stand_in_tostring },
		{ "__pairs", stand_in_pairs },
		{ NULL, NULL },
	};
	for (const luaL_Reg *m = mms; m->name; m++) {
		lua_pushstring(L, name);
		lua_pushstring(L, path);
		lua_pushstring(L, chunk);
		lua_pushcclosure(L, m->func, 3);
		lua_setfield(L, -2, m->name);
	}
	lua_setmetatable(L, -2);
	return 1;
}

static int l_require(lua_State *L)
{
	size_t nlen;
	const char *name = luaL_checklstring(L, 1, &nlen);
	if (!valid_module_name(name, nlen) || nlen > 200)
		return luaL_error(L,
				  "require \"%s\": module names are plain names of files in "
				  "suites/lib/",
				  name);
	lua_getfield(L, LUA_REGISTRYINDEX, DLT_REG_LOADED);
	if (lua_getfield(L, -1, name) != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	char path[4096], chunk[600];
	module_paths(L, name, path, sizeof path, chunk, sizeof chunk);
	if (!dlt_is_file(path))
		return luaL_error(L,
				  "require \"%s\": no module suites/lib/%s.lua, nor %s.lua in "
				  "the lib/ folder of the scenario's suite",
				  name, name, name);
	if (lua_getfield(L, LUA_REGISTRYINDEX, DLT_REG_LAZY) == LUA_TBOOLEAN &&
	    lua_toboolean(L, -1)) {
		lua_pop(L, 1);
		require_later(L, name, path, chunk);
	} else {
		lua_pop(L, 1);
		run_module(L, name, path, chunk);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, -3, name);
	return 1;
}

void dlt_sandbox_init(lua_State *L, const char *lib_dir, struct dlt_chunk_cache *cache)
{
	static const luaL_Reg libs[] = {
		{ LUA_GNAME, luaopen_base },
		{ LUA_STRLIBNAME, luaopen_string },
		{ LUA_TABLIBNAME, luaopen_table },
		{ LUA_MATHLIBNAME, luaopen_math },
		{ LUA_UTF8LIBNAME, luaopen_utf8 },
		{ LUA_COLIBNAME, luaopen_coroutine },
		{ NULL, NULL },
	};
	for (const luaL_Reg *l = libs; l->name; l++) {
		luaL_requiref(L, l->name, l->func, 1);
		lua_pop(L, 1);
	}
	lua_getglobal(L, LUA_TABLIBNAME);
	lua_getfield(L, -1, "sort");
	lua_pushcclosure(L, l_sort, 1);
	lua_setfield(L, -2, "sort");
	lua_pop(L, 1);
	/* the string library as scenarios see it, also through the string metatable: the
	 * budgeted matcher, and no dump */
	lua_getglobal(L, LUA_STRLIBNAME);
	dlt_lua_pattern_register(L);
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	lua_pop(L, 1);

	lua_newtable(L);
	int base = lua_gettop(L);
	static const char *const plain[] = { "assert",   "error",    "ipairs",   "next",
					     "pairs",    "pcall",    "rawequal", "rawget",
					     "rawlen",   "rawset",   "select",   "getmetatable",
					     "tonumber", "tostring", "type",     "_VERSION",
					     NULL };
	for (size_t i = 0; plain[i]; i++) {
		lua_getglobal(L, plain[i]);
		lua_setfield(L, base, plain[i]);
	}
	/* the libraries themselves: the state is the scenario's own, no copy is needed */
	for (const luaL_Reg *l = libs + 1; l->name; l++) {
		lua_getglobal(L, l->name);
		lua_setfield(L, base, l->name);
	}
	lua_pushcfunction(L, l_load);
	lua_setfield(L, base, "load");
	lua_pushcfunction(L, l_collectgarbage);
	lua_setfield(L, base, "collectgarbage");
	lua_pushcfunction(L, l_print);
	lua_setfield(L, base, "print");
	lua_getglobal(L, "setmetatable");
	lua_pushcclosure(L, l_setmetatable, 1);
	lua_setfield(L, base, "setmetatable");
	lua_getglobal(L, "xpcall");
	lua_pushcclosure(L, l_xpcall, 1);
	lua_setfield(L, base, "xpcall");
	lua_pushstring(L, lib_dir ? lib_dir : "");
	lua_pushcclosure(L, l_require, 1);
	lua_setfield(L, base, "require");
	lua_setfield(L, LUA_REGISTRYINDEX, DLT_REG_BASE);
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, DLT_REG_LOADED);
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, DLT_REG_LOADED_REAL);
	lua_pushlightuserdata(L, cache);
	lua_setfield(L, LUA_REGISTRYINDEX, DLT_REG_CACHE);
	/* nothing unsafe in the real _G either, so nothing reaches it by accident */
	static const char *const unsafe[] = { "dofile", "loadfile", "load", "collectgarbage",
					      NULL };
	for (size_t i = 0; unsafe[i]; i++) {
		lua_pushnil(L);
		lua_setglobal(L, unsafe[i]);
	}
}

void dlt_sandbox_new_env(lua_State *L)
{
	lua_newtable(L);
	lua_newtable(L);
	lua_getfield(L, LUA_REGISTRYINDEX, DLT_REG_BASE);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2);
}
