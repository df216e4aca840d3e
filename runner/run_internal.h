/*
 * run_internal.h: the state of one `run` or `list` command, shared by the files that do its
 * parts: run.c (the order of work), run_inputs.c (what a run reads before it plans),
 * run_targets.c (the --target selection), run_nodes.c (launching, probing, restarting and
 * stopping nodes), workers.c (the worker threads and the recording of each verdict),
 * run_results.c (what results.json and events.jsonl say about the run) and run_resume.c (the
 * results folder and the checks of a resumed run). Nothing outside these files uses it.
 */
#ifndef DLT_RUN_INTERNAL_H
#define DLT_RUN_INTERNAL_H

#include <pthread.h>
#include <stddef.h>
#include <cjson/cJSON.h>
#include "runner/host.h"
#include "runner/plan.h"
#include "runner/run.h"
#include "runner/scenario.h"
#include "common/strlist.h"

struct dlt_vectors;
struct dlt_roadmap;
struct dlt_openrpc;
struct dlt_expectations;
struct dlt_stream;

struct dlt_run_state {
	struct dlt_run_opts *o;
	struct dlt_vectors *vectors;
	struct dlt_roadmap *roadmap;
	struct dlt_openrpc *openrpc;
	struct dlt_expectations *expect;
	struct dlt_node *nodes;
	size_t nnodes;
	struct dlt_scenario *scen;
	size_t nscen;
	struct dlt_plan plan;
	struct dlt_host_config hcfg;
	/* scheduling, under mu */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int workers_running; /* workers still taking items (workers.c) */
	char *taken;
	char *busy;
	size_t nbusy; /* targets busy now */
	size_t *order; /* plan indices in the order workers take them (plan.c) */
	size_t next; /* index into order of the first item not taken */
	size_t done;
	int nfail_live;
	struct dlt_stream *results;
	int tty;
	struct dlt_progress *progress; /* progress lines on stderr (progress.c), NULL with -q */
	/* what a resumed run needs to rebuild this one (run.options, docs/results.md) */
	cJSON *target_specs; /* [{"spec": file or public URL, "credentials": bool}] */
	struct dlt_strlist expect_files;
	size_t todo; /* plan items this session runs (all but those resumed as done) */
	char *write_error; /* a write to the results or to stdout failed: the run stops */
	cJSON *keys; /* the funded accounts of the keys file, or NULL (attach.c) */
};

/* run_inputs.c: vectors, roadmap and specification, targets, expectation files (-1 and err
 * when one is malformed); then the scenario files, described and checked against them. */
int dlt_run_load_inputs(struct dlt_run_state *r, char *err, size_t errlen);
void dlt_run_load_scenarios(struct dlt_run_state *r, const struct dlt_strlist *files);

/* run_targets.c: r->nodes from --target (or every installed built-in target), with their
 * capabilities; r->target_specs as --resume will name them. */
int dlt_run_resolve_targets(struct dlt_run_state *r, char *err, size_t errlen);

/* run_nodes.c: start the launchable targets (forked here, readiness awaited in parallel),
 * ask every node its info, start again a node that exited during a scenario (1 when it
 * answers again), stop the launched nodes. */
void dlt_run_launch_all(struct dlt_run_state *r);
void dlt_run_probe_nodes(struct dlt_run_state *r);
int dlt_run_restart_node(struct dlt_run_state *r, struct dlt_node *n);
void dlt_run_stop_all(struct dlt_run_state *r);

/* workers.c: run the plan on jobs worker threads (a target runs one item at a time); every
 * verdict goes to events.jsonl, then to TAP on stdout. */
void dlt_run_workers(struct dlt_run_state *r, int jobs);
/* Before the results folder is opened: estimate every item's duration from the run in
 * DIR/results.json (if any), set the order of work (longest first), and resolve -j auto
 * (o->jobs 0) to the number of targets in the plan, bounded by the memory the machine has
 * (docs/performance.md, "Scheduling"). */
void dlt_run_schedule(struct dlt_run_state *r);
/* -j auto: ntargets workers, at most as many as the available memory gives max_memory_mb
 * (0: the default) each, at least 1, at most DLT_MAX_JOBS. */
#define DLT_MAX_JOBS 256
int dlt_run_auto_jobs(size_t ntargets, size_t max_memory_mb);

/* run_results.c */
/* The plan keys as written into run_start (byte strings in their JSON form). */
cJSON *dlt_run_plan_keys_json(const struct dlt_run_state *r);
/* A fingerprint of every file the verdicts depend on (taken over by dlt_run_open_stream). */
cJSON *dlt_run_files_json(const struct dlt_run_state *r, const struct dlt_strlist *scenario_files);
/* A new stream in the results folder (run_start with the run, targets, scenarios, plan keys
 * and files_now), or the resumed run's stream continued. */
struct dlt_stream *dlt_run_open_stream(struct dlt_run_state *r, const struct dlt_strlist *files,
				       double started, cJSON *files_now, char *err, size_t errlen);
/* The pair matrix of the results so far, as report and merge compute it; NULL (said on
 * stderr) when it cannot be computed. */
cJSON *dlt_run_pair_matrix(const struct dlt_run_state *r);

/* run_resume.c */
int dlt_run_prepare_results_dir(struct dlt_run_state *r, char *err, size_t errlen);
int dlt_run_check_resumed_plan(struct dlt_run_state *r, const cJSON *files_now, char *err,
			       size_t errlen);
int dlt_run_check_resumed_targets(const struct dlt_run_state *r, char *err, size_t errlen);
void dlt_run_resume_hint(const struct dlt_run_state *r);

#endif
