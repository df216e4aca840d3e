/*
 * run.h: the `run` and `list` commands: resolve targets, read scenarios, plan, launch nodes,
 * run the plan on worker threads, stream results, summarize.
 */
#ifndef DLT_RUN_H
#define DLT_RUN_H

#include "common/strlist.h"

struct dlt_resume;

struct dlt_run_opts {
	struct dlt_strlist targets; /* --target NAME|FAMILY|FILE|URL */
	struct dlt_strlist suites; /* --suite PATH */
	struct dlt_strlist filters; /* --filter PATTERN */
	struct dlt_strlist expects; /* --expect FILE */
	const char *keys_file; /* --keys FILE (else DLT_INTEROP_KEYS): runner/attach.c */
	const char *implementation; /* --implementation NAME of the attached targets */
	int jobs;
	double timeout; /* per scenario, seconds */
	double call_timeout; /* per node call, seconds */
	size_t max_response; /* largest node answer read, bytes (--max-response) */
	/* sandbox limits (docs/scenarios.md, "Limits"); 0: the default of runner/host.h */
	double load_timeout; /* --load-timeout S: a file's top-level code */
	size_t max_memory_mb; /* --max-memory MB: per Lua state */
	size_t max_checks; /* --max-checks N: checks stored per result */
	size_t max_log_lines; /* --max-log-lines N */
	size_t max_log_bytes; /* --max-log-bytes N */
	size_t max_message; /* --max-message N: bytes of a label, reason, message */
	size_t max_value; /* --max-value N: bytes of a stored value */
	size_t max_stored; /* --max-stored N: bytes of values stored per result */
	const char *results_dir;
	int shard_index, shard_count;
	int keep_nodes;
	int schema_check;
	int no_expect; /* --no-expectations: ignore targets/expectations */
	int list_only; /* the list command */
	int list_json;
	int coverage;
	int quiet;
	const char *events; /* --events ENDPOINT: the live feed (runner/feed.h) */
	int argc;
	char **argv;
	const char *resume_dir; /* --resume DIR, as given */
	int overwrite; /* --overwrite: replace an unfinished run in results_dir */
	struct dlt_resume *resume; /* the run being resumed (argv above: that run's) */
	int session_argc; /* a resumed session: this command line */
	char **session_argv;
};

/* Returns the process exit code: 0 all passed, 1 something failed or the run was interrupted,
 * 2 usage/configuration, or a write to the results or to standard output failed. */
int dlt_run(struct dlt_run_opts *o);

#endif
