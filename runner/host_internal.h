/*
 * host_internal.h: what the parts of the Lua host share: the execution record of the
 * scenario being run (struct dlt_exec, reachable from Lua through the state's limits control
 * block) and the entry points of sandbox.c, lua_context.c and lua_node.c.
 */
#ifndef DLT_HOST_INTERNAL_H
#define DLT_HOST_INTERNAL_H

#include <lua.h>
#include "runner/host.h"
#include "runner/lua_limits.h"

struct dlt_exec {
	const struct dlt_scenario *s;
	const struct dlt_host_config *cfg;
	struct dlt_node **nodes;
	struct dlt_conn **conns;
	int nroles;
	double start, deadline;
	cJSON *checks, *divergences, *log;
	cJSON *methods;              /* native methods called (object used as a set) */
	long nchecks, nfail, ninterop, ninterop_fail;
	long role_fail[DLT_MAX_ROLES]; /* failed protocol checks concerning each role */
	/* what is stored (docs/scenarios.md, "Limits") */
	size_t nstored, nstored_pass;
	cJSON *first_pass;           /* a stored passing check no later one precedes */
	long checks_dropped;
	size_t stored_bytes;         /* text of the values stored in failed checks */
	size_t log_lines, log_bytes;
	long log_dropped_lines;
	size_t log_dropped_bytes;
	int subject;                 /* role index protocol checks concern; -1: unknown */
};

/* registry keys */
#define DLT_REG_BASE "dlt.base"
#define DLT_REG_LOADED "dlt.loaded"
#define DLT_REG_LOADED_REAL "dlt.loadedreal"  /* modules behind planning stand-ins */
#define DLT_REG_LAZY "dlt.lazyrequire"       /* true while planning (sandbox.c) */
#define DLT_REG_CACHE "dlt.chunkcache"
#define DLT_REG_CAPTURE "dlt.capture"
#define DLT_REG_VECTORS "dlt.vectorcache"

/* The execution record, or NULL outside a run (e.g. while describing). */
struct dlt_exec *dlt_exec_get(lua_State *L);
/* Stop the scenario: records kind and reason (first stop wins) and raises (lua_limits.h). */
#define dlt_exec_stop dlt_limits_stop
/* Record a check. expected/actual/diff may be NULL (ownership is taken). label: len bytes.
 * level: Lua call level for file:line. kind: "protocol" or "interop". Keeps what is stored
 * within the limits of the host configuration. */
void dlt_exec_record(lua_State *L, struct dlt_exec *x, int ok, const char *label,
		     size_t label_len, const char *kind, int role, cJSON *expected,
		     cJSON *actual, cJSON *diff, int level);
/* Add a log line of len bytes (cleaned, within the log limits). */
void dlt_exec_log(struct dlt_exec *x, const char *line, size_t len);
/* Seconds left before the scenario's deadline (>= 0.001). */
double dlt_exec_remaining(const struct dlt_exec *x);

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
int dlt_sandbox_chunk(lua_State *L, const char *path, const char *chunkname, int keep,
		      char *err, size_t errlen);
/* The function on the top of the stack as Lua bytecode with its debug information (malloc'd,
 * *len bytes), or NULL. */
char *dlt_sandbox_dump(lua_State *L, size_t *len);
/* Make sure the file compiles and is in the cache, without loading it: 0, or -1 (err). */
int dlt_sandbox_chunk_ready(lua_State *L, const char *path, const char *chunkname, char *err,
			    size_t errlen);

/* lua_context.c: the test context t */
void dlt_context_register(lua_State *L);   /* creates the metatable "dlt.context" */
void dlt_context_push(lua_State *L, struct dlt_exec *x);

/* lua_node.c: node handles */
void dlt_node_register(lua_State *L);      /* creates the metatable "dlt.node" */
void dlt_node_push(lua_State *L, struct dlt_exec *x, int role);

/* prelude.c (generated from prelude.lua) */
extern const char dlt_prelude_lua[];

#endif
