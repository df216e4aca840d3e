/*
 * lua_json.h: the mapping between JSON (cJSON) and Lua values used everywhere a scenario
 * meets data: JSON null is the light userdata dlt.null; arrays are tables carrying the
 * metatable stored in the registry under "dlt.array" (so [] survives a round trip); objects
 * are plain tables, or tables with the "dlt.object" metatable when empty. u256 values encode
 * as quantity hex strings. Exact integers written as raw JSON numbers (cJSON_Raw) come back as
 * Lua integers.
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
/* One conversion produces at most this many JSON values and bytes of strings: a table shared
 * many times over (or a cycle of tables) is refused instead of expanding without bound, also
 * where no memory limit applies. */
#define DLT_LUA_JSON_MAX_VALUES 1000000
#define DLT_LUA_JSON_MAX_BYTES (256 * 1024 * 1024)

/* Convert the Lua value at idx in the wire form, for what is sent to a node or encoded by
 * dlt.json.encode: strings as they are (a string holding a zero byte is written with \u0000),
 * integers beyond 2^53 with their exact digits. NULL with err set ("$.a[2]: a function cannot
 * be JSON", "$.k: a member name holds a zero byte"); the copy must fit in the state's memory
 * budget while it is made (else NULL, and the memory stop is recorded). */
cJSON *dlt_lua_to_json(lua_State *L, int idx, char *err, size_t errlen);
/* Convert in the lossless form, for checks and results: a string that is not valid UTF-8 or
 * holds a zero byte becomes {"$bytes": hex} (runner/json_bytes.h), such a member name
 * "$bytes:hex", and a member name that starts with "$bytes" is written "$bytes:hex" too, so no
 * table can pass for a byte string; integers beyond 2^53 keep their exact digits. The copy is
 * charged to the state's memory budget (runner/lua_limits.h): *charged gets the bytes to give
 * back with dlt_limits_release; when the budget is spent the result is NULL and the memory
 * stop is recorded (dlt_limits_check raises it). */
cJSON *dlt_lua_to_json_bytes(lua_State *L, int idx, char *err, size_t errlen, size_t *charged);
/* An upper bound of the memory cJSON takes to parse len bytes of JSON text. */
size_t dlt_json_parse_bound(const char *s, size_t len);
/* Whether the value at idx is JSON null. */
int dlt_lua_is_null(lua_State *L, int idx);

#endif
