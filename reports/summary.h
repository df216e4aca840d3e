/*
 * summary.h: the end-of-run summary the runner prints on stderr: the count of each verdict,
 * a table of verdicts per target, targets that could not be started, the pair matrix, and
 * the conformance and interop scores (docs/scores.md), the results that did not pass, the
 * duration and the slowest results. Rendered from a results document and
 * the scores of the results.json written, never from the runner's own structures, so it says
 * what `report` would say.
 */
#ifndef DLT_SUMMARY_H
#define DLT_SUMMARY_H

#include <stdio.h>
#include <cjson/cJSON.h>
#include "model/roadmap.h"

/* doc: a results document (docs/results.md: targets, results, summary, matrix); dir: the
 * folder holding its results.json, which is read back for the scores (none without a
 * roadmap; a file that cannot be scored is said, and the rest printed). Every fail, error,
 * inconclusive and xpass is named (verdict, scenario @ targets, the first line of its reason or
 * its first failed check, file:line), then the run's duration and the slowest results.
 * colour: verdicts in ANSI colour (a terminal without NO_COLOR). Text from the results is
 * shown with control characters as \xNN. */
void dlt_summary_print(FILE *out, const cJSON *doc, const char *dir,
		       const struct dlt_roadmap *roadmap, int colour);

/* One result on one line, as the summary names it: "scenario @ targets: reason (file:line)",
 * control characters as \xNN (scenarios: the document's scenarios, for the file of a result
 * without a failed check). Malloc'd. */
char *dlt_summary_result_line(const cJSON *scenarios, const cJSON *res);

#endif
