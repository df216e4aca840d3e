/*
 * matrix.c: the pair matrix of a results set (see matrix.h): for each family, in the order of
 * its first target, the results of pair scenarios whose targets all belong to it are counted
 * per ordered pair (the first role is the row, the second the column), and each count becomes
 * the share of agree interop verdicts.
 */
#include "model/matrix.h"

#include <string.h>

cJSON *dlt_results_matrix(const struct dlt_results *r)
{
	cJSON *m = cJSON_CreateObject(), *t;

	if (!m)
		return NULL;
	/* families in order of first appearance */
	cJSON_ArrayForEach (t, r->targets) {
		const char *fam = dlt_json_str(t, "family");
		cJSON *names, *agree, *counts, *fm, *u, *res;
		int any = 0;

		if (!fam || cJSON_GetObjectItemCaseSensitive(m, fam))
			continue;
		fm = cJSON_AddObjectToObject(m, fam);
		names = cJSON_AddArrayToObject(fm, "targets");
		agree = cJSON_AddObjectToObject(fm, "agree");
		counts = cJSON_AddObjectToObject(fm, "counts");
		if (!names || !agree || !counts)
			break;
		cJSON_ArrayForEach (u, r->targets) {
			const char *f2 = dlt_json_str(u, "family");

			if (f2 && !strcmp(f2, fam))
				cJSON_AddItemToArray(names,
						     cJSON_CreateString(dlt_json_str(u, "name")));
		}
		cJSON_ArrayForEach (res, r->results) {
			const cJSON *tg = cJSON_GetObjectItemCaseSensitive(res, "targets");
			const char *iv = dlt_json_str(res, "interop_verdict"), *a, *b;
			cJSON *row, *cell;
			int all = 1;

			if (!iv || cJSON_GetArraySize(tg) < 2)
				continue;
			for (const cJSON *x = tg->child; x; x = x->next)
				if (strcmp(dlt_results_target_family(r, x->valuestring), fam))
					all = 0;
			if (!all)
				continue;
			a = tg->child->valuestring;
			b = tg->child->next->valuestring;
			if (!(row = cJSON_GetObjectItemCaseSensitive(counts, a)))
				row = cJSON_AddObjectToObject(counts, a);
			if (!row)
				continue;
			if (!(cell = cJSON_GetObjectItemCaseSensitive(row, b))) {
				cell = cJSON_AddObjectToObject(row, b);
				cJSON_AddNumberToObject(cell, "agree", 0);
				cJSON_AddNumberToObject(cell, "total", 0);
			}
			if (!cell)
				continue;
			if (!strcmp(iv, "agree")) {
				cJSON *ag = cJSON_GetObjectItemCaseSensitive(cell, "agree");

				cJSON_SetNumberValue(ag, ag->valuedouble + 1);
			}
			cJSON *tot = cJSON_GetObjectItemCaseSensitive(cell, "total");

			cJSON_SetNumberValue(tot, tot->valuedouble + 1);
			any = 1;
		}
		if (!any) {
			cJSON_DeleteItemFromObjectCaseSensitive(m, fam);
			continue;
		}
		cJSON *row;

		cJSON_ArrayForEach (row, counts) {
			cJSON *ar = cJSON_AddObjectToObject(agree, row->string), *cell;

			cJSON_ArrayForEach (cell, row) {
				double ag =
					cJSON_GetObjectItemCaseSensitive(cell, "agree")->valuedouble;
				double tot =
					cJSON_GetObjectItemCaseSensitive(cell, "total")->valuedouble;

				cJSON_AddNumberToObject(ar, cell->string, tot > 0 ? ag / tot : 0);
			}
		}
	}
	return m;
}
