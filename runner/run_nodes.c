/*
 * run_nodes.c: the nodes of a run (see run_internal.h). Launchable targets are forked on the
 * main thread (Linux ties the parent-death signal to the forking thread) and their readiness
 * is awaited in parallel; every node is then asked its info with the call timeout. A node that
 * exited during a scenario is started again (at most 5 times); one that cannot be is down, and
 * its remaining items get launch-error. Launched nodes are stopped on every way out.
 */
#include "runner/run_internal.h"
#include "runner/launcher.h"
#include "runner/target.h"
#include "common/mem.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void dlt_run_launch_all(struct dlt_run_state *r)
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

void dlt_run_probe_nodes(struct dlt_run_state *r)
{
	for (size_t i = 0; i < r->nnodes; i++) {
		struct dlt_node *n = &r->nodes[i];
		if (n->down)
			continue;
		struct dlt_conn *c = NULL;
		struct dlt_err e = { 0 };
		if (dlt_target_open(n->ops, n->target, &c, &e) == 0) {
			n->ops->set_timeout(c, (long)(r->o->call_timeout * 1000));
			if (n->ops->info && n->ops->info(c, &n->info, &e) != 0) {
				char *pub = dlt_target_public_url(n->target->url);
				n->down = dlt_printf(
					"target %s (%s) did not answer its info call: %s",
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

/* Start again a launched node that exited during a scenario (at most 5 times in a run). When
 * it cannot be started, the items still planned on it get launch-error: they did not run,
 * which says nothing of the implementation's conformance beyond the failure already recorded
 * (docs/results.md). Called by the worker that holds the target. */
int dlt_run_restart_node(struct dlt_run_state *r, struct dlt_node *n)
{
	struct dlt_target *t = n->target;
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
				     "started again: %s",
				     t->name, tried ? err : "it was restarted 5 times already");
		n->launch_failed = 1;
	}
	pthread_mutex_unlock(&r->mu);
	return ok;
}

void dlt_run_stop_all(struct dlt_run_state *r)
{
	for (size_t i = 0; i < r->nnodes; i++)
		if (r->nodes[i].launched || r->nodes[i].target->pid > 0) {
			dlt_launch_stop(r->nodes[i].target, r->o->keep_nodes);
			r->nodes[i].launched = 0;
		}
}
