/*
 * coverage.c: `dlt-interop list --coverage` (see coverage.h). A method counts as exercised
 * when its name appears as a quoted string in the file of a scenario in the plan (so
 * --target, --filter and --suite apply). Results add the dynamic view: every result lists the
 * methods it called (results.json "methods").
 */
#include "runner/coverage.h"
#include "runner/home.h"
#include "schema/openrpc.h"
#include "common/file.h"
#include "common/mem.h"
#include "common/strlist.h"

#include <stdlib.h>
#include <string.h>

int dlt_coverage_print(FILE *out, const struct dlt_openrpc *openrpc, const struct dlt_plan *plan,
		       const struct dlt_scenario *scen)
{
	if (!openrpc) {
		fprintf(stderr, "dlt-interop: --coverage needs vectors/execution-apis/openrpc.json\n");
		return 2;
	}
	struct dlt_strlist files = {0};
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
				strncat(where, dlt_relpath(files.v[i]), sizeof where - strlen(where) - 1);
			}
		}
		covered += hits > 0;
		fprintf(out, "%-42s %-9s %s\n", name, hits ? "yes" : "NO", where);
		free(quoted);
	}
	fprintf(out, "# %zu of %zu specified methods are named by a planned scenario\n", covered, n);
	for (size_t i = 0; i < files.n; i++)
		free(texts[i]);
	free(texts);
	dlt_strlist_free(&files);
	return 0;
}
