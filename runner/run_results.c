/*
 * run_results.c: what a run writes about itself (see run_internal.h; docs/results.md): the
 * run object (id, tool, suite digest, times, shard, argv without credentials, host, jobs, the
 * resolved options --resume rebuilds the run from, the limits), the targets and scenarios,
 * the plan keys and file fingerprints of run_start, and the pair matrix results.json ends with.
 */
#include "runner/run_internal.h"
#include "config.h"
#include "runner/home.h"
#include "runner/result_stream.h"
#include "runner/target.h"
#include "runner/vectors.h"
#include "cert/suite.h"
#include "model/matrix.h"
#include "model/results.h"
#include "model/roadmap.h"
#include "common/json_bytes.h"
#include "common/clock.h"
#include "common/file.h"
#include "common/mem.h"
#include "common/strindex.h"
#include "common/strlist.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static cJSON *strlist_json(const struct dlt_strlist *l)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < l->n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(l->v[i]));
	return a;
}

static cJSON *targets_json(const struct dlt_run_state *r)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < r->nnodes; i++) {
		const struct dlt_node *n = &r->nodes[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", n->target->name);
		cJSON_AddStringToObject(o, "family", n->target->family);
		cJSON_AddStringToObject(o, "implementation", n->target->implementation);
		const cJSON *v =
			n->info ? cJSON_GetObjectItemCaseSensitive(n->info, "version") : NULL;
		cJSON_AddStringToObject(o, "version", cJSON_IsString(v) ? v->valuestring : "");
		v = n->info ? cJSON_GetObjectItemCaseSensitive(n->info, "client_version") : NULL;
		cJSON_AddStringToObject(o, "client_version",
					cJSON_IsString(v) ? v->valuestring : "");
		char *pub = dlt_target_public_url(n->target->url);
		cJSON_AddStringToObject(o, "url", pub);
		free(pub);
		/* started by the runner and answering; a target that could not be started has
		 * "launched": false and says why in "down" */
		cJSON_AddBoolToObject(o, "launched", n->target->launchable && n->launched);
		cJSON_AddStringToObject(o, "source", n->target->source);
		cJSON_AddItemToObject(o, "capabilities", strlist_json(&n->caps));
		if (n->target->chain)
			cJSON_AddStringToObject(o, "chain", n->target->chain);
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

static cJSON *scenarios_json(const struct dlt_run_state *r)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < r->nscen; i++) {
		const struct dlt_scenario *s = &r->scen[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", s->id);
		cJSON_AddStringToObject(o, "title", s->title);
		cJSON_AddStringToObject(o, "file", s->file);
		cJSON_AddStringToObject(o, "family", s->family);
		if (s->chain)
			cJSON_AddStringToObject(o, "chain", s->chain);
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

/* The .lua files of folder dir, sorted, appended to all. */
static void add_lua_files(const char *dir, struct dlt_strlist *all)
{
	struct dlt_strlist libs = { 0 };
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			size_t n = strlen(e->d_name);
			if (n > 4 && !strcmp(e->d_name + n - 4, ".lua")) {
				char *p = dlt_printf("%s/%s", dir, e->d_name);
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
	dlt_strlist_free(&libs);
}

static void suite_files(const struct dlt_run_state *r, const struct dlt_strlist *scenario_files,
			struct dlt_strlist *all)
{
	for (size_t i = 0; i < scenario_files->n; i++)
		dlt_strlist_add(all, scenario_files->v[i]);
	add_lua_files(r->hcfg.lib_dir, all);
	/* a suite's own modules (require looks there first: docs/scenarios.md) */
	for (size_t i = 0; i < r->o->suites.n; i++) {
		char *own = dlt_printf("%s/lib", r->o->suites.v[i]);
		char *a = realpath(own, NULL), *b = realpath(r->hcfg.lib_dir, NULL);
		if (a && dlt_is_dir(a) && (!b || strcmp(a, b) != 0))
			add_lua_files(own, all);
		free(a);
		free(b);
		free(own);
	}
	for (size_t i = 0; i < dlt_vectors_count(r->vectors); i++)
		dlt_strlist_add(all,
				dlt_vectors_file(r->vectors, dlt_vectors_id_at(r->vectors, i)));
	if (r->roadmap)
		dlt_strlist_add(all, dlt_roadmap_path(r->roadmap));
}

/* A command line as recorded: never with credentials given in a URL. */
static cJSON *argv_json(int argc, char **argv)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < argc; i++) {
		char *pub = strstr(argv[i], "://") ? dlt_target_public_url(argv[i])
						   : dlt_xstrdup(argv[i]);
		cJSON_AddItemToArray(a, cJSON_CreateString(pub));
		free(pub);
	}
	return a;
}

/* The run's options as resolved (run.options in docs/results.md): what --resume rebuilds the
 * run from, together with run.argv for every other option. */
static cJSON *options_json(const struct dlt_run_state *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "targets",
			      r->target_specs ? cJSON_Duplicate(r->target_specs, 1)
					      : cJSON_CreateArray());
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

static cJSON *run_json(const struct dlt_run_state *r, const struct dlt_strlist *scenario_files,
		       double started)
{
	cJSON *o = cJSON_CreateObject();
	char iso[32], id[64];
	dlt_iso8601(started, iso);
	unsigned rnd = (unsigned)getpid() ^ (unsigned)((started - (long)started) * 1e6);
	snprintf(id, sizeof id, "%.4s%.2s%.2sT%.2s%.2s%.2sZ-%04x", iso, iso + 5, iso + 8, iso + 11,
		 iso + 14, iso + 17, rnd & 0xffff);
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "tool", PACKAGE_STRING);
	struct dlt_strlist all = { 0 };
	suite_files(r, scenario_files, &all);
	char hash[65];
	dlt_hash_files(&all, hash);
	dlt_strlist_free(&all);
	cJSON_AddStringToObject(o, "suite_version", hash);
	/* the digest a certification bundle names (cert/suite.h, docs/certification.md) */
	char merr[512];
	cJSON *manifest = dlt_suite_manifest(dlt_home(), PACKAGE_STRING, merr, sizeof merr);
	const char *digest =
		cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(manifest, "digest"));
	if (digest)
		cJSON_AddStringToObject(o, "suite_digest", digest);
	else
		fprintf(stderr, "dlt-interop: warning: no suite digest: %s\n", merr);
	cJSON_Delete(manifest);
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

/* The plan keys as written into run_start (byte strings in their JSON form). */
cJSON *dlt_run_plan_keys_json(const struct dlt_run_state *r)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < r->plan.n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(r->plan.items[i].key));
	dlt_json_make_utf8(a);
	return a;
}

/* A fingerprint of every file the verdicts depend on: scenarios, helpers, vectors, roadmap,
 * target and expectation files. */
cJSON *dlt_run_files_json(const struct dlt_run_state *r, const struct dlt_strlist *scenario_files)
{
	struct dlt_strlist all = { 0 };
	suite_files(r, scenario_files, &all);
	for (size_t i = 0; i < r->expect_files.n; i++)
		dlt_strlist_add(&all, r->expect_files.v[i]);
	const cJSON *t;
	cJSON_ArrayForEach (t, r->target_specs) {
		const cJSON *spec = cJSON_GetObjectItemCaseSensitive(t, "spec");
		if (cJSON_IsString(spec) && !strstr(spec->valuestring, "://"))
			dlt_strlist_add(&all, spec->valuestring);
	}
	cJSON *o = cJSON_CreateObject();
	struct dlt_strindex seen = {
		0
	}; /* a lookup in o per file grew as the square of the files */
	for (size_t i = 0; i < all.n; i++) {
		/* by absolute path: a resumed run names the suites absolutely */
		char *abs = realpath(all.v[i], NULL);
		struct dlt_strlist one = { 0 };
		char hash[65];
		dlt_strlist_add(&one, abs ? abs : all.v[i]);
		dlt_hash_files(&one, hash);
		if (!dlt_strindex_get(&seen, one.v[0])) {
			cJSON *h = cJSON_AddStringToObject(o, one.v[0], hash);
			dlt_strindex_put(&seen, h->string, h);
		}
		dlt_strlist_free(&one);
		free(abs);
	}
	dlt_strindex_free(&seen);
	dlt_strlist_free(&all);
	dlt_json_make_utf8(o);
	return o;
}

struct dlt_stream *dlt_run_open_stream(struct dlt_run_state *r, const struct dlt_strlist *files,
				       double started, cJSON *files_now, char *err, size_t errlen)
{
	if (r->o->resume) {
		cJSON_Delete(files_now);
		return dlt_stream_resume(r->o->resume,
					 argv_json(r->o->session_argc, r->o->session_argv), err,
					 errlen);
	}
	cJSON *extra = cJSON_CreateObject();
	cJSON_AddItemToObject(extra, "plan_keys", dlt_run_plan_keys_json(r));
	cJSON_AddItemToObject(extra, "files", files_now);
	return dlt_stream_open(r->o->results_dir, run_json(r, files, started), targets_json(r),
			       scenarios_json(r), extra, r->plan.n, err, errlen);
}

/* The pair matrix, computed by the code `report` and `merge` use (reports/results.c), so a
 * run's results.json and a merged one agree in form and figures. */
cJSON *dlt_run_pair_matrix(const struct dlt_run_state *r)
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
