/*
 * run.c: the `run` and `list` commands (see run.h).
 *
 * Order of work: vectors and roadmap are read once (a malformed file stops the run with exit
 * 2 before any node starts); targets are resolved and their capabilities computed; scenario
 * files are described in one Lua state; the plan is built; launched nodes are started in
 * parallel and probed with `info`; then N worker threads run the plan. A target runs one
 * scenario at a time (docs/architecture.md, "Concurrency"). Every verdict is streamed to
 * events.jsonl and TAP as it happens; nodes are stopped on every way out.
 */
#include "runner/run.h"
#include "common/abort_flag.h"
#include "runner/expectations.h"
#include "runner/host.h"
#include "runner/launcher.h"
#include "runner/plan.h"
#include "common/json_bytes.h"
#include "runner/result_stream.h"
#include "runner/resume.h"
#include "model/roadmap.h"
#include "runner/tap.h"
#include "runner/target.h"
#include "runner/vectors.h"
#include "schema/openrpc.h"
#include "model/results.h"
#include "model/scores.h"
#include "config.h"
#include "common/mem.h"
#include "common/file.h"
#include "common/strlist.h"
#include "common/clock.h"
#include "runner/home.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct run {
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
	int workers_running;     /* workers still taking items (see worker_main) */
	char *taken;
	char *busy;
	size_t next;
	size_t done;
	int nfail_live;
	struct dlt_stream *results;
	int tty;
	/* what a resumed run needs to rebuild this one (run.options, docs/results.md) */
	cJSON *target_specs;     /* [{"spec": file or public URL, "credentials": bool}] */
	struct dlt_strlist expect_files;
	size_t todo;             /* plan items this session runs (all but those resumed as done) */
	char *write_error;       /* a write to the results or to stdout failed: the run stops */
};

/* ---------- targets ---------- */

static int add_node(struct run *r, struct dlt_target *t, char *err, size_t errlen)
{
	for (size_t i = 0; i < r->nnodes; i++) {
		if (!strcmp(r->nodes[i].target->name, t->name)) {
			snprintf(err, errlen, "target \"%s\" given twice (from %s and %s)", t->name,
				 r->nodes[i].target->source, t->source);
			dlt_target_free(t);
			return -1;
		}
	}
	r->nodes = dlt_xrealloc(r->nodes, (r->nnodes + 1) * sizeof *r->nodes);
	struct dlt_node *n = &r->nodes[r->nnodes++];
	memset(n, 0, sizeof *n);
	n->target = t;
	n->ops = dlt_adapter_find(t->family);
	for (size_t i = 0; n->ops->capabilities[i]; i++)
		dlt_strlist_add(&n->caps, n->ops->capabilities[i]);
	const cJSON *c;
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(t->capabilities, "add"))
		if (!dlt_strlist_has(&n->caps, c->valuestring))
			dlt_strlist_add(&n->caps, c->valuestring);
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(t->capabilities, "remove")) {
		for (size_t i = 0; i < n->caps.n; i++) {
			if (!strcmp(n->caps.v[i], c->valuestring)) {
				free(n->caps.v[i]);
				n->caps.v[i] = n->caps.v[--n->caps.n];
				i--;
			}
		}
	}
	return 0;
}

/* How --resume will name the target just added: a file by its absolute path, a URL without
 * its credentials (which are never recorded: resume asks for them again). */
static void remember_spec(struct run *r, const char *spec, int is_file)
{
	if (!r->target_specs)
		r->target_specs = cJSON_CreateArray();
	cJSON *o = cJSON_CreateObject();
	char *abs = is_file ? realpath(spec, NULL) : NULL;
	char *pub = is_file ? NULL : dlt_target_public_url(spec);
	cJSON_AddStringToObject(o, "spec", abs ? abs : pub ? pub : spec);
	cJSON_AddBoolToObject(o, "credentials", pub && strcmp(pub, spec) != 0);
	cJSON_AddItemToArray(r->target_specs, o);
	free(abs);
	free(pub);
}

/* Built-in target files, sorted by name. */
static void builtin_targets(struct dlt_strlist *files)
{
	char *dir = dlt_printf("%s/targets", dlt_home());
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			size_t n = strlen(e->d_name);
			if (n > 5 && !strcmp(e->d_name + n - 5, ".json")) {
				char *p = dlt_printf("%s/%s", dir, e->d_name);
				dlt_strlist_add(files, p);
				free(p);
			}
		}
		closedir(d);
	}
	free(dir);
	for (size_t i = 1; i < files->n; i++)
		for (size_t j = i; j > 0 && strcmp(files->v[j - 1], files->v[j]) > 0; j--) {
			char *t = files->v[j];
			files->v[j] = files->v[j - 1];
			files->v[j - 1] = t;
		}
}

/* Whether a launchable target's programs are installed. */
static int installed(const struct dlt_target *t)
{
	if (!t->launchable)
		return 1;
	const cJSON *arg;
	cJSON_ArrayForEach(arg, t->launch.command) {
		const char *b = strstr(arg->valuestring, "${bin:");
		if (!b)
			continue;
		char name[128];
		snprintf(name, sizeof name, "%.*s", (int)strcspn(b + 6, "}"), b + 6);
		char *path = dlt_launch_find_bin(t, name);
		if (!path)
			return 0;
		free(path);
	}
	return 1;
}

static int resolve_targets(struct run *r, char *err, size_t errlen)
{
	struct dlt_strlist builtin = {0};
	builtin_targets(&builtin);
	int rc = 0;
	if (r->o->targets.n == 0) {
		/* default: every built-in target whose node is installed */
		for (size_t i = 0; i < builtin.n && rc == 0; i++) {
			struct dlt_target *t;
			if (dlt_target_load_file(builtin.v[i], &t, err, errlen)) {
				rc = -1;
				break;
			}
			if (!installed(t) || !t->in_default) {
				if (!r->o->quiet)
					fprintf(stderr, "dlt-interop: target %s left out: %s\n", t->name,
						t->in_default ? "its node is not installed (./quickstart install)" :
						"not in the default selection (name it with --target)");
				dlt_target_free(t);
				continue;
			}
			rc = add_node(r, t, err, errlen);
			if (rc == 0)
				remember_spec(r, builtin.v[i], 1);
		}
		if (rc == 0 && r->nnodes == 0) {
			snprintf(err, errlen, "no target: no node is installed (run ./quickstart "
				 "install) and no --target was given");
			rc = -1;
		}
		dlt_strlist_free(&builtin);
		return rc;
	}
	for (size_t i = 0; i < r->o->targets.n && rc == 0; i++) {
		const char *spec = r->o->targets.v[i];
		struct dlt_target *t = NULL;
		if (strstr(spec, "://")) {
			rc = dlt_target_from_url(spec, &t, err, errlen);
			if (rc == 0)
				rc = add_node(r, t, err, errlen);
			if (rc == 0)
				remember_spec(r, spec, 0);
			continue;
		}
		size_t n = strlen(spec);
		if (strchr(spec, '/') || (n > 5 && !strcmp(spec + n - 5, ".json"))) {
			rc = dlt_target_load_file(spec, &t, err, errlen);
			if (rc == 0)
				rc = add_node(r, t, err, errlen);
			if (rc == 0)
				remember_spec(r, spec, 1);
			continue;
		}
		/* a built-in name, or a family (every installed built-in target of it) */
		int found = 0;
		for (size_t j = 0; j < builtin.n && rc == 0; j++) {
			if (dlt_target_load_file(builtin.v[j], &t, err, errlen)) {
				rc = -1;
				break;
			}
			if (!strcmp(t->name, spec) || (!strcmp(t->family, spec) && installed(t))) {
				found = 1;
				rc = add_node(r, t, err, errlen);
				if (rc == 0)
					remember_spec(r, builtin.v[j], 1);
			} else
				dlt_target_free(t);
		}
		if (rc == 0 && !found) {
			snprintf(err, errlen, "--target %s: no such target (built-in targets are in "
				 "%s/targets; give a file, a URL or a family)", spec, dlt_home());
			rc = -1;
		}
	}
	dlt_strlist_free(&builtin);
	return rc;
}

/* ---------- scenarios ---------- */

static void derive_family(struct dlt_scenario *s)
{
	static const char *const fams[] = {"ethereum", "bitcoin", "monero", "common", NULL};
	if (s->family)
		return;
	for (size_t i = 0; fams[i]; i++) {
		char *needle = dlt_printf("/%s/", fams[i]);
		int hit = strstr(s->path, needle) != NULL;
		free(needle);
		if (hit) {
			s->family = dlt_xstrdup(strcmp(fams[i], "common") ? fams[i] : "any");
			return;
		}
	}
	s->family = dlt_xstrdup("any");
}

static void load_scenarios(struct run *r, struct dlt_strlist *files)
{
	struct dlt_host *h = dlt_host_new(&r->hcfg);
	r->scen = dlt_xcalloc(files->n, sizeof *r->scen);
	r->nscen = files->n;
	for (size_t i = 0; i < files->n; i++) {
		struct dlt_scenario *s = &r->scen[i];
		dlt_host_describe(h, files->v[i], dlt_relpath(files->v[i]), s);
		if (!s->load_error) {
			for (size_t j = 0; j < s->vectors.n && !s->load_error; j++)
				if (!dlt_vectors_get(r->vectors, s->vectors.v[j]))
					s->load_error = dlt_printf("%s: scenario.vectors: no vector file "
								   "with id \"%s\"", s->file, s->vectors.v[j]);
			for (size_t j = 0; r->roadmap && j < s->roadmap.n && !s->load_error; j++)
				if (!dlt_roadmap_requirement(r->roadmap, s->roadmap.v[j]))
					s->load_error = dlt_printf("%s: scenario.roadmap: unknown requirement "
								   "id \"%s\" (not in %s)", s->file,
								   s->roadmap.v[j],
								   dlt_relpath(dlt_roadmap_path(r->roadmap)));
			for (size_t j = 0; j < i && !s->load_error; j++)
				if (r->scen[j].id && !strcmp(r->scen[j].id, s->id)) {
					s->load_error = dlt_printf("%s: scenario.id \"%s\" is already used "
								   "by %s", s->file, s->id, r->scen[j].file);
					/* results.json lists every scenario once by id (report and merge
					 * refuse duplicates): this one goes under its file's name */
					free(s->id);
					s->id = NULL;
				}
		}
		if (s->load_error) {
			if (!s->id)
				s->id = dlt_printf("load-error:%s", s->file);
			derive_family(s);
			if (!s->title)
				s->title = dlt_xstrdup("(scenario file could not be loaded)");
			if (s->nroles == 0) {
				s->nroles = 1;
				s->roles[0].name = dlt_xstrdup("node");
				s->roles[0].family = dlt_xstrdup(s->family);
			}
		}
	}
	dlt_host_free(h);
}

/* ---------- launching ---------- */

struct launch_job {
	struct dlt_node *n;
	pthread_t th;
};

static void *launch_thread(void *arg)
{
	struct launch_job *j = arg;
	char err[2048];
	if (dlt_launch_wait_ready(j->n->target, err, sizeof err) != 0) {
		j->n->down = dlt_xstrdup(err);
		j->n->launch_failed = 1;
		fprintf(stderr, "dlt-interop: %s\n", err);
	} else
		j->n->launched = 1;
	return NULL;
}

static void launch_all(struct run *r)
{
	struct launch_job *jobs = dlt_xcalloc(r->nnodes, sizeof *jobs);
	for (size_t i = 0; i < r->nnodes; i++) {
		if (!r->nodes[i].target->launchable)
			continue;
		if (!r->o->quiet)
			fprintf(stderr, "dlt-interop: starting %s\n", r->nodes[i].target->name);
		/* processes are forked here, on the main thread; readiness is awaited in parallel */
		char err[2048];
		if (dlt_launch_spawn(r->nodes[i].target, err, sizeof err) != 0) {
			dlt_launch_stop(r->nodes[i].target, 1);
			r->nodes[i].down = dlt_xstrdup(err);
			r->nodes[i].launch_failed = 1;
			fprintf(stderr, "dlt-interop: %s\n", err);
			continue;
		}
		jobs[i].n = &r->nodes[i];
		pthread_create(&jobs[i].th, NULL, launch_thread, &jobs[i]);
	}
	for (size_t i = 0; i < r->nnodes; i++)
		if (jobs[i].n)
			pthread_join(jobs[i].th, NULL);
	free(jobs);
}

static void probe_nodes(struct run *r)
{
	for (size_t i = 0; i < r->nnodes; i++) {
		struct dlt_node *n = &r->nodes[i];
		if (n->down)
			continue;
		struct dlt_conn *c = NULL;
		struct dlt_err e = {0};
		if (n->ops->open(n->target, &c, &e) == 0) {
			n->ops->set_timeout(c, (long)(r->o->call_timeout * 1000));
			if (n->ops->info && n->ops->info(c, &n->info, &e) != 0) {
				char *pub = dlt_target_public_url(n->target->url);
				n->down = dlt_printf("target %s (%s) did not answer its info call: %s",
						     n->target->name, pub, e.msg);
				free(pub);
			}
			n->ops->close(c);
		} else
			n->down = dlt_xstrdup(e.msg);
		dlt_err_clear(&e);
		if (n->down)
			fprintf(stderr, "dlt-interop: %s\n", n->down);
	}
}

static void stop_all(struct run *r)
{
	for (size_t i = 0; i < r->nnodes; i++)
		if (r->nodes[i].launched || r->nodes[i].target->pid > 0) {
			dlt_launch_stop(r->nodes[i].target, r->o->keep_nodes);
			r->nodes[i].launched = 0;
		}
}

/* ---------- executing one plan item ---------- */

struct worker {
	struct run *r;
	struct dlt_host *host;
	struct dlt_conn **conns; /* per target, opened on first use */
	int *conn_gen;           /* the node generation each connection was opened for */
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
 * crashed on what the scenario sent), and the node is started again, fresh, for the scenarios
 * that follow. The worker holds the target (busy), so nobody else uses it meanwhile. When it
 * cannot be started again (or was restarted too often), the items still planned on it get
 * launch-error: they did not run, which says nothing of the implementation's conformance
 * beyond the failure already recorded here (docs/results.md). */
static void node_died(struct run *r, struct dlt_node *n, cJSON *res)
{
	struct dlt_target *t = n->target;
	char *why = dlt_printf("target %s: the node process exited during this scenario (its log: "
			       "%s)", t->name, t->logfile ? t->logfile : "?");
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
	char err[2048];
	dlt_launch_stop(t, 1);
	int tried = n->restarts < 5;
	int ok = tried && dlt_launch_spawn(t, err, sizeof err) == 0 &&
		 dlt_launch_wait_ready(t, err, sizeof err) == 0;
	if (!ok)
		dlt_launch_stop(t, 1);
	pthread_mutex_lock(&r->mu);
	n->generation++;
	n->restarts++;
	if (!ok && !n->down) {
		n->down = dlt_printf("target %s: the node exited during the run and could not be "
				     "started again: %s", t->name, tried ? err :
				     "it was restarted 5 times already");
		n->launch_failed = 1;
	}
	pthread_mutex_unlock(&r->mu);
	if (!r->o->quiet)
		fprintf(stderr, "%sdlt-interop: %s exited during a scenario; %s\n", r->tty ? "\r\033[K" : "",
			t->name, ok ? "started again" : "not started again");
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
	struct run *r = w->r;
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
				char *why = dlt_printf("target %s lacks capability \"%s\"",
						       nodes[i]->target->name, s->requires.v[c]);
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
			struct dlt_err e = {0};
			if (nodes[i]->ops->open(nodes[i]->target, &w->conns[t], &e) != 0) {
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
	int errored = !strcmp(cJSON_GetObjectItemCaseSensitive(res, "verdict")->valuestring, "error");
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
static void stop_writing(struct run *r, const char *why)
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
static int keep_result(struct run *r, const struct dlt_plan_item *it, cJSON *out)
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
static void record(struct run *r, const struct dlt_plan_item *it, cJSON *res)
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
	cJSON_ArrayForEach(c, res)
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
	if (r->tty && !r->o->quiet) {
		fprintf(stderr, "[%zu/%zu] %s [%s]  failures: %d", r->done, r->todo, s->id,
			names[0], r->nfail_live);
		fflush(stderr);
	}
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct run *r = w->r;
	pthread_mutex_lock(&r->mu);
	for (;;) {
		if (dlt_interrupted)
			break;
		while (r->next < r->plan.n && r->taken[r->next])
			r->next++;
		if (r->next >= r->plan.n)
			break;
		size_t pick = r->plan.n;
		for (size_t i = r->next; i < r->plan.n; i++) {
			if (r->taken[i])
				continue;
			const struct dlt_plan_item *it = &r->plan.items[i];
			int free_all = 1;
			for (int k = 0; k < it->ntargets; k++)
				free_all &= !r->busy[it->targets[k]];
			if (free_all) {
				pick = i;
				break;
			}
		}
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
		pthread_mutex_unlock(&r->mu);
		cJSON *res = execute(w, it);
		pthread_mutex_lock(&r->mu);
		record(r, it, res);
		for (int k = 0; k < it->ntargets; k++)
			r->busy[it->targets[k]] = 0;
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

/* ---------- JSON descriptions for results ---------- */

static cJSON *strlist_json(const struct dlt_strlist *l)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < l->n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(l->v[i]));
	return a;
}

static cJSON *targets_json(const struct run *r)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < r->nnodes; i++) {
		const struct dlt_node *n = &r->nodes[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", n->target->name);
		cJSON_AddStringToObject(o, "family", n->target->family);
		cJSON_AddStringToObject(o, "implementation", n->target->implementation);
		const cJSON *v = n->info ? cJSON_GetObjectItemCaseSensitive(n->info, "version") : NULL;
		cJSON_AddStringToObject(o, "version", cJSON_IsString(v) ? v->valuestring : "");
		v = n->info ? cJSON_GetObjectItemCaseSensitive(n->info, "client_version") : NULL;
		cJSON_AddStringToObject(o, "client_version", cJSON_IsString(v) ? v->valuestring : "");
		char *pub = dlt_target_public_url(n->target->url);
		cJSON_AddStringToObject(o, "url", pub);
		free(pub);
		/* started by the runner and answering; a target that could not be started has
		 * "launched": false and says why in "down" */
		cJSON_AddBoolToObject(o, "launched", n->target->launchable && n->launched);
		cJSON_AddStringToObject(o, "source", n->target->source);
		cJSON_AddItemToObject(o, "capabilities", strlist_json(&n->caps));
		if (n->info)
			cJSON_AddItemToObject(o, "info", cJSON_Duplicate(n->info, 1));
		if (n->down)
			cJSON_AddStringToObject(o, "down", n->down);
		else
			cJSON_AddNullToObject(o, "down");
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *scenarios_json(const struct run *r)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < r->nscen; i++) {
		const struct dlt_scenario *s = &r->scen[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", s->id);
		cJSON_AddStringToObject(o, "title", s->title);
		cJSON_AddStringToObject(o, "file", s->file);
		cJSON_AddStringToObject(o, "family", s->family);
		cJSON_AddItemToObject(o, "roadmap", strlist_json(&s->roadmap));
		cJSON_AddItemToObject(o, "vectors", strlist_json(&s->vectors));
		cJSON_AddItemToObject(o, "requires", strlist_json(&s->requires));
		cJSON *roles = cJSON_AddArrayToObject(o, "roles");
		for (int k = 0; k < s->nroles; k++)
			cJSON_AddItemToArray(roles, cJSON_CreateString(s->roles[k].name));
		if (s->load_error)
			cJSON_AddStringToObject(o, "load_error", s->load_error);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static void suite_files(struct run *r, const struct dlt_strlist *scenario_files,
			struct dlt_strlist *all)
{
	for (size_t i = 0; i < scenario_files->n; i++)
		dlt_strlist_add(all, scenario_files->v[i]);
	struct dlt_strlist libs = {0};
	DIR *d = opendir(r->hcfg.lib_dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			size_t n = strlen(e->d_name);
			if (n > 4 && !strcmp(e->d_name + n - 4, ".lua")) {
				char *p = dlt_printf("%s/%s", r->hcfg.lib_dir, e->d_name);
				dlt_strlist_add(&libs, p);
				free(p);
			}
		}
		closedir(d);
	}
	for (size_t i = 1; i < libs.n; i++)
		for (size_t j = i; j > 0 && strcmp(libs.v[j - 1], libs.v[j]) > 0; j--) {
			char *t = libs.v[j];
			libs.v[j] = libs.v[j - 1];
			libs.v[j - 1] = t;
		}
	for (size_t i = 0; i < libs.n; i++)
		dlt_strlist_add(all, libs.v[i]);
	for (size_t i = 0; i < dlt_vectors_count(r->vectors); i++)
		dlt_strlist_add(all, dlt_vectors_file(r->vectors, dlt_vectors_id_at(r->vectors, i)));
	if (r->roadmap)
		dlt_strlist_add(all, dlt_roadmap_path(r->roadmap));
	dlt_strlist_free(&libs);
}

/* A command line as recorded: never with credentials given in a URL. */
static cJSON *argv_json(int argc, char **argv)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < argc; i++) {
		char *pub = strstr(argv[i], "://") ? dlt_target_public_url(argv[i]) :
			dlt_xstrdup(argv[i]);
		cJSON_AddItemToArray(a, cJSON_CreateString(pub));
		free(pub);
	}
	return a;
}

/* The run's options as resolved (run.options in docs/results.md): what --resume rebuilds the
 * run from, together with run.argv for every other option. */
static cJSON *options_json(const struct run *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "targets", r->target_specs ? cJSON_Duplicate(r->target_specs, 1) :
			      cJSON_CreateArray());
	cJSON *suites = cJSON_AddArrayToObject(o, "suites");
	for (size_t i = 0; i < r->o->suites.n; i++) {
		char *abs = realpath(r->o->suites.v[i], NULL);
		cJSON_AddItemToArray(suites, cJSON_CreateString(abs ? abs : r->o->suites.v[i]));
		free(abs);
	}
	cJSON_AddItemToObject(o, "filters", strlist_json(&r->o->filters));
	cJSON_AddItemToObject(o, "expect", strlist_json(&r->expect_files));
	cJSON_AddNumberToObject(o, "timeout", r->o->timeout);
	cJSON_AddNumberToObject(o, "call_timeout", r->o->call_timeout);
	cJSON_AddBoolToObject(o, "schema_check", r->o->schema_check);
	char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof cwd))
		cJSON_AddStringToObject(o, "cwd", cwd);
	return o;
}

static cJSON *run_json(struct run *r, const struct dlt_strlist *scenario_files, double started)
{
	cJSON *o = cJSON_CreateObject();
	char iso[32], id[64];
	dlt_iso8601(started, iso);
	unsigned rnd = (unsigned)getpid() ^ (unsigned)((started - (long)started) * 1e6);
	snprintf(id, sizeof id, "%.4s%.2s%.2sT%.2s%.2s%.2sZ-%04x", iso, iso + 5, iso + 8, iso + 11,
		 iso + 14, iso + 17, rnd & 0xffff);
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "tool", PACKAGE_STRING);
	struct dlt_strlist all = {0};
	suite_files(r, scenario_files, &all);
	char hash[65];
	dlt_hash_files(&all, hash);
	dlt_strlist_free(&all);
	cJSON_AddStringToObject(o, "suite_version", hash);
	cJSON_AddStringToObject(o, "started", iso);
	cJSON_AddStringToObject(o, "finished", iso);
	if (r->o->shard_count > 1) {
		cJSON *sh = cJSON_AddObjectToObject(o, "shard");
		cJSON_AddNumberToObject(sh, "index", r->o->shard_index);
		cJSON_AddNumberToObject(sh, "count", r->o->shard_count);
	} else
		cJSON_AddNullToObject(o, "shard");
	cJSON_AddItemToObject(o, "argv", argv_json(r->o->argc, r->o->argv));
	char host[256] = "";
	gethostname(host, sizeof host - 1);
	cJSON_AddStringToObject(o, "host", host);
	cJSON_AddNumberToObject(o, "jobs", r->o->jobs);
	cJSON_AddItemToObject(o, "options", options_json(r));
	cJSON *limits = dlt_host_limits_json(&r->hcfg, r->o->timeout);
	cJSON_AddNumberToObject(limits, "max_response", (double)r->o->max_response);
	cJSON_AddItemToObject(o, "limits", limits);
	return o;
}

/* ---------- summary ---------- */

static int count_verdict(const cJSON *results, const char *target, const char *verdict)
{
	int n = 0;
	const cJSON *res;
	cJSON_ArrayForEach(res, results) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(res, "verdict");
		if (strcmp(v->valuestring, verdict))
			continue;
		const cJSON *t;
		cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(res, "targets"))
			if (!strcmp(t->valuestring, target)) {
				n++;
				break;
			}
	}
	return n;
}

/* Conformance per target and area, and the interop score per family (docs/scores.md), read
 * back from the results.json just written, so the table is what `report` would say. */
static void print_scores(struct run *r)
{
	if (!r->roadmap)
		return;
	char *path = dlt_printf("%s/results.json", dlt_stream_dir(r->results));
	char err[512];
	struct dlt_results *res = NULL;
	cJSON *sc = NULL;
	if (dlt_results_load(path, &res, err, sizeof err) == 0)
		sc = dlt_scores_compute(res, r->roadmap, err, sizeof err);
	free(path);
	if (!sc) {
		fprintf(stderr, "dlt-interop: scores not computed: %s\n", err);
		dlt_results_free(res);
		return;
	}
	size_t nareas = dlt_roadmap_area_count(r->roadmap);
	fprintf(stderr, "\n  conformance (share of applicable results that pass; launch-error, skip and "
		"inconclusive do not count; * = every MUST passes; - = no score)\n"
		"  %-18s %6s", "target", "all");
	for (size_t a = 0; a < nareas; a++) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(dlt_roadmap_area_at(r->roadmap, a), "id");
		fprintf(stderr, " %7.7s", cJSON_IsString(id) ? id->valuestring : "?");
	}
	fputc('\n', stderr);
	const cJSON *t;
	cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(sc, "conformance")) {
		const cJSON *score = cJSON_GetObjectItemCaseSensitive(t, "score");
		fprintf(stderr, "  %-18.18s", cJSON_GetObjectItemCaseSensitive(t, "target")->valuestring);
		if (cJSON_IsNumber(score))
			fprintf(stderr, " %5.0f%%", score->valuedouble * 100);
		else
			fprintf(stderr, " %6s", "-");
		const cJSON *areas = cJSON_GetObjectItemCaseSensitive(t, "areas");
		for (size_t a = 0; a < nareas; a++) {
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(dlt_roadmap_area_at(r->roadmap, a), "id");
			const cJSON *e = cJSON_IsString(id) ? cJSON_GetObjectItemCaseSensitive(areas, id->valuestring) : NULL;
			const cJSON *v = e ? cJSON_GetObjectItemCaseSensitive(e, "score") : NULL;
			const cJSON *st = e ? cJSON_GetObjectItemCaseSensitive(e, "status") : NULL;
			if (cJSON_IsNumber(v))
				fprintf(stderr, " %5.0f%%%c", v->valuedouble * 100,
					cJSON_IsString(st) && !strcmp(st->valuestring, "conforms") ? '*' : ' ');
			else
				fprintf(stderr, " %7s", "-");
		}
		fputc('\n', stderr);
	}
	cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(sc, "conformance")) {
		const cJSON *why = cJSON_GetObjectItemCaseSensitive(t, "not_scored");
		if (cJSON_IsString(why))
			fprintf(stderr, "  %s has no score: %s\n",
				cJSON_GetObjectItemCaseSensitive(t, "target")->valuestring, why->valuestring);
	}
	const cJSON *f;
	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(sc, "interop")) {
		const cJSON *score = cJSON_GetObjectItemCaseSensitive(f, "score");
		const cJSON *fam = cJSON_GetObjectItemCaseSensitive(f, "family");
		if (cJSON_IsNumber(score) && cJSON_IsString(fam) &&
		    cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(f, "targets")) > 1)
			fprintf(stderr, "  interop score (%s, minimum across its targets): %.0f%%\n",
				fam->valuestring, score->valuedouble * 100);
	}
	cJSON_Delete(sc);
	dlt_results_free(res);
}

/* The pair matrix, computed by the code `report` and `merge` use (reports/results.c), so a
 * run's results.json and a merged one agree in form and figures. */
static cJSON *pair_matrix(struct run *r)
{
	char err[512];
	struct dlt_results *res = NULL;
	cJSON *copy = cJSON_Duplicate(dlt_stream_document(r->results), 1);
	if (dlt_results_from_json(copy, "results.json", &res, err, sizeof err) != 0) {
		fprintf(stderr, "dlt-interop: pair matrix not computed: %s\n", err);
		return NULL;
	}
	cJSON *m = dlt_results_matrix(res);
	dlt_results_free(res);
	return m;
}

static void print_summary(struct run *r)
{
	const cJSON *s = dlt_stream_summary(r->results);
	const cJSON *list = dlt_stream_list(r->results);
	static const char *const vs[] = {"pass", "fail", "skip", "error", "inconclusive", "xfail",
		"xpass", "launch-error", NULL};
	fprintf(stderr, "\ndlt-interop: %d results:", cJSON_GetObjectItemCaseSensitive(s, "total")->valueint);
	for (size_t i = 0; vs[i]; i++)
		fprintf(stderr, "%s %d %s", i ? "," : "",
			cJSON_GetObjectItemCaseSensitive(s, vs[i])->valueint, vs[i]);
	fputc('\n', stderr);
	fprintf(stderr, "\n  %-18s %-10s %5s %5s %5s %5s %5s %5s %5s %6s\n", "target", "version",
		"pass", "fail", "skip", "error", "inc", "xfail", "xpass", "launch");
	for (size_t i = 0; i < r->nnodes; i++) {
		const struct dlt_node *n = &r->nodes[i];
		const cJSON *v = n->info ? cJSON_GetObjectItemCaseSensitive(n->info, "version") : NULL;
		fprintf(stderr, "  %-18s %-10s", n->target->name,
			cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : "-");
		for (size_t k = 0; vs[k]; k++)
			fprintf(stderr, vs[k + 1] ? " %5d" : " %6d",
				count_verdict(list, n->target->name, vs[k]));
		fputc('\n', stderr);
	}
	/* targets that could not be started, apart: their results did not run */
	for (size_t i = 0; i < r->nnodes; i++) {
		const struct dlt_node *n = &r->nodes[i];
		int le = count_verdict(list, n->target->name, "launch-error");
		if (le == 0 || !n->launch_failed)
			continue;
		const char *down = n->down ? n->down : "see the results' reasons";
		fprintf(stderr, "  launch-error: %s (%d results not run): %.*s\n", n->target->name, le,
			(int)strcspn(down, "\n"), down);
	}
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(dlt_stream_document(r->results), "matrix");
	const cJSON *f;
	cJSON_ArrayForEach(f, m) {
		const cJSON *agree = cJSON_GetObjectItemCaseSensitive(f, "agree");
		if (cJSON_GetArraySize(agree) == 0)
			continue;
		const cJSON *names = cJSON_GetObjectItemCaseSensitive(f, "targets");
		fprintf(stderr, "\n  pair matrix (%s): share of pair scenarios that agree, row = A, "
			"column = B\n  %-12s", f->string, "");
		const cJSON *b;
		cJSON_ArrayForEach(b, names)
			fprintf(stderr, " %11.11s", b->valuestring);
		fputc('\n', stderr);
		const cJSON *a;
		cJSON_ArrayForEach(a, names) {
			fprintf(stderr, "  %-12.12s", a->valuestring);
			const cJSON *row = cJSON_GetObjectItemCaseSensitive(agree, a->valuestring);
			cJSON_ArrayForEach(b, names) {
				const cJSON *x = row ? cJSON_GetObjectItemCaseSensitive(row, b->valuestring) : NULL;
				if (cJSON_IsNumber(x))
					fprintf(stderr, " %10.0f%%", x->valuedouble * 100);
				else
					fprintf(stderr, " %11s", "-");
			}
			fputc('\n', stderr);
		}
	}
	print_scores(r);
	fprintf(stderr, "\n  results: %s/results.json (events: %s/events.jsonl)\n",
		dlt_stream_dir(r->results), dlt_stream_dir(r->results));
}

/* ---------- list ---------- */

static int do_list(struct run *r)
{
	if (r->o->list_json) {
		cJSON *a = cJSON_CreateArray();
		for (size_t i = 0; i < r->plan.n; i++) {
			const struct dlt_plan_item *it = &r->plan.items[i];
			const struct dlt_scenario *s = &r->scen[it->scenario];
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "key", it->key);
			cJSON_AddStringToObject(o, "scenario", s->id);
			cJSON *t = cJSON_AddObjectToObject(o, "targets");
			for (int k = 0; k < it->ntargets; k++)
				cJSON_AddStringToObject(t, s->roles[k].name,
							r->nodes[it->targets[k]].target->name);
			cJSON_AddItemToObject(o, "roadmap", strlist_json(&s->roadmap));
			cJSON_AddItemToObject(o, "vectors", strlist_json(&s->vectors));
			if (s->load_error)
				cJSON_AddStringToObject(o, "load_error", s->load_error);
			cJSON_AddItemToArray(a, o);
		}
		dlt_json_make_utf8(a);
		char *text = cJSON_Print(a);
		puts(text);
		free(text);
		cJSON_Delete(a);
		return 0;
	}
	for (size_t i = 0; i < r->plan.n; i++) {
		const struct dlt_plan_item *it = &r->plan.items[i];
		const struct dlt_scenario *s = &r->scen[it->scenario];
		printf("%-44s [", s->id);
		for (int k = 0; k < it->ntargets; k++)
			printf("%s%s", k ? "," : "", r->nodes[it->targets[k]].target->name);
		printf("]  ");
		for (size_t k = 0; k < s->roadmap.n; k++)
			printf("%s%s", k ? "," : "", s->roadmap.v[k]);
		if (s->load_error)
			printf("  LOAD ERROR: %s", s->load_error);
		putchar('\n');
	}
	printf("# %zu planned (%zu scenarios, %zu targets)\n", r->plan.n, r->nscen, r->nnodes);
	return 0;
}

/* ---------- coverage of the specified methods ---------- */

/* Which execution-apis methods the planned scenarios name: a method counts as exercised when
 * its name appears as a quoted string in the file of a scenario in the plan (so --target,
 * --filter and --suite apply). Results add the dynamic view: every result lists the methods it
 * called (results.json "methods"). */
static int do_coverage(struct run *r)
{
	if (!r->openrpc) {
		fprintf(stderr, "dlt-interop: --coverage needs vectors/execution-apis/openrpc.json\n");
		return 2;
	}
	struct dlt_strlist files = {0};
	for (size_t i = 0; i < r->plan.n; i++) {
		const struct dlt_scenario *sc = &r->scen[r->plan.items[i].scenario];
		if (!dlt_strlist_has(&files, sc->path))
			dlt_strlist_add(&files, sc->path);
	}
	char **texts = dlt_xcalloc(files.n + 1, sizeof *texts);
	for (size_t i = 0; i < files.n; i++) {
		char err[256];
		texts[i] = dlt_read_file(files.v[i], NULL, err, sizeof err);
	}
	size_t n = dlt_openrpc_method_count(r->openrpc), covered = 0;
	printf("%-42s %-9s %s\n", "method (execution-apis)", "covered", "scenario files naming it");
	for (size_t m = 0; m < n; m++) {
		const char *name = dlt_openrpc_method_name(r->openrpc, m);
		char *quoted = dlt_printf("\"%s\"", name);
		int hits = 0;
		char where[512] = "";
		for (size_t i = 0; i < files.n; i++) {
			if (!texts[i] || !strstr(texts[i], quoted))
				continue;
			hits++;
			if (strlen(where) < 400) {
				if (where[0])
					strcat(where, ", ");
				strncat(where, dlt_relpath(files.v[i]), sizeof where - strlen(where) - 1);
			}
		}
		covered += hits > 0;
		printf("%-42s %-9s %s\n", name, hits ? "yes" : "NO", where);
		free(quoted);
	}
	printf("# %zu of %zu specified methods are named by a planned scenario\n", covered, n);
	for (size_t i = 0; i < files.n; i++)
		free(texts[i]);
	free(texts);
	dlt_strlist_free(&files);
	return 0;
}

/* ---------- the command ---------- */

static void free_run(struct run *r)
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
	dlt_stream_free(r->results);
	cJSON_Delete(r->target_specs);
	dlt_strlist_free(&r->expect_files);
	free(r->write_error);
}

static void remember_expect(struct run *r, const char *path)
{
	char *abs = realpath(path, NULL);
	dlt_strlist_add(&r->expect_files, abs ? abs : path);
	free(abs);
}

static int load_inputs(struct run *r, char *err, size_t errlen)
{
	const char *home = dlt_home();
	char *vdir = dlt_printf("%s/vectors", home);
	int rc = dlt_vectors_load_dir(vdir, &r->vectors, err, errlen);
	free(vdir);
	if (rc)
		return -1;
	char *rpath = dlt_printf("%s/roadmap/roadmap.json", home);
	if (dlt_is_file(rpath))
		rc = dlt_roadmap_load(rpath, &r->roadmap, err, errlen);
	free(rpath);
	if (rc)
		return -1;
	char *opath = dlt_printf("%s/vectors/execution-apis/openrpc.json", home);
	if (dlt_is_file(opath))
		rc = dlt_openrpc_load(opath, &r->openrpc, err, errlen);
	free(opath);
	if (rc)
		return -1;
	if (resolve_targets(r, err, errlen))
		return -1;
	r->expect = dlt_expectations_new();
	for (size_t i = 0; i < r->o->expects.n; i++) {
		if (dlt_expectations_load(r->expect, r->o->expects.v[i], err, errlen))
			return -1;
		remember_expect(r, r->o->expects.v[i]);
	}
	if (!r->o->no_expect && r->o->expects.n == 0) {
		for (size_t i = 0; i < r->nnodes; i++) {
			char *p = dlt_printf("%s/targets/expectations/%s.json", home,
					     r->nodes[i].target->name);
			if (dlt_is_file(p) && dlt_expectations_load(r->expect, p, err, errlen)) {
				free(p);
				return -1;
			}
			if (dlt_is_file(p))
				remember_expect(r, p);
			free(p);
		}
	}
	return 0;
}

/* ---------- plan checks, the results folder, resuming ---------- */

/* Every --filter that matches no item of the plan is named; a plan left empty by the filters
 * is an error (exit 2) found before anything is launched or written. */
static int check_filters(struct run *r, char *err, size_t errlen)
{
	size_t matched = 0;
	for (size_t i = 0; i < r->plan.nfilters; i++) {
		matched += r->plan.filter_hits[i];
		if (r->plan.filter_hits[i] == 0)
			fprintf(stderr, "dlt-interop: warning: --filter %s matches no planned item "
				"(scenario id or key id@target,...; see dlt-interop list)\n",
				r->o->filters.v[i]);
	}
	if (r->plan.nfilters > 0 && matched == 0 && r->plan.unfiltered > 0) {
		snprintf(err, errlen, "no planned item matches the --filter pattern%s given (the plan "
			 "without them has %zu items; see dlt-interop list); nothing was run or written",
			 r->plan.nfilters > 1 ? "s" : "", r->plan.unfiltered);
		return -1;
	}
	return 0;
}

/* --results DIR is created and written to before any node is launched; a folder holding an
 * unfinished run is refused unless --overwrite, one holding a finished run is replaced with a
 * warning, and a resumed run must find an unfinished one. */
static int prepare_results_dir(struct run *r, char *err, size_t errlen)
{
	const char *dir = r->o->results_dir;
	if (strlen(dir) + sizeof "/results.json.tmp" > PATH_MAX) {
		snprintf(err, errlen, "--results %.80s...: path longer than PATH_MAX (%d bytes)", dir,
			 PATH_MAX);
		return -1;
	}
	if (dlt_mkdir_p(dir, err, errlen))
		return -1;
	char *probe = dlt_printf("%s/.dlt-write-check-XXXXXX", dir);
	int fd = mkstemp(probe);
	int ok = fd >= 0 && write(fd, "\n", 1) == 1;
	int e = errno;
	if (fd >= 0) {
		ok = close(fd) == 0 && ok;
		e = ok ? e : errno;
		unlink(probe);
	}
	free(probe);
	if (!ok) {
		snprintf(err, errlen, "--results %s: cannot write there: %s", dir, strerror(e));
		return -1;
	}
	char what[256];
	enum dlt_results_state st = dlt_results_dir_state(dir, what, sizeof what);
	if (r->o->resume) {
		if (st == DLT_RESULTS_FINISHED) {
			snprintf(err, errlen, "--resume %s: nothing to resume: the folder holds %s", dir,
				 what);
			return -1;
		}
		return 0;
	}
	if (st == DLT_RESULTS_UNFINISHED && !r->o->overwrite) {
		snprintf(err, errlen, "--results %s holds %s: finish it with 'dlt-interop run "
			 "--resume %s', or start a new run there with --overwrite", dir, what, dir);
		return -1;
	}
	if (st != DLT_RESULTS_NONE)
		fprintf(stderr, "dlt-interop: warning: --results %s holds %s: it is replaced by this "
			"run\n", dir, what);
	return 0;
}

/* The plan keys as written into run_start (byte strings in their JSON form). */
static cJSON *plan_keys_json(const struct run *r)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < r->plan.n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(r->plan.items[i].key));
	dlt_json_make_utf8(a);
	return a;
}

/* A fingerprint of every file the verdicts depend on: scenarios, helpers, vectors, roadmap,
 * target and expectation files. */
static cJSON *files_json(struct run *r, const struct dlt_strlist *scenario_files)
{
	struct dlt_strlist all = {0};
	suite_files(r, scenario_files, &all);
	for (size_t i = 0; i < r->expect_files.n; i++)
		dlt_strlist_add(&all, r->expect_files.v[i]);
	const cJSON *t;
	cJSON_ArrayForEach(t, r->target_specs) {
		const cJSON *spec = cJSON_GetObjectItemCaseSensitive(t, "spec");
		if (cJSON_IsString(spec) && !strstr(spec->valuestring, "://"))
			dlt_strlist_add(&all, spec->valuestring);
	}
	cJSON *o = cJSON_CreateObject();
	for (size_t i = 0; i < all.n; i++) {
		/* by absolute path: a resumed run names the suites absolutely */
		char *abs = realpath(all.v[i], NULL);
		struct dlt_strlist one = {0};
		char hash[65];
		dlt_strlist_add(&one, abs ? abs : all.v[i]);
		dlt_hash_files(&one, hash);
		if (!cJSON_GetObjectItemCaseSensitive(o, one.v[0]))
			cJSON_AddStringToObject(o, one.v[0], hash);
		dlt_strlist_free(&one);
		free(abs);
	}
	dlt_strlist_free(&all);
	dlt_json_make_utf8(o);
	return o;
}

/* "a.lua changed, b.lua added" for up to three files that differ. */
static size_t files_differ(const cJSON *then, const cJSON *now, char *out, size_t outlen)
{
	size_t n = 0, len = 0;
	out[0] = '\0';
	const cJSON *f;
	cJSON_ArrayForEach(f, then) {
		const cJSON *g = cJSON_GetObjectItemCaseSensitive(now, f->string);
		if (g && cJSON_Compare(f, g, 1))
			continue;
		if (n++ < 3 && len < outlen)
			len += (size_t)snprintf(out + len, outlen - len, "%s%s %s", len ? ", " : "",
						dlt_relpath(f->string), g ? "changed" : "is gone");
	}
	cJSON_ArrayForEach(f, now) {
		if (cJSON_GetObjectItemCaseSensitive(then, f->string))
			continue;
		if (n++ < 3 && len < outlen)
			len += (size_t)snprintf(out + len, outlen - len, "%s%s is new", len ? ", " : "",
						dlt_relpath(f->string));
	}
	return n;
}

/* A resumed run must be the same run: the same files and the same plan. The items that
 * have a complete verdict are marked taken, so only the others run. */
static int check_resumed_plan(struct run *r, const cJSON *files_now, char *err, size_t errlen)
{
	const struct dlt_resume *prev = r->o->resume;
	const char *dir = r->o->resume_dir ? r->o->resume_dir : prev->dir;
	char what[1024];
	size_t n = files_differ(cJSON_GetObjectItemCaseSensitive(prev->start, "files"), files_now,
				what, sizeof what);
	if (n > 0) {
		snprintf(err, errlen, "--resume %s: the suite changed since the run started (%s%s): "
			 "its results would mix two suites; restore the files, or start a new run "
			 "with --overwrite", dir, what, n > 3 ? ", ..." : "");
		return -1;
	}
	const cJSON *keys = cJSON_GetObjectItemCaseSensitive(prev->start, "plan_keys");
	cJSON *now = plan_keys_json(r);
	int same = cJSON_Compare(keys, now, 1);
	cJSON_Delete(now);
	if (!same) {
		snprintf(err, errlen, "--resume %s: the plan changed since the run started (%d items "
			 "then, %zu now): start a new run with --overwrite", dir,
			 cJSON_GetArraySize(keys), r->plan.n);
		return -1;
	}
	const cJSON *res;
	cJSON_ArrayForEach(res, prev->results) {
		if (!dlt_stream_result_final(res))
			continue;
		char *key = dlt_stream_result_key(res);
		size_t i = 0;
		while (i < r->plan.n && strcmp(r->plan.items[i].key, key) != 0)
			i++;
		if (i == r->plan.n) {
			snprintf(err, errlen, "--resume %s: events.jsonl holds a result for %s, which is "
				 "not in the plan: the file was changed after the run wrote it", dir, key);
			free(key);
			return -1;
		}
		free(key);
		r->taken[i] = 1;
	}
	r->todo = 0;
	for (size_t i = 0; i < r->plan.n; i++)
		r->todo += !r->taken[i];
	return 0;
}

/* The nodes of a resumed run must be the implementations and versions the run started with. */
static int check_resumed_targets(struct run *r, char *err, size_t errlen)
{
	const cJSON *then = cJSON_GetObjectItemCaseSensitive(r->o->resume->start, "targets");
	for (size_t i = 0; i < r->nnodes; i++) {
		const struct dlt_node *n = &r->nodes[i];
		const cJSON *v = n->info ? cJSON_GetObjectItemCaseSensitive(n->info, "version") : NULL;
		const cJSON *t;
		cJSON_ArrayForEach(t, then) {
			const cJSON *name = cJSON_GetObjectItemCaseSensitive(t, "name");
			const cJSON *tv = cJSON_GetObjectItemCaseSensitive(t, "version");
			if (!cJSON_IsString(name) || strcmp(name->valuestring, n->target->name) ||
			    !cJSON_IsString(tv) || !tv->valuestring[0] || !cJSON_IsString(v) ||
			    !v->valuestring[0] || !strcmp(v->valuestring, tv->valuestring))
				continue;
			snprintf(err, errlen, "--resume %s: target %s is version %s now, %s when the run "
				 "started: start a new run with --overwrite", r->o->results_dir,
				 n->target->name, v->valuestring, tv->valuestring);
			return -1;
		}
	}
	return 0;
}

static void resume_hint(struct run *r)
{
	fprintf(stderr, "dlt-interop: %zu of %zu planned results are recorded in %s; finish the "
		"run with: dlt-interop run --resume %s\n",
		r->results ? dlt_stream_done(r->results) : 0, r->plan.n, r->o->results_dir,
		r->o->resume_dir ? r->o->resume_dir : r->o->results_dir);
}

static struct dlt_stream *open_stream(struct run *r, const struct dlt_strlist *files,
				      double started, cJSON *files_now, char *err, size_t errlen)
{
	if (r->o->resume) {
		cJSON_Delete(files_now);
		return dlt_stream_resume(r->o->resume, argv_json(r->o->session_argc,
								   r->o->session_argv), err, errlen);
	}
	cJSON *extra = cJSON_CreateObject();
	cJSON_AddItemToObject(extra, "plan_keys", plan_keys_json(r));
	cJSON_AddItemToObject(extra, "files", files_now);
	return dlt_stream_open(r->o->results_dir, run_json(r, files, started), targets_json(r),
			       scenarios_json(r), extra, r->plan.n, err, errlen);
}

int dlt_run(struct dlt_run_opts *o)
{
	struct run r;
	memset(&r, 0, sizeof r);
	r.o = o;
	char err[4096];
	int code = 2;
	char *lib_dir = dlt_printf("%s/suites/lib", dlt_home());
	struct dlt_strlist files = {0};
	if (load_inputs(&r, err, sizeof err)) {
		fprintf(stderr, "dlt-interop: %s\n", err);
		goto out;
	}
	for (size_t i = 0; i < r.nnodes; i++)
		r.nodes[i].target->max_response = o->max_response;
	r.hcfg.lib_dir = lib_dir;
	r.hcfg.vectors = r.vectors;
	r.hcfg.openrpc = r.openrpc;
	r.hcfg.call_timeout = o->call_timeout;
	r.hcfg.schema_check = o->schema_check;
	r.hcfg.load_timeout = o->load_timeout;
	r.hcfg.max_memory_mb = o->max_memory_mb;
	r.hcfg.max_checks = o->max_checks;
	r.hcfg.max_log_lines = o->max_log_lines;
	r.hcfg.max_log_bytes = o->max_log_bytes;
	r.hcfg.max_message = o->max_message;
	r.hcfg.max_value = o->max_value;
	r.hcfg.max_stored = o->max_stored;
	if (o->suites.n == 0) {
		char *p = dlt_printf("%s/suites", dlt_home());
		dlt_strlist_add(&o->suites, p);
		free(p);
	}
	for (size_t i = 0; i < o->suites.n; i++) {
		if (!dlt_is_dir(o->suites.v[i]) && !dlt_is_file(o->suites.v[i])) {
			fprintf(stderr, "dlt-interop: --suite %s: no such file or folder\n", o->suites.v[i]);
			goto out;
		}
	}
	if (dlt_scenario_find_files(&o->suites, &files, err, sizeof err) != 0) {
		fprintf(stderr, "dlt-interop: %s\n", err);
		goto out;
	}
	if (files.n == 0) {
		fprintf(stderr, "dlt-interop: no scenario files (*.lua) under the given suites\n");
		goto out;
	}
	load_scenarios(&r, &files);
	struct dlt_plan_filter f = {&o->filters, o->shard_index, o->shard_count};
	dlt_plan_build(r.scen, r.nscen, r.nodes, r.nnodes, &f, &r.plan);
	if (check_filters(&r, err, sizeof err)) {
		fprintf(stderr, "dlt-interop: %s\n", err);
		goto out;
	}
	if (o->list_only) {
		code = o->coverage ? do_coverage(&r) : do_list(&r);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "dlt-interop: cannot write the plan to standard output: %s\n",
				strerror(errno));
			code = 2;
		}
		goto out;
	}
	if (r.plan.unplanned_multi && !o->quiet)
		fprintf(stderr, "dlt-interop: %zu multi-target scenario(s) not planned: their roles "
			"need more targets of a family than were given\n", r.plan.unplanned_multi);
	if (prepare_results_dir(&r, err, sizeof err)) {
		fprintf(stderr, "dlt-interop: %s\n", err);
		goto out;
	}
	r.taken = dlt_xcalloc(r.plan.n + 1, 1);
	r.busy = dlt_xcalloc(r.nnodes + 1, 1);
	r.todo = r.plan.n;
	cJSON *files_now = files_json(&r, &files);
	if (o->resume && check_resumed_plan(&r, files_now, err, sizeof err)) {
		fprintf(stderr, "dlt-interop: %s\n", err);
		cJSON_Delete(files_now);
		goto out;
	}

	double started = dlt_wall();
	dlt_launch_install_signals();
	dlt_abort_flag_set(&dlt_interrupted);
	launch_all(&r);
	probe_nodes(&r);
	if (o->resume && check_resumed_targets(&r, err, sizeof err)) {
		fprintf(stderr, "dlt-interop: %s\n", err);
		cJSON_Delete(files_now);
		goto out;
	}
	r.results = open_stream(&r, &files, started, files_now, err, sizeof err);
	if (!r.results) {
		fprintf(stderr, "dlt-interop: %s\n", err);
		goto out;
	}
	r.tty = isatty(2);
	if (o->resume && !o->quiet)
		fprintf(stderr, "dlt-interop: resuming %s: %zu of %zu planned items to run\n",
			o->results_dir, r.todo, r.plan.n);
	dlt_tap_plan(stdout, r.todo);
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.cv, NULL);
	int jobs = o->jobs > 0 ? o->jobs : 1;
	r.workers_running = jobs;
	struct worker *w = dlt_xcalloc((size_t)jobs, sizeof *w);
	for (int i = 0; i < jobs; i++) {
		w[i].r = &r;
		w[i].host = dlt_host_new(&r.hcfg);
		w[i].conns = dlt_xcalloc(r.nnodes + 1, sizeof *w[i].conns);
		w[i].conn_gen = dlt_xcalloc(r.nnodes + 1, sizeof *w[i].conn_gen);
		pthread_create(&w[i].th, NULL, worker_main, &w[i]);
	}
	for (int i = 0; i < jobs; i++)
		pthread_join(w[i].th, NULL);
	for (int i = 0; i < jobs; i++) {
		dlt_host_free(w[i].host);
		for (size_t t = 0; t < r.nnodes; t++)
			if (w[i].conns[t])
				r.nodes[t].ops->close(w[i].conns[t]);
		free(w[i].conns);
		free(w[i].conn_gen);
	}
	free(w);
	pthread_mutex_destroy(&r.mu);
	pthread_cond_destroy(&r.cv);
	if (r.tty && !o->quiet)
		fputs("\r\033[K", stderr);
	int interrupted = dlt_interrupted || r.write_error;
	if (dlt_interrupted && !r.write_error) {
		dlt_tap_comment(stdout, "interrupted: the plan did not finish");
		fprintf(stderr, "dlt-interop: interrupted after %zu of %zu results; stopping nodes\n",
			r.done, r.todo);
	}
	stop_all(&r);
	if (dlt_stream_finish(r.results, dlt_wall(), pair_matrix(&r), interrupted, err,
			      sizeof err)) {
		if (!r.write_error || strcmp(err, r.write_error) != 0)
			fprintf(stderr, "dlt-interop: %s\n", err);
		resume_hint(&r);
		goto out;
	}
	if (r.write_error) {
		resume_hint(&r);
		goto out;
	}
	if (!o->quiet)
		print_summary(&r);
	if (interrupted || dlt_stream_done(r.results) < r.plan.n)
		resume_hint(&r);
	const cJSON *s = dlt_stream_summary(r.results);
	int bad = 0;
	static const char *const failing[] = {"fail", "error", "inconclusive", "xpass",
		"launch-error", NULL};
	for (size_t i = 0; failing[i]; i++)
		bad += cJSON_GetObjectItemCaseSensitive(s, failing[i])->valueint;
	code = bad || interrupted || dlt_stream_done(r.results) < r.plan.n ? 1 : 0;
out:
	stop_all(&r);
	free_run(&r);
	dlt_strlist_free(&files);
	free(lib_dir);
	return code;
}
