/*
 * lua_text.h: Lua strings used as C text (names, addresses, hashes given as hex, method and
 * topic names). A Lua string may hold zero bytes, and C text ends at the first one: "eth_call\0x"
 * would be taken for "eth_call". These accessors refuse such strings with an error naming the
 * argument, so no comparison, lookup or request sees a shortened string.
 */
#ifndef DLT_LUA_TEXT_H
#define DLT_LUA_TEXT_H

#include <lua.h>

/* luaL_checkstring that raises "<what>: the string holds a zero byte (at byte N)". */
const char *dlt_lua_checktext(lua_State *L, int idx, const char *what);
/* The same for an optional argument (dflt when none or nil). */
const char *dlt_lua_opttext(lua_State *L, int idx, const char *dflt, const char *what);
/* The string at idx (no conversion of numbers) when it is a string without zero bytes, else
 * NULL; never raises. */
const char *dlt_lua_totext(lua_State *L, int idx);

#endif
