/*
 * report_html.h: what the files of the HTML report share (report_html.c: the sections;
 * report_grid.c: the scenario x target grid with its filters, the verdict colours and legend,
 * the embedded script and the page's Content-Security-Policy). Internal to reports/.
 */
#ifndef DLT_REPORT_HTML_H
#define DLT_REPORT_HTML_H

#include <cjson/cJSON.h>
#include "common/buf.h"
#include "model/results.h"
#include "model/roadmap.h"

/* The content of the page's Content-Security-Policy: nothing from the network, inline styles,
 * and only the report's own script (by its sha256). */
void dlt_html_csp(struct dlt_buf *b);
/* CSS rules: one distinct colour per verdict (.v-pass ... .v-launch-error), the grid's. */
void dlt_html_verdict_css(struct dlt_buf *b);
/* The legend of the verdict colours, each with what it means. */
void dlt_html_legend(struct dlt_buf *b);
/* The scenario x target grid: a row per scenario, a column per target, every cell a link to
 * the result it shows (#r-N: N the result's index in results); filters above it. Scenarios
 * without results are hidden until asked for. */
void dlt_html_grid(struct dlt_buf *b, const struct dlt_results *res, const struct dlt_roadmap *rm);
/* The report's script element (reports/report.js). */
void dlt_html_script(struct dlt_buf *b);
/* The background colour of a verdict or requirement status ("untested", "na" too). */
const char *dlt_html_status_color(const char *s);
/* " NODE TX " : the areas of a scenario's requirements, each once, space-separated with a
 * space at both ends (malloc'd). */
char *dlt_html_scenario_areas(const cJSON *scenario, const struct dlt_roadmap *rm);

#endif
