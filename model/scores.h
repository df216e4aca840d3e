/*
 * scores.h: conformance scores, interop scores, the pair matrix and the gap analysis, computed
 * from one (possibly merged) result set and the roadmap. Formulas: docs/scores.md. The result
 * is one JSON document ("dlt-interop-scores/1"): the json report format, and what the HTML and
 * Markdown renderers draw from.
 */
#ifndef DLT_SCORES_H
#define DLT_SCORES_H

#include <stddef.h>
#include <cjson/cJSON.h>

#include "model/results.h"
#include "model/roadmap.h"

#define DLT_SCORES_FORMAT "dlt-interop-scores/2"

/* The scores document, or NULL (out of memory) with err set. */
cJSON *dlt_scores_compute(const struct dlt_results *res, const struct dlt_roadmap *rm, char *err,
			  size_t errlen);

/* Status of one requirement for one target (docs/scores.md):
 * pass, fail, error, inconclusive, skip, launch-error (its only results are launch-error),
 * untested, na. */
const char *dlt_scores_req_status(const struct dlt_results *res, const cJSON *req,
				  const char *target);

#endif
