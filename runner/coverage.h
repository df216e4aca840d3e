/*
 * coverage.h: `dlt-interop list --coverage`: which methods of the execution-apis
 * specification the planned scenarios name.
 */
#ifndef DLT_COVERAGE_H
#define DLT_COVERAGE_H

#include <stdio.h>
#include "runner/plan.h"
#include "runner/scenario.h"

struct dlt_openrpc;

/* One line per specified method (covered or NO, the scenario files naming it) and a count.
 * Returns 0, or 2 (said on stderr) without a specification. */
int dlt_coverage_print(FILE *out, const struct dlt_openrpc *openrpc, const struct dlt_plan *plan,
		       const struct dlt_scenario *scen);

#endif
