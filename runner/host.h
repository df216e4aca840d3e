/*
 * host.h: the Lua host. One struct dlt_host per worker thread reads scenario metadata
 * (dlt_host_describe) and runs one scenario against its nodes (dlt_host_run), each time in a
 * fresh Lua state (sandboxed base environment, dlt library, prelude) that no other file or
 * scenario has touched, under the limits of struct dlt_host_config (docs/scenarios.md,
 * "Limits"), turning every outcome (checks, Lua errors, stops, time and memory limits,
 * adapter failures) into a result object (docs/results.md). The host keeps the compiled
 * chunks of the files it loaded, so a fresh state costs no recompilation.
 */
#ifndef DLT_HOST_H
#define DLT_HOST_H

#include <cjson/cJSON.h>
#include "adapters/adapter.h"
#include "runner/scenario.h"
#include "runner/target.h"
#include "common/strlist.h"

struct dlt_vectors;
struct dlt_openrpc;

/* A target as a run sees it; shared by all workers, read-only while scenarios run. */
struct dlt_node {
	struct dlt_target *target;
	const struct dlt_adapter_ops *ops;
	cJSON *info; /* the adapter's info answer, or NULL */
	struct dlt_strlist caps; /* capabilities after the target file's add/remove */
	char *down; /* why the target cannot be used, or NULL */
	int launch_failed; /* down because it could not be started (or restarted):
				       * its items get the verdict launch-error */
	int launched;
	int generation; /* bumped at each relaunch: connections reopen */
	int restarts;
};

/* Defaults of the limits (docs/scenarios.md, "Limits"); a zero field of the configuration
 * takes the default. */
#define DLT_DEFAULT_TIMEOUT 60.0
#define DLT_DEFAULT_LOAD_TIMEOUT 10.0
#define DLT_DEFAULT_MAX_MEMORY_MB 512
#define DLT_MIN_MAX_MEMORY_MB 16
#define DLT_DEFAULT_MAX_CHECKS 10000
#define DLT_DEFAULT_MAX_LOG_LINES 1000
#define DLT_DEFAULT_MAX_LOG_BYTES (1024 * 1024)
#define DLT_DEFAULT_MAX_MESSAGE 1024
#define DLT_DEFAULT_MAX_VALUE 65536
#define DLT_DEFAULT_MAX_STORED (16 * 1024 * 1024)
/* values in a diff entry longer than this (or than max_value) are stored as a marker */
#define DLT_DIFF_VALUE_MAX 1024

struct dlt_host_config {
	const char *lib_dir; /* suites/lib: where require() loads from after the suite's
				       * own lib/ */
	const struct dlt_strlist *suite_dirs; /* the --suite paths: a scenario's suite's own lib/
				       * (DIR/lib, or lib/ beside a file) comes first (may be NULL) */
	const struct dlt_vectors *vectors;
	const struct dlt_openrpc *openrpc; /* for dlt.schema and --schema-check; may be NULL */
	double call_timeout; /* seconds per node call */
	int schema_check; /* validate every eth_* result against execution-apis */
	/* limits; each has a command-line option (runner/main.c) */
	double load_timeout; /* seconds for a file's top-level code (--load-timeout) */
	size_t max_memory_mb; /* per Lua state, JSON copies of its values included */
	size_t max_checks; /* checks stored per result (--max-checks) */
	size_t max_log_lines; /* log lines stored per result (--max-log-lines) */
	size_t max_log_bytes; /* log bytes stored per result (--max-log-bytes) */
	size_t max_message; /* bytes of a label, reason or error message (--max-message) */
	size_t max_value; /* bytes of one stored value's JSON text (--max-value) */
	size_t max_stored; /* bytes of values stored in one result (--max-stored) */
};

/* Fill the zero limits of cfg with the defaults. */
void dlt_host_config_defaults(struct dlt_host_config *cfg);
/* The effective limits, for results.json run.limits (timeout: the run's --timeout). */
cJSON *dlt_host_limits_json(const struct dlt_host_config *cfg, double timeout);

struct dlt_host;

struct dlt_host *dlt_host_new(const struct dlt_host_config *cfg);
void dlt_host_free(struct dlt_host *h);
/* Read a scenario file's metadata into s (s->load_error set when it is not a valid scenario,
 * or when its top-level code passes the load time limit or the memory limit; file is the name
 * shown in messages). */
void dlt_host_describe(struct dlt_host *h, const char *path, const char *file,
		       struct dlt_scenario *s);
/* Run s with one node and connection per role (conns[i] may be NULL when opening failed:
 * the caller then does not call this). Returns the result object (verdict, reason,
 * duration_ms, checks, check_count, failed_check_count, checks_dropped, divergences,
 * interop_verdict, log, methods). timeout: the run's time limit when s has none. */
cJSON *dlt_host_run(struct dlt_host *h, const struct dlt_scenario *s, struct dlt_node **nodes,
		    struct dlt_conn **conns, double timeout);

#endif
