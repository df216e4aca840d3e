/*
 * report_grid.c: the interactive parts of the HTML report (see report_html.h): the scenario x
 * target grid as hive and wpt.fyi show it, its filters (status, target, family, area, text;
 * driven by reports/report.js, also from the address: #f:status=fail&target=anvil), one
 * distinct colour per verdict with a legend, and the Content-Security-Policy that lets only
 * the report's own script run (its sha256, computed here from the embedded text). Every text
 * from the results goes through dlt_esc_xml.
 */
#include "reports/report_html.h"
#include "reports/escape.h"
#include "common/mem.h"
#include "common/strlist.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

extern const char dlt_report_js[];

#define X(s) dlt_esc_xml(b, (s))
#define P(...) dlt_buf_printf(b, __VA_ARGS__)
#define A(s) dlt_buf_puts(b, (s))

static const struct {
	const char *verdict, *bg, *fg, *letter, *meaning;
} COLOURS[] = {
	{ "pass", "#2e7d32", "#fff", "P", "every check passed" },
	{ "fail", "#c62828", "#fff", "F", "a check failed" },
	{ "xfail", "#f48fb1", "#4a0d23", "f",
	  "failed, as an expectation file says (does not fail the run)" },
	{ "xpass", "#1565c0", "#fff", "X", "passed although expected to fail (fails the run)" },
	{ "skip", "#b0bec5", "#263238", "S", "not applicable: a capability is missing" },
	{ "error", "#6a1b9a", "#fff", "E", "the scenario or the infrastructure broke" },
	{ "inconclusive", "#ef6c00", "#fff", "I", "a precondition or a time limit stopped it" },
	{ "launch-error", "#37474f", "#fff", "L", "not run: a target could not be started" },
};
#define NCOLOURS (sizeof COLOURS / sizeof COLOURS[0])

const char *dlt_html_status_color(const char *s)
{
	for (size_t i = 0; i < NCOLOURS; i++)
		if (!strcmp(s, COLOURS[i].verdict))
			return COLOURS[i].bg;
	if (!strcmp(s, "untested"))
		return "#eceff1";
	return "#ffffff";
}

static const char *letter(const char *v)
{
	for (size_t i = 0; i < NCOLOURS; i++)
		if (!strcmp(v, COLOURS[i].verdict))
			return COLOURS[i].letter;
	return "?";
}

void dlt_html_verdict_css(struct dlt_buf *b)
{
	for (size_t i = 0; i < NCOLOURS; i++)
		P(".v-%s{background:%s;color:%s}", COLOURS[i].verdict, COLOURS[i].bg,
		  COLOURS[i].fg);
	A(".v-conforms,.v-agree{background:#2e7d32}.v-fails,.v-diverge{background:#c62828}"
	  "table.grid td{text-align:center;white-space:nowrap}table.grid td.sc{text-align:left}"
	  "table.grid a.v{text-decoration:none;margin:0 1px;min-width:1.2em;text-align:center}"
	  "table.grid .dim{opacity:.35}form.filters{display:flex;flex-wrap:wrap;gap:.6em;"
	  "align-items:center;background:#eceff1;padding:.5em;border-radius:4px}"
	  ".legend span.v{margin-right:.3em}.legend li{margin:.15em 0}"
	  "table.checks code.where{white-space:nowrap}");
}

void dlt_html_legend(struct dlt_buf *b)
{
	A("<ul class=\"legend\" id=\"legend\">");
	for (size_t i = 0; i < NCOLOURS; i++) {
		P("<li><span class=\"v v-%s\">%s</span> <strong>%s</strong>: %s</li>",
		  COLOURS[i].verdict, COLOURS[i].letter, COLOURS[i].verdict, COLOURS[i].meaning);
	}
	A("</ul>\n");
}

void dlt_html_csp(struct dlt_buf *b)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES,
					   sodium_base64_VARIANT_ORIGINAL)];
	crypto_hash_sha256(h, (const unsigned char *)dlt_report_js, strlen(dlt_report_js));
	sodium_bin2base64(b64, sizeof b64, h, sizeof h, sodium_base64_VARIANT_ORIGINAL);
	P("default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-%s'", b64);
}

void dlt_html_script(struct dlt_buf *b)
{
	A("<script>");
	A(dlt_report_js);
	A("</script>\n");
}

char *dlt_html_scenario_areas(const cJSON *scenario, const struct dlt_roadmap *rm)
{
	struct dlt_strlist seen = { 0 };
	struct dlt_buf out;
	dlt_buf_init(&out);
	dlt_buf_puts(&out, " ");
	const cJSON *r;
	cJSON_ArrayForEach (r, cJSON_GetObjectItemCaseSensitive(scenario, "roadmap")) {
		const cJSON *req = cJSON_IsString(r) && rm
					   ? dlt_roadmap_requirement(rm, r->valuestring)
					   : NULL;
		const char *area = req ? dlt_req_area(req) : NULL;
		if (!area || dlt_strlist_has(&seen, area))
			continue;
		dlt_strlist_add(&seen, area);
		dlt_buf_puts(&out, area);
		dlt_buf_puts(&out, " ");
	}
	dlt_strlist_free(&seen);
	return dlt_buf_take(&out);
}

/* A filter's select: its options the distinct values given. */
static void select_of(struct dlt_buf *b, const char *key, const char *label,
		      const struct dlt_strlist *values)
{
	P("<label>%s <select id=\"f-%s\"><option value=\"\">any</option>", label, key);
	for (size_t i = 0; i < values->n; i++) {
		A("<option value=\"");
		X(values->v[i]);
		A("\">");
		X(values->v[i]);
		A("</option>");
	}
	A("</select></label>\n");
}

void dlt_html_grid(struct dlt_buf *b, const struct dlt_results *res, const struct dlt_roadmap *rm)
{
	struct dlt_strlist targets = { 0 }, families = { 0 }, areas = { 0 }, verdicts = { 0 };
	const cJSON *t, *s, *r;
	int nempty = 0, nscen = 0;
	for (size_t i = 0; i < NCOLOURS; i++)
		dlt_strlist_add(&verdicts, COLOURS[i].verdict);
	cJSON_ArrayForEach (t, res->targets)
		if (dlt_json_str(t, "name") && !dlt_strlist_has(&targets, dlt_json_str(t, "name")))
			dlt_strlist_add(&targets, dlt_json_str(t, "name"));
	for (size_t a = 0; rm && a < dlt_roadmap_area_count(rm); a++) {
		const char *id = dlt_json_str(dlt_roadmap_area_at(rm, a), "id");
		if (id)
			dlt_strlist_add(&areas, id);
	}
	cJSON_ArrayForEach (s, res->scenarios) {
		const char *f = dlt_json_str(s, "family");
		if (f && !dlt_strlist_has(&families, f))
			dlt_strlist_add(&families, f);
		int any = 0;
		cJSON_ArrayForEach (r, res->results)
			any |= !strcmp(dlt_json_str(r, "scenario") ? dlt_json_str(r, "scenario")
								   : "",
				       dlt_json_str(s, "id") ? dlt_json_str(s, "id") : "");
		nempty += !any;
		nscen++;
	}
	A("<section id=\"grid\">\n<h2>Scenarios \xc3\x97 targets</h2>\n<p>One row per scenario, one "
	  "column per target; each cell holds the verdict of every result of that scenario on that "
	  "target (a pair scenario has one per ordered pair), as the target sees it, and links to "
	  "the result. Filter the rows below; the address keeps the filter, so a filtered view can "
	  "be linked to.</p>\n");
	dlt_html_legend(b);
	A("<form class=\"filters\" id=\"filters\" onsubmit=\"return false\">\n");
	select_of(b, "status", "status", &verdicts);
	select_of(b, "target", "target", &targets);
	select_of(b, "family", "family", &families);
	select_of(b, "area", "area", &areas);
	A("<label>search <input id=\"f-q\" type=\"search\" placeholder=\"scenario id or title\">"
	  "</label>\n");
	P("<label><input id=\"f-empty\" type=\"checkbox\"> show the %d scenarios with no results"
	  "</label>\n<input id=\"f-req\" type=\"hidden\"><input id=\"f-with\" type=\"hidden\">\n"
	  "<span id=\"f-count\" class=\"meta\">%d of %d scenarios shown</span>\n</form>\n",
	  nempty, nscen - nempty, nscen);
	A("<table class=\"grid\"><thead><tr><th>scenario</th><th>family</th><th>areas</th>");
	for (size_t i = 0; i < targets.n; i++) {
		A("<th data-target=\"");
		X(targets.v[i]);
		A("\">");
		X(targets.v[i]);
		A("</th>");
	}
	A("</tr></thead>\n<tbody>\n");
	cJSON_ArrayForEach (s, res->scenarios) {
		const char *id = dlt_json_str(s, "id") ? dlt_json_str(s, "id") : "";
		char *sa = dlt_html_scenario_areas(s, rm);
		int any = 0;
		cJSON_ArrayForEach (r, res->results)
			any |= dlt_json_str(r, "scenario") &&
			       !strcmp(dlt_json_str(r, "scenario"), id);
		A("<tr data-id=\"");
		X(id);
		A("\" data-family=\"");
		X(dlt_json_str(s, "family"));
		A("\" data-areas=\"");
		X(sa);
		A("\" data-reqs=\" ");
		const cJSON *q;
		cJSON_ArrayForEach (q, cJSON_GetObjectItemCaseSensitive(s, "roadmap"))
			if (cJSON_IsString(q)) {
				X(q->valuestring);
				A(" ");
			}
		A("\" data-text=\"");
		X(id);
		A(" ");
		X(dlt_json_str(s, "title"));
		P("\" data-empty=\"%d\"%s><td class=\"sc\"><a href=\"#s-", !any,
		  any ? "" : " hidden");
		X(id);
		A("\"><code>");
		X(id);
		A("</code></a></td><td>");
		X(dlt_json_str(s, "family"));
		A("</td><td>");
		X(sa);
		A("</td>");
		free(sa);
		for (size_t i = 0; i < targets.n; i++) {
			struct dlt_buf vs, partners;
			dlt_buf_init(&vs);
			dlt_buf_init(&partners);
			struct dlt_buf cell;
			dlt_buf_init(&cell);
			int k = -1;
			cJSON_ArrayForEach (r, res->results) {
				k++;
				if (!dlt_json_str(r, "scenario") ||
				    strcmp(dlt_json_str(r, "scenario"), id) ||
				    !dlt_result_has_target(r, targets.v[i]))
					continue;
				const char *v = dlt_result_verdict_for(r, targets.v[i]);
				char *who = dlt_result_targets_label(r);
				dlt_buf_printf(&vs, " %s", v);
				const cJSON *o;
				cJSON_ArrayForEach (o,
						    cJSON_GetObjectItemCaseSensitive(r, "targets"))
					if (cJSON_IsString(o) &&
					    strcmp(o->valuestring, targets.v[i])) {
						dlt_buf_puts(&partners, " ");
						dlt_esc_xml(&partners, o->valuestring);
					}
				dlt_buf_printf(&cell, "<a class=\"v v-%s\" href=\"#r-%d\" title=\"",
					       v, k);
				dlt_esc_xml(&cell, who);
				dlt_buf_printf(&cell, ": %s\">%s</a>", v, letter(v));
				free(who);
			}
			A("<td data-target=\"");
			X(targets.v[i]);
			A("\" data-v=\"");
			A(vs.len ? dlt_buf_str(&vs) : "");
			A("\" data-with=\"");
			A(partners.len ? dlt_buf_str(&partners) : "");
			A("\">");
			A(cell.len ? dlt_buf_str(&cell) : "");
			A("</td>");
			dlt_buf_free(&vs);
			dlt_buf_free(&partners);
			dlt_buf_free(&cell);
		}
		A("</tr>\n");
	}
	A("</tbody></table>\n</section>\n");
	dlt_strlist_free(&targets);
	dlt_strlist_free(&families);
	dlt_strlist_free(&areas);
	dlt_strlist_free(&verdicts);
}
