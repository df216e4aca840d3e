/*
 * exec.h: the execution record of the scenario being run (struct dlt_exec): its roles, nodes
 * and connections, its deadline, and what its result will hold (checks, divergences, log,
 * methods called), kept within the limits of the host configuration (docs/scenarios.md,
 * "Limits"). A running state reaches it through its limits control block. The test context
 * (lua_context.c), the node handles (lua_node.c), the sandbox's print and the host write to it
 * through these functions; the context and the node handles do not call each other.
 */
#ifndef DLT_EXEC_H
#define DLT_EXEC_H

#include <stddef.h>
#include <cjson/cJSON.h>
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
	cJSON *methods; /* native methods called (object used as a set) */
	long nchecks, nfail, ninterop, ninterop_fail;
	long role_fail[DLT_MAX_ROLES]; /* failed protocol checks concerning each role */
	/* what is stored (docs/scenarios.md, "Limits") */
	size_t nstored, nstored_pass;
	cJSON *first_pass; /* a stored passing check no later one precedes */
	long checks_dropped;
	size_t stored_bytes; /* text of the values stored in failed checks */
	size_t log_lines, log_bytes;
	long log_dropped_lines;
	size_t log_dropped_bytes;
	int subject; /* role index protocol checks concern; -1: unknown */
	cJSON *perf; /* t:perf measurements (lua_perf.c), NULL when none */
};

/* Start the record of a run of s: one node and connection per role, empty checks,
 * divergences, log and methods, no subject yet. */
void dlt_exec_begin(struct dlt_exec *x, const struct dlt_scenario *s,
		    const struct dlt_host_config *cfg, struct dlt_node **nodes,
		    struct dlt_conn **conns, double start, double deadline);
/* The execution record, or NULL outside a run (e.g. while describing). */
struct dlt_exec *dlt_exec_get(lua_State *L);
/* Stop the scenario: records kind and reason (first stop wins) and raises (lua_limits.h). */
#define dlt_exec_stop dlt_limits_stop
/* Record a check. expected/actual/diff may be NULL (ownership is taken). label: len bytes.
 * level: Lua call level for file:line. kind: "protocol" or "interop". Keeps what is stored
 * within the limits of the host configuration. */
void dlt_exec_record(lua_State *L, struct dlt_exec *x, int ok, const char *label, size_t label_len,
		     const char *kind, int role, cJSON *expected, cJSON *actual, cJSON *diff,
		     int level);
/* Add a log line of len bytes (cleaned, within the log limits). */
void dlt_exec_log(struct dlt_exec *x, const char *line, size_t len);
/* A final log line saying what the log limits left out (nothing when nothing was). */
void dlt_exec_note_dropped_log(struct dlt_exec *x);
/* Seconds left before the scenario's deadline (>= 0.001). */
double dlt_exec_remaining(const struct dlt_exec *x);

#endif
