/*
 * coverage.h: `dlt-interop list --coverage`: which methods of the execution-apis
 * specification the planned scenarios name, and, for the scenarios that need a prepared chain
 * (the execution-apis fixtures), what each target replays and what it leaves out, and why.
 */
#ifndef DLT_COVERAGE_H
#define DLT_COVERAGE_H

#include <stdio.h>
#include "runner/plan.h"
#include "runner/scenario.h"

struct dlt_openrpc;
struct dlt_node;
struct dlt_expectations;

/* One line per specified method (covered or NO, the scenario files naming it) and a count;
 * then the scenarios needing a prepared chain per folder and target: planned there, left out
 * by the target's expectation file (verdict skip, with its reason), expected to fail; then what
 * the chains left out of the plan. Returns 0, or 2 (said on stderr) without a specification. */
int dlt_coverage_print(FILE *out, const struct dlt_openrpc *openrpc, const struct dlt_plan *plan,
		       const struct dlt_scenario *scen, const struct dlt_node *nodes,
		       const struct dlt_expectations *expect);

#endif
