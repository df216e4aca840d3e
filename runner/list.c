/*
 * list.c: `dlt-interop list` (see list.h): the plan as text, one item a line, or as JSON, and
 * what the chains left out of it.
 */
#include "runner/list.h"
#include "common/json_bytes.h"

#include <stdlib.h>

static void print_json(FILE *out, const struct dlt_plan *plan, const struct dlt_scenario *scen,
		       const struct dlt_node *nodes)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < plan->n; i++) {
		const struct dlt_plan_item *it = &plan->items[i];
		const struct dlt_scenario *s = &scen[it->scenario];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "key", it->key);
		cJSON_AddStringToObject(o, "scenario", s->id);
		cJSON *t = cJSON_AddObjectToObject(o, "targets");
		for (int k = 0; k < it->ntargets; k++)
			cJSON_AddStringToObject(t, s->roles[k].name,
						nodes[it->targets[k]].target->name);
		cJSON_AddItemToObject(
			o, "roadmap",
			s->roadmap.n ? cJSON_CreateStringArray((const char *const *)s->roadmap.v,
							       (int)s->roadmap.n)
				     : cJSON_CreateArray());
		cJSON_AddItemToObject(
			o, "vectors",
			s->vectors.n ? cJSON_CreateStringArray((const char *const *)s->vectors.v,
							       (int)s->vectors.n)
				     : cJSON_CreateArray());
		if (s->load_error)
			cJSON_AddStringToObject(o, "load_error", s->load_error);
		cJSON_AddItemToArray(a, o);
	}
	dlt_json_make_utf8(a);
	char *text = cJSON_Print(a);
	fputs(text, out);
	fputc('\n', out);
	free(text);
	cJSON_Delete(a);
}

void dlt_list_left_out(FILE *out, const struct dlt_plan *plan, const struct dlt_node *nodes,
		       const char *prefix)
{
	for (size_t i = 0; i < plan->nleft_out; i++) {
		const struct dlt_plan_left_out *l = &plan->left_out[i];
		const struct dlt_target *t = nodes[l->target].target;
		if (l->chain)
			fprintf(out,
				"%snot planned on %s: %zu scenario(s) (e.g. %s) need the chain \"%s\", "
				"which %s does not serve (%s: %s%s%s)\n",
				prefix, t->name, l->scenarios, l->example, l->chain, t->name,
				t->source, t->chain ? "\"chain\": \"" : "no \"chain\"",
				t->chain ? t->chain : "", t->chain ? "\"" : "");
		else
			fprintf(out,
				"%snot planned on %s: %zu scenario(s) (e.g. %s) make what they need on "
				"a target's own chain, and %s serves only the prepared chain \"%s\" (%s)\n",
				prefix, t->name, l->scenarios, l->example, t->name, t->chain,
				t->source);
	}
}

int dlt_list_print(FILE *out, const struct dlt_plan *plan, const struct dlt_scenario *scen,
		   size_t nscen, const struct dlt_node *nodes, size_t nnodes, int json)
{
	if (json) {
		print_json(out, plan, scen, nodes);
		return 0;
	}
	for (size_t i = 0; i < plan->n; i++) {
		const struct dlt_plan_item *it = &plan->items[i];
		const struct dlt_scenario *s = &scen[it->scenario];
		fprintf(out, "%-44s [", s->id);
		for (int k = 0; k < it->ntargets; k++)
			fprintf(out, "%s%s", k ? "," : "", nodes[it->targets[k]].target->name);
		fputs("]  ", out);
		for (size_t k = 0; k < s->roadmap.n; k++)
			fprintf(out, "%s%s", k ? "," : "", s->roadmap.v[k]);
		if (s->load_error)
			fprintf(out, "  LOAD ERROR: %s", s->load_error);
		fputc('\n', out);
	}
	fprintf(out, "# %zu planned (%zu scenarios, %zu targets)\n", plan->n, nscen, nnodes);
	dlt_list_left_out(out, plan, nodes, "# ");
	return 0;
}
