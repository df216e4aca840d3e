/*
 * lua_guard.h: C memory held across Lua calls that may raise. A C function that holds
 * malloc'd data (a node's answer, a reply body) while it pushes Lua values can be cut short by
 * a Lua error (out of the memory budget, a stop): the longjmp would leak the data. A guard is a
 * userdata made before the data exists; the data is then handed to it, and its __gc frees
 * whatever it still holds when the userdata is collected or the state is closed.
 */
#ifndef DLT_LUA_GUARD_H
#define DLT_LUA_GUARD_H

#include <lua.h>

struct dlt_lua_guard {
	void *p;
	void (*release)(void *);
};

/* Push a new, empty guard whose data will be freed with release. May raise (memory). */
struct dlt_lua_guard *dlt_lua_guard_new(lua_State *L, void (*release)(void *));
/* Free what the guard holds now (the userdata stays on the stack, empty). */
void dlt_lua_guard_free(struct dlt_lua_guard *g);

/* release functions */
void dlt_lua_guard_cjson(void *p); /* cJSON_Delete */
void dlt_lua_guard_plain(void *p); /* free */

#endif
