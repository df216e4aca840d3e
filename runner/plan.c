/*
 * plan.c: building the plan (see plan.h). Single-role scenarios run on every target of their
 * family; scenarios with roles run on every combination of distinct targets that fills the
 * roles (for {"a","b"} of one family: every ordered pair). Items keep scenario order, then
 * target order, so a plan is reproducible; sharding hashes the item key, so an item's shard
 * does not change when other scenarios are added. Chains: see plan.h.
 */
#include "runner/plan.h"
#include "common/mem.h"
#include "common/strindex.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int dlt_plan_family_matches(const char *role_family, const char *target_family)
{
	return !strcmp(role_family, "any") || !strcmp(role_family, target_family);
}

int dlt_plan_chain_matches(const char *scenario_chain, const struct dlt_target *t)
{
	if (t->chain_unknown)
		return 1;
	if (!scenario_chain || !t->chain)
		return !scenario_chain && !t->chain;
	return !strcmp(scenario_chain, t->chain);
}

/* Count a scenario left out on a target for its chain (when --filter would have kept its id). */
static void left_out(struct dlt_plan *plan, const struct dlt_plan_filter *f,
		     const struct dlt_scenario *s, int target)
{
	int match = !f->patterns || f->patterns->n == 0;
	for (size_t i = 0; !match && i < f->patterns->n; i++)
		match = fnmatch(f->patterns->v[i], s->id, 0) == 0;
	if (!match)
		return;
	for (size_t i = 0; i < plan->nleft_out; i++) {
		struct dlt_plan_left_out *l = &plan->left_out[i];
		if (l->target == target &&
		    (l->chain == s->chain ||
		     (l->chain && s->chain && !strcmp(l->chain, s->chain)))) {
			l->scenarios++;
			return;
		}
	}
	plan->left_out =
		dlt_xrealloc(plan->left_out, (plan->nleft_out + 1) * sizeof *plan->left_out);
	plan->left_out[plan->nleft_out++] =
		(struct dlt_plan_left_out){ target, s->chain, 1, s->id };
}

/* A whole number from an environment variable or --shard, within [min, max]. */
static int whole(const char *s, long min, long max, long *out)
{
	if (!s || !*s || strlen(s) > 10)
		return -1;
	long v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int dlt_plan_shard_auto(const char *spec, int *index, int *count, char *err, size_t errlen)
{
	long n = 0, i, total;
	if (spec[4] == '/' && whole(spec + 5, 1, INT_MAX, &n)) {
		snprintf(err, errlen, "expected auto or auto/N with N a whole number from 1 to %d",
			 INT_MAX);
		return -1;
	}
	const char *gi = getenv("CI_NODE_INDEX"), *gt = getenv("CI_NODE_TOTAL");
	const char *k = getenv("JOB_COMPLETION_INDEX");
	if (gi || gt) {
		if (whole(gt, 1, INT_MAX, &total)) {
			snprintf(err, errlen,
				 "CI_NODE_TOTAL=%.40s: expected a whole number from 1 to "
				 "%d (GitLab's parallel sets it with CI_NODE_INDEX)",
				 gt ? gt : "(unset)", INT_MAX);
			return -1;
		}
		if (whole(gi, 1, total, &i)) {
			snprintf(err, errlen,
				 "CI_NODE_INDEX=%.40s: expected a whole number from 1 to "
				 "CI_NODE_TOTAL (%ld)",
				 gi ? gi : "(unset)", total);
			return -1;
		}
		if (n && n != total) {
			snprintf(err, errlen,
				 "the count given (%ld) differs from CI_NODE_TOTAL (%ld)", n,
				 total);
			return -1;
		}
	} else if (k) {
		if (!n) {
			snprintf(err, errlen,
				 "JOB_COMPLETION_INDEX=%.40s is set but not the number of "
				 "shards: give it as --shard auto/N (the Job's completions)",
				 k);
			return -1;
		}
		if (whole(k, 0, n - 1, &i)) {
			snprintf(err, errlen,
				 "JOB_COMPLETION_INDEX=%.40s: expected a whole number from 0 "
				 "to %ld (N - 1)",
				 k, n - 1);
			return -1;
		}
		i++;
		total = n;
	} else {
		snprintf(
			err, errlen,
			"none of CI_NODE_INDEX/CI_NODE_TOTAL (GitLab parallel) or "
			"JOB_COMPLETION_INDEX (Kubernetes Indexed Job) is set; elsewhere (a GitHub "
			"Actions matrix) give --shard I/N");
		return -1;
	}
	*index = (int)i;
	*count = (int)total;
	return 0;
}

int dlt_plan_shard_of(const char *key, int count)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		h ^= *p;
		h *= 16777619u;
	}
	return (int)(h % (uint32_t)count) + 1;
}

/* Whether an item is kept; counts, for every pattern, the items it matches (so a pattern that
 * matches nothing can be named), whatever the shard. */
static int wanted(struct dlt_plan *plan, const struct dlt_plan_filter *f, const char *id,
		  const char *key)
{
	plan->unfiltered++;
	int match = !f->patterns || f->patterns->n == 0;
	for (size_t i = 0; f->patterns && i < f->patterns->n; i++)
		if (fnmatch(f->patterns->v[i], id, 0) == 0 ||
		    fnmatch(f->patterns->v[i], key, 0) == 0) {
			plan->filter_hits[i]++;
			match = 1;
		}
	if (f->shard_count > 1 && dlt_plan_shard_of(key, f->shard_count) != f->shard_index)
		return 0;
	return match;
}

static void add_item(struct dlt_plan *plan, size_t *cap, size_t si, const int *t, int n,
		     const struct dlt_scenario *s, struct dlt_node *nodes,
		     const struct dlt_plan_filter *f)
{
	size_t len = strlen(s->id) + 2;
	for (int i = 0; i < n; i++)
		len += strlen(nodes[t[i]].target->name) + 1;
	char *key = dlt_xmalloc(len);
	strcpy(key, s->id);
	strcat(key, "@");
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(key, ",");
		strcat(key, nodes[t[i]].target->name);
	}
	if (!wanted(plan, f, s->id, key)) {
		free(key);
		return;
	}
	if (plan->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		plan->items = dlt_xrealloc(plan->items, *cap * sizeof *plan->items);
	}
	struct dlt_plan_item *it = &plan->items[plan->n++];
	memset(it, 0, sizeof *it);
	it->scenario = si;
	it->ntargets = n;
	memcpy(it->targets, t, (size_t)n * sizeof *t);
	it->key = key;
}

/* Fill roles from depth on with distinct targets; add an item per complete assignment. */
static int fill_roles(struct dlt_plan *plan, size_t *cap, size_t si, const struct dlt_scenario *s,
		      struct dlt_node *nodes, size_t nnodes, const struct dlt_plan_filter *f,
		      int *t, int depth)
{
	if (depth == s->nroles) {
		add_item(plan, cap, si, t, depth, s, nodes, f);
		return 1;
	}
	int made = 0;
	for (size_t i = 0; i < nnodes; i++) {
		if (!dlt_plan_family_matches(s->roles[depth].family, nodes[i].target->family) ||
		    !dlt_plan_chain_matches(s->chain, nodes[i].target))
			continue;
		int used = 0;
		for (int j = 0; j < depth; j++)
			used |= t[j] == (int)i;
		if (used)
			continue;
		t[depth] = (int)i;
		made += fill_roles(plan, cap, si, s, nodes, nnodes, f, t, depth + 1);
	}
	return made;
}

void dlt_plan_build(const struct dlt_scenario *scen, size_t nscen, struct dlt_node *nodes,
		    size_t nnodes, const struct dlt_plan_filter *f, struct dlt_plan *plan)
{
	memset(plan, 0, sizeof *plan);
	plan->nfilters = f->patterns ? f->patterns->n : 0;
	plan->filter_hits = dlt_xcalloc(plan->nfilters + 1, sizeof *plan->filter_hits);
	size_t cap = 0;
	for (size_t si = 0; si < nscen; si++) {
		const struct dlt_scenario *s = &scen[si];
		int t[DLT_MAX_ROLES];
		/* targets of a role's family that do not serve the scenario's chain */
		for (size_t i = 0; !s->load_error && i < nnodes; i++) {
			int fam = 0;
			for (int k = 0; k < s->nroles; k++)
				fam |= dlt_plan_family_matches(s->roles[k].family,
							       nodes[i].target->family);
			if (fam && !dlt_plan_chain_matches(s->chain, nodes[i].target))
				left_out(plan, f, s, (int)i);
		}
		if (s->load_error || s->nroles <= 1) {
			const char *fam =
				s->nroles ? s->roles[0].family : (s->family ? s->family : "any");
			for (size_t i = 0; i < nnodes; i++) {
				if (!dlt_plan_family_matches(fam, nodes[i].target->family) ||
				    (!s->load_error &&
				     !dlt_plan_chain_matches(s->chain, nodes[i].target)))
					continue;
				t[0] = (int)i;
				add_item(plan, &cap, si, t, 1, s, nodes, f);
			}
			continue;
		}
		if (fill_roles(plan, &cap, si, s, nodes, nnodes, f, t, 0) == 0)
			plan->unplanned_multi++;
	}
}

void dlt_plan_free(struct dlt_plan *plan)
{
	for (size_t i = 0; i < plan->n; i++)
		free(plan->items[i].key);
	free(plan->items);
	free(plan->filter_hits);
	free(plan->left_out);
	memset(plan, 0, sizeof *plan);
}

/* The key of a result of an earlier run as plan keys are made ("id@target,target", targets in
 * role order); NULL when it has no plain scenario id. Malloc'd. */
static char *previous_key(const cJSON *res)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(res, "scenario");
	const cJSON *tg = cJSON_GetObjectItemCaseSensitive(res, "targets"), *t;
	if (!cJSON_IsString(id) || !cJSON_IsObject(tg))
		return NULL;
	size_t len = strlen(id->valuestring) + 2;
	cJSON_ArrayForEach (t, tg) {
		if (!cJSON_IsString(t))
			return NULL;
		len += strlen(t->valuestring) + 1;
	}
	char *key = dlt_xmalloc(len);
	strcpy(key, id->valuestring);
	strcat(key, "@");
	int first = 1;
	cJSON_ArrayForEach (t, tg) {
		if (!first)
			strcat(key, ",");
		strcat(key, t->valuestring);
		first = 0;
	}
	return key;
}

struct mean {
	double sum;
	size_t n;
};

void dlt_plan_estimate(struct dlt_plan *plan, const struct dlt_scenario *scen,
		       const cJSON *previous)
{
	struct dlt_strindex by_key = { 0 }, by_id = { 0 };
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(previous, "results"), *res;
	size_t n = (size_t)cJSON_GetArraySize(list), k = 0;
	char **keys = dlt_xcalloc(n + 1, sizeof *keys);
	struct mean *means = dlt_xcalloc(n + 1, sizeof *means);
	struct mean all = { 0, 0 };
	size_t nmeans = 0;
	cJSON_ArrayForEach (res, list) {
		const cJSON *ms = cJSON_GetObjectItemCaseSensitive(res, "duration_ms");
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(res, "scenario");
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(res, "verdict");
		/* an item cut short or not run says nothing of how long it takes */
		if (!cJSON_IsNumber(ms) || ms->valuedouble < 0 || !cJSON_IsString(id) ||
		    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(res, "interrupted")) ||
		    (cJSON_IsString(v) && !strcmp(v->valuestring, "launch-error")) ||
		    !(keys[k] = previous_key(res)))
			continue;
		all.sum += ms->valuedouble / 1000;
		all.n++;
		dlt_strindex_put(&by_key, keys[k++], (void *)ms);
		struct mean *m = dlt_strindex_get(&by_id, id->valuestring);
		if (!m) {
			m = &means[nmeans++];
			dlt_strindex_put(&by_id, id->valuestring, m);
		}
		m->sum += ms->valuedouble / 1000;
		m->n++;
	}
	for (size_t i = 0; i < plan->n; i++) {
		struct dlt_plan_item *it = &plan->items[i];
		const cJSON *ms = dlt_strindex_get(&by_key, it->key);
		const struct mean *m = dlt_strindex_get(&by_id, scen[it->scenario].id);
		if (ms)
			it->est = ms->valuedouble / 1000;
		else if (m)
			it->est = m->sum / (double)m->n;
		else if (all.n)
			it->est = all.sum / (double)all.n;
		else
			it->est = it->ntargets;
	}
	for (size_t i = 0; i < k; i++)
		free(keys[i]);
	free(keys);
	free(means);
	dlt_strindex_free(&by_key);
	dlt_strindex_free(&by_id);
}

struct ranked {
	size_t item;
	double load; /* estimated work of the busiest target of the item */
	double est;
};

static int by_rank(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->load != y->load)
		return x->load > y->load ? -1 : 1;
	if (x->est != y->est)
		return x->est > y->est ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

size_t *dlt_plan_order(const struct dlt_plan *plan, size_t nnodes)
{
	double *load = dlt_xcalloc(nnodes + 1, sizeof *load);
	for (size_t i = 0; i < plan->n; i++)
		for (int k = 0; k < plan->items[i].ntargets; k++)
			load[plan->items[i].targets[k]] += plan->items[i].est;
	struct ranked *r = dlt_xcalloc(plan->n + 1, sizeof *r);
	for (size_t i = 0; i < plan->n; i++) {
		r[i].item = i;
		r[i].est = plan->items[i].est;
		for (int k = 0; k < plan->items[i].ntargets; k++)
			if (load[plan->items[i].targets[k]] > r[i].load)
				r[i].load = load[plan->items[i].targets[k]];
	}
	qsort(r, plan->n, sizeof *r, by_rank);
	size_t *order = dlt_xcalloc(plan->n + 1, sizeof *order);
	for (size_t i = 0; i < plan->n; i++)
		order[i] = r[i].item;
	free(r);
	free(load);
	return order;
}
