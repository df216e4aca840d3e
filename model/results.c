/*
 * results.c: the results model (see results.h): loads results.json files (docs/results.md),
 * validates what the reports rely on, and answers lookups (targets, scenarios, result keys and
 * labels, the verdict a result means for one of its targets, outcomes compared, the summary).
 * Required members are checked with file and JSON path in every message; optional members are
 * checked only for their type when present, so readers stay compatible with runners that add
 * members. The pair matrix is computed in matrix.c, merging is in merge.c.
 */
#include "model/results.h"
#include "common/buf.h"
#include "common/json_text.h"
#include "common/json_bytes.h"
#include "common/mem.h"
#include "common/file.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const VERDICTS[] = { "pass",         "fail",  "skip",  "error",
					"inconclusive", "xfail", "xpass", "launch-error" };

const char *dlt_json_str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

int dlt_verdict_valid(const char *v)
{
	for (size_t i = 0; v && i < sizeof(VERDICTS) / sizeof(VERDICTS[0]); i++)
		if (!strcmp(v, VERDICTS[i]))
			return 1;
	return 0;
}

int dlt_verdict_passed(const char *v)
{
	return v && (!strcmp(v, "pass") || !strcmp(v, "xpass"));
}

static const char *type_name(const cJSON *v)
{
	if (!v)
		return "missing";
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "a boolean";
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsObject(v))
		return "an object";
	return "invalid";
}

static void brief(const cJSON *v, char *buf, size_t len)
{
	char *s = dlt_json_brief(v, 60, 0);

	snprintf(buf, len, "%s", s ? s : "a value");
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = '?';
	free(s);
}

/* ---- validation ---- */

struct vctx {
	const char *file;
	char *err;
	size_t errlen;
};

static const cJSON *need(struct vctx *c, const cJSON *o, const char *key, const char *path,
			 int type)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	const char *want = type == cJSON_String  ? "a non-empty string"
			   : type == cJSON_Array ? "an array"
						 : "an object";

	if (!v) {
		snprintf(c->err, c->errlen, "%s: %s: missing required member \"%s\"", c->file, path,
			 key);
		return NULL;
	}
	if ((type == cJSON_String && (!cJSON_IsString(v) || !v->valuestring[0])) ||
	    (type == cJSON_Array && !cJSON_IsArray(v)) ||
	    (type == cJSON_Object && !cJSON_IsObject(v))) {
		snprintf(c->err, c->errlen, "%s: %s.%s: must be %s, not %s", c->file, path, key,
			 want, cJSON_IsString(v) ? "an empty string" : type_name(v));
		return NULL;
	}
	return v;
}

/* Optional member of the given type (or null when nullable). */
static int opt(struct vctx *c, const cJSON *o, const char *key, const char *path, int type,
	       int nullable)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	int ok;

	if (!v || (nullable && cJSON_IsNull(v)))
		return 0;
	ok = (type == cJSON_String && cJSON_IsString(v)) ||
	     (type == cJSON_Number && cJSON_IsNumber(v)) ||
	     (type == cJSON_Array && cJSON_IsArray(v)) ||
	     (type == cJSON_Object && cJSON_IsObject(v)) || (type == cJSON_True && cJSON_IsBool(v));
	if (!ok) {
		snprintf(c->err, c->errlen, "%s: %s.%s: must be %s%s, not %s", c->file, path, key,
			 type == cJSON_String   ? "a string"
			 : type == cJSON_Number ? "a number"
			 : type == cJSON_Array  ? "an array"
			 : type == cJSON_Object ? "an object"
						: "a boolean",
			 nullable ? " or null" : "", type_name(v));
		return -1;
	}
	return 0;
}

static int string_array(struct vctx *c, const cJSON *o, const char *key, const char *path)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, key), *it;
	size_t i = 0;

	if (!arr || cJSON_IsNull(arr))
		return 0;
	if (!cJSON_IsArray(arr)) {
		snprintf(c->err, c->errlen, "%s: %s.%s: must be an array of strings, not %s",
			 c->file, path, key, type_name(arr));
		return -1;
	}
	cJSON_ArrayForEach (it, arr) {
		if (!cJSON_IsString(it)) {
			snprintf(c->err, c->errlen, "%s: %s.%s[%zu]: must be a string, not %s",
				 c->file, path, key, i, type_name(it));
			return -1;
		}
		i++;
	}
	return 0;
}

static int check_run(struct vctx *c, const cJSON *run)
{
	const cJSON *shard;

	if (!need(c, run, "id", "$.run", cJSON_String) ||
	    !need(c, run, "suite_version", "$.run", cJSON_String))
		return -1;
	if (opt(c, run, "tool", "$.run", cJSON_String, 0) ||
	    opt(c, run, "started", "$.run", cJSON_String, 1) ||
	    opt(c, run, "finished", "$.run", cJSON_String, 1) ||
	    opt(c, run, "shard", "$.run", cJSON_Object, 1))
		return -1;
	shard = cJSON_GetObjectItemCaseSensitive(run, "shard");
	if (cJSON_IsObject(shard)) {
		const cJSON *i = cJSON_GetObjectItemCaseSensitive(shard, "index");
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(shard, "count");

		if (!cJSON_IsNumber(i) || !cJSON_IsNumber(n) || i->valueint < 1 ||
		    n->valueint < 1 || i->valueint > n->valueint) {
			snprintf(c->err, c->errlen,
				 "%s: $.run.shard: must be {\"index\": I, \"count\": N} "
				 "with 1 <= I <= N",
				 c->file);
			return -1;
		}
	}
	return 0;
}

static int check_targets(struct vctx *c, const cJSON *targets)
{
	const cJSON *t;
	size_t i = 0;
	char path[64];

	cJSON_ArrayForEach (t, targets) {
		const cJSON *name;

		snprintf(path, sizeof(path), "$.targets[%zu]", i);
		if (!cJSON_IsObject(t)) {
			snprintf(c->err, c->errlen, "%s: %s: must be an object, not %s", c->file,
				 path, type_name(t));
			return -1;
		}
		if (!(name = need(c, t, "name", path, cJSON_String)) ||
		    !need(c, t, "family", path, cJSON_String))
			return -1;
		if (opt(c, t, "implementation", path, cJSON_String, 1) ||
		    opt(c, t, "version", path, cJSON_String, 1) ||
		    opt(c, t, "client_version", path, cJSON_String, 1) ||
		    opt(c, t, "url", path, cJSON_String, 1) ||
		    string_array(c, t, "capabilities", path))
			return -1;
		for (const cJSON *u = targets->child; u != t; u = u->next)
			if (!strcmp(dlt_json_str(u, "name"), name->valuestring)) {
				snprintf(c->err, c->errlen, "%s: %s.name: duplicate target \"%s\"",
					 c->file, path, name->valuestring);
				return -1;
			}
		i++;
	}
	return 0;
}

static int check_scenarios(struct vctx *c, const cJSON *scenarios)
{
	const cJSON *s;
	size_t i = 0;
	char path[64];

	struct dlt_strindex seen = { 0 };

	cJSON_ArrayForEach (s, scenarios) {
		const cJSON *id, *roles;

		snprintf(path, sizeof(path), "$.scenarios[%zu]", i);
		if (!cJSON_IsObject(s)) {
			snprintf(c->err, c->errlen, "%s: %s: must be an object, not %s", c->file,
				 path, type_name(s));
			return -1;
		}
		if (!(id = need(c, s, "id", path, cJSON_String)) ||
		    !need(c, s, "family", path, cJSON_String))
			goto fail;
		if (opt(c, s, "title", path, cJSON_String, 1) ||
		    opt(c, s, "file", path, cJSON_String, 1) ||
		    string_array(c, s, "roadmap", path) || string_array(c, s, "vectors", path) ||
		    string_array(c, s, "requires", path))
			goto fail;
		roles = cJSON_GetObjectItemCaseSensitive(s, "roles");
		if (roles && !cJSON_IsNull(roles) && !cJSON_IsObject(roles) &&
		    string_array(c, s, "roles", path))
			goto fail;
		if (!dlt_strindex_put(&seen, id->valuestring, (void *)s)) {
			snprintf(c->err, c->errlen, "%s: %s.id: duplicate scenario \"%s\"", c->file,
				 path, id->valuestring);
			goto fail;
		}
		i++;
	}
	dlt_strindex_free(&seen);
	return 0;
fail:
	dlt_strindex_free(&seen);
	return -1;
}

static int check_checks(struct vctx *c, const cJSON *res, const char *path)
{
	const cJSON *checks = cJSON_GetObjectItemCaseSensitive(res, "checks"), *k;
	size_t i = 0;
	char cp[96];

	if (!checks || cJSON_IsNull(checks))
		return 0;
	if (!cJSON_IsArray(checks)) {
		snprintf(c->err, c->errlen, "%s: %s.checks: must be an array, not %s", c->file,
			 path, type_name(checks));
		return -1;
	}
	cJSON_ArrayForEach (k, checks) {
		const cJSON *ok;

		snprintf(cp, sizeof(cp), "%s.checks[%zu]", path, i);
		if (!cJSON_IsObject(k)) {
			snprintf(c->err, c->errlen, "%s: %s: must be an object, not %s", c->file,
				 cp, type_name(k));
			return -1;
		}
		ok = cJSON_GetObjectItemCaseSensitive(k, "ok");
		if (!cJSON_IsBool(ok)) {
			snprintf(c->err, c->errlen, "%s: %s.ok: must be a boolean, not %s", c->file,
				 cp, type_name(ok));
			return -1;
		}
		if (opt(c, k, "label", cp, cJSON_String, 1) ||
		    opt(c, k, "kind", cp, cJSON_String, 1) ||
		    opt(c, k, "target", cp, cJSON_String, 1) ||
		    opt(c, k, "where", cp, cJSON_String, 1) ||
		    opt(c, k, "diff", cp, cJSON_Array, 1))
			return -1;
		i++;
	}
	return 0;
}

static int check_result(struct vctx *c, struct dlt_results *r, const cJSON *res, size_t i)
{
	char path[64], b[80];
	const cJSON *sc, *tg, *v, *role, *iv, *dv;

	snprintf(path, sizeof(path), "$.results[%zu]", i);
	if (!cJSON_IsObject(res)) {
		snprintf(c->err, c->errlen, "%s: %s: must be an object, not %s", c->file, path,
			 type_name(res));
		return -1;
	}
	if (!(sc = need(c, res, "scenario", path, cJSON_String)))
		return -1;
	if (!dlt_results_scenario(r, sc->valuestring)) {
		brief(sc, b, sizeof(b));
		snprintf(c->err, c->errlen, "%s: %s.scenario: %s is not listed in $.scenarios",
			 c->file, path, b);
		return -1;
	}
	if (!(tg = need(c, res, "targets", path, cJSON_Object)))
		return -1;
	if (!tg->child) {
		snprintf(c->err, c->errlen, "%s: %s.targets: must name at least one target",
			 c->file, path);
		return -1;
	}
	cJSON_ArrayForEach (role, tg) {
		if (!cJSON_IsString(role)) {
			snprintf(c->err, c->errlen,
				 "%s: %s.targets.%s: must be a target name, not %s", c->file, path,
				 role->string, type_name(role));
			return -1;
		}
		if (!dlt_results_target(r, role->valuestring)) {
			brief(role, b, sizeof(b));
			snprintf(c->err, c->errlen,
				 "%s: %s.targets.%s: %s is not listed in $.targets", c->file, path,
				 role->string, b);
			return -1;
		}
	}
	if (!(v = need(c, res, "verdict", path, cJSON_String)))
		return -1;
	if (!dlt_verdict_valid(v->valuestring)) {
		brief(v, b, sizeof(b));
		snprintf(c->err, c->errlen,
			 "%s: %s.verdict: %s is not one of pass, fail, skip, error, "
			 "inconclusive, xfail, xpass, launch-error",
			 c->file, path, b);
		return -1;
	}
	iv = cJSON_GetObjectItemCaseSensitive(res, "interop_verdict");
	if (iv && !cJSON_IsNull(iv) &&
	    !(cJSON_IsString(iv) &&
	      (!strcmp(iv->valuestring, "agree") || !strcmp(iv->valuestring, "diverge")))) {
		brief(iv, b, sizeof(b));
		snprintf(c->err, c->errlen,
			 "%s: %s.interop_verdict: %s is not \"agree\", \"diverge\" or "
			 "null",
			 c->file, path, b);
		return -1;
	}
	dv = cJSON_GetObjectItemCaseSensitive(res, "divergences");
	if (opt(c, res, "reason", path, cJSON_String, 1) ||
	    opt(c, res, "expected_verdict", path, cJSON_String, 1) ||
	    opt(c, res, "duration_ms", path, cJSON_Number, 1) ||
	    opt(c, res, "divergences", path, cJSON_Array, 1) ||
	    opt(c, res, "log", path, cJSON_Array, 1) || check_checks(c, res, path))
		return -1;
	if (cJSON_IsArray(dv)) {
		const cJSON *d;
		size_t j = 0;

		cJSON_ArrayForEach (d, dv) {
			if (!cJSON_IsObject(d)) {
				snprintf(c->err, c->errlen,
					 "%s: %s.divergences[%zu]: must be an object, not %s",
					 c->file, path, j, type_name(d));
				return -1;
			}
			j++;
		}
	}
	return 0;
}

static const char *const OUTCOME_KEYS[] = { "verdict", "expected_verdict", "interop_verdict",
					    "protocol_verdicts" };

/* The first verdict member on which a and b differ, as "verdict fail vs pass"; "" if none.
 * Check labels, values and reasons are not compared: they may carry transaction hashes, times
 * and counts that differ between runs reaching the same verdicts. Absent and null are alike;
 * protocol_verdicts are compared only when both results have them (older runners wrote
 * none). */
void dlt_result_outcome_difference(const cJSON *a, const cJSON *b, char *out, size_t outlen)
{
	out[0] = '\0';
	for (size_t i = 0; i < sizeof(OUTCOME_KEYS) / sizeof(OUTCOME_KEYS[0]); i++) {
		const cJSON *x = cJSON_GetObjectItemCaseSensitive(a, OUTCOME_KEYS[i]);
		const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, OUTCOME_KEYS[i]);
		int xa = !x || cJSON_IsNull(x), ya = !y || cJSON_IsNull(y);
		char bx[80] = "null", by[80] = "null";

		if ((xa && ya) || (!strcmp(OUTCOME_KEYS[i], "protocol_verdicts") && (xa || ya)))
			continue;
		if (x && y && cJSON_Compare(x, y, 1))
			continue;
		if (x && !cJSON_IsNull(x))
			brief(x, bx, sizeof(bx));
		if (y && !cJSON_IsNull(y))
			brief(y, by, sizeof(by));
		snprintf(out, outlen, "%s %s vs %s", OUTCOME_KEYS[i], bx, by);
		return;
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Two things make a document ambiguous, anywhere in the file: a member name that appears twice
 * in one object (readers take the first, and cJSON_Compare matches each member with the first
 * of that name) and a number beyond a double (1e999 reads as infinity, which cJSON_Compare
 * finds unequal to itself); a result holding either would not even have the same outcome as
 * itself. Both are refused with the JSON path. */
static int ambiguous(struct vctx *c, const cJSON *v, char *path, size_t len, size_t cap)
{
	size_t n = 0, i = 0;
	const cJSON *m;
	int rc = 0;

	if (cJSON_IsNumber(v) && !isfinite(v->valuedouble)) {
		snprintf(c->err, c->errlen, "%s: %s: the number is too large for a double", c->file,
			 path);
		return -1;
	}
	cJSON_ArrayForEach (m, v)
		n++;
	if (cJSON_IsObject(v) && n > 1) {
		const char **names = dlt_xcalloc(n, sizeof(*names));

		cJSON_ArrayForEach (m, v)
			names[i++] = m->string ? m->string : "";
		qsort(names, n, sizeof(*names), cmp_str);
		for (i = 1; i < n && !rc; i++)
			if (!strcmp(names[i - 1], names[i])) {
				snprintf(c->err, c->errlen,
					 "%s: %s: member \"%.60s\" appears twice", c->file, path,
					 names[i]);
				rc = -1;
			}
		free(names);
		if (rc)
			return rc;
	}
	i = 0;
	cJSON_ArrayForEach (m, v) {
		int w = cJSON_IsObject(v)
				? snprintf(path + len, cap - len, ".%s", m->string ? m->string : "")
				: snprintf(path + len, cap - len, "[%zu]", i);
		size_t nl = len + (w > 0 ? (size_t)w : 0);

		if (nl >= cap)
			nl = cap - 1;
		rc = ambiguous(c, m, path, nl, cap);
		path[len] = '\0';
		if (rc)
			return rc;
		i++;
	}
	return 0;
}

/* Results with the same key: identical outcomes are folded, different ones refused. */
static int dedupe_results(struct vctx *c, struct dlt_results *r)
{
	size_t n = (size_t)cJSON_GetArraySize(r->results), i;
	struct item {
		char *key;
		size_t idx;
	} * items;
	int rc = 0;

	if (n < 2)
		return 0;
	items = dlt_xcalloc(n, sizeof(*items));
	/* the results by index: cJSON_GetArrayItem walks the list from its start */
	cJSON **at = dlt_xcalloc(n, sizeof(*at));
	cJSON *it;

	i = 0;
	cJSON_ArrayForEach (it, r->results)
		at[i++] = it;
	for (i = 0; i < n; i++) {
		items[i].key = dlt_result_key(at[i]);
		items[i].idx = i;
	}
	qsort(items, n, sizeof(*items), cmp_str);
	for (i = 1; i < n && !rc; i++) {
		if (strcmp(items[i].key, items[i - 1].key))
			continue;
		size_t a = items[i - 1].idx < items[i].idx ? items[i - 1].idx : items[i].idx;
		size_t b = items[i - 1].idx < items[i].idx ? items[i].idx : items[i - 1].idx;

		if (!dlt_result_same_outcome(at[a], at[b])) {
			char what[200];

			dlt_result_outcome_difference(at[b], at[a], what, sizeof(what));
			snprintf(c->err, c->errlen,
				 "%s: $.results[%zu]: duplicate of $.results[%zu] (%s) "
				 "with different verdicts (%s)",
				 c->file, b, a, items[i].key, what);
			rc = -1;
		}
	}
	if (!rc) {
		/* drop identical duplicates: mark by index, delete from the end */
		char *drop = dlt_xcalloc(n, 1);

		for (i = 1; i < n; i++)
			if (!strcmp(items[i].key, items[i - 1].key))
				drop[items[i - 1].idx > items[i].idx ? items[i - 1].idx
								     : items[i].idx] = 1;
		for (i = n; i-- > 0;)
			if (drop[i])
				cJSON_Delete(cJSON_DetachItemViaPointer(r->results, at[i]));
		free(drop);
	}
	for (i = 0; i < n; i++)
		free(items[i].key);
	free(items);
	free(at);
	return rc;
}

/* Byte strings (docs/results.md, "Byte strings"): raw bytes that are not UTF-8 (a results.json
 * of an older runner) get the {"$bytes": hex} form first; then, wherever the reports need text
 * (ids, names, labels, reasons, file names, log lines), {"$bytes": hex} becomes the text
 * "$bytes:<hex>", the form member names take. Values a node or a scenario produced (expected,
 * actual, a, b, info) keep their JSON form: renderers show them as JSON. */
static void bytes_as_text(cJSON *v)
{
	for (cJSON *c = v ? v->child : NULL; c; c = c->next) {
		if (c->string && (!strcmp(c->string, "expected") || !strcmp(c->string, "actual") ||
				  !strcmp(c->string, "a") || !strcmp(c->string, "b") ||
				  !strcmp(c->string, "info")))
			continue;
		const cJSON *h = cJSON_IsObject(c) && c->child && !c->child->next
					 ? cJSON_GetObjectItemCaseSensitive(c, DLT_JSON_BYTES_KEY)
					 : NULL;
		if (cJSON_IsString(h)) {
			size_t n = strlen(h->valuestring);
			char *text = dlt_xmalloc(sizeof DLT_JSON_BYTES_KEY + 1 + n);

			memcpy(text, DLT_JSON_BYTES_KEY ":", sizeof DLT_JSON_BYTES_KEY);
			memcpy(text + sizeof DLT_JSON_BYTES_KEY, h->valuestring, n + 1);
			cJSON_Delete(c->child);
			c->child = NULL;
			c->type = cJSON_String | (c->type & cJSON_StringIsConst);
			c->valuestring = text;
		} else if (cJSON_IsObject(c) || cJSON_IsArray(c))
			bytes_as_text(c);
	}
}

static const cJSON *const no_results[1] = { NULL };

static void index_named(struct dlt_strindex *x, const cJSON *arr, const char *key);

void dlt_results_unindex(struct dlt_results *r)
{
	dlt_strindex_free(&r->target_index);
	dlt_strindex_free(&r->scenario_index);
	dlt_strindex_free(&r->results_index);
	free(r->groups);
	r->groups = NULL;
}

void dlt_results_index(struct dlt_results *r)
{
	const cJSON *it;
	size_t nscen, nres, k = 0, at = 0;

	dlt_results_unindex(r);
	index_named(&r->target_index, r->targets, "name");
	index_named(&r->scenario_index, r->scenarios, "id");
	nscen = (size_t)cJSON_GetArraySize(r->scenarios);
	nres = (size_t)cJSON_GetArraySize(r->results);
	/* per distinct scenario id: how many results, then where its list starts in groups */
	size_t *count = dlt_xcalloc(nscen + 1, sizeof *count);
	size_t *next = dlt_xcalloc(nscen + 1, sizeof *next);
	struct dlt_strindex slot = { 0 };

	cJSON_ArrayForEach (it, r->scenarios) {
		const char *id = dlt_json_str(it, "id");

		if (id && dlt_strindex_put(&slot, id, &count[k]))
			k++;
	}
	cJSON_ArrayForEach (it, r->results) {
		size_t *c = dlt_strindex_get(&slot, dlt_json_str(it, "scenario"));

		if (c)
			(*c)++;
	}
	/* each list is followed by a NULL (groups is zeroed) */
	r->groups = dlt_xcalloc(nres + k + 1, sizeof *r->groups);
	for (size_t i = 0; i < k; i++) {
		next[i] = at;
		at += count[i] + 1;
	}
	cJSON_ArrayForEach (it, r->results) {
		size_t *c = dlt_strindex_get(&slot, dlt_json_str(it, "scenario"));

		if (c)
			r->groups[next[c - count]++] = it;
	}
	for (size_t i = 0; i < slot.cap; i++)
		if (slot.keys[i]) {
			size_t g = (size_t)((size_t *)slot.vals[i] - count);

			dlt_strindex_put(&r->results_index, slot.keys[i],
					 (void *)&r->groups[next[g] - count[g]]);
		}
	dlt_strindex_free(&slot);
	free(count);
	free(next);
}

const cJSON *const *dlt_results_of_scenario(const struct dlt_results *r, const char *id)
{
	const cJSON *const *g = dlt_strindex_get(&r->results_index, id);

	return g ? g : no_results;
}

/* Index the elements of arr by their string member key (the first of a name wins, as
 * dlt_json_find_named finds it). */
static void index_named(struct dlt_strindex *x, const cJSON *arr, const char *key)
{
	const cJSON *it;

	cJSON_ArrayForEach (it, arr) {
		const char *s = dlt_json_str(it, key);

		if (s)
			dlt_strindex_put(x, s, (void *)it);
	}
}

int dlt_results_from_json(cJSON *json, const char *source, struct dlt_results **out, char *err,
			  size_t errlen)
{
	struct vctx c = { source ? source : "results", err, errlen };
	struct dlt_results *r;
	const cJSON *fmt, *it;
	size_t i = 0;
	char b[80];

	*out = NULL;
	if (!cJSON_IsObject(json)) {
		snprintf(err, errlen, "%s: $: results must be a JSON object, not %s", c.file,
			 type_name(json));
		cJSON_Delete(json);
		return -1;
	}
	r = dlt_xcalloc(1, sizeof(*r));
	r->path = dlt_xstrdup(c.file);
	r->json = json;
	dlt_json_make_utf8(json);
	bytes_as_text(json);
	dlt_redact_tree(json);
	{
		char path[256] = "$";

		if (ambiguous(&c, json, path, 1, sizeof(path)))
			goto fail;
	}
	fmt = cJSON_GetObjectItemCaseSensitive(json, "format");
	if (!fmt) {
		snprintf(err, errlen, "%s: $: missing required member \"format\" (\"%s\")", c.file,
			 DLT_RESULTS_FORMAT);
		goto fail;
	}
	if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, DLT_RESULTS_FORMAT)) {
		brief(fmt, b, sizeof(b));
		snprintf(err, errlen, "%s: $.format: %s is not \"%s\"", c.file, b,
			 DLT_RESULTS_FORMAT);
		goto fail;
	}
	if (!(r->run = (cJSON *)need(&c, json, "run", "$", cJSON_Object)) || check_run(&c, r->run))
		goto fail;
	if (!(r->targets = (cJSON *)need(&c, json, "targets", "$", cJSON_Array)) ||
	    check_targets(&c, r->targets))
		goto fail;
	if (!(r->scenarios = (cJSON *)need(&c, json, "scenarios", "$", cJSON_Array)) ||
	    check_scenarios(&c, r->scenarios))
		goto fail;
	index_named(&r->target_index, r->targets, "name");
	index_named(&r->scenario_index, r->scenarios, "id");
	if (!(r->results = (cJSON *)need(&c, json, "results", "$", cJSON_Array)))
		goto fail;
	cJSON_ArrayForEach (it, r->results) {
		if (check_result(&c, r, it, i))
			goto fail;
		i++;
	}
	if (opt(&c, json, "summary", "$", cJSON_Object, 1) ||
	    opt(&c, json, "matrix", "$", cJSON_Object, 1))
		goto fail;
	if (dedupe_results(&c, r))
		goto fail;
	dlt_results_index(r);
	*out = r;
	return 0;
fail:
	dlt_results_free(r);
	return -1;
}

int dlt_results_load(const char *path, struct dlt_results **out, char *err, size_t errlen)
{
	size_t len = 0;
	char *buf;
	const char *end = NULL;
	cJSON *json;

	*out = NULL;
	if (!(buf = dlt_read_file(path, &len, err, errlen)))
		return -1;
	json = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
	if (!json) {
		int line = 1, col = 1;
		size_t off = end && end >= buf ? (size_t)(end - buf) : 0;

		for (size_t i = 0; i < off && i < len; i++) {
			if (buf[i] == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
		}
		snprintf(err, errlen, "%s:%d:%d: not valid JSON", path, line, col);
		free(buf);
		return -1;
	}
	free(buf);
	return dlt_results_from_json(json, path, out, err, errlen);
}

void dlt_results_free(struct dlt_results *r)
{
	if (!r)
		return;
	cJSON_Delete(r->json);
	free(r->path);
	dlt_results_unindex(r);
	free(r);
}

const cJSON *dlt_json_find_named(const cJSON *arr, const char *key, const char *val)
{
	const cJSON *it;

	if (!val)
		return NULL;
	cJSON_ArrayForEach (it, arr) {
		const char *s = dlt_json_str(it, key);

		if (s && !strcmp(s, val))
			return it;
	}
	return NULL;
}

const cJSON *dlt_results_target(const struct dlt_results *r, const char *name)
{
	/* a struct built by hand (model/merge.c) has no index */
	return r->target_index.cap ? dlt_strindex_get(&r->target_index, name)
				   : dlt_json_find_named(r->targets, "name", name);
}

const cJSON *dlt_results_scenario(const struct dlt_results *r, const char *id)
{
	return r->scenario_index.cap ? dlt_strindex_get(&r->scenario_index, id)
				     : dlt_json_find_named(r->scenarios, "id", id);
}

const char *dlt_results_target_family(const struct dlt_results *r, const char *name)
{
	const char *f = dlt_json_str(dlt_results_target(r, name), "family");

	return f ? f : "";
}

cJSON *dlt_results_scenario_roles(const struct dlt_results *r, const cJSON *scen)
{
	const cJSON *roles = cJSON_GetObjectItemCaseSensitive(scen, "roles"), *res, *t;
	const char *id = dlt_json_str(scen, "id");
	cJSON *names, *fams;
	int mixed = 0;

	if ((cJSON_IsArray(roles) && cJSON_GetArraySize(roles) > 0) ||
	    (cJSON_IsObject(roles) && roles->child))
		return cJSON_Duplicate(roles, 1);
	names = cJSON_CreateArray();
	fams = cJSON_CreateObject();
	for (const cJSON *const *g = dlt_results_of_scenario(r, id); (res = *g); g++) {
		cJSON_ArrayForEach (t, cJSON_GetObjectItemCaseSensitive(res, "targets")) {
			const char *fam = dlt_results_target_family(r, t->valuestring);
			const char *prev = dlt_json_str(fams, t->string);

			if (!cJSON_GetObjectItemCaseSensitive(fams, t->string)) {
				cJSON_AddItemToArray(names, cJSON_CreateString(t->string));
				cJSON_AddStringToObject(fams, t->string, fam);
			} else if (prev && strcmp(prev, fam)) {
				/* one role, targets of several families: a family-"any" role */
				cJSON_ReplaceItemInObjectCaseSensitive(fams, t->string,
								       cJSON_CreateString("any"));
			}
		}
	}
	if (!cJSON_GetArraySize(names))
		cJSON_AddItemToArray(names, cJSON_CreateString("node"));
	if (cJSON_GetArraySize(names) > 1) {
		const char *first = dlt_json_str(fams, fams->child->string);

		cJSON_ArrayForEach (t, fams)
			if (strcmp(t->valuestring, first))
				mixed = 1;
	}
	if (mixed) {
		cJSON_Delete(names);
		return fams;
	}
	cJSON_Delete(fams);
	return names;
}

char *dlt_result_key(const cJSON *result)
{
	const cJSON *tg = cJSON_GetObjectItemCaseSensitive(result, "targets"), *t;
	const char *sc = dlt_json_str(result, "scenario");
	size_t n = 0, i = 0;
	const cJSON **roles;
	struct dlt_buf b;

	cJSON_ArrayForEach (t, tg)
		n++;
	roles = dlt_xcalloc(n ? n : 1, sizeof(*roles));
	cJSON_ArrayForEach (t, tg)
		roles[i++] = t;
	/* insertion sort by role name */
	for (i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(roles[j - 1]->string, roles[j]->string) > 0;
		     j--) {
			const cJSON *x = roles[j];

			roles[j] = roles[j - 1];
			roles[j - 1] = x;
		}
	dlt_buf_init(&b);
	dlt_buf_puts(&b, sc ? sc : "");
	dlt_buf_puts(&b, "|");
	for (i = 0; i < n; i++)
		dlt_buf_printf(&b, "%s%s=%s", i ? "," : "", roles[i]->string,
			       cJSON_IsString(roles[i]) ? roles[i]->valuestring : "");
	free(roles);
	return dlt_buf_take(&b);
}

char *dlt_result_targets_label(const cJSON *result)
{
	const cJSON *tg = cJSON_GetObjectItemCaseSensitive(result, "targets"), *t;
	struct dlt_buf b;
	int n = cJSON_GetArraySize(tg), i = 0;

	dlt_buf_init(&b);
	cJSON_ArrayForEach (t, tg) {
		const char *name = cJSON_IsString(t) ? t->valuestring : "";

		if (n == 1)
			dlt_buf_puts(&b, name);
		else
			dlt_buf_printf(&b, "%s%s=%s", i ? " " : "", t->string, name);
		i++;
	}
	return dlt_buf_take(&b);
}

int dlt_result_has_target(const cJSON *result, const char *target)
{
	const cJSON *t;

	cJSON_ArrayForEach (t, cJSON_GetObjectItemCaseSensitive(result, "targets"))
		if (cJSON_IsString(t) && !strcmp(t->valuestring, target))
			return 1;
	return 0;
}

const char *dlt_result_verdict_for(const cJSON *result, const char *target)
{
	const char *v = dlt_json_str(result, "verdict");
	const cJSON *k, *pv = cJSON_GetObjectItemCaseSensitive(result, "protocol_verdicts");
	int failed = 0, others_only = 1;

	if (!v || (strcmp(v, "fail") && strcmp(v, "xfail")))
		return v ? v : "error";
	if (cJSON_IsObject(pv) && pv->child) {
		/* the runner's per-side protocol verdicts: this side passes when its own protocol
		 * verdict is pass, the interop verdict is not diverge, and another side failed
		 * (else the failure is nobody's in particular and counts for every side) */
		const char *mine = dlt_json_str(pv, target),
			   *iv = dlt_json_str(result, "interop_verdict");
		int other_failed = 0;

		cJSON_ArrayForEach (k, pv)
			if (k->string && strcmp(k->string, target) && cJSON_IsString(k) &&
			    !strcmp(k->valuestring, "fail"))
				other_failed = 1;
		return mine && !strcmp(mine, "pass") && !(iv && !strcmp(iv, "diverge")) &&
				       other_failed
			       ? "pass"
			       : v;
	}
	/* results without protocol_verdicts: attribute by the failed checks' kind and target */
	cJSON_ArrayForEach (k, cJSON_GetObjectItemCaseSensitive(result, "checks")) {
		const char *kind = dlt_json_str(k, "kind"), *t = dlt_json_str(k, "target");

		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(k, "ok")))
			continue;
		failed++;
		if ((kind && !strcmp(kind, "interop")) || !t || !strcmp(t, target))
			others_only = 0;
	}
	return failed && others_only ? "pass" : v;
}

int dlt_result_same_outcome(const cJSON *a, const cJSON *b)
{
	char what[200];

	dlt_result_outcome_difference(a, b, what, sizeof(what));
	return what[0] == '\0';
}

cJSON *dlt_results_summary(const struct dlt_results *r)
{
	cJSON *s = cJSON_CreateObject(), *it;
	double counts[sizeof(VERDICTS) / sizeof(VERDICTS[0])] = { 0 };
	double total = 0;

	if (!s)
		return NULL;
	cJSON_ArrayForEach (it, r->results) {
		const char *v = dlt_json_str(it, "verdict");

		for (size_t i = 0; v && i < sizeof(VERDICTS) / sizeof(VERDICTS[0]); i++)
			if (!strcmp(v, VERDICTS[i]))
				counts[i]++;
		total++;
	}
	cJSON_AddNumberToObject(s, "total", total);
	for (size_t i = 0; i < sizeof(VERDICTS) / sizeof(VERDICTS[0]); i++)
		cJSON_AddNumberToObject(s, VERDICTS[i], counts[i]);
	return s;
}
