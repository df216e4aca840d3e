/*
 * host_internal.h: what the parts of the Lua host share: the registry keys and the entry
 * points of sandbox.c, lua_context.c and lua_node.c. The execution record of the scenario
 * being run is in exec.h.
 */
#ifndef DLT_HOST_INTERNAL_H
#define DLT_HOST_INTERNAL_H

#include <lua.h>
#include "runner/exec.h"
#include "runner/host.h"

/* registry keys */
#define DLT_REG_BASE "dlt.base"
#define DLT_REG_LOADED "dlt.loaded"
#define DLT_REG_LOADED_REAL "dlt.loadedreal" /* modules behind planning stand-ins */
#define DLT_REG_LAZY "dlt.lazyrequire" /* true while planning (sandbox.c) */
#define DLT_REG_SUITE_LIB "dlt.suitelib" /* the scenario's suite folder's own lib/ (host.c) */
#define DLT_REG_CACHE "dlt.chunkcache"
#define DLT_REG_CAPTURE "dlt.capture"
#define DLT_REG_VECTORS "dlt.vectorcache"

/* sandbox.c: base environment, require, chunk loading */
struct dlt_chunk_cache;
struct dlt_chunk_cache *dlt_chunk_cache_new(void);
void dlt_chunk_cache_free(struct dlt_chunk_cache *c);
/* Open the safe standard libraries and build the base environment in a fresh state. */
void dlt_sandbox_init(lua_State *L, const char *lib_dir, struct dlt_chunk_cache *cache);
/* Push a fresh environment table whose missing names come from the base. */
void dlt_sandbox_new_env(lua_State *L);
/* Push the compiled chunk of a file (kept compiled in the cache when keep is set); on error
 * push nil and fill err. */
int dlt_sandbox_chunk(lua_State *L, const char *path, const char *chunkname, int keep, char *err,
		      size_t errlen);
/* The function on the top of the stack as Lua bytecode with its debug information (malloc'd,
 * *len bytes), or NULL. */
char *dlt_sandbox_dump(lua_State *L, size_t *len);
/* Make sure the file compiles and is in the cache, without loading it: 0, or -1 (err). */
int dlt_sandbox_chunk_ready(lua_State *L, const char *path, const char *chunkname, char *err,
			    size_t errlen);

/* lua_context.c: the test context t */
void dlt_context_register(lua_State *L); /* creates the metatable "dlt.context" */
/* Push t for a run: its id and checks; the host adds t.roles and a field per role. */
void dlt_context_push(lua_State *L, struct dlt_exec *x);

/* lua_node.c: node handles */
void dlt_node_register(lua_State *L); /* creates the metatable "dlt.node" */
/* dlt.histogram, node:load, t:perf (lua_perf.c); after the two above */
void dlt_perf_register(lua_State *L);
void dlt_node_push(lua_State *L, struct dlt_exec *x, int role);

/* prelude.c (generated from prelude.lua) */
extern const char dlt_prelude_lua[];

#endif
