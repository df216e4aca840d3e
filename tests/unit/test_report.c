/*
 * test_report.c: TAP tests of the renderers (reports/report_*.c) and escapers (reports/escape.c):
 * hostile node text (markup, quotes, ampersands, control characters, invalid UTF-8) is escaped
 * in HTML, XML and Markdown; no credentials appear; the HTML page is self-contained; EARL
 * parses as JSON-LD with one assertion per result and the outcome its verdict maps to; JUnit
 * counts match the verdicts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "runner/home.h"
#include "common/buf.h"
#include "common/json_text.h"
#include "reports/escape.h"
#include "reports/report.h"
#include "model/results.h"
#include "model/scores.h"
#include "model/roadmap.h"
#include "common/json_bytes.h"

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void escapers(void)
{
	struct dlt_buf b;
	char s[128];

	dlt_buf_init(&b);
	dlt_esc_xml(&b, "a<b>&\"c'\x01\x1b\x7f\n\xff\xc3\xa9\xef\xbf\xbe!");
	tap_ok_escaped(
		!strcmp(dlt_buf_str(&b),
			"a&lt;b&gt;&amp;&quot;c&#39;\\x01\\x1b\\x7f\n\xef\xbf\xbd\xc3\xa9\xef\xbf\xbd!"),
		"xml escape: markup, quotes, controls, invalid UTF-8, U+FFFE (%s)",
		dlt_buf_str(&b));
	dlt_buf_free(&b);
	dlt_esc_xml(&b, "\xed\xa0\x80\xc0\xaf");
	tap_ok(!strcmp(dlt_buf_str(&b),
		       "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"),
	       "xml escape: surrogates and overlong forms replaced");
	dlt_buf_free(&b);
	dlt_esc_xml_max(&b, "abcdef", 3);
	tap_ok(!strcmp(dlt_buf_str(&b), "abc\xe2\x80\xa6"), "xml escape with a length limit");
	dlt_buf_free(&b);
	dlt_esc_md(&b, "a|b *c* <x> @team `q`\nz", 0);
	tap_ok_escaped(!strcmp(dlt_buf_str(&b), "a\\|b \\*c\\* &lt;x&gt; \\@team \\`q\\` z"),
		       "markdown escape (%s)", dlt_buf_str(&b));
	dlt_buf_free(&b);
	dlt_esc_md_code(&b, "x`y\nz", 0);
	tap_ok(!strcmp(dlt_buf_str(&b), "x'y z"), "markdown code span");
	dlt_buf_free(&b);

	snprintf(s, sizeof(s), "http://user:pa%%3Ass@host:8332/path and https://tok@h/x ftp://a@b");
	dlt_redact_userinfo(s);
	tap_ok_escaped(!strcmp(s, "http://host:8332/path and https://h/x ftp://b"),
		       "userinfo stripped (%s)", s);
	snprintf(s, sizeof(s), "mail me: a@b.c http://host/x@y");
	dlt_redact_userinfo(s);
	tap_ok_escaped(!strcmp(s, "mail me: a@b.c http://host/x@y"),
		       "an @ after the host is kept (%s)", s);
}

static const char *HOSTILE_RAW[] = { "<script>", "<img src=x", "onerror=\"", "\x01",
				     "s3cret",   "hunter2",    "rpcuser",    "admin:" };

static void html(const struct dlt_results *r, const struct dlt_roadmap *rm, const cJSON *sc)
{
	struct dlt_buf b;
	const char *s;
	int bad = 0;

	dlt_buf_init(&b);
	dlt_report_html(&b, r, rm, sc);
	s = dlt_buf_str(&b);
	tap_ok(!strncmp(s, "<!DOCTYPE html>", 15) && strstr(s, "</html>\n"),
	       "html: a whole document");
	/* the page's own script element is the one "<script>" allowed (by its sha256) */
	const char *own = strstr(s, "<script>/* reports/report.js");
	int nscripts = 0;
	for (const char *p = s; (p = strstr(p, "<script")) != NULL; p++)
		nscripts++;
	for (size_t i = 0; i < sizeof(HOSTILE_RAW) / sizeof(HOSTILE_RAW[0]); i++)
		if (!strcmp(HOSTILE_RAW[i], "<script>") ? nscripts != 1 || !own
							: strstr(s, HOSTILE_RAW[i]) != NULL) {
			printf("# raw \"%s\" in the HTML\n", HOSTILE_RAW[i]);
			bad++;
		}
	tap_ok(!bad, "html: no raw markup, control characters or credentials from the results");
	tap_ok(strstr(s, "&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;") &&
		       strstr(s, "&lt;img src=x onerror=&quot;") && strstr(s, "\\x01\\x1b"),
	       "html: hostile text shown escaped");
	tap_ok(nscripts == 1 && own && strstr(s, "script-src 'sha256-") && !strstr(s, "<link") &&
		       !strstr(s, "src=\"http") && !strstr(s, "href=\"http") &&
		       !strstr(s, "@import") && !strstr(s, "url(") && !strstr(s, "fetch(") &&
		       !strstr(s, "XMLHttpRequest"),
	       "html: one script, its own (allowed by its sha256), no external assets, no network");
	tap_ok(count(s, "<svg") >= 3 && strstr(s, "id=\"heatmap\"") &&
		       strstr(s, "class=\"matrix\""),
	       "html: inline SVG charts (bars, matrix, heatmap)");
	tap_ok(strstr(s, "id=\"gaps-standardization\"") &&
		       strstr(s, "id=\"gaps-implementation\"") &&
		       strstr(s, "id=\"gaps-interoperability\""),
	       "html: the three gap lists");
	tap_ok(strstr(s, "<table class=\"untestable\">") && strstr(s, "<td>TERM-05</td>") &&
		       strstr(s, "no node interface of any family answers it"),
	       "html: requirements no suite can test are listed apart, with the roadmap's reason");
	tap_ok(count(s, "<details id=\"s-") == cJSON_GetArraySize(r->scenarios),
	       "html: one drill-down per scenario");
	tap_ok(strstr(s, "$.effectiveGasPrice") && strstr(s, "0x3b9aca07") &&
		       strstr(s, "attempt to index a nil value"),
	       "html: divergences and reasons present");
	tap_ok(strstr(s, "83.3%") && strstr(s, "50% (1/2)"), "html: scores and pair matrix values");
	tap_ok(strstr(s, "results passed") && !strstr(s, "checks passed") &&
		       !strstr(s, "id=\"launch-errors\""),
	       "html: scores are shares of results; no launch-error section when none");
	dlt_buf_free(&b);
}

static void markdown(const struct dlt_results *r, const struct dlt_roadmap *rm, const cJSON *sc)
{
	struct dlt_buf b;
	const char *s;

	dlt_buf_init(&b);
	dlt_report_md(&b, r, rm, sc);
	s = dlt_buf_str(&b);
	tap_ok(strstr(s, "## dlt-interop: 19 of 29 results passed") &&
		       strstr(s, "| target | family | all |"),
	       "markdown: headline and score table");
	tap_ok(strstr(s, "### Failures (7)") &&
		       strstr(s, "2 multi-target results diverge, on 4 fields"),
	       "markdown: failures and divergence count");
	tap_ok(!strstr(s, "<script") && !strstr(s, "<img") && !strstr(s, "hunter2") &&
		       !strchr(s, '\x01'),
	       "markdown: hostile text escaped");
	tap_ok(strlen(s) < 8000, "markdown: short enough for a comment (%zu bytes)", strlen(s));
	dlt_buf_free(&b);
}

static void junit(const struct dlt_results *r)
{
	struct dlt_buf b;
	const char *s;

	dlt_buf_init(&b);
	dlt_report_junit(&b, r);
	s = dlt_buf_str(&b);
	tap_ok(count(s, "<testcase ") == 29, "junit: one testcase per result (%d)",
	       count(s, "<testcase "));
	tap_ok(count(s, "<failure ") == 6 && count(s, "<error ") == 2 && count(s, "<skipped ") == 2,
	       "junit: 6 failures, 2 errors (error, inconclusive), 2 skipped (skip, xfail)");
	tap_ok(strstr(s,
		      "<testsuites name=\"dlt-interop 20261127T170102Z-4f2a\" tests=\"29\" failures=\"6\" errors=\"2\"") !=
		       NULL,
	       "junit: totals");
	tap_ok(strstr(s, "<testsuite name=\"ethereum interop\"") &&
		       strstr(s, "<testsuite name=\"bitcoin+ethereum interop\""),
	       "junit: suites for pairs within and across families");
	tap_ok(!strstr(s, "<script") && !strchr(s, '\x01') && !strstr(s, "hunter2"),
	       "junit: hostile text escaped");
	dlt_buf_free(&b);
}

static int outcome_count(const cJSON *graph, const char *outcome)
{
	const cJSON *it;
	int n = 0;

	cJSON_ArrayForEach (it, graph) {
		const cJSON *res = cJSON_GetObjectItemCaseSensitive(it, "earl:result");
		const char *o =
			dlt_json_str(cJSON_GetObjectItemCaseSensitive(res, "earl:outcome"), "@id");

		if (o && !strcmp(o, outcome))
			n++;
	}
	return n;
}

static void earl(const struct dlt_results *r, const struct dlt_roadmap *rm, const char *name,
		 int passed, int failed, int canttell, int inapplicable, int untested, int extra)
{
	struct dlt_buf b;
	cJSON *doc, *graph;
	int assertions = 0;
	const cJSON *it;

	dlt_buf_init(&b);
	dlt_report_earl(&b, r, rm);
	doc = cJSON_Parse(dlt_buf_str(&b));
	graph = cJSON_GetObjectItemCaseSensitive(doc, "@graph");
	tap_ok_escaped(
		doc && cJSON_IsArray(graph) &&
			!strcmp(dlt_json_str(cJSON_GetObjectItemCaseSensitive(doc, "@context"),
					     "earl"),
				"http://www.w3.org/ns/earl#"),
		"earl %s: parses, EARL context", name);
	cJSON_ArrayForEach (it, graph) {
		const char *t = dlt_json_str(it, "@type");

		if (t && !strcmp(t, "earl:Assertion"))
			assertions++;
	}
	tap_ok_escaped(
		assertions == cJSON_GetArraySize(r->results) + extra,
		"earl %s: one assertion per result plus %d for planned combinations with no result (%d)",
		name, extra, assertions);
	tap_ok_escaped(
		outcome_count(graph, "earl:passed") == passed &&
			outcome_count(graph, "earl:failed") == failed &&
			outcome_count(graph, "earl:cantTell") == canttell &&
			outcome_count(graph, "earl:inapplicable") == inapplicable &&
			outcome_count(graph, "earl:untested") == untested,
		"earl %s: outcomes passed %d failed %d cantTell %d inapplicable %d untested %d",
		name, outcome_count(graph, "earl:passed"), outcome_count(graph, "earl:failed"),
		outcome_count(graph, "earl:cantTell"), outcome_count(graph, "earl:inapplicable"),
		outcome_count(graph, "earl:untested"));
	cJSON_Delete(doc);
	dlt_buf_free(&b);
}

/* A target that could not be started: every format shows its launch-error results apart from
 * failures, and says why it has no score. */
static void launch_error_reports(const struct dlt_roadmap *rm)
{
	char path[4096], err[1024];
	struct dlt_results *r = NULL;
	struct dlt_buf b;
	cJSON *sc;
	const char *s;

	snprintf(path, sizeof(path), "%s/tests/data/results/launch-error.json", dlt_home());
	if (dlt_results_load(path, &r, err, sizeof(err))) {
		tap_ok_escaped(0, "launch-error.json loads: %s", err);
		return;
	}
	sc = dlt_scores_compute(r, rm, err, sizeof(err));
	tap_ok(sc != NULL, "launch-error.json: scores computed");
	if (!sc) {
		dlt_results_free(r);
		return;
	}
	dlt_buf_init(&b);
	dlt_report_html(&b, r, rm, sc);
	s = dlt_buf_str(&b);
	tap_ok(strstr(s, "<th><span class=\"v v-launch-error\">launch-error</span></th>") &&
		       strstr(s, "id=\"launch-errors\"") && strstr(s, "not ready after 90 s") &&
		       strstr(s, "<th>ethereumjs</th><td colspan=") &&
		       strstr(s, "no score: the target could not be started"),
	       "html: launch errors in a section of their own, the target without a score says why");
	tap_ok(!strstr(s, "<client>") && !strchr(s, '\x01'),
	       "html: the launcher's log tail escaped");
	dlt_buf_free(&b);

	dlt_buf_init(&b);
	dlt_report_md(&b, r, rm, sc);
	s = dlt_buf_str(&b);
	tap_ok(strstr(s, "| launch-error |") &&
		       strstr(s, "### Could not start (3 launch-error results, "
				 "not scored)") &&
		       strstr(s,
			      "- ethereumjs: 3 results: target ethereumjs: not ready after 90 s") &&
		       strstr(s, "ethereumjs has no score: the target could not be started") &&
		       strstr(s, "### Failures (0)") &&
		       strstr(s, "| ethereumjs | ethereum | \xe2\x80\x93 |"),
	       "markdown: launch errors apart from failures, no score shown as a dash");
	dlt_buf_free(&b);

	dlt_buf_init(&b);
	dlt_report_junit(&b, r);
	s = dlt_buf_str(&b);
	tap_ok(count(s, "<error type=\"launch-error\" message=\"not run, a target could not be "
			"started: target ethereumjs: not ready after 90 s") == 3 &&
		       count(s, "<failure ") == 0,
	       "junit: launch-error is an error of its own type, no failure");
	dlt_buf_free(&b);
	earl(r, rm, "launch-error", 1, 0, 0, 0, 3, 0);

	dlt_buf_init(&b);
	dlt_report_json(&b, sc);
	s = dlt_buf_str(&b);
	tap_ok(strstr(s, "\"launch-error\": 3") && strstr(s, "\"not_scored\""),
	       "json: launch-error counted, the unscored target says why");
	dlt_buf_free(&b);
	cJSON_Delete(sc);
	dlt_results_free(r);
}

int main(void)
{
	char path[4096], err[1024] = "";
	struct dlt_roadmap *rm = NULL;
	struct dlt_results *r = NULL, *v = NULL;
	cJSON *sc = NULL;

	escapers();
	snprintf(path, sizeof(path), "%s/roadmap/roadmap.json", dlt_home());
	if (dlt_roadmap_load(path, &rm, err, sizeof(err))) {
		tap_ok_escaped(0, "roadmap loads: %s", err);
		goto out;
	}
	snprintf(path, sizeof(path), "%s/tests/data/results/run-full.json", dlt_home());
	if (dlt_results_load(path, &r, err, sizeof(err))) {
		tap_ok_escaped(0, "results load: %s", err);
		goto out;
	}
	sc = dlt_scores_compute(r, rm, err, sizeof(err));
	tap_ok(sc != NULL, "scores computed");
	if (!sc)
		goto out;
	html(r, rm, sc);
	markdown(r, rm, sc);
	junit(r);
	earl(r, rm, "run-full", 19, 7, 2, 1, 0, 0);
	snprintf(path, sizeof(path), "%s/tests/data/results/vendor-besu.json", dlt_home());
	if (dlt_results_load(path, &v, err, sizeof(err)) == 0)
		earl(v, rm, "vendor-besu", 2, 0, 0, 1, 1, 1);
	else
		tap_ok_escaped(0, "vendor-besu loads: %s", err);
	launch_error_reports(rm);
	{
		struct dlt_buf b;
		cJSON *j;

		dlt_buf_init(&b);
		dlt_report_json(&b, sc);
		j = cJSON_Parse(dlt_buf_str(&b));
		tap_ok(j && cJSON_Compare(j, sc, 1), "json: the scores document, round-trips");
		cJSON_Delete(j);
		dlt_buf_free(&b);
	}
	{
		/* JSON the reports write is valid UTF-8 whatever the strings hold */
		struct dlt_buf b;
		cJSON *o = cJSON_CreateObject(), *j;

		cJSON_AddStringToObject(o, "v", "a\xff");
		cJSON_AddStringToObject(o, "k\xfe", "ok");
		dlt_buf_init(&b);
		dlt_json_pretty(&b, o);
		j = cJSON_Parse(dlt_buf_str(&b));
		tap_ok(j && dlt_utf8_valid(dlt_buf_str(&b), b.len) &&
			       !strcmp(cJSON_GetObjectItemCaseSensitive(
					       cJSON_GetObjectItemCaseSensitive(j, "v"), "$bytes")
					       ->valuestring,
				       "61ff") &&
			       cJSON_GetObjectItemCaseSensitive(j, "$bytes:6bfe"),
		       "json: a string or name that is not UTF-8 is written in its byte-string form");
		cJSON_Delete(j);
		cJSON_Delete(o);
		dlt_buf_free(&b);
	}
	{
		/* a results.json holding byte strings where text is expected loads, as text */
		cJSON *doc = cJSON_Parse(
			"{\"format\":\"dlt-interop-results/1\",\"run\":{\"id\":\"x\","
			"\"suite_version\":\"y\"},\"targets\":[{\"name\":\"anvil\","
			"\"family\":\"ethereum\"}],\"scenarios\":[{\"id\":{\"$bytes\":\"41ff\"},"
			"\"family\":\"ethereum\",\"file\":{\"$bytes\":\"ff\"}}],\"results\":[{"
			"\"scenario\":{\"$bytes\":\"41ff\"},\"targets\":{\"node\":\"anvil\"},"
			"\"verdict\":\"fail\",\"reason\":{\"$bytes\":\"00\"},\"checks\":[{\"ok\":false,"
			"\"label\":{\"$bytes\":\"c3\"},\"expected\":{\"$bytes\":\"fe\"}}]}]}");
		struct dlt_results *x = NULL;
		int rc = dlt_results_from_json(doc, "bytes.json", &x, err, sizeof(err));
		const cJSON *res = rc == 0 ? cJSON_GetArrayItem(x->results, 0) : NULL;
		const cJSON *chk =
			res ? cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(res, "checks"), 0)
			    : NULL;

		tap_ok_escaped(
			rc == 0 && !strcmp(dlt_json_str(res, "scenario"), "$bytes:41ff") &&
				!strcmp(dlt_json_str(res, "reason"), "$bytes:00") &&
				!strcmp(dlt_json_str(chk, "label"), "$bytes:c3") &&
				cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(chk, "expected")),
			"results: byte strings in text places read as \"$bytes:hex\", values kept (%s)",
			rc ? err : "ok");
		dlt_results_free(x);
	}
out:
	cJSON_Delete(sc);
	dlt_results_free(r);
	dlt_results_free(v);
	dlt_roadmap_free(rm);
	return tap_done();
}
