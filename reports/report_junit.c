/*
 * report_junit.c: JUnit XML for CI dashboards, following the widely used Jenkins/Ant schema
 * (tests/data/junit.xsd). One <testsuite> per target for its single-target results and one
 * per family (or family combination) for multi-target results; one <testcase> per scenario x
 * targets. Verdicts: fail -> <failure>, xpass -> <failure type="xpass"> (stale expectation),
 * error, inconclusive and launch-error -> <error> (its type attribute names the verdict, so a
 * target that could not be started stands apart), skip and xfail -> <skipped>.
 */
#include "reports/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X(s) dlt_esc_xml(b, (s))
#define P(...) dlt_buf_printf(b, __VA_ARGS__)
#define A(s) dlt_buf_puts(b, (s))

static const char *str(const cJSON *o, const char *k)
{
	const char *s = dlt_json_str(o, k);

	return s ? s : "";
}

/* The suite a result belongs to: the target's name, or "<families> pairs". */
static char *suite_of(const struct dlt_results *res, const cJSON *r)
{
	const cJSON *tg = cJSON_GetObjectItemCaseSensitive(r, "targets"), *t;
	struct dlt_buf s;
	const char *fams[8];
	int nf = 0;

	if (cJSON_GetArraySize(tg) == 1)
		return strdup(tg->child->valuestring);
	cJSON_ArrayForEach (t, tg) {
		const char *f = dlt_results_target_family(res, t->valuestring);
		int i, j;

		for (i = 0; i < nf && strcmp(fams[i], f); i++)
			;
		if (i < nf || nf == 8)
			continue;
		/* keep sorted */
		for (j = nf; j > 0 && strcmp(fams[j - 1], f) > 0; j--)
			fams[j] = fams[j - 1];
		fams[j] = f;
		nf++;
	}
	dlt_buf_init(&s);
	for (int i = 0; i < nf; i++)
		dlt_buf_printf(&s, "%s%s", i ? "+" : "", fams[i]);
	dlt_buf_puts(&s, " interop");
	return dlt_buf_take(&s);
}

static void details(struct dlt_buf *b, const cJSON *r)
{
	const cJSON *k, *d;
	int i = 0;

	if (*str(r, "reason")) {
		A("reason: ");
		X(str(r, "reason"));
		A("\n");
	}
	cJSON_ArrayForEach (k, cJSON_GetObjectItemCaseSensitive(r, "checks")) {
		char *ex, *ac;

		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(k, "ok")))
			continue;
		ex = dlt_json_brief(cJSON_GetObjectItemCaseSensitive(k, "expected"), 300, 0);
		ac = dlt_json_brief(cJSON_GetObjectItemCaseSensitive(k, "actual"), 300, 0);
		A("check failed: ");
		X(str(k, "label"));
		if (*str(k, "target")) {
			A(" [");
			X(str(k, "target"));
			A("]");
		}
		A(" at ");
		X(str(k, "where"));
		A("\n  expected: ");
		X(ex);
		A("\n  actual:   ");
		X(ac);
		A("\n");
		free(ex);
		free(ac);
		cJSON_ArrayForEach (d, cJSON_GetObjectItemCaseSensitive(k, "diff")) {
			char *e2 = dlt_json_brief(cJSON_GetObjectItemCaseSensitive(d, "expected"),
						  200, 0);
			char *a2 = dlt_json_brief(cJSON_GetObjectItemCaseSensitive(d, "actual"),
						  200, 0);

			A("  diff ");
			X(str(d, "path"));
			A(": ");
			X(e2);
			A(" != ");
			X(a2);
			if (*str(d, "missing")) {
				A(" (missing in ");
				X(str(d, "missing"));
				A(")");
			}
			A("\n");
			free(e2);
			free(a2);
		}
	}
	cJSON_ArrayForEach (d, cJSON_GetObjectItemCaseSensitive(r, "divergences")) {
		char *x = dlt_json_brief(cJSON_GetObjectItemCaseSensitive(d, "a"), 200, 0);
		char *y = dlt_json_brief(cJSON_GetObjectItemCaseSensitive(d, "b"), 200, 0);

		A("divergence ");
		X(str(d, "label"));
		A(" ");
		X(str(d, "path"));
		A(": A=");
		X(x);
		A(" B=");
		X(y);
		A("\n");
		free(x);
		free(y);
		if (++i >= 50)
			break;
	}
}

static void message_attr(struct dlt_buf *b, const cJSON *r)
{
	const cJSON *k;

	if (*str(r, "reason")) {
		dlt_esc_xml_max(b, str(r, "reason"), 300);
		return;
	}
	cJSON_ArrayForEach (k, cJSON_GetObjectItemCaseSensitive(r, "checks"))
		if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(k, "ok"))) {
			A("check failed: ");
			dlt_esc_xml_max(b, str(k, "label"), 300);
			return;
		}
	A(str(r, "verdict"));
}

static void testcase(struct dlt_buf *b, const struct dlt_results *res, const cJSON *r,
		     const char *suite)
{
	const char *v = str(r, "verdict");
	const cJSON *dur = cJSON_GetObjectItemCaseSensitive(r, "duration_ms"), *l;
	const cJSON *tg = cJSON_GetObjectItemCaseSensitive(r, "targets");
	char *label = dlt_result_targets_label(r);
	int multi = cJSON_GetArraySize(tg) > 1, n = 0;

	A("    <testcase name=\"");
	X(str(r, "scenario"));
	if (multi) {
		A("[");
		X(label);
		A("]");
	}
	A("\" classname=\"");
	if (multi) {
		X(suite);
	} else {
		X(dlt_results_target_family(res, tg->child->valuestring));
		A(".");
		X(tg->child->valuestring);
	}
	P("\" time=\"%.3f\"",
	  cJSON_IsNumber(dur) && dur->valuedouble > 0 ? dur->valuedouble / 1000.0 : 0.0);
	free(label);
	if (dlt_verdict_passed(v) && strcmp(v, "xpass") &&
	    !cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, "log"))) {
		A("/>\n");
		return;
	}
	A(">\n");
	if (!strcmp(v, "skip") || !strcmp(v, "xfail")) {
		A("      <skipped message=\"");
		if (!strcmp(v, "xfail"))
			A("expected failure: ");
		message_attr(b, r);
		A("\"/>\n");
	} else if (!strcmp(v, "error") || !strcmp(v, "inconclusive") ||
		   !strcmp(v, "launch-error")) {
		/* launch-error keeps its own type: the target could not be started, the scenario
		 * did not run */
		P("      <error type=\"%s\" message=\"", v);
		if (!strcmp(v, "launch-error"))
			A("not run, a target could not be started: ");
		message_attr(b, r);
		A("\">");
		details(b, r);
		A("</error>\n");
	} else if (!strcmp(v, "fail") || !strcmp(v, "xpass")) {
		P("      <failure type=\"%s\" message=\"", v);
		if (!strcmp(v, "xpass"))
			A("passed but an expectation file says it fails: ");
		message_attr(b, r);
		A("\">");
		details(b, r);
		A("</failure>\n");
	}
	cJSON_ArrayForEach (l, cJSON_GetObjectItemCaseSensitive(r, "log")) {
		if (!n)
			A("      <system-out>");
		if (n >= 200) {
			A("(log truncated)\n");
			break;
		}
		if (cJSON_IsString(l))
			dlt_esc_xml_max(b, l->valuestring, 2000);
		A("\n");
		n++;
	}
	if (n)
		A("</system-out>\n");
	A("    </testcase>\n");
}

struct counts {
	int tests, failures, errors, skipped;
	double time;
};

static void count(const cJSON *r, struct counts *c)
{
	const char *v = str(r, "verdict");
	const cJSON *dur = cJSON_GetObjectItemCaseSensitive(r, "duration_ms");

	c->tests++;
	if (!strcmp(v, "fail") || !strcmp(v, "xpass"))
		c->failures++;
	else if (!strcmp(v, "error") || !strcmp(v, "inconclusive") || !strcmp(v, "launch-error"))
		c->errors++;
	else if (!strcmp(v, "skip") || !strcmp(v, "xfail"))
		c->skipped++;
	if (cJSON_IsNumber(dur) && dur->valuedouble > 0)
		c->time += dur->valuedouble / 1000.0;
}

/* "2026-11-27T17:01:02" from an ISO 8601 UTC time, or "" when it has another shape. */
static void junit_timestamp(const char *iso, char *out, size_t len)
{
	size_t i;
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";

	out[0] = '\0';
	if (!iso || strlen(iso) < 19)
		return;
	for (i = 0; i < 19; i++)
		if (shape[i] == 'd' ? !(iso[i] >= '0' && iso[i] <= '9') : iso[i] != shape[i])
			return;
	snprintf(out, len, "%.19s", iso);
}

void dlt_report_junit(struct dlt_buf *b, const struct dlt_results *res)
{
	const cJSON *r;
	cJSON *suites = cJSON_CreateArray(), *s; /* names in first-seen order */
	struct counts all = { 0 };
	char ts[32];
	const char *host = dlt_json_str(res->run, "host");

	/* target suites in target order first, then interop suites */
	const cJSON *t;

	cJSON_ArrayForEach (t, res->targets)
		cJSON_AddItemToArray(suites, cJSON_CreateString(str(t, "name")));
	cJSON_ArrayForEach (r, res->results) {
		char *name = suite_of(res, r);
		int found = 0;

		cJSON_ArrayForEach (s, suites)
			if (name && !strcmp(s->valuestring, name))
				found = 1;
		if (name && !found)
			cJSON_AddItemToArray(suites, cJSON_CreateString(name));
		free(name);
		count(r, &all);
	}
	junit_timestamp(dlt_json_str(res->run, "started"), ts, sizeof(ts));
	A("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"dlt-interop ");
	X(str(res->run, "id"));
	P("\" tests=\"%d\" failures=\"%d\" errors=\"%d\" time=\"%.3f\">\n", all.tests, all.failures,
	  all.errors, all.time);
	int id = 0;

	cJSON_ArrayForEach (s, suites) {
		struct counts c = { 0 };
		const cJSON *tgt = dlt_results_target(res, s->valuestring);

		cJSON_ArrayForEach (r, res->results) {
			char *name = suite_of(res, r);

			if (name && !strcmp(name, s->valuestring))
				count(r, &c);
			free(name);
		}
		if (!c.tests)
			continue;
		A("  <testsuite name=\"");
		X(s->valuestring);
		P("\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\" id=\"%d\"",
		  c.tests, c.failures, c.errors, c.skipped, c.time, id++);
		if (*ts)
			P(" timestamp=\"%s\"", ts);
		if (host) {
			A(" hostname=\"");
			X(host);
			A("\"");
		}
		A(" package=\"");
		X(tgt ? str(tgt, "family") : s->valuestring);
		A("\">\n    <properties>\n");
		A("      <property name=\"suite_version\" value=\"");
		X(str(res->run, "suite_version"));
		A("\"/>\n");
		if (tgt) {
			static const char *const keys[] = { "family", "implementation", "version",
							    "client_version", "url" };

			for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
				if (!dlt_json_str(tgt, keys[i]))
					continue;
				P("      <property name=\"%s\" value=\"", keys[i]);
				X(str(tgt, keys[i]));
				A("\"/>\n");
			}
		}
		A("    </properties>\n");
		cJSON_ArrayForEach (r, res->results) {
			char *name = suite_of(res, r);

			if (name && !strcmp(name, s->valuestring))
				testcase(b, res, r, name);
			free(name);
		}
		A("  </testsuite>\n");
	}
	A("</testsuites>\n");
	cJSON_Delete(suites);
}
