/*
 * lua_pattern.h: Lua 5.4 pattern matching (reference manual, section 6.4.1) for the sandbox:
 * string.find, string.match, string.gmatch and string.gsub with the stock library's results
 * and error messages, and a step budget, so that no match can outlive the scenario's time
 * limit or ignore the run's interruption (docs/scenarios.md, "Limits").
 *
 * The stock matcher backtracks in C, where no Lua hook fires: ("a"):rep(450):find(".-.-.-b")
 * runs for half a minute. This one counts its steps (each attempt to match an item at a
 * position, each character scanned by an expansion or a balance, weighted by the length of
 * sets and back-references) and calls dlt_limits_check every DLT_PATTERN_CHECK_STEPS steps,
 * which raises the scenario's stop when a limit was reached.
 */
#ifndef DLT_LUA_PATTERN_H
#define DLT_LUA_PATTERN_H

#include <stddef.h>
#include <lua.h>

#define DLT_PATTERN_CHECK_STEPS 1024

/* Set find, match, gmatch and gsub in the table on the top of the stack. */
void dlt_lua_pattern_register(lua_State *L);
/* Whether the pattern p matches somewhere in s (string.find(s, p) ~= nil, without the
 * plain-text shortcut's argument); raises a Lua error for a malformed pattern. */
int dlt_lua_pattern_find(lua_State *L, const char *s, size_t ls, const char *p, size_t lp);

#endif
