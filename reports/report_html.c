/*
 * report_html.c: the HTML report, one self-contained file for a standards body: no external
 * assets and no scripts (a Content-Security-Policy forbids them as a second line of defence);
 * charts are inline SVG; drill-down uses <details>. Every string from the results goes
 * through dlt_esc_xml, which escapes markup and neutralises control characters.
 *
 * Sections: summary (with the targets that could not be started, apart), conformance (bar
 * chart + table; a target with no score says why), interop score, pair matrices,
 * requirement x target heatmap, gap analysis (standardization, implementation,
 * interoperability), scenarios with their checks, diffs, divergences and log excerpts.
 */
#include "reports/report.h"
#include "reports/report_html.h"
#include "reports/trend.h"
#include "model/scores.h"
#include "reports/report_perf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X(s) dlt_esc_xml(b, (s))
#define P(...) dlt_buf_printf(b, __VA_ARGS__)
#define A(s) dlt_buf_puts(b, (s))

#define LOG_LINES 40
#define LOG_LINE_MAX 400
#define VALUE_MAX 300
#define FAILED_VALUE_MAX 8000 /* a failed check's expected and actual, shown whole up to this */

static const char *const PALETTE[] = { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
				       "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf" };
#define NPALETTE (sizeof(PALETTE) / sizeof(PALETTE[0]))

static const cJSON *get(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

static const char *str(const cJSON *o, const char *k)
{
	const char *s = dlt_json_str(o, k);

	return s ? s : "";
}

void dlt_report_pct(char *buf, size_t len, const cJSON *score)
{
	if (cJSON_IsNumber(score))
		snprintf(buf, len, "%.1f%%", score->valuedouble * 100.0);
	else
		snprintf(buf, len, "\xe2\x80\x93");
}

/* status -> one-letter code (the heatmap's) */
static const char *status_letter(const char *s)
{
	if (!strcmp(s, "pass"))
		return "P";
	if (!strcmp(s, "fail"))
		return "F";
	if (!strcmp(s, "error"))
		return "E";
	if (!strcmp(s, "inconclusive"))
		return "I";
	if (!strcmp(s, "skip"))
		return "S";
	if (!strcmp(s, "launch-error"))
		return "L";
	if (!strcmp(s, "untested"))
		return "\xc2\xb7";
	return "\xe2\x80\x93";
}

static const char *status_color(const char *s)
{
	return dlt_html_status_color(s);
}

/* A requirement level as written in the roadmap: MUST, SHOULD or MAY ("?" otherwise). */
static const char *level_name(const char *l)
{
	if (!strcmp(l, "MUST") || !strcmp(l, "SHOULD") || !strcmp(l, "MAY"))
		return l;
	return "?";
}

static void verdict_badge(struct dlt_buf *b, const char *v)
{
	A("<span class=\"v v-");
	X(v);
	A("\">");
	X(v);
	A("</span>");
}

static void value_cell(struct dlt_buf *b, const cJSON *v)
{
	char *s = dlt_json_brief(v, VALUE_MAX, 0);

	A("<code>");
	X(s ? s : "");
	A("</code>");
	free(s);
}

static const char *CSS =
	"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;"
	"max-width:1200px;padding:1em 2em;color:#212121;line-height:1.4}"
	"h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #cfd8dc;padding-bottom:.2em;"
	"margin-top:2em}h3{margin-top:1.5em}"
	"table{border-collapse:collapse;margin:.5em 0 1em}th,td{border:1px solid #cfd8dc;"
	"padding:.25em .5em;text-align:left;vertical-align:top}th{background:#eceff1}"
	"td.num{text-align:right;font-variant-numeric:tabular-nums}"
	"code,pre{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:.9em;"
	"white-space:pre-wrap;word-break:break-all}"
	"pre.log{background:#fafafa;border:1px solid #e0e0e0;padding:.5em;max-height:30em;overflow:auto}"
	".meta{color:#546e7a}.v{display:inline-block;padding:0 .4em;border-radius:3px;color:#fff;"
	"font-size:.85em;font-weight:600}"
	".v-not-established{background:#ffb300;color:#212121}.v-no-must{background:#cfd8dc;color:#212121}"
	".v-agree{background:#2e7d32}.v-diverge{background:#c62828}"
	"details{border:1px solid #cfd8dc;border-radius:4px;margin:.4em 0;padding:.3em .6em}"
	"details[open]{background:#fcfcfc}summary{cursor:pointer}"
	"nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1em}"
	"svg text{font-family:system-ui,sans-serif}.ok{color:#2e7d32}.ko{color:#c62828}"
	".small{font-size:.85em}";

static void head(struct dlt_buf *b, const struct dlt_results *res, const struct dlt_roadmap *rm,
		 const cJSON *sc)
{
	const cJSON *run = get(sc, "run"), *f;

	A("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	  "<meta http-equiv=\"Content-Security-Policy\" content=\"");
	dlt_html_csp(b);
	A("\">\n"
	  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	  "<meta name=\"generator\" content=\"dlt-interop\">\n<title>dlt-interop report: ");
	X(str(run, "id"));
	A("</title>\n<style>");
	A(CSS);
	dlt_html_verdict_css(b);
	A("</style>\n</head>\n<body>\n<header>\n<h1>Conformance and interoperability report</h1>\n"
	  "<p class=\"meta\">Run <code>");
	X(str(run, "id"));
	A("</code>");
	if (*str(run, "tool")) {
		A(" by ");
		X(str(run, "tool"));
	}
	if (*str(run, "started")) {
		A(", ");
		X(str(run, "started"));
		A(" to ");
		X(str(run, "finished"));
	}
	A("<br>Suite version <code>");
	X(str(run, "suite_version"));
	A("</code>; roadmap ");
	X(dlt_roadmap_version(rm));
	P(" (%zu requirements)<br>Results: ", dlt_roadmap_count(rm));
	int i = 0;

	cJSON_ArrayForEach (f, get(run, "files")) {
		if (i++)
			A(", ");
		A("<code>");
		X(f->valuestring);
		A("</code>");
	}
	A("</p>\n");
	if (cJSON_GetArraySize(get(run, "shards_missing"))) {
		A("<p class=\"ko\"><strong>Incomplete:</strong> shards missing from the merge:");
		cJSON_ArrayForEach (f, get(run, "shards_missing"))
			P(" %d", f->valueint);
		A("</p>\n");
	}
	(void)res;
	A("<nav><ul><li><a href=\"#summary\">Summary</a></li><li><a href=\"#conformance\">"
	  "Conformance</a></li><li><a href=\"#interop\">Interop score</a></li><li><a href=\"#matrix\">"
	  "Pair matrix</a></li><li><a href=\"#heatmap\">Requirements</a></li><li><a href=\"#grid\">"
	  "Scenarios \xc3\x97 targets</a></li><li><a href=\"#gaps\">"
	  "Gaps</a></li><li><a href=\"#scenarios\">Scenarios</a></li></ul></nav>\n</header>\n");
}

/* The targets that could not be started, apart from every verdict on the implementations:
 * their launch-error results count in no score. */
static void launch_errors(struct dlt_buf *b, const cJSON *sc)
{
	const cJSON *c;
	const cJSON *n = get(get(sc, "summary"), "launch-error");
	int named = 0;

	if (!cJSON_IsNumber(n) || n->valueint <= 0)
		return;
	P("<h3 id=\"launch-errors\">Targets that could not be started</h3>\n<p>%d results have the "
	  "verdict <span class=\"v v-launch-error\">launch-error</span>: the runner could not start "
	  "(or restart) a target they need, so they did not run. They count in no score; the "
	  "target's score, if any, comes from the results that did run.</p>\n<table "
	  "class=\"launch-errors\"><tr><th>target</th><th>launch-error results</th><th>why</th>"
	  "</tr>\n",
	  n->valueint);
	cJSON_ArrayForEach (c, get(sc, "conformance"))
		named += *str(c, "could_not_start") != '\0';
	cJSON_ArrayForEach (c, get(sc, "conformance")) {
		const cJSON *le = get(c, "launch_errors");
		const char *down = str(c, "could_not_start");

		/* the targets that could not be started, not their partners */
		if (!cJSON_IsNumber(le) || le->valueint <= 0 || (named && !*down))
			continue;
		A("<tr><td>");
		X(str(c, "target"));
		P("</td><td class=\"num\">%d</td><td><pre class=\"log\">", le->valueint);
		X(*down ? down : "(see the results' reasons)");
		A("</pre></td></tr>\n");
	}
	A("</table>\n");
}

static void summary(struct dlt_buf *b, const cJSON *sc)
{
	static const char *const vs[] = { "pass",         "fail",  "skip",  "error",
					  "inconclusive", "xfail", "xpass", "launch-error" };
	const cJSON *s = get(sc, "summary"), *t, *c;

	A("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"summary\"><tr><th>results</th>");
	for (size_t i = 0; i < sizeof(vs) / sizeof(vs[0]); i++) {
		A("<th>");
		verdict_badge(b, vs[i]);
		A("</th>");
	}
	P("</tr>\n<tr><td class=\"num\">%d</td>",
	  cJSON_GetObjectItem(s, "total") ? cJSON_GetObjectItem(s, "total")->valueint : 0);
	for (size_t i = 0; i < sizeof(vs) / sizeof(vs[0]); i++)
		P("<td class=\"num\"><a href=\"#f:status=%s\">%d</a></td>", vs[i],
		  get(s, vs[i]) ? get(s, vs[i])->valueint : 0);
	A("</tr></table>\n<h3>Targets</h3>\n<table class=\"targets\"><tr><th>target</th><th>family</th>"
	  "<th>implementation</th><th>version</th><th>client version</th><th>results passed</th>"
	  "<th>verdicts</th></tr>\n");
	cJSON_ArrayForEach (t, get(sc, "targets")) {
		char pct[32];
		const cJSON *v;

		c = NULL;
		cJSON_ArrayForEach (c, get(sc, "conformance"))
			if (!strcmp(str(c, "target"), str(t, "name")))
				break;
		dlt_report_pct(pct, sizeof(pct), get(c, "score"));
		A("<tr><td>");
		X(str(t, "name"));
		A("</td><td>");
		X(str(t, "family"));
		A("</td><td>");
		X(str(t, "implementation"));
		A("</td><td>");
		X(str(t, "version"));
		A("</td><td><code>");
		X(str(t, "client_version"));
		P("</code></td><td class=\"num\">%s (%d/%d)</td><td>", pct,
		  get(c, "passed") ? get(c, "passed")->valueint : 0,
		  get(c, "results") ? get(c, "results")->valueint : 0);
		cJSON_ArrayForEach (v, get(c, "verdicts")) {
			verdict_badge(b, v->string);
			P(" %d ", v->valueint);
		}
		A("</td></tr>\n");
	}
	A("</table>\n");
	launch_errors(b, sc);
	A("</section>\n");
}

/* Grouped bars: per area, one bar per target. */
static void bar_chart(struct dlt_buf *b, const cJSON *sc)
{
	const cJSON *areas = get(sc, "areas"), *conf = get(sc, "conformance"), *a, *c;
	int nt = cJSON_GetArraySize(conf), na = cJSON_GetArraySize(areas);
	int bw = 12, group = nt * bw + 14, left = 44, top = 14, ph = 180;
	if (group < 40)
		group = 40; /* room for a label under every group */
	int w = left + na * group + 10, h = top + ph + 64 + 18 * ((nt + 3) / 4);
	int ai = 0;

	if (!nt || !na)
		return;
	P("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" "
	  "aria-labelledby=\"bar-title\" viewBox=\"0 0 %d %d\">\n"
	  "<title id=\"bar-title\">Share of applicable results passed, per area and target</title>\n",
	  w, h, w, h);
	for (int p = 0; p <= 100; p += 25) {
		int y = top + ph - ph * p / 100;

		P("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#cfd8dc\"/>"
		  "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%d%%</text>\n",
		  left, y, w - 10, y, left - 4, y + 3, p);
	}
	cJSON_ArrayForEach (a, areas) {
		int x0 = left + ai * group + 7, ti = 0;

		cJSON_ArrayForEach (c, conf) {
			const cJSON *ar = get(get(c, "areas"), str(a, "id")), *s = get(ar, "score");
			int x = x0 + ti * bw;

			if (cJSON_IsNumber(s)) {
				int bh = (int)(ph * s->valuedouble + 0.5);

				if (bh < 1)
					bh = 1;
				P("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>",
				  x, top + ph - bh, bw - 2, bh, PALETTE[ti % NPALETTE]);
				X(str(c, "target"));
				A(" \xc2\xb7 ");
				X(str(a, "id"));
				P(": %.1f%% (%d/%d results)</title></rect>\n", s->valuedouble * 100,
				  get(ar, "passed")->valueint, get(ar, "results")->valueint);
			} else {
				P("<text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#90a4ae\">\xe2\x80\x93</text>\n",
				  x + 2, top + ph - 2);
			}
			ti++;
		}
		/* labels slanted: long area ids (CRYPTO, INTEG) never run into each other */
		P("<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" "
		  "transform=\"rotate(-35 %d %d)\">",
		  x0 + nt * bw / 2, top + ph + 14, x0 + nt * bw / 2, top + ph + 14);
		X(str(a, "id"));
		A("</text>\n");
		ai++;
	}
	ai = 0;
	cJSON_ArrayForEach (c, conf) {
		int x = left + (ai % 4) * 180, y = top + ph + 54 + 18 * (ai / 4);

		P("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
		  "<text x=\"%d\" y=\"%d\" font-size=\"11\">",
		  x, y, PALETTE[ai % NPALETTE], x + 14, y + 9);
		X(str(c, "target"));
		A("</text>\n");
		ai++;
	}
	A("</svg>\n");
}

static void conformance(struct dlt_buf *b, const cJSON *sc)
{
	const cJSON *areas = get(sc, "areas"), *a, *c;

	A("<section id=\"conformance\">\n<h2>Conformance by area</h2>\n<p>Score: the share of the "
	  "target's applicable results that pass, over the scenarios of each area: results "
	  "(pass or xpass) / results (pass, xpass, fail, xfail, error). A result is one scenario "
	  "run on one combination of targets; however many checks it made, it counts once, so "
	  "a score moves only when a verdict does. Skip, inconclusive and launch-error results do "
	  "not count. Each cell shows the score and, beside it, its numerator and denominator "
	  "(<em>passed/results</em>), so every percentage can be recomputed; the cell links to "
	  "those results. A target <em>conforms</em> to an area when every applicable MUST "
	  "requirement of the area has passing scenarios; <em>not established</em> when some "
	  "are untested, skipped, inconclusive or could not run.</p>\n<figure>");
	bar_chart(b, sc);
	A("<figcaption>Share of applicable results passed, per area (hover a bar for "
	  "counts).</figcaption></figure>\n");
	dlt_trend_html(b, sc);
	A("<table class=\"conformance\"><tr><th>target</th>");
	cJSON_ArrayForEach (a, areas) {
		A("<th title=\"");
		X(str(a, "title"));
		A("\">");
		X(str(a, "id"));
		A("</th>");
	}
	A("</tr>\n");
	cJSON_ArrayForEach (c, get(sc, "conformance")) {
		A("<tr><th>");
		X(str(c, "target"));
		A("</th>");
		if (*str(c, "not_scored")) {
			P("<td colspan=\"%d\" class=\"meta\">no score: ",
			  cJSON_GetArraySize(areas));
			X(str(c, "not_scored"));
			A("</td></tr>\n");
			continue;
		}
		cJSON_ArrayForEach (a, areas) {
			const cJSON *ar = get(get(c, "areas"), str(a, "id")), *f;
			const char *st = str(ar, "status");
			char pct[32];

			dlt_report_pct(pct, sizeof(pct), get(ar, "score"));
			A("<td class=\"num\"><a href=\"#f:target=");
			X(str(c, "target"));
			A("&amp;area=");
			X(str(a, "id"));
			P("\">%s</a>", pct);
			if (cJSON_IsNumber(get(ar, "passed")) && cJSON_IsNumber(get(ar, "results")))
				P(" <span class=\"small frac\">%d/%d</span>",
				  get(ar, "passed")->valueint, get(ar, "results")->valueint);
			A("<br><span class=\"v v-");
			X(st);
			A("\" title=\"");
			P("MUST requirements passed: %d of %d",
			  get(ar, "must_passed") ? get(ar, "must_passed")->valueint : 0,
			  get(ar, "must") ? get(ar, "must")->valueint : 0);
			if (cJSON_GetArraySize(get(ar, "failing_must"))) {
				A("; failing:");
				cJSON_ArrayForEach (f, get(ar, "failing_must")) {
					A(" ");
					X(f->valuestring);
				}
			}
			A("\">");
			A(!strcmp(st, "conforms")  ? "conforms"
			  : !strcmp(st, "fails")   ? "fails"
			  : !strcmp(st, "no-must") ? "no MUST"
						   : "open");
			A("</span></td>");
		}
		A("</tr>\n");
	}
	A("</table>\n<p class=\"small meta\">Under each score: <em>conforms</em>, <em>fails</em> (a "
	  "MUST requirement failed), <em>open</em> (not established), <em>no MUST</em> (the area has "
	  "no MUST requirement for the target's family). Hover for the counts.</p>\n</section>\n");
}

/* The interop score per area, one bar per family (the minimum across its targets). */
static void interop_chart(struct dlt_buf *b, const cJSON *sc)
{
	const cJSON *areas = get(sc, "areas"), *fams = get(sc, "interop"), *a, *f;
	int nf = cJSON_GetArraySize(fams), na = cJSON_GetArraySize(areas);
	int bw = 14, group = nf * bw + 14, left = 44, top = 14, ph = 140, ai = 0;

	if (!nf || !na)
		return;
	if (group < 40)
		group = 40;
	int w = left + na * group + 10, h = top + ph + 64 + 18 * ((nf + 3) / 4);
	P("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	  "viewBox=\"0 0 %d %d\" role=\"img\" class=\"interop-chart\"><title>Interop score per area "
	  "and family</title>\n",
	  w, h, w, h);
	for (int p = 0; p <= 100; p += 25) {
		int y = top + ph - ph * p / 100;

		P("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#cfd8dc\"/>"
		  "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%d%%</text>\n",
		  left, y, w - 10, y, left - 4, y + 3, p);
	}
	cJSON_ArrayForEach (a, areas) {
		int x0 = left + ai * group + 7, fi = 0;

		cJSON_ArrayForEach (f, fams) {
			const cJSON *ar = get(get(f, "areas"), str(a, "id")), *s = get(ar, "score");
			int x = x0 + fi * bw;

			if (cJSON_IsNumber(s)) {
				int bh = (int)(ph * s->valuedouble + 0.5);

				if (bh < 1)
					bh = 1;
				P("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>",
				  x, top + ph - bh, bw - 2, bh, PALETTE[(fi + 4) % NPALETTE]);
				X(str(f, "family"));
				A(" \xc2\xb7 ");
				X(str(a, "id"));
				P(": %.1f%% (%g/%g scenarios)</title></rect>\n",
				  s->valuedouble * 100,
				  get(ar, "sum") ? get(ar, "sum")->valuedouble : 0,
				  get(ar, "scenarios") ? get(ar, "scenarios")->valuedouble : 0);
			}
			fi++;
		}
		P("<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" "
		  "transform=\"rotate(-35 %d %d)\">",
		  x0 + nf * bw / 2, top + ph + 14, x0 + nf * bw / 2, top + ph + 14);
		X(str(a, "id"));
		A("</text>\n");
		ai++;
	}
	ai = 0;
	cJSON_ArrayForEach (f, fams) {
		int x = left + (ai % 4) * 180, y = top + ph + 54 + 18 * (ai / 4);

		P("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
		  "<text x=\"%d\" y=\"%d\" font-size=\"11\">",
		  x, y, PALETTE[(ai + 4) % NPALETTE], x + 14, y + 9);
		X(str(f, "family"));
		A("</text>\n");
		ai++;
	}
	A("</svg><figcaption>Interop score per area and family (hover a bar for the sum and the "
	  "number of scenarios).</figcaption></figure>\n");
}

static void interop(struct dlt_buf *b, const cJSON *sc)
{
	const cJSON *areas = get(sc, "areas"), *a, *f;

	A("<section id=\"interop\">\n<h2>Interop score</h2>\n<p>As web-platform-tests' Interop "
	  "score: for each scenario of a family, the minimum over the family's targets (or target "
	  "pairs) of passing (1) or not (0; a missing result counts as 0), summed over the family's "
	  "scenarios of the area and divided by their number. Under each score: that sum and that "
	  "number.</p>\n<table class=\"interop\"><tr>"
	  "<th>family</th><th>targets</th><th>all</th>");
	cJSON_ArrayForEach (a, areas) {
		A("<th>");
		X(str(a, "id"));
		A("</th>");
	}
	A("</tr>\n");
	cJSON_ArrayForEach (f, get(sc, "interop")) {
		const cJSON *t;
		char pct[32];
		int i = 0;

		A("<tr><th>");
		X(str(f, "family"));
		A("</th><td>");
		cJSON_ArrayForEach (t, get(f, "targets")) {
			if (i++)
				A(", ");
			X(t->valuestring);
		}
		dlt_report_pct(pct, sizeof(pct), get(f, "score"));
		P("</td><td class=\"num\">%s<br><span class=\"small\">%g/%g</span></td>", pct,
		  get(f, "sum") ? get(f, "sum")->valuedouble : 0,
		  get(f, "scenarios") ? get(f, "scenarios")->valuedouble : 0);
		cJSON_ArrayForEach (a, areas) {
			const cJSON *ar = get(get(f, "areas"), str(a, "id"));

			if (!ar) {
				A("<td class=\"num\">\xe2\x80\x93</td>");
				continue;
			}
			dlt_report_pct(pct, sizeof(pct), get(ar, "score"));
			P("<td class=\"num\">%s<br><span class=\"small\">%g/%g</span></td>", pct,
			  get(ar, "sum")->valuedouble, get(ar, "scenarios")->valuedouble);
		}
		A("</tr>\n");
	}
	A("</table>\n");
	interop_chart(b, sc);
	A("</section>\n");
}

static void matrix(struct dlt_buf *b, const cJSON *sc)
{
	const cJSON *fam;
	int any = 0;

	A("<section id=\"matrix\">\n<h2>Pair agreement matrix</h2>\n<p>For each ordered pair of "
	  "targets of a family (row: first role, column: second role), the share of their "
	  "multi-target scenario results whose interoperability verdict is <em>agree</em>.</p>\n");
	cJSON_ArrayForEach (fam, get(sc, "matrix")) {
		const cJSON *names = get(fam, "targets"), *r, *c;
		int n = cJSON_GetArraySize(names), cw = 96, ch = 34, left = 120, top = 40;
		int w = left + n * cw + 10, h = top + n * ch + 10, ri = 0;

		if (n < 1)
			continue;
		any = 1;
		A("<h3>");
		X(fam->string);
		A("</h3>\n");
		P("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		  "role=\"img\" class=\"matrix\"><title>",
		  w, h, w, h);
		A("Agreement between ");
		X(fam->string);
		A(" targets</title>\n");
		cJSON_ArrayForEach (c, names) {
			P("<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">",
			  left + ri * cw + cw / 2, top - 8);
			dlt_esc_xml_max(b, c->valuestring, 14);
			A("</text>\n");
			ri++;
		}
		ri = 0;
		cJSON_ArrayForEach (r, names) {
			int ci = 0;

			P("<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">", left - 6,
			  top + ri * ch + ch / 2 + 4);
			dlt_esc_xml_max(b, r->valuestring, 18);
			A("</text>\n");
			cJSON_ArrayForEach (c, names) {
				const cJSON *v =
					get(get(get(fam, "agree"), r->valuestring), c->valuestring);
				const cJSON *cnt = get(get(get(fam, "counts"), r->valuestring),
						       c->valuestring);
				int x = left + ci * cw, y = top + ri * ch;
				char fill[16], label[48];

				if (r == c) {
					snprintf(fill, sizeof(fill), "#eceff1");
					snprintf(label, sizeof(label), "\xe2\x80\x94");
				} else if (cJSON_IsNumber(v)) {
					/* red (0) to green (1) */
					double s = v->valuedouble < 0   ? 0
						   : v->valuedouble > 1 ? 1
									: v->valuedouble;

					snprintf(fill, sizeof(fill), "#%02x%02x%02x",
						 (int)(230 - 184 * s), (int)(90 + 115 * s),
						 (int)(80 + 30 * s));
					if (cnt)
						snprintf(label, sizeof(label), "%.0f%% (%d/%d)",
							 s * 100, get(cnt, "agree")->valueint,
							 get(cnt, "total")->valueint);
					else
						snprintf(label, sizeof(label), "%.0f%%", s * 100);
				} else {
					snprintf(fill, sizeof(fill), "#ffffff");
					snprintf(label, sizeof(label), "no data");
				}
				A("<a class=\"cell\" href=\"#f:target=");
				X(r->valuestring);
				A("&amp;with=");
				X(c->valuestring);
				P("\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#90a4ae\">"
				  "<title>",
				  x, y, cw, ch, fill);
				X(r->valuestring);
				A(" \xe2\x86\x92 ");
				X(c->valuestring);
				P(": %s</title></rect><text x=\"%d\" y=\"%d\" font-size=\"11\" "
				  "text-anchor=\"middle\">%s</text></a>\n",
				  label, x + cw / 2, y + ch / 2 + 4, label);
				ci++;
			}
			ri++;
		}
		A("</svg>\n");
	}
	if (!any)
		A("<p>No multi-target scenario results.</p>\n");
	A("</section>\n");
}

static void heatmap(struct dlt_buf *b, const cJSON *sc)
{
	const cJSON *reqs = get(sc, "requirements"), *targets = get(sc, "targets"), *r, *t;
	static const char *const legend[] = { "pass", "fail",         "error",    "inconclusive",
					      "skip", "launch-error", "untested", "na" };
	int nt = cJSON_GetArraySize(targets), nr = cJSON_GetArraySize(reqs);
	int cw = 84, ch = 15, left = 430, top = 56;
	int w = left + nt * cw + 10, h = top + nr * ch + 10, ri = 0, ti = 0;

	A("<section id=\"heatmap\">\n<h2>Requirements \xc3\x97 targets</h2>\n<p>Status of every "
	  "roadmap requirement per target, from the scenarios that name it: P pass, F fail, E error, "
	  "I inconclusive, S skipped (not supported), L launch-error (the target could not be "
	  "started), \xc2\xb7 untested, \xe2\x80\x93 not applicable to the target's family.</p>\n<p>");
	for (size_t i = 0; i < sizeof(legend) / sizeof(legend[0]); i++)
		P("<svg width=\"12\" height=\"12\" xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"12\" "
		  "height=\"12\" fill=\"%s\" stroke=\"#90a4ae\"/></svg> %s &#160; ",
		  status_color(legend[i]), !strcmp(legend[i], "na") ? "not applicable" : legend[i]);
	A("</p>\n");
	if (!nt || !nr) {
		A("<p>No requirements or no targets.</p>\n</section>\n");
		return;
	}
	P("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	  "role=\"img\" class=\"heatmap\"><title>Requirement status per target</title>\n",
	  w, h, w, h);
	cJSON_ArrayForEach (t, targets) {
		P("<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">",
		  left + ti * cw + cw / 2, top - 22);
		dlt_esc_xml_max(b, str(t, "name"), 12);
		P("</text><text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#546e7a\" text-anchor=\"middle\">",
		  left + ti * cw + cw / 2, top - 8);
		dlt_esc_xml_max(b, str(t, "family"), 12);
		A("</text>\n");
		ti++;
	}
	cJSON_ArrayForEach (r, reqs) {
		int y = top + ri * ch;
		const cJSON *st = get(r, "status");

		ti = 0;
		P("<text x=\"4\" y=\"%d\" font-size=\"10\"><tspan font-weight=\"600\">", y + 11);
		X(str(r, "id"));
		P("</tspan> <tspan class=\"level\" fill=\"#546e7a\">%s</tspan> ",
		  level_name(str(r, "level")));
		dlt_esc_xml_max(b, str(r, "title"), 52);
		A("<title>");
		X(str(r, "title"));
		A("</title></text>\n");
		cJSON_ArrayForEach (t, targets) {
			const char *s = dlt_json_str(st, str(t, "name"));
			int x = left + ti * cw;

			if (!s)
				s = "na";
			A("<a class=\"cell\" href=\"#f:req=");
			X(str(r, "id"));
			A("&amp;target=");
			X(str(t, "name"));
			P("\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#fff\"><title>",
			  x, y, cw, ch, status_color(s));
			X(str(r, "id"));
			A(" \xc3\x97 ");
			X(str(t, "name"));
			A(": ");
			X(s);
			P("</title></rect><text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" "
			  "fill=\"%s\">%s</text>\n",
			  x + cw / 2, y + 11,
			  (!strcmp(s, "untested") || !strcmp(s, "na")) ? "#546e7a" : "#ffffff",
			  status_letter(s));
			A("</a>\n");
			ti++;
		}
		ri++;
	}
	A("</svg>\n</section>\n");
}

static void scenario_link(struct dlt_buf *b, const char *id)
{
	A("<a href=\"#s-");
	X(id);
	A("\"><code>");
	X(id);
	A("</code></a>");
}

static void gaps(struct dlt_buf *b, const cJSON *sc)
{
	const cJSON *g = get(sc, "gaps"), *std = get(g, "standardization"), *it, *t;

	A("<section id=\"gaps\">\n<h2>Gap analysis</h2>\n<h3 id=\"gaps-standardization\">"
	  "Standardization gaps</h3>\n");
	P("<h4>Requirements no scenario covers (%d)</h4>\n",
	  cJSON_GetArraySize(get(std, "uncovered_requirements")));
	if (cJSON_GetArraySize(get(std, "uncovered_requirements"))) {
		A("<table class=\"uncovered\"><tr><th>requirement</th><th>level</th><th>title</th></tr>\n");
		cJSON_ArrayForEach (it, get(std, "uncovered_requirements")) {
			A("<tr><td>");
			X(str(it, "id"));
			A("</td><td>");
			X(str(it, "level"));
			A("</td><td>");
			X(str(it, "title"));
			A("</td></tr>\n");
		}
		A("</table>\n");
	} else {
		A("<p>Every requirement is named by at least one scenario.</p>\n");
	}
	if (cJSON_GetArraySize(get(std, "untestable_requirements"))) {
		P("<h4>Requirements no suite can test (%d)</h4>\n<p>The roadmap says why; they are "
		  "not gaps of the suites.</p>\n<table class=\"untestable\"><tr><th>requirement</th>"
		  "<th>level</th><th>title</th><th>why no scenario can test it</th></tr>\n",
		  cJSON_GetArraySize(get(std, "untestable_requirements")));
		cJSON_ArrayForEach (it, get(std, "untestable_requirements")) {
			A("<tr><td>");
			X(str(it, "id"));
			A("</td><td>");
			X(str(it, "level"));
			A("</td><td>");
			X(str(it, "title"));
			A("</td><td>");
			X(str(it, "untestable"));
			A("</td></tr>\n");
		}
		A("</table>\n");
	}
	P("<h4>Scenarios with no vector behind them (%d)</h4>\n",
	  cJSON_GetArraySize(get(std, "scenarios_without_vectors")));
	A("<ul class=\"novector\">\n");
	cJSON_ArrayForEach (it, get(std, "scenarios_without_vectors")) {
		A("<li>");
		scenario_link(b, str(it, "id"));
		A(" ");
		X(str(it, "title"));
		A("</li>\n");
	}
	A("</ul>\n");
	if (cJSON_GetArraySize(get(std, "unknown_requirements"))) {
		A("<h4>Requirement ids scenarios name that the roadmap lacks</h4>\n<ul>\n");
		cJSON_ArrayForEach (it, get(std, "unknown_requirements")) {
			A("<li><code>");
			X(str(it, "requirement"));
			A("</code> in ");
			scenario_link(b, str(it, "scenario"));
			A("</li>\n");
		}
		A("</ul>\n");
	}

	A("<h3 id=\"gaps-implementation\">Implementation gaps</h3>\n<p>Per target: requirements "
	  "whose scenarios failed or errored, and those it does not support (skipped).</p>\n");
	cJSON_ArrayForEach (t, get(g, "implementation")) {
		const cJSON *ge;

		A("<h4>");
		X(str(t, "target"));
		P(" <span class=\"meta\">(%d)</span></h4>\n", cJSON_GetArraySize(get(t, "gaps")));
		if (!cJSON_GetArraySize(get(t, "gaps"))) {
			A("<p>None.</p>\n");
			continue;
		}
		A("<table class=\"implgaps\"><tr><th>requirement</th><th>level</th><th>status</th>"
		  "<th>evidence</th></tr>\n");
		cJSON_ArrayForEach (ge, get(t, "gaps")) {
			const cJSON *ev;

			A("<tr><td title=\"");
			X(str(ge, "title"));
			A("\">");
			X(str(ge, "requirement"));
			A("<br><span class=\"small\">");
			X(str(ge, "title"));
			A("</span></td><td>");
			X(str(ge, "level"));
			A("</td><td>");
			verdict_badge(b, str(ge, "status"));
			A(" ");
			X(str(ge, "kind"));
			A("</td><td><ul>");
			cJSON_ArrayForEach (ev, get(ge, "evidence")) {
				A("<li>");
				scenario_link(b, str(ev, "scenario"));
				A(" on ");
				X(str(ev, "targets"));
				A(": ");
				verdict_badge(b, str(ev, "verdict"));
				if (*str(ev, "reason")) {
					A(" ");
					dlt_esc_xml_max(b, str(ev, "reason"), 400);
				}
				A("</li>");
			}
			A("</ul></td></tr>\n");
		}
		A("</table>\n");
	}

	P("<h3 id=\"gaps-interoperability\">Interoperability gaps (%d)</h3>\n",
	  cJSON_GetArraySize(get(g, "interoperability")));
	if (!cJSON_GetArraySize(get(g, "interoperability")))
		A("<p>No divergences between implementations.</p>\n");
	cJSON_ArrayForEach (it, get(g, "interoperability")) {
		const cJSON *d, *role;
		int i = 0;

		A("<h4>");
		scenario_link(b, str(it, "scenario"));
		A(": ");
		cJSON_ArrayForEach (role, get(it, "targets")) {
			if (i++)
				A(" \xc2\xb7 ");
			X(role->string);
			A("=");
			X(cJSON_IsString(role) ? role->valuestring : "");
		}
		A("</h4>\n<table class=\"divergences\"><tr><th>label</th><th>path</th><th>A</th><th>B</th></tr>\n");
		cJSON_ArrayForEach (d, get(it, "divergences")) {
			A("<tr><td>");
			dlt_esc_xml_max(b, str(d, "label"), 200);
			A("</td><td><code>");
			X(str(d, "path"));
			A("</code></td><td>");
			value_cell(b, get(d, "a"));
			A("</td><td>");
			value_cell(b, get(d, "b"));
			A("</td></tr>\n");
		}
		cJSON_ArrayForEach (d, get(it, "failed_interop_checks")) {
			const cJSON *df;

			if (cJSON_GetArraySize(get(it, "divergences")))
				break;
			cJSON_ArrayForEach (df, get(d, "diff")) {
				A("<tr><td>");
				X(str(d, "label"));
				A("</td><td><code>");
				X(str(df, "path"));
				A("</code></td><td>");
				value_cell(b, get(df, "expected"));
				A("</td><td>");
				value_cell(b, get(df, "actual"));
				A("</td></tr>\n");
			}
		}
		A("</table>\n");
	}
	A("</section>\n");
}

static void diff_list(struct dlt_buf *b, const cJSON *diff)
{
	const cJSON *d;

	if (!cJSON_GetArraySize(diff))
		return;
	A("<ul class=\"diff\">");
	cJSON_ArrayForEach (d, diff) {
		A("<li><code>");
		X(str(d, "path"));
		A("</code>: ");
		if (*str(d, "missing")) {
			A("missing in ");
			X(str(d, "missing"));
			A(", ");
		}
		A("expected ");
		value_cell(b, get(d, "expected"));
		A(", actual ");
		value_cell(b, get(d, "actual"));
		A("</li>");
	}
	A("</ul>");
}

static void value_cell_max(struct dlt_buf *b, const cJSON *v, size_t max)
{
	char *s = dlt_json_brief(v, max, 0);

	A("<code>");
	X(s ? s : "");
	A("</code>");
	free(s);
}

/* One check as a table row; a failed one with its expected and actual values whole (up to
 * FAILED_VALUE_MAX) and its diff. */
static void check_row(struct dlt_buf *b, const cJSON *k)
{
	int ok = cJSON_IsTrue(get(k, "ok"));

	P("<tr class=\"%s\"><td class=\"%s\">%s</td><td>", ok ? "passed" : "failed",
	  ok ? "ok" : "ko", ok ? "\xe2\x9c\x94" : "\xe2\x9c\x98");
	X(str(k, "label"));
	A("</td><td>");
	X(str(k, "kind"));
	A("</td><td>");
	X(str(k, "target"));
	A("</td><td>");
	if (get(k, "expected"))
		value_cell_max(b, get(k, "expected"), ok ? VALUE_MAX : FAILED_VALUE_MAX);
	A("</td><td>");
	if (get(k, "actual"))
		value_cell_max(b, get(k, "actual"), ok ? VALUE_MAX : FAILED_VALUE_MAX);
	diff_list(b, get(k, "diff"));
	A("</td><td><code class=\"where\">");
	X(str(k, "where"));
	A("</code>");
	if (*str(k, "via")) {
		A("<br><span class=\"small\">via <code class=\"where\">");
		X(str(k, "via"));
		A("</code></span>");
	}
	A("</td></tr>\n");
}

static const char CHECK_HEAD[] =
	"<table class=\"checks\"><tr><th></th><th>check</th><th>kind</th>"
	"<th>target</th><th>expected</th><th>actual</th><th>where</th></tr>\n";

/* A result: its verdict, reason, failed checks first and the passing ones folded, its
 * divergences, and the tail of its log. index: its place in results (the anchor #r-N). */
static void result_block(struct dlt_buf *b, const cJSON *r, int index)
{
	const cJSON *k, *d, *log = get(r, "log");
	char *label = dlt_result_targets_label(r);
	int n, i = 0, nfailed = 0, npassed = 0;

	P("<div class=\"result\" id=\"r-%d\"><h4>", index);
	X(label ? label : "");
	free(label);
	A(" ");
	verdict_badge(b, str(r, "verdict"));
	if (*str(r, "interop_verdict")) {
		A(" ");
		verdict_badge(b, str(r, "interop_verdict"));
	}
	if (cJSON_IsNumber(get(r, "duration_ms")))
		P(" <span class=\"meta small\">%.1f ms</span>", get(r, "duration_ms")->valuedouble);
	A("</h4>\n");
	if (*str(r, "expected_verdict")) {
		A("<p>Expected verdict: ");
		X(str(r, "expected_verdict"));
		A("</p>\n");
	}
	if (*str(r, "reason")) {
		A("<p class=\"reason\">Reason: ");
		X(str(r, "reason"));
		A("</p>\n");
	}
	cJSON_ArrayForEach (k, get(r, "checks")) {
		if (cJSON_IsTrue(get(k, "ok")))
			npassed++;
		else
			nfailed++;
	}
	if (nfailed) {
		P("<p class=\"small\"><strong>%d failed check%s</strong></p>\n", nfailed,
		  nfailed == 1 ? "" : "s");
		A(CHECK_HEAD);
		cJSON_ArrayForEach (k, get(r, "checks"))
			if (!cJSON_IsTrue(get(k, "ok")))
				check_row(b, k);
		A("</table>\n");
	}
	if (npassed) {
		P("<details class=\"passed-checks\"%s><summary>%d passed check%s</summary>\n",
		  nfailed ? "" : " open", npassed, npassed == 1 ? "" : "s");
		A(CHECK_HEAD);
		cJSON_ArrayForEach (k, get(r, "checks"))
			if (cJSON_IsTrue(get(k, "ok")))
				check_row(b, k);
		A("</table>\n</details>\n");
	}
	if (cJSON_GetArraySize(get(r, "divergences"))) {
		A("<table class=\"divergences\"><tr><th>divergence</th><th>path</th><th>A</th><th>B</th></tr>\n");
		cJSON_ArrayForEach (d, get(r, "divergences")) {
			A("<tr><td>");
			X(str(d, "label"));
			A("</td><td><code>");
			X(str(d, "path"));
			A("</code></td><td>");
			value_cell(b, get(d, "a"));
			A("</td><td>");
			value_cell(b, get(d, "b"));
			A("</td></tr>\n");
		}
		A("</table>\n");
	}
	n = cJSON_GetArraySize(log);
	if (n) {
		/* the tail: what the node or scenario said last is what explains a failure */
		A("<details class=\"log\"><summary>log");
		if (n > LOG_LINES)
			P(" (last %d of %d lines)", LOG_LINES, n);
		A("</summary><pre class=\"log\">");
		cJSON_ArrayForEach (d, log) {
			char *s;

			if (i++ < n - LOG_LINES)
				continue;
			s = cJSON_IsString(d) ? NULL : dlt_json_brief(d, LOG_LINE_MAX, 0);
			dlt_esc_xml_max(b, s ? s : d->valuestring, LOG_LINE_MAX);
			free(s);
			A("\n");
		}
		A("</pre></details>\n");
	}
	A("</div>\n");
}

static void scenarios(struct dlt_buf *b, const struct dlt_results *res)
{
	const cJSON *s, *r, *x;

	A("<section id=\"scenarios\">\n<h2>Scenarios</h2>\n");
	cJSON_ArrayForEach (s, res->scenarios) {
		const char *id = str(s, "id");
		static const char *const vs[] = { "pass",         "fail",  "skip",  "error",
						  "inconclusive", "xfail", "xpass", "launch-error" };
		enum { NV = sizeof(vs) / sizeof(vs[0]) };
		int counts[NV] = { 0 }, total = 0, bad = 0;

		cJSON_ArrayForEach (r, res->results) {
			if (strcmp(str(r, "scenario"), id))
				continue;
			for (int i = 0; i < NV; i++)
				if (!strcmp(str(r, "verdict"), vs[i]))
					counts[i]++;
			total++;
		}
		bad = counts[1] + counts[3] + counts[5];
		/* no results: hidden until the grid's "show scenarios with no results" asks */
		A("<details id=\"s-");
		X(id);
		A(bad ? "\" class=\"bad\"" : "\"");
		A(total ? ">" : " hidden>");
		A("<summary><code>");
		X(id);
		A("</code> ");
		X(str(s, "title"));
		A(" \xe2\x80\x94 ");
		if (!total)
			A("<span class=\"meta\">no results</span>");
		for (int i = 0; i < NV; i++)
			if (counts[i]) {
				verdict_badge(b, vs[i]);
				P(" %d ", counts[i]);
			}
		A("</summary>\n<p class=\"meta small\">");
		X(str(s, "file"));
		A(" \xc2\xb7 family ");
		X(str(s, "family"));
		A(" \xc2\xb7 requirements:");
		cJSON_ArrayForEach (x, get(s, "roadmap")) {
			A(" ");
			X(cJSON_IsString(x) ? x->valuestring : "");
		}
		A(" \xc2\xb7 vectors:");
		if (!cJSON_GetArraySize(get(s, "vectors")))
			A(" none");
		cJSON_ArrayForEach (x, get(s, "vectors")) {
			A(" ");
			X(cJSON_IsString(x) ? x->valuestring : "");
		}
		A("</p>\n");
		int k = 0;
		cJSON_ArrayForEach (r, res->results) {
			if (!strcmp(str(r, "scenario"), id))
				result_block(b, r, k);
			k++;
		}
		A("</details>\n");
	}
	A("</section>\n");
}

void dlt_report_html(struct dlt_buf *b, const struct dlt_results *res, const struct dlt_roadmap *rm,
		     const cJSON *sc)
{
	head(b, res, rm, sc);
	A("<main>\n");
	summary(b, sc);
	conformance(b, sc);
	interop(b, sc);
	matrix(b, sc);
	heatmap(b, sc);
	dlt_html_grid(b, res, rm);
	gaps(b, sc);
	dlt_report_perf_html(b, res);
	scenarios(b, res);
	A("</main>\n<footer class=\"meta small\"><p>Generated by dlt-interop from the results "
	  "listed above. Values reported by nodes are shown as received, escaped.</p></footer>\n");
	dlt_html_script(b);
	A("</body>\n</html>\n");
}
