/*
 * host.h: the Lua host. One struct dlt_host per worker thread owns one Lua state with the
 * sandboxed base environment, the dlt library and the compiled scenario and helper chunks.
 * It reads scenario metadata (dlt_host_describe) and runs one scenario against its nodes
 * (dlt_host_run), turning every outcome (checks, Lua errors, stops, timeouts, adapter
 * failures) into a result object (docs/results.md).
 */
#ifndef DLT_HOST_H
#define DLT_HOST_H

#include <cjson/cJSON.h>
#include "adapter.h"
#include "scenario.h"
#include "target.h"

struct dlt_vectors;
struct dlt_openrpc;

/* A target as a run sees it; shared by all workers, read-only while scenarios run. */
struct dlt_node {
	struct dlt_target *target;
	const struct dlt_adapter_ops *ops;
	cJSON *info;                  /* the adapter's info answer, or NULL */
	struct dlt_strlist caps;      /* capabilities after the target file's add/remove */
	char *down;                   /* why the target cannot be used, or NULL */
	int launch_failed;            /* down because it could not be started (or restarted):
				       * its items get the verdict launch-error */
	int launched;
	int generation;               /* bumped at each relaunch: connections reopen */
	int restarts;
};

struct dlt_host_config {
	const char *lib_dir;          /* suites/lib: the only place require() loads from */
	const struct dlt_vectors *vectors;
	const struct dlt_openrpc *openrpc; /* for dlt.schema and --schema-check; may be NULL */
	double call_timeout;          /* seconds per node call */
	int schema_check;             /* validate every eth_* result against execution-apis */
};

struct dlt_host;

struct dlt_host *dlt_host_new(const struct dlt_host_config *cfg);
void dlt_host_free(struct dlt_host *h);
/* Read a scenario file's metadata into s (s->load_error set when it is not a valid scenario;
 * file is the name shown in messages). */
void dlt_host_describe(struct dlt_host *h, const char *path, const char *file,
		       struct dlt_scenario *s);
/* Run s with one node and connection per role (conns[i] may be NULL when opening failed:
 * the caller then does not call this). Returns the result object (verdict, reason,
 * duration_ms, checks, divergences, interop_verdict, log). */
cJSON *dlt_host_run(struct dlt_host *h, const struct dlt_scenario *s, struct dlt_node **nodes,
		    struct dlt_conn **conns, double timeout);

#endif
