/*
 * run_inputs.c: what a run reads before it plans (see run_internal.h): the vectors, the
 * roadmap and the execution-apis specification (a malformed file stops the run with exit 2
 * before any node starts), the targets, the expectation files (those given, or those named
 * after the targets), and the scenario files, described in one Lua state and checked against
 * the vectors and the roadmap (a file that fails becomes a scenario with a load error).
 */
#include "runner/run_internal.h"
#include "runner/attach.h"
#include "runner/expectations.h"
#include "runner/home.h"
#include "runner/vectors.h"
#include "schema/openrpc.h"
#include "model/roadmap.h"
#include "common/file.h"
#include "common/mem.h"
#include "common/strindex.h"
#include "common/strlist.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void remember_expect(struct dlt_run_state *r, const char *path)
{
	char *abs = realpath(path, NULL);
	dlt_strlist_add(&r->expect_files, abs ? abs : path);
	free(abs);
}

int dlt_run_load_inputs(struct dlt_run_state *r, char *err, size_t errlen)
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
	if (dlt_run_resolve_targets(r, err, errlen) || dlt_run_attach_prepare(r, err, errlen))
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

static void derive_family(struct dlt_scenario *s)
{
	static const char *const fams[] = { "ethereum", "bitcoin", "monero", "common", NULL };
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

/* Describing files on several threads, each with its own host (as the workers run): files
 * are taken in turn from a shared counter. */
struct describing {
	struct dlt_run_state *r;
	const struct dlt_strlist *files;
	pthread_mutex_t mu;
	size_t next;
};

static void *describe_thread(void *arg)
{
	struct describing *d = arg;
	struct dlt_host *h = dlt_host_new(&d->r->hcfg);
	for (;;) {
		pthread_mutex_lock(&d->mu);
		size_t i = d->next++;
		pthread_mutex_unlock(&d->mu);
		if (i >= d->files->n)
			break;
		dlt_host_describe(h, d->files->v[i], dlt_relpath(d->files->v[i]), &d->r->scen[i]);
	}
	dlt_host_free(h);
	return NULL;
}

/* Threads for describing: one per online core (at most 8), none beyond one per 64 files. */
static int describe_threads(size_t nfiles)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = cores > 1 ? (size_t)cores : 1;
	if (n > 8)
		n = 8;
	if (n > nfiles / 64 + 1)
		n = nfiles / 64 + 1;
	return (int)n;
}

void dlt_run_load_scenarios(struct dlt_run_state *r, const struct dlt_strlist *files)
{
	r->scen = dlt_xcalloc(files->n + 1, sizeof *r->scen);
	r->nscen = files->n;
	struct describing d = { .r = r, .files = files };
	pthread_mutex_init(&d.mu, NULL);
	int nth = describe_threads(files->n);
	pthread_t th[8];
	int started = 0;
	for (int k = 1; k < nth; k++)
		if (pthread_create(&th[started], NULL, describe_thread, &d) == 0)
			started++;
	describe_thread(&d);
	for (int k = 0; k < started; k++)
		pthread_join(th[k], NULL);
	pthread_mutex_destroy(&d.mu);
	/* then, in file order, what depends on the other files: duplicate ids */
	struct dlt_strindex ids = { 0 }; /* id -> the scenario that has it first */
	for (size_t i = 0; i < files->n; i++) {
		struct dlt_scenario *s = &r->scen[i];
		if (!s->load_error) {
			for (size_t j = 0; j < s->vectors.n && !s->load_error; j++)
				if (!dlt_vectors_get(r->vectors, s->vectors.v[j]))
					s->load_error =
						dlt_printf("%s: scenario.vectors: no vector file "
							   "with id \"%s\"",
							   s->file, s->vectors.v[j]);
			for (size_t j = 0; r->roadmap && j < s->roadmap.n && !s->load_error; j++)
				if (!dlt_roadmap_requirement(r->roadmap, s->roadmap.v[j]))
					s->load_error = dlt_printf(
						"%s: scenario.roadmap: unknown requirement "
						"id \"%s\" (not in %s)",
						s->file, s->roadmap.v[j],
						dlt_relpath(dlt_roadmap_path(r->roadmap)));
			const struct dlt_scenario *first = dlt_strindex_get(&ids, s->id);
			if (!s->load_error && first) {
				s->load_error =
					dlt_printf("%s: scenario.id \"%s\" is already used by %s",
						   s->file, s->id, first->file);
				/* results.json lists every scenario once by id (report and merge
				 * refuse duplicates): this one goes under its file's name */
				free(s->id);
				s->id = NULL;
			} else if (!s->load_error)
				dlt_strindex_put(&ids, s->id, s);
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
	dlt_strindex_free(&ids);
}
