/*
 * plan.h: the plan of a run: every scenario paired with the targets it applies to (one
 * target per role), filtered by --filter patterns and cut into a stable shard by --shard I/N.
 * A scenario that needs a prepared chain (scenario.chain) goes only to targets that serve that
 * chain (target "chain"), and a scenario without one only to targets without one; targets
 * attached by URL take both. What that leaves out is counted per target, for `list`.
 */
#ifndef DLT_PLAN_H
#define DLT_PLAN_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "runner/host.h"
#include "runner/scenario.h"
#include "common/strlist.h"

struct dlt_plan_item {
	size_t scenario;
	int targets[DLT_MAX_ROLES];
	int ntargets;
	char *key; /* "scenario-id@target,target": stable identity of the item */
	double est; /* estimated seconds (dlt_plan_estimate), for the order of work */
};

/* Scenarios not planned on a target because their chains differ (docs/targets.md, "chain"). */
struct dlt_plan_left_out {
	int target; /* index into the run's nodes */
	const char *chain; /* the chain those scenarios need; NULL: a target's own chain */
	size_t scenarios; /* how many scenarios (after --filter) */
	const char *example; /* the id of the first of them */
};

struct dlt_plan {
	struct dlt_plan_item *items;
	size_t n;
	size_t unplanned_multi; /* multi-target scenarios with too few targets to fill their roles */
	size_t unfiltered; /* items before --filter and --shard */
	size_t *filter_hits; /* per --filter pattern: items it matched (before --shard) */
	size_t nfilters;
	struct dlt_plan_left_out *left_out; /* one entry per (target, chain needed) */
	size_t nleft_out;
};

struct dlt_plan_filter {
	const struct dlt_strlist *patterns; /* fnmatch patterns on id or key; none: all */
	int shard_index, shard_count; /* 1-based; count 0 or 1: no sharding */
};

void dlt_plan_build(const struct dlt_scenario *scen, size_t nscen, struct dlt_node *nodes,
		    size_t nnodes, const struct dlt_plan_filter *f, struct dlt_plan *plan);
void dlt_plan_free(struct dlt_plan *plan);
/* Estimate every item's duration (it->est, seconds) from an earlier run's results document
 * (results.json; NULL: none): the item's own duration_ms there (matched by key), else the
 * mean of its scenario's durations there, else the mean of all durations there, else 1 s per
 * target of the item. Results cut short (interrupted) or not run (launch-error) are left out. */
void dlt_plan_estimate(struct dlt_plan *plan, const struct dlt_scenario *scen,
		       const cJSON *previous);
/* The order in which workers take items, longest first (docs/performance.md, "Scheduling"):
 * items on the target with the most estimated work first (the target whose queue decides
 * when the run ends), then the longer items, then plan order. Returns plan->n indices
 * (malloc'd). */
size_t *dlt_plan_order(const struct dlt_plan *plan, size_t nnodes);
/* --shard auto or auto/N (docs/sharding.md): the shard from the environment of the engine
 * that fans the run out: CI_NODE_INDEX and CI_NODE_TOTAL (GitLab's parallel), else
 * JOB_COMPLETION_INDEX (a Kubernetes Indexed Job, from 0) with the count N given. With N and
 * CI_NODE_TOTAL both, they must agree. Returns 0, or -1 with err naming the variable. */
int dlt_plan_shard_auto(const char *spec, int *index, int *count, char *err, size_t errlen);
/* Which shard (1..count) a key belongs to: FNV-1a of the key, modulo count. */
int dlt_plan_shard_of(const char *key, int count);
/* Whether the family of a target serves a role of that family ("any" serves all). */
int dlt_plan_family_matches(const char *role_family, const char *target_family);
/* Whether a target serves the chain a scenario needs (NULL: the target's own chain). */
int dlt_plan_chain_matches(const char *scenario_chain, const struct dlt_target *t);

#endif
