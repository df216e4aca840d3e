/*
 * run.c: the `run` and `list` commands (see run.h): the order of work. The parts are in
 * run_inputs.c, run_targets.c, run_nodes.c, workers.c, run_results.c, run_resume.c, list.c,
 * coverage.c, and the summary in reports/summary.c.
 *
 * Order of work: vectors and roadmap are read once (a malformed file stops the run with exit
 * 2 before any node starts); targets are resolved and their capabilities computed; scenario
 * files are described in one Lua state; the plan is built; the results folder is prepared;
 * launched nodes are started in parallel and probed with `info`; then N worker threads run the
 * plan. A target runs one scenario at a time (docs/architecture.md, "Concurrency"). Every
 * verdict is streamed to events.jsonl and TAP as it happens; nodes are stopped on every way
 * out; the summary is printed from the results written.
 */
#include "runner/run.h"
#include "runner/run_internal.h"
#include "runner/attach.h"
#include "common/abort_flag.h"
#include "runner/coverage.h"
#include "runner/expectations.h"
#include "runner/home.h"
#include "runner/launcher.h"
#include "runner/list.h"
#include "runner/result_stream.h"
#include "runner/tap.h"
#include "runner/target.h"
#include "runner/vectors.h"
#include "schema/openrpc.h"
#include "model/roadmap.h"
#include "reports/summary.h"
#include "runner/progress.h"
#include "runner/feed.h"
#include "common/suggest.h"
#include "common/clock.h"
#include "common/file.h"
#include "common/mem.h"
#include "common/strlist.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void free_run(struct dlt_run_state *r)
{
	for (size_t i = 0; i < r->nscen; i++)
		dlt_scenario_clear(&r->scen[i]);
	free(r->scen);
	for (size_t i = 0; i < r->nnodes; i++) {
		dlt_target_free(r->nodes[i].target);
		cJSON_Delete(r->nodes[i].info);
		dlt_strlist_free(&r->nodes[i].caps);
		free(r->nodes[i].down);
	}
	free(r->nodes);
	dlt_plan_free(&r->plan);
	dlt_vectors_free(r->vectors);
	dlt_roadmap_free(r->roadmap);
	dlt_openrpc_free(r->openrpc);
	dlt_expectations_free(r->expect);
	free(r->taken);
	free(r->busy);
	free(r->order);
	dlt_stream_free(r->results);
	cJSON_Delete(r->target_specs);
	dlt_strlist_free(&r->expect_files);
	free(r->write_error);
	cJSON_Delete(r->keys);
}

/* Every --filter that matches no item of the plan is named; a plan left empty by the filters
 * is an error (exit 2) found before anything is launched or written. */
static int check_filters(struct dlt_run_state *r, char *err, size_t errlen)
{
	size_t matched = 0;
	for (size_t i = 0; i < r->plan.nfilters; i++) {
		matched += r->plan.filter_hits[i];
		if (r->plan.filter_hits[i] == 0)
			fprintf(stderr,
				"dlt-interop: warning: --filter %s matches no planned item "
				"(scenario id or key id@target,...; see dlt-interop list)\n",
				r->o->filters.v[i]);
	}
	if (r->plan.nfilters > 0 && matched == 0 && r->plan.nleft_out > 0)
		dlt_list_left_out(stderr, &r->plan, r->nodes, "dlt-interop: ");
	if (r->plan.nfilters > 0 && matched == 0 && r->plan.unfiltered > 0) {
		snprintf(
			err, errlen,
			"no planned item matches the --filter pattern%s given (the plan "
			"without them has %zu items; see dlt-interop list); nothing was run or written",
			r->plan.nfilters > 1 ? "s" : "", r->plan.unfiltered);
		return -1;
	}
	return 0;
}

static void host_config(struct dlt_run_state *r, const char *lib_dir)
{
	const struct dlt_run_opts *o = r->o;
	r->hcfg.lib_dir = lib_dir;
	r->hcfg.suite_dirs = &o->suites;
	r->hcfg.vectors = r->vectors;
	r->hcfg.openrpc = r->openrpc;
	r->hcfg.call_timeout = o->call_timeout;
	r->hcfg.schema_check = o->schema_check;
	r->hcfg.load_timeout = o->load_timeout;
	r->hcfg.max_memory_mb = o->max_memory_mb;
	r->hcfg.max_checks = o->max_checks;
	r->hcfg.max_log_lines = o->max_log_lines;
	r->hcfg.max_log_bytes = o->max_log_bytes;
	r->hcfg.max_message = o->max_message;
	r->hcfg.max_value = o->max_value;
	r->hcfg.max_stored = o->max_stored;
}

/* The scenario files under --suite (default: suites/); 0, or -1 (said on stderr). */
static int find_scenario_files(struct dlt_run_opts *o, struct dlt_strlist *files)
{
	char err[4096];
	if (o->suites.n == 0) {
		char *p = dlt_printf("%s/suites", dlt_home());
		dlt_strlist_add(&o->suites, p);
		free(p);
	}
	for (size_t i = 0; i < o->suites.n; i++) {
		if (!dlt_is_dir(o->suites.v[i]) && !dlt_is_file(o->suites.v[i])) {
			char *near = dlt_suggest_path(o->suites.v[i]);
			fprintf(stderr, "dlt-interop: --suite %s: no such file or folder%s%s%s\n",
				o->suites.v[i], near ? "; did you mean " : "", near ? near : "",
				near ? "?" : "");
			free(near);
			return -1;
		}
	}
	if (dlt_scenario_find_files(&o->suites, files, err, sizeof err) != 0) {
		fprintf(stderr, "dlt-interop: %s\n", err);
		return -1;
	}
	if (files->n == 0) {
		fprintf(stderr, "dlt-interop: no scenario files (*.lua) under the given suites\n");
		return -1;
	}
	return 0;
}

/* The list command: the plan (or the coverage of the specification) on stdout. */
static int list_plan(struct dlt_run_state *r)
{
	int code = r->o->coverage ? dlt_coverage_print(stdout, r->openrpc, &r->plan, r->scen,
						       r->nodes, r->expect)
				  : dlt_list_print(stdout, &r->plan, r->scen, r->nscen, r->nodes,
						   r->nnodes, r->o->list_json);
	if (r->o->coverage && code == 0)
		dlt_coverage_requirements_print(stdout, r->roadmap, &r->plan, r->scen, r->nodes);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "dlt-interop: cannot write the plan to standard output: %s\n",
			strerror(errno));
		code = 2;
	}
	return code;
}

/* The exit status of a finished session: 1 when a result did not pass or items are left. */
static int exit_status(struct dlt_run_state *r, int interrupted)
{
	const cJSON *s = dlt_stream_summary(r->results);
	int bad = 0;
	static const char *const failing[] = { "fail",  "error",        "inconclusive",
					       "xpass", "launch-error", NULL };
	for (size_t i = 0; failing[i]; i++)
		bad += cJSON_GetObjectItemCaseSensitive(s, failing[i])->valueint;
	return bad || interrupted || dlt_stream_done(r->results) < r->plan.n ? 1 : 0;
}

static int run_session(struct dlt_run_state *r, const struct dlt_strlist *files, cJSON *files_now,
		       double started);

/* Launch, run the plan, write results.json, print the summary: the exit status. With
 * --events, every event is published on the live feed (runner/feed.h) as it is written. */
static int run_plan(struct dlt_run_state *r, const struct dlt_strlist *files, cJSON *files_now)
{
	struct dlt_run_opts *o = r->o;
	char err[4096];
	double started = dlt_wall();
	struct dlt_feed *feed = NULL;
	if (o->events) {
		char *ep = dlt_feed_endpoint(o->events, err, sizeof err);
		feed = ep ? dlt_feed_open(ep, err, sizeof err) : NULL;
		free(ep);
		if (!feed) {
			fprintf(stderr, "dlt-interop: %s\n", err);
			cJSON_Delete(files_now);
			return 2;
		}
		dlt_stream_set_feed(feed);
	}
	int code = run_session(r, files, files_now, started);
	if (feed && r->results)
		dlt_feed_publish_scores(feed, dlt_stream_dir(r->results), r->roadmap);
	dlt_stream_set_feed(NULL);
	dlt_feed_close(feed, 1.0);
	return code;
}

/* run_plan's work once the feed (if any) is open. */
static int run_session(struct dlt_run_state *r, const struct dlt_strlist *files, cJSON *files_now,
		       double started)
{
	struct dlt_run_opts *o = r->o;
	char err[4096];
	dlt_launch_install_signals();
	dlt_abort_flag_set(&dlt_interrupted);
	dlt_run_launch_all(r);
	dlt_run_probe_nodes(r);
	if (dlt_run_attach_facts(r) && !o->resume) {
		/* an implementation's expectation file joined the run: fingerprint it too */
		cJSON_Delete(files_now);
		files_now = dlt_run_files_json(r, files);
	}
	if (o->resume && dlt_run_check_resumed_targets(r, err, sizeof err)) {
		fprintf(stderr, "dlt-interop: %s\n", err);
		cJSON_Delete(files_now);
		return 2;
	}
	r->results = dlt_run_open_stream(r, files, started, files_now, err, sizeof err);
	if (!r->results) {
		fprintf(stderr, "dlt-interop: %s\n", err);
		return 2;
	}
	r->tty = isatty(2);
	if (o->resume && !o->quiet)
		fprintf(stderr, "dlt-interop: resuming %s: %zu of %zu planned items to run\n",
			o->results_dir, r->todo, r->plan.n);
	dlt_tap_plan(stdout, r->todo);
	r->progress = dlt_progress_start(r->todo, o->quiet);
	int colour = dlt_progress_colour(r->progress);
	dlt_run_workers(r, o->jobs > 0 ? o->jobs : 1);
	dlt_progress_stop(r->progress);
	r->progress = NULL;
	int interrupted = dlt_interrupted || r->write_error;
	if (dlt_interrupted && !r->write_error) {
		dlt_tap_comment(stdout, "interrupted: the plan did not finish");
		fprintf(stderr,
			"dlt-interop: interrupted after %zu of %zu results; stopping nodes\n",
			r->done, r->todo);
	}
	dlt_run_stop_all(r);
	if (dlt_stream_finish(r->results, dlt_wall(), dlt_run_pair_matrix(r), interrupted, err,
			      sizeof err)) {
		if (!r->write_error || strcmp(err, r->write_error) != 0)
			fprintf(stderr, "dlt-interop: %s\n", err);
		dlt_run_resume_hint(r);
		return 2;
	}
	if (r->write_error) {
		dlt_run_resume_hint(r);
		return 2;
	}
	if (!o->quiet)
		dlt_summary_print(stderr, dlt_stream_document(r->results),
				  dlt_stream_dir(r->results), r->roadmap, colour);
	if (interrupted || dlt_stream_done(r->results) < r->plan.n)
		dlt_run_resume_hint(r);
	return exit_status(r, interrupted);
}

int dlt_run(struct dlt_run_opts *o)
{
	struct dlt_run_state r;
	memset(&r, 0, sizeof r);
	r.o = o;
	char err[4096];
	int code = 2;
	char *lib_dir = dlt_printf("%s/suites/lib", dlt_home());
	struct dlt_strlist files = { 0 };
	if (dlt_run_load_inputs(&r, err, sizeof err)) {
		fprintf(stderr, "dlt-interop: %s\n", err);
		goto out;
	}
	for (size_t i = 0; i < r.nnodes; i++)
		r.nodes[i].target->max_response = o->max_response;
	host_config(&r, lib_dir);
	if (find_scenario_files(o, &files))
		goto out;
	dlt_run_load_scenarios(&r, &files);
	struct dlt_plan_filter f = { &o->filters, o->shard_index, o->shard_count };
	dlt_plan_build(r.scen, r.nscen, r.nodes, r.nnodes, &f, &r.plan);
	if (check_filters(&r, err, sizeof err)) {
		fprintf(stderr, "dlt-interop: %s\n", err);
		goto out;
	}
	if (o->list_only) {
		code = list_plan(&r);
		goto out;
	}
	if (r.plan.nleft_out && !o->quiet && !o->resume)
		dlt_list_left_out(stderr, &r.plan, r.nodes, "dlt-interop: ");
	if (r.plan.unplanned_multi && !o->quiet)
		fprintf(stderr,
			"dlt-interop: %zu multi-target scenario(s) not planned: their roles "
			"need more targets of a family than were given\n",
			r.plan.unplanned_multi);
	if (dlt_run_prepare_results_dir(&r, err, sizeof err)) {
		fprintf(stderr, "dlt-interop: %s\n", err);
		goto out;
	}
	r.taken = dlt_xcalloc(r.plan.n + 1, 1);
	r.busy = dlt_xcalloc(r.nnodes + 1, 1);
	r.todo = r.plan.n;
	dlt_run_schedule(&r);
	cJSON *files_now = dlt_run_files_json(&r, &files);
	if (o->resume && dlt_run_check_resumed_plan(&r, files_now, err, sizeof err)) {
		fprintf(stderr, "dlt-interop: %s\n", err);
		cJSON_Delete(files_now);
		goto out;
	}
	code = run_plan(&r, &files, files_now);
out:
	dlt_run_stop_all(&r);
	free_run(&r);
	dlt_strlist_free(&files);
	free(lib_dir);
	return code;
}
