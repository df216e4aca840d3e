/*
 * trend.c: a suite's runs over time (see trend.h): deciding that files are such runs, the
 * conformance score of each target in each run (model/scores.c, as `report` computes it), and
 * its chart in the HTML report.
 */
#include "reports/trend.h"
#include "reports/escape.h"
#include "model/results.h"
#include "model/scores.h"
#include "common/mem.h"
#include "common/strlist.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const LINE_COLOURS[] = { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
					    "#9467bd", "#8c564b", "#e377c2", "#7f7f7f" };
#define NLINE (sizeof LINE_COLOURS / sizeof LINE_COLOURS[0])

static struct dlt_results *load(const char *given)
{
	struct stat st;
	char *path = stat(given, &st) == 0 && S_ISDIR(st.st_mode)
			     ? dlt_printf("%s/results.json", given)
			     : dlt_xstrdup(given);
	char err[512];
	struct dlt_results *r = NULL;
	if (dlt_results_load(path, &r, err, sizeof err) != 0)
		r = NULL;
	free(path);
	return r;
}

static int shares_a_result(const struct dlt_results *a, const struct dlt_results *b)
{
	struct dlt_strlist keys = { 0 };
	const cJSON *r;
	int shared = 0;
	cJSON_ArrayForEach (r, a->results) {
		char *k = dlt_result_key(r);
		dlt_strlist_add(&keys, k);
		free(k);
	}
	cJSON_ArrayForEach (r, b->results) {
		char *k = dlt_result_key(r);
		shared |= dlt_strlist_has(&keys, k);
		free(k);
		if (shared)
			break;
	}
	dlt_strlist_free(&keys);
	return shared;
}

static const char *started(const struct dlt_results *r)
{
	const char *s = dlt_json_str(r->run, "started");
	return s ? s : "";
}

cJSON *dlt_trend_detect(char *const *files, int n, const struct dlt_roadmap *rm, int *newest)
{
	struct dlt_results **in = dlt_xcalloc((size_t)n + 1, sizeof *in);
	int series = n > 1, overlap = 0;
	for (int i = 0; i < n && series; i++) {
		in[i] = load(files[i]);
		series = in[i] &&
			 !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(in[i]->run, "shard"));
	}
	for (int i = 0; series && i < n && !overlap; i++)
		for (int j = i + 1; j < n && !overlap; j++)
			overlap = shares_a_result(in[i], in[j]);
	cJSON *trend = NULL;
	if (series && overlap) {
		int *order = dlt_xcalloc((size_t)n, sizeof *order);
		for (int i = 0; i < n; i++)
			order[i] = i;
		for (int i = 1; i < n; i++) /* oldest first (insertion sort, stable) */
			for (int j = i;
			     j > 0 && strcmp(started(in[order[j - 1]]), started(in[order[j]])) > 0;
			     j--) {
				int t = order[j];
				order[j] = order[j - 1];
				order[j - 1] = t;
			}
		trend = cJSON_CreateArray();
		for (int k = 0; k < n; k++) {
			const struct dlt_results *r = in[order[k]];
			char err[512];
			cJSON *sc = dlt_scores_compute(r, rm, err, sizeof err);
			cJSON *e = cJSON_CreateObject();
			cJSON_AddStringToObject(
				e, "run",
				dlt_json_str(r->run, "id") ? dlt_json_str(r->run, "id") : "");
			cJSON_AddStringToObject(e, "started", started(r));
			cJSON_AddStringToObject(e, "file", files[order[k]]);
			cJSON *conf = cJSON_AddObjectToObject(e, "conformance");
			const cJSON *c;
			cJSON_ArrayForEach (c,
					    cJSON_GetObjectItemCaseSensitive(sc, "conformance")) {
				const cJSON *s = cJSON_GetObjectItemCaseSensitive(c, "score");
				const char *t = dlt_json_str(c, "target");
				if (t && !cJSON_GetObjectItemCaseSensitive(conf, t))
					cJSON_AddItemToObject(
						conf, t,
						cJSON_IsNumber(s)
							? cJSON_CreateNumber(s->valuedouble)
							: cJSON_CreateNull());
			}
			cJSON_AddItemToArray(trend, e);
			cJSON_Delete(sc);
		}
		*newest = order[n - 1];
		free(order);
	}
	for (int i = 0; i < n; i++)
		dlt_results_free(in[i]);
	free(in);
	return trend;
}

void dlt_trend_html(struct dlt_buf *b, const cJSON *scores)
{
	const cJSON *trend = cJSON_GetObjectItemCaseSensitive(scores, "trend"), *e, *t;
	int n = cJSON_GetArraySize(trend);
	if (n < 2)
		return;
	struct dlt_strlist targets = { 0 };
	cJSON_ArrayForEach (e, trend)
		cJSON_ArrayForEach (t, cJSON_GetObjectItemCaseSensitive(e, "conformance"))
			if (!dlt_strlist_has(&targets, t->string))
				dlt_strlist_add(&targets, t->string);
	int left = 44, top = 14, ph = 160, step = 120, w = left + (n - 1) * step + 140;
	int h = top + ph + 50 + 18 * (int)((targets.n + 3) / 4);
	dlt_buf_printf(
		b,
		"<h3 id=\"trend\">Trend over %d runs</h3>\n<p>The conformance score of each "
		"target in each run given to <code>report</code> (oldest first); the rest of this "
		"report is of the newest run.</p>\n<figure><svg xmlns=\"http://www.w3.org/2000/svg\" "
		"class=\"trend\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">"
		"<title>Conformance score per run and target</title>\n",
		n, w, h, w, h);
	for (int p = 0; p <= 100; p += 25) {
		int y = top + ph - ph * p / 100;
		dlt_buf_printf(
			b,
			"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#cfd8dc\"/>"
			"<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%d%%</text>\n",
			left, y, w - 10, y, left - 4, y + 3, p);
	}
	int k = 0;
	cJSON_ArrayForEach (e, trend) {
		dlt_buf_printf(b,
			       "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">",
			       left + k * step, top + ph + 14);
		dlt_esc_xml_max(b, dlt_json_str(e, "started") ? dlt_json_str(e, "started") : "",
				10);
		dlt_buf_puts(b, "</text>\n");
		k++;
	}
	for (size_t ti = 0; ti < targets.n; ti++) {
		const char *col = LINE_COLOURS[ti % NLINE];
		dlt_buf_printf(b,
			       "<polyline class=\"trend-line\" fill=\"none\" stroke=\"%s\" "
			       "stroke-width=\"2\" points=\"",
			       col);
		k = 0;
		cJSON_ArrayForEach (e, trend) {
			const cJSON *s = cJSON_GetObjectItemCaseSensitive(
				cJSON_GetObjectItemCaseSensitive(e, "conformance"), targets.v[ti]);
			if (cJSON_IsNumber(s))
				dlt_buf_printf(b, "%d,%d ", left + k * step,
					       top + ph - (int)(ph * s->valuedouble + 0.5));
			k++;
		}
		dlt_buf_puts(b, "\"/>\n");
		k = 0;
		cJSON_ArrayForEach (e, trend) {
			const cJSON *s = cJSON_GetObjectItemCaseSensitive(
				cJSON_GetObjectItemCaseSensitive(e, "conformance"), targets.v[ti]);
			if (cJSON_IsNumber(s)) {
				dlt_buf_printf(
					b,
					"<circle class=\"trend-point\" cx=\"%d\" cy=\"%d\" r=\"4\" "
					"fill=\"%s\"><title>",
					left + k * step,
					top + ph - (int)(ph * s->valuedouble + 0.5), col);
				dlt_esc_xml(b, targets.v[ti]);
				dlt_buf_puts(b, ", run ");
				dlt_esc_xml(b, dlt_json_str(e, "run"));
				dlt_buf_printf(b, ": %.1f%%</title></circle>\n",
					       s->valuedouble * 100);
			}
			k++;
		}
		int x = left + (int)(ti % 4) * 180, y = top + ph + 30 + 18 * (int)(ti / 4);
		dlt_buf_printf(b,
			       "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
			       "<text x=\"%d\" y=\"%d\" font-size=\"11\">",
			       x, y, col, x + 14, y + 9);
		dlt_esc_xml(b, targets.v[ti]);
		dlt_buf_puts(b, "</text>\n");
	}
	dlt_buf_puts(b,
		     "</svg><figcaption>Conformance score per run (hover a point for the run and "
		     "its score).</figcaption></figure>\n");
	dlt_strlist_free(&targets);
}
