/*
 * report_md.c: a short Markdown summary fit for a pull-request comment: verdict counts, the
 * conformance score table (areas with scored results only), the interop score, the targets
 * that could not be started (launch-error, apart from failures), the first failures and the
 * number of divergences. Node-provided text is escaped for Markdown and inline HTML and
 * cut short; the HTML report has the details.
 */
#include "reports/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define M(s, max) dlt_esc_md(b, (s), (max))
#define P(...) dlt_buf_printf(b, __VA_ARGS__)
#define A(s) dlt_buf_puts(b, (s))

#define MAX_FAILURES 20

static const cJSON *get(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

static const char *str(const cJSON *o, const char *k)
{
	const char *s = dlt_json_str(o, k);

	return s ? s : "";
}

static int inum(const cJSON *o, const char *k)
{
	const cJSON *v = get(o, k);

	return cJSON_IsNumber(v) ? v->valueint : 0;
}

void dlt_report_md(struct dlt_buf *b, const struct dlt_results *res, const struct dlt_roadmap *rm,
		   const cJSON *sc)
{
	static const char *const vs[] = { "pass",         "fail",  "skip",  "error",
					  "inconclusive", "xfail", "xpass", "launch-error" };
	const cJSON *sum = get(sc, "summary"), *a, *c, *f, *r, *g = get(sc, "gaps");
	cJSON *shown = cJSON_CreateArray();
	int nfail = 0, ndiv = 0, nfields = 0;
	char pct[32];

	P("## dlt-interop: %d of %d results passed\n\n", inum(sum, "pass") + inum(sum, "xpass"),
	  inum(sum, "total"));
	A("Run `");
	dlt_esc_md_code(b, str(res->run, "id"), 80);
	A("`, suite `");
	dlt_esc_md_code(b, str(res->run, "suite_version"), 12);
	A("`, roadmap ");
	M(dlt_roadmap_version(rm), 20);
	A(".\n\n|");
	for (size_t i = 0; i < sizeof(vs) / sizeof(vs[0]); i++)
		P(" %s |", vs[i]);
	A("\n|");
	for (size_t i = 0; i < sizeof(vs) / sizeof(vs[0]); i++)
		A("---:|");
	A("\n|");
	for (size_t i = 0; i < sizeof(vs) / sizeof(vs[0]); i++)
		P(" %d |", inum(sum, vs[i]));
	A("\n\n");

	/* areas where any target has scored results */
	cJSON_ArrayForEach (a, get(sc, "areas")) {
		cJSON_ArrayForEach (c, get(sc, "conformance"))
			if (inum(get(get(c, "areas"), str(a, "id")), "results") > 0) {
				cJSON_AddItemToArray(shown, cJSON_CreateString(str(a, "id")));
				break;
			}
	}
	A("### Conformance\n\nShare of the applicable results that pass (pass or xpass, over pass, "
	  "xpass, fail, xfail and error; skip, inconclusive and launch-error do not count); "
	  "\xe2\x9c\x85 conforms (every MUST requirement passes), \xe2\x9d\x8c a MUST requirement "
	  "fails; \xe2\x80\x93 no score.\n\n| target | family | all |");
	cJSON_ArrayForEach (a, shown)
		P(" %s |", a->valuestring);
	A("\n|---|---|---:|");
	cJSON_ArrayForEach (a, shown)
		A("---:|");
	A("\n");
	cJSON_ArrayForEach (c, get(sc, "conformance")) {
		A("| ");
		M(str(c, "target"), 40);
		A(" | ");
		M(str(c, "family"), 20);
		dlt_report_pct(pct, sizeof(pct), get(c, "score"));
		P(" | %s |", pct);
		cJSON_ArrayForEach (a, shown) {
			const cJSON *ar = get(get(c, "areas"), a->valuestring);
			const char *st = str(ar, "status");

			dlt_report_pct(pct, sizeof(pct), get(ar, "score"));
			P(" %s%s |", inum(ar, "results") ? pct : "\xe2\x80\x93",
			  !strcmp(st, "conforms") ? " \xe2\x9c\x85"
			  : !strcmp(st, "fails")  ? " \xe2\x9d\x8c"
						  : "");
		}
		A("\n");
	}
	cJSON_ArrayForEach (c, get(sc, "conformance"))
		if (*str(c, "not_scored")) {
			A("\n");
			M(str(c, "target"), 40);
			A(" has no score: ");
			M(str(c, "not_scored"), 300);
			A(".\n");
		}
	A("\n### Interop score\n\n| family | targets | score |\n|---|---|---:|\n");
	cJSON_ArrayForEach (f, get(sc, "interop")) {
		A("| ");
		M(str(f, "family"), 20);
		P(" | %d | ", cJSON_GetArraySize(get(f, "targets")));
		dlt_report_pct(pct, sizeof(pct), get(f, "score"));
		P("%s (%g/%g) |\n", pct, get(f, "sum") ? get(f, "sum")->valuedouble : 0,
		  get(f, "scenarios") ? get(f, "scenarios")->valuedouble : 0);
	}
	cJSON_Delete(shown);

	/* launch errors apart: the target did not run, which is no finding on the implementation */
	if (inum(sum, "launch-error") > 0) {
		P("\n### Could not start (%d launch-error results, not scored)\n\n",
		  inum(sum, "launch-error"));
		int named = 0;

		cJSON_ArrayForEach (c, get(sc, "conformance"))
			named += *str(c, "could_not_start") != '\0';
		cJSON_ArrayForEach (c, get(sc, "conformance")) {
			const char *down = str(c, "could_not_start");

			/* the targets that could not be started, not their partners */
			if (inum(c, "launch_errors") <= 0 || (named && !*down))
				continue;
			A("- ");
			M(str(c, "target"), 40);
			P(": %d results", inum(c, "launch_errors"));
			if (*down) {
				size_t line = strcspn(down, "\n"); /* the log tail follows */

				A(": ");
				M(down, line < 300 ? line : 300);
			}
			A("\n");
		}
	}

	cJSON_ArrayForEach (r, res->results) {
		const char *v = str(r, "verdict");

		if (!strcmp(v, "fail") || !strcmp(v, "error") || !strcmp(v, "xpass"))
			nfail++;
	}
	P("\n### Failures (%d)\n\n", nfail);
	if (!nfail)
		A("None.\n");
	int i = 0;

	cJSON_ArrayForEach (r, res->results) {
		const char *v = str(r, "verdict");
		const cJSON *k;
		char *label;

		if (strcmp(v, "fail") && strcmp(v, "error") && strcmp(v, "xpass"))
			continue;
		if (i++ == MAX_FAILURES) {
			P("- \xe2\x80\xa6 and %d more (see the HTML report)\n",
			  nfail - MAX_FAILURES);
			break;
		}
		label = dlt_result_targets_label(r);
		A("- `");
		dlt_esc_md_code(b, str(r, "scenario"), 80);
		A("` on ");
		M(label, 80);
		free(label);
		P(": **%s**", v);
		if (*str(r, "reason")) {
			A(": ");
			M(str(r, "reason"), 160);
		} else {
			cJSON_ArrayForEach (k, get(r, "checks"))
				if (!cJSON_IsTrue(get(k, "ok"))) {
					A(": check ");
					M(str(k, "label"), 120);
					break;
				}
		}
		A("\n");
	}
	cJSON_ArrayForEach (r, get(g, "interoperability")) {
		ndiv++;
		nfields += cJSON_GetArraySize(get(r, "divergences"));
	}
	P("\n### Divergences\n\n%d multi-target results diverge, on %d fields in all.\n", ndiv,
	  nfields);
	P("\n**Gaps:** %d requirements no scenario covers, %d scenarios without vectors; %d "
	  "requirements no suite can test (the roadmap says why).\n",
	  cJSON_GetArraySize(get(get(g, "standardization"), "uncovered_requirements")),
	  cJSON_GetArraySize(get(get(g, "standardization"), "scenarios_without_vectors")),
	  cJSON_GetArraySize(get(get(g, "standardization"), "untestable_requirements")));
	if (cJSON_GetArraySize(get(get(sc, "run"), "shards_missing")))
		A("\n**Incomplete merge:** some shards are missing.\n");
}
