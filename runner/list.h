/*
 * list.h: `dlt-interop list`: the plan printed without running it.
 */
#ifndef DLT_LIST_H
#define DLT_LIST_H

#include <stdio.h>
#include "runner/host.h"
#include "runner/plan.h"
#include "runner/scenario.h"

/* One line per planned item (scenario id, targets, roadmap ids, load error) and a count; with
 * json, an array of {key, scenario, targets (role -> target), roadmap, load_error?}. The text
 * ends with what the chains left out (dlt_list_left_out). Returns 0 (write errors show in
 * ferror(out)). */
int dlt_list_print(FILE *out, const struct dlt_plan *plan, const struct dlt_scenario *scen,
		   size_t nscen, const struct dlt_node *nodes, size_t nnodes, int json);
/* What the chains left out of the plan (docs/targets.md, "chain"), one line per target and
 * chain needed, each starting with prefix: after the plan ("# ") or as a note on stderr. */
void dlt_list_left_out(FILE *out, const struct dlt_plan *plan, const struct dlt_node *nodes,
		       const char *prefix);

#endif
