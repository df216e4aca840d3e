/*
 * merge.h: merging results sets: shards of one run, or runs of several vendors with the same
 * suite (docs/sharding.md).
 */
#ifndef DLT_MERGE_H
#define DLT_MERGE_H

#include <stddef.h>
#include "model/results.h"

/* Merge n loaded result sets into a new one (inputs untouched): same run.suite_version
 * required; targets and scenarios joined by name/id (conflicting definitions are errors);
 * results joined by scenario x targets key (a duplicate must have the same outcome);
 * summary and matrix recomputed. Missing shards of one count: run.shards_missing lists the
 * first DLT_SHARDS_MISSING_LISTED, run.shards_missing_count says how many when there are more. */
#define DLT_SHARDS_MISSING_LISTED 100
int dlt_results_merge(struct dlt_results *const *in, size_t n, struct dlt_results **out, char *err,
		      size_t errlen);

#endif
