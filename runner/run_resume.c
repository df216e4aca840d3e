/*
 * run_resume.c: the results folder of a run and the checks of a resumed one (see
 * run_internal.h; docs/results.md, "Resuming"). --results DIR is created and written to before
 * any node is launched; a folder holding an unfinished run is refused unless --overwrite, one
 * holding a finished run is replaced with a warning. A resumed run must be the same run: the
 * same files, the same plan, the same target versions; its items with a final verdict are
 * marked taken, so only the others run.
 */
#include "runner/run_internal.h"
#include "runner/home.h"
#include "runner/result_stream.h"
#include "runner/resume.h"
#include "runner/target.h"
#include "common/file.h"
#include "common/mem.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --results DIR is created and written to before any node is launched; a folder holding an
 * unfinished run is refused unless --overwrite, one holding a finished run is replaced with a
 * warning, and a resumed run must find an unfinished one. */
int dlt_run_prepare_results_dir(struct dlt_run_state *r, char *err, size_t errlen)
{
	const char *dir = r->o->results_dir;
	if (strlen(dir) + sizeof "/results.json.tmp" > PATH_MAX) {
		snprintf(err, errlen, "--results %.80s...: path longer than PATH_MAX (%d bytes)",
			 dir, PATH_MAX);
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
			snprintf(err, errlen, "--resume %s: nothing to resume: the folder holds %s",
				 dir, what);
			return -1;
		}
		return 0;
	}
	if (st == DLT_RESULTS_UNFINISHED && !r->o->overwrite) {
		snprintf(err, errlen,
			 "--results %s holds %s: finish it with 'dlt-interop run "
			 "--resume %s', or start a new run there with --overwrite",
			 dir, what, dir);
		return -1;
	}
	if (st != DLT_RESULTS_NONE)
		fprintf(stderr,
			"dlt-interop: warning: --results %s holds %s: it is replaced by this "
			"run\n",
			dir, what);
	return 0;
}

/* "a.lua changed, b.lua added" for up to three files that differ. */
static size_t files_differ(const cJSON *then, const cJSON *now, char *out, size_t outlen)
{
	size_t n = 0, len = 0;
	out[0] = '\0';
	const cJSON *f;
	cJSON_ArrayForEach (f, then) {
		const cJSON *g = cJSON_GetObjectItemCaseSensitive(now, f->string);
		if (g && cJSON_Compare(f, g, 1))
			continue;
		if (n++ < 3 && len < outlen)
			len += (size_t)snprintf(out + len, outlen - len, "%s%s %s", len ? ", " : "",
						dlt_relpath(f->string), g ? "changed" : "is gone");
	}
	cJSON_ArrayForEach (f, now) {
		if (cJSON_GetObjectItemCaseSensitive(then, f->string))
			continue;
		if (n++ < 3 && len < outlen)
			len += (size_t)snprintf(out + len, outlen - len, "%s%s is new",
						len ? ", " : "", dlt_relpath(f->string));
	}
	return n;
}

/* A resumed run must be the same run: the same files and the same plan. The items that
 * have a complete verdict are marked taken, so only the others run. */
int dlt_run_check_resumed_plan(struct dlt_run_state *r, const cJSON *files_now, char *err,
			       size_t errlen)
{
	const struct dlt_resume *prev = r->o->resume;
	const char *dir = r->o->resume_dir ? r->o->resume_dir : prev->dir;
	char what[1024];
	size_t n = files_differ(cJSON_GetObjectItemCaseSensitive(prev->start, "files"), files_now,
				what, sizeof what);
	if (n > 0) {
		snprintf(err, errlen,
			 "--resume %s: the suite changed since the run started (%s%s): "
			 "its results would mix two suites; restore the files, or start a new run "
			 "with --overwrite",
			 dir, what, n > 3 ? ", ..." : "");
		return -1;
	}
	const cJSON *keys = cJSON_GetObjectItemCaseSensitive(prev->start, "plan_keys");
	cJSON *now = dlt_run_plan_keys_json(r);
	int same = cJSON_Compare(keys, now, 1);
	cJSON_Delete(now);
	if (!same) {
		snprintf(err, errlen,
			 "--resume %s: the plan changed since the run started (%d items "
			 "then, %zu now): start a new run with --overwrite",
			 dir, cJSON_GetArraySize(keys), r->plan.n);
		return -1;
	}
	const cJSON *res;
	cJSON_ArrayForEach (res, prev->results) {
		if (!dlt_stream_result_final(res))
			continue;
		char *key = dlt_stream_result_key(res);
		size_t i = 0;
		while (i < r->plan.n && strcmp(r->plan.items[i].key, key) != 0)
			i++;
		if (i == r->plan.n) {
			snprintf(err, errlen,
				 "--resume %s: events.jsonl holds a result for %s, which is "
				 "not in the plan: the file was changed after the run wrote it",
				 dir, key);
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
int dlt_run_check_resumed_targets(const struct dlt_run_state *r, char *err, size_t errlen)
{
	const cJSON *then = cJSON_GetObjectItemCaseSensitive(r->o->resume->start, "targets");
	for (size_t i = 0; i < r->nnodes; i++) {
		const struct dlt_node *n = &r->nodes[i];
		const cJSON *v =
			n->info ? cJSON_GetObjectItemCaseSensitive(n->info, "version") : NULL;
		const cJSON *t;
		cJSON_ArrayForEach (t, then) {
			const cJSON *name = cJSON_GetObjectItemCaseSensitive(t, "name");
			const cJSON *tv = cJSON_GetObjectItemCaseSensitive(t, "version");
			if (!cJSON_IsString(name) || strcmp(name->valuestring, n->target->name) ||
			    !cJSON_IsString(tv) || !tv->valuestring[0] || !cJSON_IsString(v) ||
			    !v->valuestring[0] || !strcmp(v->valuestring, tv->valuestring))
				continue;
			snprintf(err, errlen,
				 "--resume %s: target %s is version %s now, %s when the run "
				 "started: start a new run with --overwrite",
				 r->o->results_dir, n->target->name, v->valuestring,
				 tv->valuestring);
			return -1;
		}
	}
	return 0;
}

void dlt_run_resume_hint(const struct dlt_run_state *r)
{
	fprintf(stderr,
		"dlt-interop: %zu of %zu planned results are recorded in %s; finish the "
		"run with: dlt-interop run --resume %s\n",
		r->results ? dlt_stream_done(r->results) : 0, r->plan.n, r->o->results_dir,
		r->o->resume_dir ? r->o->resume_dir : r->o->results_dir);
}
