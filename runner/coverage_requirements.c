/*
 * coverage_requirements.c: the requirements view of `dlt-interop list --coverage` (see
 * coverage.h): for every requirement of the roadmap (retired ones left out), the planned
 * scenarios naming it, whether one of them compares with canonical data (names vector files in
 * its `vectors` field: docs/roadmap.md, "Coverage"), and the families of the targets they are
 * planned on; a requirement no planned scenario names shows its `untestable` reason, or is a
 * gap. The totals end the view. It reads the plan, so --target, --suite and --filter apply.
 */
#include "runner/coverage.h"
#include "runner/host.h"
#include "runner/target.h"
#include "model/roadmap.h"
#include "common/mem.h"
#include "common/strlist.h"

#include <string.h>

/* What the plan holds for one requirement. */
struct req_use {
	struct dlt_strlist scenarios; /* ids, each once */
	struct dlt_strlist families; /* of the targets the scenarios are planned on */
	int canonical; /* a scenario naming it names vector files */
};

static void collect(const char *id, const struct dlt_plan *plan, const struct dlt_scenario *scen,
		    const struct dlt_node *nodes, struct req_use *u)
{
	for (size_t i = 0; i < plan->n; i++) {
		const struct dlt_plan_item *it = &plan->items[i];
		const struct dlt_scenario *s = &scen[it->scenario];
		if (s->load_error || !dlt_strlist_has(&s->roadmap, id))
			continue;
		if (!dlt_strlist_has(&u->scenarios, s->id))
			dlt_strlist_add(&u->scenarios, s->id);
		u->canonical |= s->vectors.n > 0;
		for (int k = 0; k < it->ntargets; k++) {
			const char *fam = nodes[it->targets[k]].target->family;
			if (fam && !dlt_strlist_has(&u->families, fam))
				dlt_strlist_add(&u->families, fam);
		}
	}
}

/* list joined with ",", at most max bytes of it (then "..." and how many more) */
static void print_joined(FILE *out, const struct dlt_strlist *l, size_t max)
{
	size_t used = 0, k = 0;
	for (; k < l->n; k++) {
		size_t len = strlen(l->v[k]) + (k ? 1 : 0);
		if (k && used + len > max)
			break;
		fprintf(out, "%s%s", k ? "," : "", l->v[k]);
		used += len;
	}
	if (k < l->n)
		fprintf(out, ",... (%zu more)", l->n - k);
}

void dlt_coverage_requirements_print(FILE *out, const struct dlt_roadmap *roadmap,
				     const struct dlt_plan *plan, const struct dlt_scenario *scen,
				     const struct dlt_node *nodes)
{
	if (!roadmap) {
		fprintf(out, "# no roadmap loaded: no requirements view\n");
		return;
	}
	size_t nreq = 0, named = 0, untestable = 0, gaps = 0, must = 0, must_backed = 0;
	struct dlt_strlist gap_ids = { 0 }, unbacked_must = { 0 };
	fprintf(out, "\n%-11s %-6s %-9s %-9s %-24s %s\n", "requirement", "level", "scenarios",
		"canonical", "families", "scenario ids, or why none");
	for (size_t i = 0; i < dlt_roadmap_count(roadmap); i++) {
		const cJSON *req = dlt_roadmap_at(roadmap, i);
		if (dlt_req_retired(req))
			continue;
		const char *id = dlt_req_id(req), *level = dlt_req_level(req);
		const cJSON *why = cJSON_GetObjectItemCaseSensitive(req, "untestable");
		struct req_use u = { 0 };
		collect(id, plan, scen, nodes, &u);
		nreq++;
		int is_must = !strcmp(level, "MUST");
		must += is_must;
		if (u.scenarios.n) {
			named++;
			must_backed += is_must && u.canonical;
			if (is_must && !u.canonical)
				dlt_strlist_add(&unbacked_must, id);
			fprintf(out, "%-11s %-6s %-9zu %-9s ", id, level, u.scenarios.n,
				u.canonical ? "yes" : "NO");
			char fams[64] = "";
			for (size_t k = 0; k < u.families.n; k++)
				if (strlen(fams) + strlen(u.families.v[k]) + 2 < sizeof fams)
					strcat(strcat(fams, k ? "," : ""), u.families.v[k]);
			fprintf(out, "%-24s ", fams);
			print_joined(out, &u.scenarios, 100);
			fputc('\n', out);
		} else if (cJSON_IsString(why)) {
			untestable++;
			fprintf(out, "%-11s %-6s %-9s %-9s %-24s untestable: %.120s%s\n", id, level,
				"-", "-", "-", why->valuestring,
				strlen(why->valuestring) > 120 ? "..." : "");
			if (is_must)
				dlt_strlist_add(&unbacked_must, id);
		} else {
			gaps++;
			dlt_strlist_add(&gap_ids, id);
			if (is_must)
				dlt_strlist_add(&unbacked_must, id);
			fprintf(out,
				"%-11s %-6s %-9s %-9s %-24s NO SCENARIO and no untestable reason\n",
				id, level, "0", "-", "-");
		}
		dlt_strlist_free(&u.scenarios);
		dlt_strlist_free(&u.families);
	}
	fprintf(out,
		"# %zu requirements (retired ones left out): %zu named by a planned scenario, "
		"%zu untestable with a stated reason, %zu with neither",
		nreq, named, untestable, gaps);
	if (gap_ids.n) {
		fprintf(out, " (");
		print_joined(out, &gap_ids, 200);
		fprintf(out, ")");
	}
	fprintf(out, "\n# MUST requirements backed by canonical data: %zu of %zu (%zu%%)",
		must_backed, must, must ? must_backed * 100 / must : 100);
	if (unbacked_must.n) {
		fprintf(out, "; not backed: ");
		print_joined(out, &unbacked_must, 200);
	}
	fputc('\n', out);
	dlt_strlist_free(&gap_ids);
	dlt_strlist_free(&unbacked_must);
}
