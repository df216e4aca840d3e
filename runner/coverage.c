/*
 * coverage.c: `dlt-interop list --coverage` (see coverage.h). A method counts as exercised
 * when its name appears as a quoted string in the file of a scenario in the plan (so
 * --target, --filter and --suite apply). Results add the dynamic view: every result lists the
 * methods it called (results.json "methods").
 */
#include "runner/coverage.h"
#include "runner/expectations.h"
#include "runner/home.h"
#include "runner/host.h"
#include "runner/list.h"
#include "schema/openrpc.h"
#include "common/file.h"
#include "common/mem.h"
#include "common/strlist.h"

#include <stdlib.h>
#include <string.h>

/* Scenarios that need a prepared chain (the execution-apis fixtures: one folder per method),
 * per folder and target. */
static void print_chain_coverage(FILE *out, const struct dlt_plan *plan,
				 const struct dlt_scenario *scen, const struct dlt_node *nodes,
				 const struct dlt_expectations *expect)
{
	struct group {
		char *folder;
		int target;
		size_t n, skip, fail;
		const char *why;
	} *g = NULL;
	size_t ng = 0;
	for (size_t i = 0; i < plan->n; i++) {
		const struct dlt_plan_item *it = &plan->items[i];
		const struct dlt_scenario *s = &scen[it->scenario];
		if (!s->chain || it->ntargets != 1)
			continue;
		const char *slash = strrchr(s->file, '/'), *start = slash;
		while (start && start > s->file && start[-1] != '/')
			start--;
		char *folder =
			slash ? dlt_printf("%.*s", (int)(slash - start), start) : dlt_xstrdup(".");
		size_t k = 0;
		while (k < ng && (g[k].target != it->targets[0] || strcmp(g[k].folder, folder)))
			k++;
		if (k == ng) {
			g = dlt_xrealloc(g, (ng + 1) * sizeof *g);
			g[ng++] = (struct group){ folder, it->targets[0], 0, 0, 0, NULL };
		} else
			free(folder);
		const char *name = nodes[it->targets[0]].target->name, *verdict = NULL;
		const char *why = dlt_expectations_lookup(expect, s->id, &name, 1, &verdict);
		g[k].n++;
		if (verdict && !strcmp(verdict, "skip")) {
			g[k].skip++;
			g[k].why = g[k].why ? g[k].why : why;
		} else if (verdict && strcmp(verdict, "pass"))
			g[k].fail++;
	}
	if (ng || plan->nleft_out)
		fprintf(out, "\n%-40s %-20s %9s %8s %9s  %s\n",
			"scenarios needing a chain, by folder", "target", "replayed", "left out",
			"findings", "why left out (expectation file)");
	for (size_t k = 0; k < ng; k++) {
		fprintf(out, "%-40s %-20s %9zu %8zu %9zu  %s\n", g[k].folder,
			nodes[g[k].target].target->name, g[k].n - g[k].skip, g[k].skip, g[k].fail,
			g[k].why ? g[k].why : "");
		free(g[k].folder);
	}
	free(g);
	dlt_list_left_out(out, plan, nodes, "# ");
}

int dlt_coverage_print(FILE *out, const struct dlt_openrpc *openrpc, const struct dlt_plan *plan,
		       const struct dlt_scenario *scen, const struct dlt_node *nodes,
		       const struct dlt_expectations *expect)
{
	if (!openrpc) {
		fprintf(stderr,
			"dlt-interop: --coverage needs vectors/execution-apis/openrpc.json\n");
		return 2;
	}
	struct dlt_strlist files = { 0 };
	for (size_t i = 0; i < plan->n; i++) {
		const struct dlt_scenario *sc = &scen[plan->items[i].scenario];
		if (!dlt_strlist_has(&files, sc->path))
			dlt_strlist_add(&files, sc->path);
	}
	char **texts = dlt_xcalloc(files.n + 1, sizeof *texts);
	for (size_t i = 0; i < files.n; i++) {
		char err[256];
		texts[i] = dlt_read_file(files.v[i], NULL, err, sizeof err);
	}
	size_t n = dlt_openrpc_method_count(openrpc), covered = 0;
	fprintf(out, "%-42s %-9s %s\n", "method (execution-apis)", "covered",
		"scenario files naming it");
	for (size_t m = 0; m < n; m++) {
		const char *name = dlt_openrpc_method_name(openrpc, m);
		char *quoted = dlt_printf("\"%s\"", name);
		int hits = 0;
		char where[512] = "";
		for (size_t i = 0; i < files.n; i++) {
			if (!texts[i] || !strstr(texts[i], quoted))
				continue;
			hits++;
			if (strlen(where) < 400) {
				if (where[0])
					strcat(where, ", ");
				strncat(where, dlt_relpath(files.v[i]),
					sizeof where - strlen(where) - 1);
			}
		}
		covered += hits > 0;
		fprintf(out, "%-42s %-9s %s\n", name, hits ? "yes" : "NO", where);
		free(quoted);
	}
	fprintf(out, "# %zu of %zu specified methods are named by a planned scenario\n", covered,
		n);
	for (size_t i = 0; i < files.n; i++)
		free(texts[i]);
	free(texts);
	dlt_strlist_free(&files);
	print_chain_coverage(out, plan, scen, nodes, expect);
	return 0;
}
