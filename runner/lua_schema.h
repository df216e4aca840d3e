/*
 * lua_schema.h: the scenario-side view of the execution-apis specification, dlt.schema
 * (runner/schema/lua_schema.c; documented in docs/schema.md).
 */
#ifndef DLT_LUA_SCHEMA_H
#define DLT_LUA_SCHEMA_H

#include <lua.h>

#include "schema/openrpc.h"

/* With the dlt table on top of the stack, set dlt.schema. o must outlive the Lua state; it
 * may be NULL (then every dlt.schema function raises "no specification loaded"). The stack
 * is left as it was. */
void dlt_lua_schema_register(lua_State *L, const struct dlt_openrpc *o);

#endif
