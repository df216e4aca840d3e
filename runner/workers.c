/*
 * workers.c: the worker threads of a run (see run_internal.h). A worker takes the first
 * planned item whose targets are all idle, marks them busy until the item ends (a target runs
 * one scenario at a time: docs/architecture.md, "Concurrency"), runs it in its own Lua host
 * over its own keep-alive connections, and records the verdict: expectations applied, written
 * to events.jsonl, then its TAP point, so a verdict shows as "ok" only once it is on disk. A
 * failed write stops the run. A launched node that exited during a scenario is that
 * scenario's failure, and is started again for the items that follow.
 */
#include "runner/run_internal.h"
#include "runner/expectations.h"
#include "runner/attach.h"
#include "runner/launcher.h"
#include "runner/progress.h"
#include "runner/result_stream.h"
#include "runner/tap.h"
#include "runner/target.h"
#include "common/clock.h"
#include "common/file.h"
#include "common/mem.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct worker {
	struct dlt_run_state *r;
	struct dlt_host *host;
	struct dlt_conn **conns; /* per target, opened on first use */
	int *conn_gen; /* the node generation each connection was opened for */
	pthread_t th;
};

/* Add one to a counter of a result (check_count, failed_check_count). */
static void bump_count(cJSON *res, const char *name)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(res, name);
	if (cJSON_IsNumber(v))
		cJSON_SetNumberValue(v, v->valuedouble + 1);
	else
		cJSON_AddNumberToObject(res, name, 1);
}

/* A launched node exited while a scenario ran on it: that is the scenario's finding (the node
 * crashed on what the scenario sent): a failed protocol check of that side. The node is then
 * started again for the scenarios that follow (run_nodes.c). The worker holds the target
 * (busy), so nobody else uses it meanwhile. */
static void node_died(struct dlt_run_state *r, struct dlt_node *n, cJSON *res)
{
	struct dlt_target *t = n->target;
	char *why = dlt_printf("target %s: the node process exited during this scenario (its log: "
			       "%s)",
			       t->name, t->logfile ? t->logfile : "?");
	cJSON *v = cJSON_GetObjectItemCaseSensitive(res, "verdict");
	if (strcmp(v->valuestring, "skip") != 0) {
		cJSON_SetValuestring(v, "fail");
		/* the crash is this side's protocol failure */
		cJSON *pv = cJSON_GetObjectItemCaseSensitive(res, "protocol_verdicts");
		if (cJSON_IsObject(pv)) {
			cJSON_DeleteItemFromObjectCaseSensitive(pv, t->name);
			cJSON_AddStringToObject(pv, t->name, "fail");
		}
		cJSON_DeleteItemFromObject(res, "reason");
		cJSON_AddStringToObject(res, "reason", why);
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "label", "the node keeps running");
		cJSON_AddStringToObject(c, "kind", "protocol");
		cJSON_AddStringToObject(c, "target", t->name);
		cJSON_AddBoolToObject(c, "ok", 0);
		cJSON_AddStringToObject(c, "where", "(runner)");
		cJSON_AddStringToObject(c, "expected", "the node process running");
		cJSON_AddStringToObject(c, "actual", "the node process exited");
		cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(res, "checks"), c);
		bump_count(res, "check_count");
		bump_count(res, "failed_check_count");
	}
	free(why);
	int ok = dlt_run_restart_node(r, n);
	if (!r->o->quiet)
		fprintf(stderr, "%sdlt-interop: %s exited during a scenario; %s\n",
			r->tty ? "\r\033[K" : "", t->name,
			ok ? "started again" : "not started again");
}

static cJSON *verdict_only(const char *verdict, const char *reason)
{
	cJSON *res = cJSON_CreateObject();
	cJSON_AddStringToObject(res, "verdict", verdict);
	cJSON_AddStringToObject(res, "reason", reason);
	cJSON_AddNumberToObject(res, "duration_ms", 0);
	cJSON_AddArrayToObject(res, "checks");
	cJSON_AddArrayToObject(res, "divergences");
	cJSON_AddNullToObject(res, "interop_verdict");
	cJSON_AddArrayToObject(res, "log");
	cJSON_AddNumberToObject(res, "check_count", 0);
	cJSON_AddNumberToObject(res, "failed_check_count", 0);
	cJSON_AddNumberToObject(res, "checks_dropped", 0);
	return res;
}

static cJSON *execute(struct worker *w, const struct dlt_plan_item *it)
{
	struct dlt_run_state *r = w->r;
	const struct dlt_scenario *s = &r->scen[it->scenario];
	if (s->load_error)
		return verdict_only("error", s->load_error);
	struct dlt_node *nodes[DLT_MAX_ROLES];
	struct dlt_conn *conns[DLT_MAX_ROLES];
	for (int i = 0; i < it->ntargets; i++) {
		nodes[i] = &r->nodes[it->targets[i]];
		if (nodes[i]->down && nodes[i]->launch_failed) {
			/* not run: the target could not be started (docs/results.md) */
			cJSON *res = verdict_only("launch-error", nodes[i]->down);
			cJSON_AddStringToObject(res, "launch_failed", nodes[i]->target->name);
			return res;
		}
		if (nodes[i]->down)
			return verdict_only("error", nodes[i]->down);
	}
	for (size_t c = 0; c < s->requires.n; c++)
		for (int i = 0; i < it->ntargets; i++)
			if (!dlt_strlist_has(&nodes[i]->caps, s->requires.v[c])) {
				char *why = dlt_printf(
					"target %s lacks capability \"%s\"%s",
					nodes[i]->target->name, s->requires.v[c],
					dlt_run_capability_hint(nodes[i], s->requires.v[c]));
				cJSON *res = verdict_only("skip", why);
				free(why);
				return res;
			}
	for (int i = 0; i < it->ntargets; i++) {
		int t = it->targets[i];
		if (w->conns[t] && w->conn_gen[t] != nodes[i]->generation) {
			nodes[i]->ops->close(w->conns[t]);
			w->conns[t] = NULL;
		}
		if (!w->conns[t]) {
			w->conn_gen[t] = nodes[i]->generation;
			struct dlt_err e = { 0 };
			if (dlt_target_open(nodes[i]->ops, nodes[i]->target, &w->conns[t], &e) !=
			    0) {
				cJSON *res = verdict_only("error", e.msg);
				dlt_err_clear(&e);
				return res;
			}
		}
		conns[i] = w->conns[t];
	}
	cJSON *res = dlt_host_run(w->host, s, nodes, conns, r->o->timeout);
	/* a node that dropped the connection may take a moment to exit: after an error verdict,
	 * give it two seconds before deciding it is alive */
	int errored =
		!strcmp(cJSON_GetObjectItemCaseSensitive(res, "verdict")->valuestring, "error");
	for (int i = 0; i < it->ntargets; i++) {
		if (!nodes[i]->launched)
			continue;
		for (int k = 0; errored && k < 20 && dlt_launch_alive(nodes[i]->target); k++)
			dlt_sleep(0.1);
		if (!dlt_launch_alive(nodes[i]->target))
			node_died(r, nodes[i], res);
	}
	return res;
}

/* A write failed: nothing more is written (no result, no TAP point), no new scenario starts,
 * the ones running are stopped (as by a signal), and the run ends with exit status 2. */
static void stop_writing(struct dlt_run_state *r, const char *why)
{
	if (r->write_error)
		return;
	r->write_error = dlt_xstrdup(why);
	dlt_interrupted = 1;
	if (r->tty && !r->o->quiet)
		fputs("\r\033[K", stderr);
	fprintf(stderr, "dlt-interop: %s: stopping the run\n", why);
}

/* Write a result (taken over) to events.jsonl, then its TAP point: a verdict shows as "ok"
 * only once it is on disk. A result cut short by a signal is marked "interrupted" so that
 * --resume runs that item again. Returns whether the result was kept. Called with r->mu. */
static int keep_result(struct dlt_run_state *r, const struct dlt_plan_item *it, cJSON *out)
{
	if (r->write_error) {
		cJSON_Delete(out);
		return 0;
	}
	const char *v = cJSON_GetObjectItemCaseSensitive(out, "verdict")->valuestring;
	if (dlt_interrupted && !strcmp(v, "inconclusive"))
		cJSON_AddBoolToObject(out, "interrupted", 1);
	char err[2048];
	if (dlt_stream_add(r->results, it->key, out, err, sizeof err) != 0) {
		stop_writing(r, err);
		return 0;
	}
	/* out now belongs to the stream, which keeps it until the end */
	if (r->tty && !r->o->quiet)
		fputs("\r\033[K", stderr);
	errno = 0;
	dlt_tap_point(stdout, ++r->done, out);
	if (ferror(stdout)) {
		char *why = dlt_printf("cannot write the TAP output (standard output): %s",
				       errno ? strerror(errno) : "write error");
		stop_writing(r, why);
		free(why);
	}
	return 1;
}

/* Called with r->mu held. */
static void record(struct dlt_run_state *r, const struct dlt_plan_item *it, cJSON *res)
{
	const struct dlt_scenario *s = &r->scen[it->scenario];
	cJSON *out = cJSON_CreateObject();
	cJSON_AddStringToObject(out, "scenario", s->id);
	cJSON *tg = cJSON_AddObjectToObject(out, "targets");
	const char *names[DLT_MAX_ROLES];
	for (int i = 0; i < it->ntargets; i++) {
		names[i] = r->nodes[it->targets[i]].target->name;
		cJSON_AddStringToObject(tg, s->roles[i].name, names[i]);
	}
	cJSON *c;
	cJSON_ArrayForEach (c, res)
		cJSON_AddItemToObject(out, c->string, cJSON_Duplicate(c, 1));
	cJSON_Delete(res);
	if (!cJSON_GetObjectItemCaseSensitive(out, "expected_verdict"))
		cJSON_AddNullToObject(out, "expected_verdict");
	dlt_expectations_apply(r->expect, out, s->id, names, it->ntargets);
	if (!keep_result(r, it, out))
		return;
	const char *v = cJSON_GetObjectItemCaseSensitive(out, "verdict")->valuestring;
	if (strcmp(v, "pass") && strcmp(v, "skip") && strcmp(v, "xfail"))
		r->nfail_live++;
	dlt_progress_result(r->progress, r->done, r->nfail_live, s->id, names[0]);
}

/* The next item whose targets are all idle, in the order of work, or plan.n. */
static size_t pick_item(struct dlt_run_state *r)
{
	while (r->next < r->plan.n && r->taken[r->order[r->next]])
		r->next++;
	for (size_t i = r->next; i < r->plan.n && r->nbusy < r->nnodes; i++) {
		size_t x = r->order[i];
		if (r->taken[x])
			continue;
		const struct dlt_plan_item *it = &r->plan.items[x];
		int free_all = 1;
		for (int k = 0; k < it->ntargets; k++)
			free_all &= !r->busy[it->targets[k]];
		if (free_all)
			return x;
	}
	return r->plan.n;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct dlt_run_state *r = w->r;
	pthread_mutex_lock(&r->mu);
	for (;;) {
		if (dlt_interrupted)
			break;
		size_t pick = pick_item(r);
		if (r->next >= r->plan.n)
			break;
		if (pick == r->plan.n) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += 200000000L;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&r->cv, &r->mu, &ts);
			continue;
		}
		const struct dlt_plan_item *it = &r->plan.items[pick];
		r->taken[pick] = 1;
		for (int k = 0; k < it->ntargets; k++)
			r->busy[it->targets[k]] = 1;
		r->nbusy += (size_t)it->ntargets;
		pthread_mutex_unlock(&r->mu);
		cJSON *res = execute(w, it);
		pthread_mutex_lock(&r->mu);
		record(r, it, res);
		for (int k = 0; k < it->ntargets; k++)
			r->busy[it->targets[k]] = 0;
		r->nbusy -= (size_t)it->ntargets;
		pthread_cond_broadcast(&r->cv);
	}
	/* Stay alive until every worker is done: a node relaunched by this thread gets its
	 * parent-death signal when the thread exits, and another worker may still be using it. */
	r->workers_running--;
	pthread_cond_broadcast(&r->cv);
	while (r->workers_running > 0)
		pthread_cond_wait(&r->cv, &r->mu);
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

/* Bytes of memory available to new work: MemAvailable of /proc/meminfo, else the free pages. */
static double available_memory(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[256];
	double kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "MemAvailable: %lf kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	if (kb >= 0)
		return kb * 1024;
	long pages = sysconf(_SC_AVPHYS_PAGES), size = sysconf(_SC_PAGESIZE);
	return pages > 0 && size > 0 ? (double)pages * (double)size : 0;
}

int dlt_run_auto_jobs(size_t ntargets, size_t max_memory_mb)
{
	/* a worker's Lua state may grow to its memory limit: no more workers than the machine can
	 * give that much, however few cores it has (the work is mostly waiting on nodes) */
	double per = (double)(max_memory_mb ? max_memory_mb : DLT_DEFAULT_MAX_MEMORY_MB) * 1048576;
	double fit = available_memory() / per;
	size_t jobs = ntargets;
	if (fit >= 1 && (double)jobs > fit)
		jobs = (size_t)fit;
	if (fit < 1)
		jobs = 1;
	if (jobs > DLT_MAX_JOBS)
		jobs = DLT_MAX_JOBS;
	return jobs < 1 ? 1 : (int)jobs;
}

void dlt_run_schedule(struct dlt_run_state *r)
{
	char *path = dlt_printf("%s/results.json", r->o->results_dir);
	char err[512];
	cJSON *previous = dlt_is_file(path) ? dlt_load_json_file(path, err, sizeof err) : NULL;
	dlt_plan_estimate(&r->plan, r->scen, previous);
	cJSON_Delete(previous);
	free(path);
	free(r->order);
	r->order = dlt_plan_order(&r->plan, r->nnodes);
	if (r->o->jobs <= 0) {
		/* the most items that can run at once: one per target of the plan */
		char *used = dlt_xcalloc(r->nnodes + 1, 1);
		size_t ntargets = 0;
		for (size_t i = 0; i < r->plan.n; i++)
			for (int k = 0; k < r->plan.items[i].ntargets; k++)
				if (!used[r->plan.items[i].targets[k]]++)
					ntargets++;
		free(used);
		r->o->jobs = dlt_run_auto_jobs(ntargets, r->o->max_memory_mb);
	}
}

void dlt_run_workers(struct dlt_run_state *r, int jobs)
{
	if (!r->order)
		r->order = dlt_plan_order(&r->plan, r->nnodes);
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	r->workers_running = jobs;
	struct worker *w = dlt_xcalloc((size_t)jobs, sizeof *w);
	for (int i = 0; i < jobs; i++) {
		w[i].r = r;
		w[i].host = dlt_host_new(&r->hcfg);
		w[i].conns = dlt_xcalloc(r->nnodes + 1, sizeof *w[i].conns);
		w[i].conn_gen = dlt_xcalloc(r->nnodes + 1, sizeof *w[i].conn_gen);
		pthread_create(&w[i].th, NULL, worker_main, &w[i]);
	}
	for (int i = 0; i < jobs; i++)
		pthread_join(w[i].th, NULL);
	for (int i = 0; i < jobs; i++) {
		dlt_host_free(w[i].host);
		for (size_t t = 0; t < r->nnodes; t++)
			if (w[i].conns[t])
				r->nodes[t].ops->close(w[i].conns[t]);
		free(w[i].conns);
		free(w[i].conn_gen);
	}
	free(w);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
}
