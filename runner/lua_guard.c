/*
 * lua_guard.c: guards for C memory across Lua calls (see lua_guard.h).
 */
#include "runner/lua_guard.h"

#include <cjson/cJSON.h>
#include <lauxlib.h>
#include <stdlib.h>

#define GUARD_MT "dlt.guard"

static int guard_gc(lua_State *L)
{
	dlt_lua_guard_free(lua_touserdata(L, 1));
	return 0;
}

struct dlt_lua_guard *dlt_lua_guard_new(lua_State *L, void (*release)(void *))
{
	struct dlt_lua_guard *g = lua_newuserdatauv(L, sizeof *g, 0);
	g->p = NULL;
	g->release = release;
	if (luaL_newmetatable(L, GUARD_MT)) {
		lua_pushcfunction(L, guard_gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_setmetatable(L, -2);
	return g;
}

void dlt_lua_guard_free(struct dlt_lua_guard *g)
{
	if (g && g->p) {
		void *p = g->p;
		g->p = NULL;
		g->release(p);
	}
}

void dlt_lua_guard_cjson(void *p)
{
	cJSON_Delete(p);
}

void dlt_lua_guard_plain(void *p)
{
	free(p);
}
