/*
 * trend.h: a suite's runs over time (docs/reports.md, "Trend"). When `report` is given several
 * results files that are runs of the same suite at different times (none is a shard, and two of
 * them hold a result for the same scenario on the same targets, which shards and vendors' runs
 * never do), the report is of the newest run and shows the trend of each target's conformance
 * score across the runs.
 */
#ifndef DLT_TREND_H
#define DLT_TREND_H

#include <cjson/cJSON.h>
#include "common/buf.h"
#include "model/roadmap.h"

/* The trend of the n files (results.json files or results folders) when they are one suite's
 * runs over time: [{"run": id, "started": time, "file": name, "conformance": {target: score or
 * null}}, ...] oldest first, with *newest the index of the newest file; NULL when they are not
 * (or a file cannot be read: `report` then says why when it loads them). */
cJSON *dlt_trend_detect(char *const *files, int n, const struct dlt_roadmap *rm, int *newest);
/* The trend chart (SVG: a line per target, a point per run, hover for the score) with a table
 * of the same numbers, from the scores document's "trend"; nothing without one. */
void dlt_trend_html(struct dlt_buf *b, const cJSON *scores);

#endif
