/*
 * report.h: the report renderers. Each appends one complete document to out, drawing from the
 * (merged) results, the roadmap and the scores document of scores.c; docs/reports.md describes
 * the formats. Renderers escape every string they print: results hold what nodes said.
 */
#ifndef DLT_REPORT_H
#define DLT_REPORT_H

#include <cjson/cJSON.h>

#include "common/buf.h"
#include "common/json_text.h"
#include "reports/escape.h"
#include "model/results.h"
#include "model/roadmap.h"

/* One self-contained HTML page: summary, SVG charts, gap lists, per-scenario drill-down. */
void dlt_report_html(struct dlt_buf *out, const struct dlt_results *res,
		     const struct dlt_roadmap *rm, const cJSON *scores);
/* A short Markdown summary for a pull-request comment. */
void dlt_report_md(struct dlt_buf *out, const struct dlt_results *res, const struct dlt_roadmap *rm,
		   const cJSON *scores);
/* JUnit XML (Jenkins/Ant schema): a testsuite per target, one per family for multi-target
 * scenarios, a testcase per scenario x targets. */
void dlt_report_junit(struct dlt_buf *out, const struct dlt_results *res);
/* W3C EARL 1.0 in JSON-LD: one earl:Assertion per scenario x targets, plus earl:untested
 * assertions for planned combinations without a result. */
void dlt_report_earl(struct dlt_buf *out, const struct dlt_results *res,
		     const struct dlt_roadmap *rm);
/* The scores document, pretty-printed. */
void dlt_report_json(struct dlt_buf *out, const cJSON *scores);

/* Shared by renderers: a score in [0,1] or null as "93.3%" or an en dash (no score). */
void dlt_report_pct(char *buf, size_t len, const cJSON *score);

#endif
