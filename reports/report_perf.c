/*
 * report_perf.c: the performance section of the HTML report (see report_perf.h). Measurements
 * come from the "perf" lists of results (docs/results.md), grouped by scenario and label, one
 * row per target. Every string is escaped; numbers that are not JSON numbers show as a dash.
 * Charts are inline SVG: the cumulative latency distribution of each target on a logarithmic
 * time axis, and throughput per target as bars.
 */
#include "reports/report_perf.h"
#include "reports/escape.h"
#include "common/mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X(s) dlt_esc_xml(b, (s))
#define P(...) dlt_buf_printf(b, __VA_ARGS__)
#define A(s) dlt_buf_puts(b, (s))

#define MAX_GROUPS 200
#define MAX_ROWS 64

static const char *const COLORS[] = {
	"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
};

struct row {
	const char *target;
	const cJSON *m; /* the measurement */
};

struct group {
	const char *scenario, *label;
	struct row rows[MAX_ROWS];
	int n;
};

static const char *text(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int num(const cJSON *o, const char *k, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return 0;
	*out = v->valuedouble;
	return 1;
}

/* a microsecond figure as milliseconds */
static void cell_ms(struct dlt_buf *b, const cJSON *m, const char *k)
{
	double v;
	if (num(m, k, &v))
		P("<td class=\"num\">%.3f</td>", v / 1000);
	else
		A("<td class=\"num\">&#8211;</td>");
}

static void cell(struct dlt_buf *b, const cJSON *m, const char *k, const char *fmt)
{
	double v;
	if (num(m, k, &v))
		P("<td class=\"num\">"), P(fmt, v), A("</td>");
	else
		A("<td class=\"num\">&#8211;</td>");
}

/* The numbers of a measurement not in a column of their own (speedup, calls, rounds, ...). */
static void other(struct dlt_buf *b, const cJSON *m)
{
	static const char *const shown[] = { "p50_us",     "p90_us", "p99_us", "max_us", "rate",
					     "throughput", "sent",   "errors", NULL };
	const cJSON *v;
	int n = 0;
	A("<td class=\"small\">");
	cJSON_ArrayForEach (v, m) {
		int skip = !cJSON_IsNumber(v) || !v->string || !isfinite(v->valuedouble);
		for (size_t i = 0; !skip && shown[i]; i++)
			skip = !strcmp(v->string, shown[i]);
		if (skip || n++ >= 12)
			continue;
		dlt_esc_xml_max(b, v->string, 40);
		P("&#160;%g ", v->valuedouble);
	}
	A("</td>");
}

static struct group *find_group(struct group *g, int *ng, const char *scen, const char *label)
{
	for (int i = 0; i < *ng; i++)
		if (!strcmp(g[i].scenario, scen) && !strcmp(g[i].label, label))
			return &g[i];
	if (*ng == MAX_GROUPS)
		return NULL;
	g[*ng] = (struct group){ .scenario = scen, .label = label };
	return &g[(*ng)++];
}

/* The cumulative distribution of each row's histogram, log10 of microseconds on x. */
static void cdf_chart(struct dlt_buf *b, const struct group *g)
{
	double lo = INFINITY, hi = -INFINITY;
	int any = 0;
	for (int i = 0; i < g->n; i++) {
		const cJSON *bk = cJSON_GetObjectItemCaseSensitive(
				    cJSON_GetObjectItemCaseSensitive(g->rows[i].m, "histogram"),
				    "buckets"),
			    *p;
		cJSON_ArrayForEach (p, bk) {
			const cJSON *v = cJSON_GetArrayItem(p, 0);
			if (!cJSON_IsNumber(v))
				continue;
			double x = log10(v->valuedouble < 1 ? 1 : v->valuedouble);
			lo = x < lo ? x : lo;
			hi = x > hi ? x : hi;
			any = 1;
		}
	}
	if (!any)
		return;
	lo = floor(lo);
	hi = ceil(hi > lo ? hi : lo + 1);
	const int W = 520, H = 180, L = 50, R = 10, T = 10, B = 30;
	P("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" "
	  "aria-label=\"latency distribution\" class=\"perf-cdf\">",
	  W, H);
	P("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#b0bec5\"/>",
	  L, T, W - L - R, H - T - B);
	for (double d = lo; d <= hi + 1e-9; d += 1) {
		double x = L + (d - lo) / (hi - lo) * (W - L - R);
		double us = pow(10, d);
		P("<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">", x, H - 12);
		if (us >= 1e6)
			P("%g s", us / 1e6);
		else if (us >= 1e3)
			P("%g ms", us / 1e3);
		else
			P("%g us", us);
		A("</text>");
	}
	P("<text x=\"4\" y=\"%d\" font-size=\"10\">100%%</text><text x=\"4\" y=\"%d\" "
	  "font-size=\"10\">0%%</text>",
	  T + 10, H - B);
	for (int i = 0; i < g->n; i++) {
		const cJSON *h = cJSON_GetObjectItemCaseSensitive(g->rows[i].m, "histogram");
		const cJSON *bk = cJSON_GetObjectItemCaseSensitive(h, "buckets"), *p;
		double total = 0, seen = 0;
		cJSON_ArrayForEach (p, bk) {
			const cJSON *c = cJSON_GetArrayItem(p, 1);
			if (cJSON_IsNumber(c) && c->valuedouble > 0)
				total += c->valuedouble;
		}
		if (total <= 0)
			continue;
		P("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"%s\" points=\"",
		  COLORS[i % (int)(sizeof COLORS / sizeof COLORS[0])]);
		cJSON_ArrayForEach (p, bk) {
			const cJSON *v = cJSON_GetArrayItem(p, 0), *c = cJSON_GetArrayItem(p, 1);
			if (!cJSON_IsNumber(v) || !cJSON_IsNumber(c) || c->valuedouble <= 0)
				continue;
			seen += c->valuedouble;
			double x = L + (log10(v->valuedouble < 1 ? 1 : v->valuedouble) - lo) /
					       (hi - lo) * (W - L - R);
			double y = (H - B) - seen / total * (H - T - B);
			P("%.1f,%.1f ", x, y);
		}
		A("\"><title>");
		X(g->rows[i].target);
		A("</title></polyline>");
	}
	A("</svg>\n<p class=\"small\">");
	for (int i = 0; i < g->n; i++) {
		P("<span style=\"color:%s\">&#9632;</span> ",
		  COLORS[i % (int)(sizeof COLORS / sizeof COLORS[0])]);
		X(g->rows[i].target);
		A(" &#160; ");
	}
	A("(share of calls answered within a time)</p>\n");
}

static void throughput_chart(struct dlt_buf *b, const struct group *g)
{
	double top = 0, v;
	for (int i = 0; i < g->n; i++)
		if (num(g->rows[i].m, "throughput", &v) && v > top)
			top = v;
	if (top <= 0)
		return;
	const int W = 520, row = 18, L = 140;
	P("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" "
	  "aria-label=\"throughput\" class=\"perf-tput\">",
	  W, row * g->n + 4);
	for (int i = 0; i < g->n; i++) {
		double w = num(g->rows[i].m, "throughput", &v) ? v / top * (W - L - 70) : 0;
		P("<text x=\"0\" y=\"%d\" font-size=\"11\">", row * i + 13);
		dlt_esc_xml_max(b, g->rows[i].target, 24);
		P("</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"%s\"/>"
		  "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%.0f/s</text>",
		  L, row * i + 3, w, COLORS[i % (int)(sizeof COLORS / sizeof COLORS[0])], L + w + 4,
		  row * i + 13, num(g->rows[i].m, "throughput", &v) ? v : 0);
	}
	A("</svg>\n");
}

void dlt_report_perf_html(struct dlt_buf *b, const struct dlt_results *res)
{
	struct group *g = dlt_xcalloc(MAX_GROUPS, sizeof *g);
	int ng = 0;
	const cJSON *r, *m;
	cJSON_ArrayForEach (r, res->results) {
		const char *scen = text(r, "scenario");
		const cJSON *tg = cJSON_GetObjectItemCaseSensitive(r, "targets");
		const char *first = tg && cJSON_IsString(tg->child) ? tg->child->valuestring : "?";
		if (!scen)
			continue;
		cJSON_ArrayForEach (m, cJSON_GetObjectItemCaseSensitive(r, "perf")) {
			const char *label = text(m, "label");
			struct group *grp = label ? find_group(g, &ng, scen, label) : NULL;
			if (!grp || grp->n == MAX_ROWS)
				continue;
			const char *t = text(m, "target");
			grp->rows[grp->n++] = (struct row){ t ? t : first, m };
		}
	}
	if (ng) {
		A("<section id=\"performance\">\n<h2>Performance (PERF)</h2>\n<p class=\"small\">"
		  "Latencies in milliseconds from each measurement's histogram (p50, p90, p99, "
		  "max). Where a rate is given the load was open-loop: requests left at their "
		  "scheduled times whatever the node answered, and latency counts from that time. "
		  "The raw histograms are in results.json (docs/performance.md).</p>\n");
		for (int i = 0; i < ng; i++) {
			A("<h3><code>");
			X(g[i].scenario);
			A("</code> &#8212; ");
			X(g[i].label);
			A("</h3>\n<table><tr><th>target</th><th>p50</th><th>p90</th><th>p99</th>"
			  "<th>max</th><th>rate asked /s</th><th>throughput /s</th><th>sent</th>"
			  "<th>errors</th><th>other figures</th></tr>\n");
			for (int k = 0; k < g[i].n; k++) {
				const cJSON *mm = g[i].rows[k].m;
				A("<tr><td>");
				X(g[i].rows[k].target);
				A("</td>");
				cell_ms(b, mm, "p50_us");
				cell_ms(b, mm, "p90_us");
				cell_ms(b, mm, "p99_us");
				cell_ms(b, mm, "max_us");
				cell(b, mm, "rate", "%.0f");
				cell(b, mm, "throughput", "%.1f");
				cell(b, mm, "sent", "%.0f");
				cell(b, mm, "errors", "%.0f");
				other(b, mm);
				A("</tr>\n");
			}
			A("</table>\n");
			cdf_chart(b, &g[i]);
			throughput_chart(b, &g[i]);
		}
		A("</section>\n");
	}
	free(g);
}
