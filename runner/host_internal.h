/*
 * host_internal.h: what the parts of the Lua host share: the execution record of the
 * scenario being run (struct dlt_exec, reachable from Lua through the registry) and the entry
 * points of sandbox.c, lua_context.c and lua_node.c.
 */
#ifndef DLT_HOST_INTERNAL_H
#define DLT_HOST_INTERNAL_H

#include <lua.h>
#include "host.h"

enum dlt_stop { STOP_NONE, STOP_FAIL, STOP_SKIP, STOP_INCONCLUSIVE, STOP_ERROR };

struct dlt_exec {
	const struct dlt_scenario *s;
	const struct dlt_host_config *cfg;
	struct dlt_node **nodes;
	struct dlt_conn **conns;
	int nroles;
	double start, deadline;
	cJSON *checks, *divergences, *log;
	cJSON *methods;              /* native methods called (object used as a set) */
	int nchecks, nfail, ninterop, ninterop_fail;
	int subject;                 /* role index protocol checks concern; -1: unknown */
	enum dlt_stop stop;
	char *stop_reason;
};

/* registry keys */
#define DLT_REG_EXEC "dlt.exec"
#define DLT_REG_BASE "dlt.base"
#define DLT_REG_LOADED "dlt.loaded"
#define DLT_REG_CHUNKS "dlt.chunks"
#define DLT_REG_CAPTURE "dlt.capture"
#define DLT_REG_VECTORS "dlt.vectorcache"

/* The execution record, or NULL outside a run (e.g. while describing). */
struct dlt_exec *dlt_exec_get(lua_State *L);
/* Stop the scenario: records kind and reason (first stop wins) and raises. */
int dlt_exec_stop(lua_State *L, enum dlt_stop kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Is the error value on the top of the stack the stop sentinel? */
int dlt_exec_is_stop(lua_State *L, int idx);
/* Record a check. expected/actual/diff may be NULL (ownership is taken). level: Lua call
 * level for file:line. kind: "protocol" or "interop". */
void dlt_exec_record(lua_State *L, struct dlt_exec *x, int ok, const char *label,
		     const char *kind, int role, cJSON *expected, cJSON *actual, cJSON *diff,
		     int level);
void dlt_exec_log(struct dlt_exec *x, const char *line);
/* Seconds left before the scenario's deadline (>= 0.001). */
double dlt_exec_remaining(const struct dlt_exec *x);

/* sandbox.c: base environment, require, chunk loading */
void dlt_sandbox_init(lua_State *L, const char *lib_dir);
/* Push a fresh environment table whose missing names come from the base. */
void dlt_sandbox_new_env(lua_State *L);
/* Push the compiled chunk of a file (cached); on error push nil and fill err. */
int dlt_sandbox_chunk(lua_State *L, const char *path, const char *chunkname, char *err,
		      size_t errlen);
/* Forget modules loaded by require (each scenario run gets its own). */
void dlt_sandbox_reset_modules(lua_State *L);

/* lua_context.c: the test context t */
void dlt_context_register(lua_State *L);   /* creates the metatable "dlt.context" */
void dlt_context_push(lua_State *L, struct dlt_exec *x);

/* lua_node.c: node handles */
void dlt_node_register(lua_State *L);      /* creates the metatable "dlt.node" */
void dlt_node_push(lua_State *L, struct dlt_exec *x, int role);

/* prelude.c (generated from prelude.lua) */
extern const char dlt_prelude_lua[];

#endif
