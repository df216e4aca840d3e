/*
 * sandbox.c: the environment scenarios and helper modules run in.
 *
 * The base table holds a vetted subset of the standard library (no io, os, debug, package,
 * dofile, loadfile, string.dump; load only of text chunks inside the sandbox), the dlt
 * library and a require() that loads modules only from suites/lib/. Each scenario run gets a
 * fresh environment whose unknown names fall back to the base, and fresh module instances,
 * so scenarios cannot see each other's globals or module state.
 */
#include "host_internal.h"
#include "util.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int l_load(lua_State *L)
{
	/* load(chunk [, chunkname [, mode [, env]]]): text only, sandbox env by default */
	size_t len;
	const char *s = luaL_checklstring(L, 1, &len);
	const char *name = luaL_optstring(L, 2, "=(load)");
	const char *mode = luaL_optstring(L, 3, "t");
	if (strcmp(mode, "t") != 0)
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
	const char *opt = luaL_optstring(L, 1, "count");
	if (strcmp(opt, "count") != 0)
		return luaL_error(L, "collectgarbage: only \"count\" is allowed in a scenario");
	lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT, 0) +
			      (lua_Number)lua_gc(L, LUA_GCCOUNTB, 0) / 1024.0);
	return 1;
}

static int l_print(lua_State *L)
{
	struct dlt_exec *x = dlt_exec_get(L);
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	int n = lua_gettop(L);
	for (int i = 1; i <= n; i++) {
		if (i > 1)
			luaL_addchar(&b, '\t');
		luaL_tolstring(L, i, NULL);
		luaL_addvalue(&b);
	}
	luaL_pushresult(&b);
	if (x)
		dlt_exec_log(x, lua_tostring(L, -1));
	return 0;
}

static int valid_module_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static int l_require(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	if (!valid_module_name(name))
		return luaL_error(L, "require \"%s\": module names are plain names of files in "
				  "suites/lib/", name);
	lua_getfield(L, LUA_REGISTRYINDEX, DLT_REG_LOADED);
	if (lua_getfield(L, -1, name) != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	const char *lib = lua_tostring(L, lua_upvalueindex(1));
	char path[4096], chunk[600], err[600];
	snprintf(path, sizeof path, "%s/%s.lua", lib, name);
	snprintf(chunk, sizeof chunk, "@suites/lib/%s.lua", name);
	if (!dlt_is_file(path))
		return luaL_error(L, "require \"%s\": no module suites/lib/%s.lua", name, name);
	if (dlt_sandbox_chunk(L, path, chunk, err, sizeof err) != 0)
		return luaL_error(L, "%s", err);
	dlt_sandbox_new_env(L);
	lua_setupvalue(L, -2, 1);
	lua_pushstring(L, name);
	lua_call(L, 1, 1);
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, -3, name);
	return 1;
}

static void copy_lib(lua_State *L, int base, const char *name, const char *const *skip)
{
	lua_getglobal(L, name);
	lua_newtable(L);
	lua_pushnil(L);
	while (lua_next(L, -3)) {
		int drop = 0;
		for (size_t i = 0; skip && skip[i]; i++)
			drop |= lua_type(L, -2) == LUA_TSTRING && !strcmp(lua_tostring(L, -2), skip[i]);
		if (drop) {
			lua_pop(L, 1);
			continue;
		}
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_settable(L, -4);
	}
	lua_setfield(L, base, name);
	lua_pop(L, 1);
}

void dlt_sandbox_init(lua_State *L, const char *lib_dir)
{
	luaL_openlibs(L);
	lua_newtable(L);
	int base = lua_gettop(L);
	static const char *const plain[] = {"assert", "error", "ipairs", "next", "pairs", "pcall",
		"rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable", "getmetatable",
		"tonumber", "tostring", "type", "xpcall", "_VERSION", NULL};
	for (size_t i = 0; plain[i]; i++) {
		lua_getglobal(L, plain[i]);
		lua_setfield(L, base, plain[i]);
	}
	static const char *const no_dump[] = {"dump", NULL};
	copy_lib(L, base, "string", no_dump);
	copy_lib(L, base, "table", NULL);
	copy_lib(L, base, "math", NULL);
	copy_lib(L, base, "utf8", NULL);
	copy_lib(L, base, "coroutine", NULL);
	lua_pushcfunction(L, l_load);
	lua_setfield(L, base, "load");
	lua_pushcfunction(L, l_collectgarbage);
	lua_setfield(L, base, "collectgarbage");
	lua_pushcfunction(L, l_print);
	lua_setfield(L, base, "print");
	lua_pushstring(L, lib_dir ? lib_dir : "");
	lua_pushcclosure(L, l_require, 1);
	lua_setfield(L, base, "require");
	/* string methods ("abc"):upper() go through the string metatable: keep it on the
	 * real string table but without dump */
	lua_getglobal(L, "string");
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	lua_pop(L, 1);
	lua_setfield(L, LUA_REGISTRYINDEX, DLT_REG_BASE);
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, DLT_REG_LOADED);
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, DLT_REG_CHUNKS);
	/* remove the unsafe globals from the real _G too, so nothing reaches them by accident */
	static const char *const unsafe[] = {"io", "os", "debug", "package", "dofile", "loadfile",
		"require", NULL};
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

int dlt_sandbox_chunk(lua_State *L, const char *path, const char *chunkname, char *err,
		      size_t errlen)
{
	lua_getfield(L, LUA_REGISTRYINDEX, DLT_REG_CHUNKS);
	if (lua_getfield(L, -1, path) == LUA_TFUNCTION) {
		lua_remove(L, -2);
		return 0;
	}
	lua_pop(L, 1);
	size_t len;
	char *text = dlt_read_file(path, &len, err, errlen);
	if (!text) {
		lua_pop(L, 1);
		lua_pushnil(L);
		return -1;
	}
	if (len > 0 && text[0] == LUA_SIGNATURE[0]) {
		free(text);
		snprintf(err, errlen, "%s: precompiled (binary) chunks are refused", chunkname + 1);
		lua_pop(L, 1);
		lua_pushnil(L);
		return -1;
	}
	int rc = luaL_loadbufferx(L, text, len, chunkname, "t");
	free(text);
	if (rc != LUA_OK) {
		snprintf(err, errlen, "%s", lua_tostring(L, -1));
		lua_pop(L, 2);
		lua_pushnil(L);
		return -1;
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, -3, path);
	lua_remove(L, -2);
	return 0;
}

void dlt_sandbox_reset_modules(lua_State *L)
{
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, DLT_REG_LOADED);
}
