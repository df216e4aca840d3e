/*
 * merge.c: merging results sets (see merge.h), in four phases, each a function of its own:
 *   1. read and check the inputs (read_inputs): at least one, all of one suite version; what
 *      the merged run says of them (ids, files, hosts, times, shards) is gathered;
 *   2. join (join_inputs): targets by name, scenarios by id, results by scenario x targets
 *      key, input by input; the first of each is kept, every later one is an overlap;
 *   3. resolve the overlaps (resolve_overlaps), in the order they were met: a target must have
 *      the same family, implementation and version, a scenario the same definition, a result
 *      the same outcome; an overlap that agrees is folded, the first that does not is the error;
 *   4. build the merged document (build_document): format, run (merged_from, shards_missing),
 *      the joined lists, summary and matrix recomputed, then validated as any results.json.
 */
#include "model/merge.h"
#include "model/matrix.h"
#include "common/buf.h"
#include "common/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A target, scenario or result met again in a later input. */
struct overlap {
	enum { OVER_TARGET, OVER_SCENARIO, OVER_RESULT } kind;
	size_t file; /* the input it is in */
	const cJSON *item; /* it, in that input */
	int idx; /* its index in that input's list */
	size_t joined; /* the index of the one kept (results only) */
};

/* Where a joined result came from, for messages. */
struct origin {
	char *key;
	size_t file;
	int idx;
};

struct merge {
	struct dlt_results *const *in;
	size_t n;
	/* phase 1: what the merged run says of its inputs */
	const char *suite_version, *started, *finished;
	struct dlt_buf id, name; /* "id1+id2", "file1 + file2" */
	cJSON *merged_from;
	int shard_count, shard_mixed;
	int *seen_shard; /* the shard indexes of the inputs, nseen of them */
	size_t nseen;
	/* phase 2: the joined lists, and what was met again */
	cJSON *targets, *scenarios, *results;
	struct origin *orig; /* one per joined result */
	size_t norig, origcap;
	struct overlap *over;
	size_t nover, overcap;
};

/* ---- phase 1: read and check the inputs ---- */

static int read_inputs(struct merge *m, char *err, size_t errlen)
{
	if (!m->n) {
		snprintf(err, errlen, "merge: no results files given");
		return -1;
	}
	m->suite_version = dlt_json_str(m->in[0]->run, "suite_version");
	for (size_t i = 1; i < m->n; i++) {
		const char *s2 = dlt_json_str(m->in[i]->run, "suite_version");

		if (strcmp(m->suite_version, s2)) {
			snprintf(
				err, errlen,
				"%s: $.run.suite_version \"%s\" differs from %s: "
				"$.run.suite_version \"%s\": results of different suites cannot be "
				"merged",
				m->in[i]->path, s2, m->in[0]->path, m->suite_version);
			return -1;
		}
	}
	m->merged_from = cJSON_CreateArray();
	for (size_t i = 0; i < m->n; i++) {
		const cJSON *r = m->in[i]->run,
			    *shard = cJSON_GetObjectItemCaseSensitive(r, "shard");
		const char *s = dlt_json_str(r, "started"), *f = dlt_json_str(r, "finished");
		cJSON *e = cJSON_CreateObject();

		dlt_buf_printf(&m->id, "%s%s", i ? "+" : "", dlt_json_str(r, "id"));
		dlt_buf_printf(&m->name, "%s%s", i ? " + " : "", m->in[i]->path);
		if (s && (!m->started || strcmp(s, m->started) < 0))
			m->started = s;
		if (f && (!m->finished || strcmp(f, m->finished) > 0))
			m->finished = f;
		cJSON_AddStringToObject(e, "file", m->in[i]->path);
		cJSON_AddStringToObject(e, "id", dlt_json_str(r, "id"));
		if (dlt_json_str(r, "host"))
			cJSON_AddStringToObject(e, "host", dlt_json_str(r, "host"));
		if (cJSON_IsObject(shard)) {
			int idx = cJSON_GetObjectItemCaseSensitive(shard, "index")->valueint;
			int cnt = cJSON_GetObjectItemCaseSensitive(shard, "count")->valueint;

			cJSON_AddItemToObject(e, "shard", cJSON_Duplicate(shard, 1));
			if (!m->shard_count) {
				m->shard_count = cnt;
				m->seen_shard = dlt_xcalloc(m->n, sizeof(*m->seen_shard));
			} else if (cnt != m->shard_count) {
				m->shard_mixed = 1;
			}
			if (idx <= m->shard_count)
				m->seen_shard[m->nseen++] = idx;
		}
		cJSON_AddItemToArray(m->merged_from, e);
	}
	return 0;
}

/* ---- phase 2: join ---- */

static void add_overlap(struct merge *m, int kind, size_t file, const cJSON *item, int idx,
			size_t joined)
{
	if (m->nover == m->overcap) {
		m->overcap = m->overcap ? m->overcap * 2 : 16;
		m->over = dlt_xrealloc(m->over, m->overcap * sizeof(*m->over));
	}
	m->over[m->nover++] = (struct overlap){ kind, file, item, idx, joined };
}

/* Join the members of one list (targets by "name", scenarios by "id") of input i. */
static void join_named(struct merge *m, size_t i, const cJSON *list, cJSON *joined, const char *key,
		       int kind)
{
	const cJSON *it;
	int idx = 0;

	cJSON_ArrayForEach (it, list) {
		if (dlt_json_find_named(joined, key, dlt_json_str(it, key)))
			add_overlap(m, kind, i, it, idx, 0);
		else
			cJSON_AddItemToArray(joined, cJSON_Duplicate(it, 1));
		idx++;
	}
}

/* Join the results of input i by their key. */
static void join_results(struct merge *m, size_t i)
{
	const cJSON *it;
	int idx = 0;

	cJSON_ArrayForEach (it, m->in[i]->results) {
		char *key = dlt_result_key(it);
		size_t k;

		for (k = 0; k < m->norig; k++)
			if (!strcmp(m->orig[k].key, key))
				break;
		if (k < m->norig) {
			add_overlap(m, OVER_RESULT, i, it, idx, k);
			free(key);
		} else {
			if (m->norig == m->origcap) {
				m->origcap = m->origcap ? m->origcap * 2 : 64;
				m->orig = dlt_xrealloc(m->orig, m->origcap * sizeof(*m->orig));
			}
			m->orig[m->norig++] = (struct origin){ key, i, idx };
			cJSON_AddItemToArray(m->results, cJSON_Duplicate(it, 1));
		}
		idx++;
	}
}

static void join_inputs(struct merge *m)
{
	m->targets = cJSON_CreateArray();
	m->scenarios = cJSON_CreateArray();
	m->results = cJSON_CreateArray();
	for (size_t i = 0; i < m->n; i++) {
		join_named(m, i, m->in[i]->targets, m->targets, "name", OVER_TARGET);
		join_named(m, i, m->in[i]->scenarios, m->scenarios, "id", OVER_SCENARIO);
		join_results(m, i);
	}
}

/* ---- phase 3: resolve the overlaps ---- */

/* 1 when two definitions of a target agree; else 0 and what differs in what. */
static int same_target(const cJSON *a, const cJSON *b, char *what, size_t wl)
{
	static const char *const keys[] = { "family", "implementation", "version" };

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *x = dlt_json_str(a, keys[i]), *y = dlt_json_str(b, keys[i]);

		if ((x || y) && (!x || !y || strcmp(x, y))) {
			snprintf(what, wl, "%s \"%s\" vs \"%s\"", keys[i], x ? x : "(none)",
				 y ? y : "(none)");
			return 0;
		}
	}
	return 1;
}

/* The first input before `before` whose list (targets or scenarios) has key = val. */
static size_t first_with(const struct merge *m, size_t before, int kind, const char *key,
			 const char *val)
{
	size_t j;

	for (j = 0; j < before; j++)
		if (dlt_json_find_named(kind == OVER_TARGET ? m->in[j]->targets
							    : m->in[j]->scenarios,
					key, val))
			break;
	return j;
}

static int resolve_overlap(const struct merge *m, const struct overlap *o, char *err, size_t errlen)
{
	const char *path = m->in[o->file]->path;
	char what[256];

	if (o->kind == OVER_TARGET) {
		const char *nm = dlt_json_str(o->item, "name");

		if (same_target(dlt_json_find_named(m->targets, "name", nm), o->item, what,
				sizeof(what)))
			return 0;
		snprintf(err, errlen,
			 "%s: $.targets[%d]: target \"%s\" differs from the one in %s "
			 "(%s): rename one of them",
			 path, o->idx, nm,
			 m->in[first_with(m, o->file, OVER_TARGET, "name", nm)]->path, what);
		return -1;
	}
	if (o->kind == OVER_SCENARIO) {
		const char *sid = dlt_json_str(o->item, "id");

		if (cJSON_Compare(dlt_json_find_named(m->scenarios, "id", sid), o->item, 1))
			return 0;
		snprintf(err, errlen,
			 "%s: $.scenarios[%d]: scenario \"%s\" is defined differently "
			 "in %s",
			 path, o->idx, sid,
			 m->in[first_with(m, o->file, OVER_SCENARIO, "id", sid)]->path);
		return -1;
	}
	const cJSON *prev = cJSON_GetArrayItem(m->results, (int)o->joined);
	const struct origin *from = &m->orig[o->joined];

	if (dlt_result_same_outcome(prev, o->item))
		return 0;
	dlt_result_outcome_difference(o->item, prev, what, sizeof(what));
	snprintf(err, errlen,
		 "%s: $.results[%d]: %s was also run in %s: $.results[%d] with "
		 "different verdicts (%s)",
		 path, o->idx, from->key, m->in[from->file]->path, from->idx, what);
	return -1;
}

static int resolve_overlaps(const struct merge *m, char *err, size_t errlen)
{
	for (size_t i = 0; i < m->nover; i++)
		if (resolve_overlap(m, &m->over[i], err, errlen))
			return -1;
	return 0;
}

/* ---- phase 4: build the merged document ---- */

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* run.shards_missing: the first DLT_SHARDS_MISSING_LISTED missing indexes, and
 * run.shards_missing_count when there are more (the work depends on the inputs, not on the
 * count a file claims). Only when the inputs are shards of one count. */
static void add_missing_shards(struct merge *m, cJSON *run)
{
	cJSON *missing;
	size_t distinct = 0, j = 0, listed = 0;

	if (!m->shard_count || m->shard_mixed)
		return;
	missing = cJSON_CreateArray();
	qsort(m->seen_shard, m->nseen, sizeof(*m->seen_shard), cmp_int);
	for (size_t k = 0; k < m->nseen; k++)
		distinct += !k || m->seen_shard[k] != m->seen_shard[k - 1];
	for (int k = 1; k <= m->shard_count && listed < DLT_SHARDS_MISSING_LISTED; k++) {
		while (j < m->nseen && m->seen_shard[j] < k)
			j++;
		if (j < m->nseen && m->seen_shard[j] == k)
			continue;
		cJSON_AddItemToArray(missing, cJSON_CreateNumber(k));
		listed++;
	}
	if (cJSON_GetArraySize(missing))
		cJSON_AddItemToObject(run, "shards_missing", missing);
	else
		cJSON_Delete(missing);
	if ((size_t)m->shard_count - distinct > listed)
		cJSON_AddNumberToObject(run, "shards_missing_count",
					(double)((size_t)m->shard_count - distinct));
}

static cJSON *build_run(struct merge *m)
{
	cJSON *run = cJSON_CreateObject();

	cJSON_AddStringToObject(run, "id", dlt_buf_str(&m->id));
	if (dlt_json_str(m->in[0]->run, "tool"))
		cJSON_AddStringToObject(run, "tool", dlt_json_str(m->in[0]->run, "tool"));
	cJSON_AddStringToObject(run, "suite_version", m->suite_version);
	if (m->started)
		cJSON_AddStringToObject(run, "started", m->started);
	if (m->finished)
		cJSON_AddStringToObject(run, "finished", m->finished);
	cJSON_AddItemToObject(run, "merged_from", m->merged_from);
	m->merged_from = NULL;
	add_missing_shards(m, run);
	return run;
}

/* The document (the joined lists are taken over), validated as results.json is. */
static int build_document(struct merge *m, struct dlt_results **out, char *err, size_t errlen)
{
	cJSON *doc = cJSON_CreateObject(), *run, *mx;

	cJSON_AddStringToObject(doc, "format", DLT_RESULTS_FORMAT);
	run = build_run(m);
	cJSON_AddItemToObject(doc, "run", run);
	cJSON_AddItemToObject(doc, "targets", m->targets);
	cJSON_AddItemToObject(doc, "scenarios", m->scenarios);
	cJSON_AddItemToObject(doc, "results", m->results);
	{
		struct dlt_results tmp = { .json = doc,
					   .run = run,
					   .targets = m->targets,
					   .scenarios = m->scenarios,
					   .results = m->results };

		dlt_results_index(&tmp);
		m->targets = m->scenarios = m->results = NULL;
		cJSON_AddItemToObject(doc, "summary", dlt_results_summary(&tmp));
		mx = dlt_results_matrix(&tmp);
		dlt_results_unindex(&tmp);
	}
	/* families without interop verdicts keep a matrix given by an input */
	for (size_t i = 0; mx && i < m->n; i++) {
		cJSON *fam;

		cJSON_ArrayForEach (fam, cJSON_GetObjectItemCaseSensitive(m->in[i]->json, "matrix"))
			if (fam->string && !cJSON_GetObjectItemCaseSensitive(mx, fam->string))
				cJSON_AddItemToObject(mx, fam->string, cJSON_Duplicate(fam, 1));
	}
	cJSON_AddItemToObject(doc, "matrix", mx);
	return dlt_results_from_json(doc, dlt_buf_str(&m->name), out, err, errlen);
}

static void merge_free(struct merge *m)
{
	dlt_buf_free(&m->id);
	dlt_buf_free(&m->name);
	cJSON_Delete(m->merged_from);
	free(m->seen_shard);
	cJSON_Delete(m->targets);
	cJSON_Delete(m->scenarios);
	cJSON_Delete(m->results);
	for (size_t i = 0; i < m->norig; i++)
		free(m->orig[i].key);
	free(m->orig);
	free(m->over);
}

int dlt_results_merge(struct dlt_results *const *in, size_t n, struct dlt_results **out, char *err,
		      size_t errlen)
{
	struct merge m;
	int rc;

	*out = NULL;
	memset(&m, 0, sizeof(m));
	m.in = in;
	m.n = n;
	dlt_buf_init(&m.id);
	dlt_buf_init(&m.name);
	rc = read_inputs(&m, err, errlen);
	if (rc == 0) {
		join_inputs(&m);
		rc = resolve_overlaps(&m, err, errlen);
	}
	if (rc == 0)
		rc = build_document(&m, out, err, errlen);
	merge_free(&m);
	return rc;
}
