/*
 * lua_json.h: the mapping between JSON (cJSON) and Lua values used everywhere a scenario
 * meets data: JSON null is the light userdata dlt.null; arrays are tables carrying the
 * metatable stored in the registry under "dlt.array" (so [] survives a round trip); objects
 * are plain tables, or tables with the "dlt.object" metatable when empty. u256 values encode
 * as quantity hex strings.
 */
#ifndef DLT_LUA_JSON_H
#define DLT_LUA_JSON_H

#include <lua.h>
#include <cjson/cJSON.h>

/* The JSON null sentinel (also pushed as dlt.null). */
extern const char dlt_lua_null_sentinel;
#define DLT_LUA_NULL ((void *)&dlt_lua_null_sentinel)

/* Create the "dlt.array" / "dlt.object" metatables; adds dlt.null, dlt.array, dlt.object,
 * dlt.json to the table on the top of the stack. */
void dlt_lua_json_register(lua_State *L);
/* Push a JSON value as Lua. */
void dlt_lua_push_json(lua_State *L, const cJSON *v);
/* The same, and cJSON_Delete(v) also when pushing raises (the scenario's memory is spent):
 * for values the caller would delete right after pushing. */
void dlt_lua_push_json_take(lua_State *L, cJSON *v);
/* One conversion produces at most this many JSON values and bytes of strings: a table shared
 * many times over (or a cycle of tables) is refused instead of expanding without bound. */
#define DLT_LUA_JSON_MAX_VALUES 1000000
#define DLT_LUA_JSON_MAX_BYTES (256 * 1024 * 1024)

/* Convert the Lua value at idx; NULL with err set ("$.a[2]: functions cannot be JSON",
 * "$: more than 1000000 values in one JSON value ..."). */
cJSON *dlt_lua_to_json(lua_State *L, int idx, char *err, size_t errlen);
/* Whether the value at idx is JSON null. */
int dlt_lua_is_null(lua_State *L, int idx);

#endif
