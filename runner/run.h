/*
 * run.h: the `run` and `list` commands: resolve targets, read scenarios, plan, launch nodes,
 * run the plan on worker threads, stream results, summarize.
 */
#ifndef DLT_RUN_H
#define DLT_RUN_H

#include "util.h"

struct dlt_run_opts {
	struct dlt_strlist targets;   /* --target NAME|FAMILY|FILE|URL */
	struct dlt_strlist suites;    /* --suite PATH */
	struct dlt_strlist filters;   /* --filter PATTERN */
	struct dlt_strlist expects;   /* --expect FILE */
	int jobs;
	double timeout;               /* per scenario, seconds */
	double call_timeout;          /* per node call, seconds */
	size_t max_response;          /* largest node answer read, bytes (--max-response) */
	const char *results_dir;
	int shard_index, shard_count;
	int keep_nodes;
	int schema_check;
	int no_expect;                /* --no-expectations: ignore targets/expectations */
	int list_only;                /* the list command */
	int list_json;
	int coverage;
	int quiet;
	int argc;
	char **argv;
};

/* Returns the process exit code: 0 all passed, 1 something failed, 2 usage/configuration. */
int dlt_run(struct dlt_run_opts *o);

#endif
