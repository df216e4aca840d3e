/*
 * lua_text.c: Lua strings as C text (see lua_text.h).
 */
#include "runner/lua_text.h"

#include <lauxlib.h>
#include <string.h>

const char *dlt_lua_checktext(lua_State *L, int idx, const char *what)
{
	size_t len;
	const char *s = luaL_checklstring(L, idx, &len);
	const char *zero = memchr(s, 0, len);
	if (zero)
		luaL_error(L, "%s: the string holds a zero byte (at byte %d)", what,
			   (int)(zero - s) + 1);
	return s;
}

const char *dlt_lua_opttext(lua_State *L, int idx, const char *dflt, const char *what)
{
	if (lua_isnoneornil(L, idx))
		return dflt;
	return dlt_lua_checktext(L, idx, what);
}

const char *dlt_lua_totext(lua_State *L, int idx)
{
	if (lua_type(L, idx) != LUA_TSTRING)
		return NULL;
	size_t len;
	const char *s = lua_tolstring(L, idx, &len);
	return memchr(s, 0, len) ? NULL : s;
}
