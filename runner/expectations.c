/*
 * expectations.c: reading expectation files and applying them to results (see
 * expectations.h and docs/expectations.md).
 */
#include "runner/expectations.h"
#include "common/mem.h"
#include "common/file.h"
#include "runner/home.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *target, *scenario, *verdict, *reason, *link, *with;
};

struct dlt_expectations {
	struct entry *v;
	size_t n, cap;
};

struct dlt_expectations *dlt_expectations_new(void)
{
	return dlt_xcalloc(1, sizeof(struct dlt_expectations));
}

static const char *member(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int dlt_expectations_load(struct dlt_expectations *e, const char *path, char *err, size_t errlen)
{
	cJSON *doc = dlt_load_json_file(path, err, errlen);
	if (!doc)
		return -1;
	const char *file = dlt_relpath(path);
	int rc = -1;
	const char *target = member(doc, "target");
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "expectations");
	if (!cJSON_IsObject(doc)) {
		snprintf(err, errlen, "%s: $: must be an object", file);
		goto out;
	}
	if (!target) {
		snprintf(err, errlen, "%s: $.target: missing (the target name the file is about)",
			 file);
		goto out;
	}
	if (!cJSON_IsArray(list)) {
		snprintf(err, errlen, "%s: $.expectations: must be an array", file);
		goto out;
	}
	int i = 0;
	const cJSON *x;
	cJSON_ArrayForEach (x, list) {
		const char *sc = member(x, "scenario"), *v = member(x, "verdict");
		const char *reason = member(x, "reason");
		if (!cJSON_IsObject(x) || !sc) {
			snprintf(err, errlen, "%s: $.expectations[%d].scenario: missing", file, i);
			goto out;
		}
		if (!v || (strcmp(v, "fail") && strcmp(v, "error") && strcmp(v, "inconclusive") &&
			   strcmp(v, "skip") && strcmp(v, "pass"))) {
			snprintf(err, errlen,
				 "%s: $.expectations[%d].verdict: one of fail, error, "
				 "inconclusive, skip, pass",
				 file, i);
			goto out;
		}
		if (!reason || !*reason) {
			snprintf(err, errlen, "%s: $.expectations[%d].reason: missing (say why)",
				 file, i);
			goto out;
		}
		if (e->n == e->cap) {
			e->cap = e->cap ? e->cap * 2 : 16;
			e->v = dlt_xrealloc(e->v, e->cap * sizeof *e->v);
		}
		struct entry *en = &e->v[e->n++];
		en->target = dlt_xstrdup(target);
		en->scenario = dlt_xstrdup(sc);
		en->verdict = dlt_xstrdup(v);
		en->reason = dlt_xstrdup(reason);
		en->link = dlt_xstrdup(member(x, "link"));
		en->with = dlt_xstrdup(member(x, "with"));
		i++;
	}
	rc = 0;
out:
	cJSON_Delete(doc);
	return rc;
}

static int is_failure(const char *v)
{
	return !strcmp(v, "fail") || !strcmp(v, "error") || !strcmp(v, "inconclusive");
}

/* The first entry that applies to a scenario run on these targets, or NULL. */
static const struct entry *find(const struct dlt_expectations *e, const char *scenario,
				const char *const *targets, int ntargets)
{
	for (size_t i = 0; e && i < e->n; i++) {
		const struct entry *en = &e->v[i];
		if (fnmatch(en->scenario, scenario, 0) != 0)
			continue;
		int has = 0, with = !en->with;
		for (int t = 0; t < ntargets; t++) {
			has |= !strcmp(targets[t], en->target);
			if (en->with)
				with |= !strcmp(targets[t], en->with);
		}
		if (has && with)
			return en;
	}
	return NULL;
}

const char *dlt_expectations_lookup(const struct dlt_expectations *e, const char *scenario,
				    const char *const *targets, int ntargets, const char **verdict)
{
	const struct entry *en = find(e, scenario, targets, ntargets);
	if (verdict)
		*verdict = en ? en->verdict : NULL;
	return en ? en->reason : NULL;
}

void dlt_expectations_apply(const struct dlt_expectations *e, cJSON *result, const char *scenario,
			    const char *const *targets, int ntargets)
{
	const struct entry *en = find(e, scenario, targets, ntargets);
	if (en) {
		cJSON *v = cJSON_GetObjectItemCaseSensitive(result, "verdict");
		const char *actual = v->valuestring;
		cJSON_DeleteItemFromObject(result, "expected_verdict");
		cJSON_AddStringToObject(result, "expected_verdict", en->verdict);
		if (en->link)
			cJSON_AddStringToObject(result, "expectation_link", en->link);
		const char *nv = NULL;
		if (is_failure(en->verdict) && !strcmp(actual, en->verdict))
			nv = "xfail";
		else if (is_failure(en->verdict) && !strcmp(actual, "pass"))
			nv = "xpass";
		if (nv) {
			cJSON_SetValuestring(v, nv);
			cJSON *r = cJSON_GetObjectItemCaseSensitive(result, "reason");
			char *text =
				dlt_printf("%s%s%s", en->reason, cJSON_IsString(r) ? " | " : "",
					   cJSON_IsString(r) ? r->valuestring : "");
			cJSON_DeleteItemFromObject(result, "reason");
			cJSON_AddStringToObject(result, "reason", text);
			free(text);
		}
	}
}

size_t dlt_expectations_count(const struct dlt_expectations *e)
{
	return e ? e->n : 0;
}

int dlt_expectations_has_target(const struct dlt_expectations *e, const char *target)
{
	for (size_t i = 0; e && i < e->n; i++)
		if (!strcmp(e->v[i].target, target))
			return 1;
	return 0;
}

size_t dlt_expectations_alias(struct dlt_expectations *e, const char *implementation,
			      const char *alias)
{
	if (!e || !strcmp(implementation, alias) || dlt_expectations_has_target(e, alias))
		return 0;
	size_t n = e->n, added = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(e->v[i].target, implementation) != 0)
			continue;
		if (e->n == e->cap) {
			e->cap = e->cap ? e->cap * 2 : 16;
			e->v = dlt_xrealloc(e->v, e->cap * sizeof *e->v);
		}
		const struct entry *src = &e->v[i];
		struct entry *en = &e->v[e->n++];
		en->target = dlt_xstrdup(alias);
		en->scenario = dlt_xstrdup(src->scenario);
		en->verdict = dlt_xstrdup(src->verdict);
		en->reason = dlt_xstrdup(src->reason);
		en->link = dlt_xstrdup(src->link);
		en->with = dlt_xstrdup(src->with);
		added++;
	}
	return added;
}

char *dlt_expectations_file_target(const char *path)
{
	char err[512];
	cJSON *doc = dlt_load_json_file(path, err, sizeof err);
	char *t = dlt_xstrdup(member(doc, "target"));
	cJSON_Delete(doc);
	return t;
}

void dlt_expectations_free(struct dlt_expectations *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->n; i++) {
		free(e->v[i].target);
		free(e->v[i].scenario);
		free(e->v[i].verdict);
		free(e->v[i].reason);
		free(e->v[i].link);
		free(e->v[i].with);
	}
	free(e->v);
	free(e);
}
