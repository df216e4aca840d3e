/*
 * certificate.c: the printable certificate page of a signed bundle (see certificate.h).
 * Every string comes from the bundle, which a vendor wrote: all of it is escaped.
 */
#include "reports/certificate.h"
#include "reports/escape.h"
#include "model/results.h"

#include <stdio.h>
#include <string.h>

static const char CSS[] =
	"body{font-family:Georgia,'DejaVu Serif',serif;color:#111;margin:0;background:#eee}"
	".page{background:#fff;max-width:60rem;margin:1rem auto;padding:2.5rem 3rem;"
	"border:6px double #2b4a6f}"
	"h1{font-size:1.7rem;text-align:center;margin:.2rem 0;letter-spacing:.04em}"
	".sub{text-align:center;color:#444;margin:0 0 1.2rem}"
	".verdict{text-align:center;font-size:1.5rem;font-weight:bold;padding:.6rem;margin:1rem 0;"
	"border:2px solid}"
	".verdict.pass{color:#175c2a;border-color:#175c2a}"
	".verdict.fail{color:#8a1c1c;border-color:#8a1c1c}"
	"table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0 1rem}"
	"th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top}"
	"th{background:#e8edf3}td:first-child,td:nth-child(2){white-space:nowrap}"
	"td.v-pass{color:#175c2a;font-weight:bold}td.v-fail{color:#8a1c1c;font-weight:bold}"
	"td.v-inconclusive,td.v-not-tested{color:#8a5a00;font-weight:bold}"
	"td.v-not-applicable{color:#666}"
	"dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.9rem}"
	"dt{font-weight:bold}dd{margin:0;word-break:break-all}"
	"code{font-family:'DejaVu Sans Mono',monospace;font-size:.8rem}"
	".note{font-size:.8rem;color:#333;border-top:1px solid #999;margin-top:1.2rem;padding-top:.5rem}"
	"@page{size:A4;margin:12mm}"
	"@media print{body{background:#fff}.page{margin:0;border-width:4px;max-width:none}"
	"tr{page-break-inside:avoid}}";

static const char *str(const cJSON *o, const char *k)
{
	const char *s = dlt_json_str(o, k);
	return s ? s : "";
}

static void esc(struct dlt_buf *b, const char *s)
{
	dlt_esc_xml_max(b, s, 2000);
}

static void refs(struct dlt_buf *b, const cJSON *req)
{
	const cJSON *r;
	int first = 1;
	cJSON_ArrayForEach (r, cJSON_GetObjectItemCaseSensitive(req, "refs")) {
		if (!first)
			dlt_buf_puts(b, "; ");
		first = 0;
		esc(b, str(r, "doc"));
		if (dlt_json_str(r, "clause")) {
			dlt_buf_puts(b, " clause ");
			esc(b, str(r, "clause"));
		}
		if (dlt_json_str(r, "topic")) {
			dlt_buf_puts(b, " (");
			esc(b, str(r, "topic"));
			dlt_buf_puts(b, ")");
		}
	}
}

void dlt_report_certificate(struct dlt_buf *b, const struct dlt_bundle *bd)
{
	const cJSON *p = bd->profile, *v = bd->verdict, *t, *r;
	const cJSON *run = cJSON_GetObjectItemCaseSensitive(bd->results, "run");
	const char *verdict = str(v, "verdict");
	int pass = !strcmp(verdict, "pass");
	dlt_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
			"<title>Conformance certificate: ");
	esc(b, str(p, "title"));
	dlt_buf_printf(b,
		       "</title><style>%s</style></head><body>\n<main class=\"page\" "
		       "id=\"certificate\">\n<h1>Self-certification of conformance</h1>\n"
		       "<p class=\"sub\">",
		       CSS);
	esc(b, str(p, "title"));
	dlt_buf_puts(b, " &mdash; profile <b id=\"profile\">");
	esc(b, str(p, "name"));
	dlt_buf_puts(b, " ");
	esc(b, str(p, "version"));
	dlt_buf_puts(b,
		     "</b></p>\n<h2>Implementation</h2>\n<table id=\"targets\"><tr><th>target"
		     "</th><th>implementation</th><th>version</th><th>client version</th><th>chain "
		     "id</th><th>genesis hash</th></tr>\n");
	cJSON_ArrayForEach (t, bd->targets) {
		static const char *const K[] = {
			"name",           "implementation", "version",
			"client_version", "chain_id",       "genesis_hash"
		};
		dlt_buf_puts(b, "<tr>");
		for (int k = 0; k < 6; k++) {
			dlt_buf_puts(b, k >= 4 ? "<td><code>" : "<td>");
			esc(b, dlt_json_str(t, K[k]) ? str(t, K[k]) : "-");
			dlt_buf_puts(b, k >= 4 ? "</code></td>" : "</td>");
		}
		dlt_buf_puts(b, "</tr>\n");
	}
	dlt_buf_printf(b,
		       "</table>\n<div class=\"verdict %s\" id=\"verdict\">Profile verdict: %s"
		       "</div>\n<p>Pass rule: <b>",
		       pass ? "pass" : "fail", pass ? "PASS" : "FAIL");
	esc(b, str(p, "pass_rule"));
	dlt_buf_puts(b, "</b>.");
	int nreasons = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(v, "reasons"));
	if (nreasons) {
		dlt_buf_puts(b, "</p>\n<ul id=\"reasons\">");
		int shown = 0;
		cJSON_ArrayForEach (r, cJSON_GetObjectItemCaseSensitive(v, "reasons"))
			if (cJSON_IsString(r) && shown++ < 50) {
				dlt_buf_puts(b, "<li>");
				esc(b, r->valuestring);
				dlt_buf_puts(b, "</li>");
			}
		if (shown > 50)
			dlt_buf_printf(b, "<li>... and %d more</li>", shown - 50);
		dlt_buf_puts(b, "</ul>\n<p>");
	} else
		dlt_buf_puts(b, " ");
	dlt_buf_puts(b, "</p>\n<h2>Requirements</h2>\n<table id=\"requirements\"><tr><th>id</th>"
			"<th>level</th><th>requirement</th><th>references</th><th>results</th>"
			"<th>verdict</th></tr>\n");
	cJSON_ArrayForEach (r, cJSON_GetObjectItemCaseSensitive(v, "requirements")) {
		const char *id = str(r, "id");
		const cJSON *req = dlt_json_find_named(
			cJSON_GetObjectItemCaseSensitive(p, "requirements"), "id", id);
		dlt_buf_puts(b, "<tr><td>");
		esc(b, id);
		dlt_buf_puts(b, "</td><td>");
		esc(b, str(r, "level"));
		dlt_buf_puts(b, "</td><td>");
		esc(b, str(req, "title"));
		dlt_buf_puts(b, "</td><td>");
		refs(b, req);
		dlt_buf_puts(b, "</td><td>");
		const cJSON *c;
		int first = 1;
		cJSON_ArrayForEach (c, cJSON_GetObjectItemCaseSensitive(r, "counts")) {
			dlt_buf_printf(b, "%s%d ", first ? "" : ", ", c->valueint);
			esc(b, c->string);
			first = 0;
		}
		if (first)
			dlt_buf_puts(b, "none");
		dlt_buf_puts(b, "</td><td class=\"v-");
		esc(b, str(r, "verdict"));
		dlt_buf_puts(b, "\">");
		esc(b, str(r, "verdict"));
		dlt_buf_puts(b, "</td></tr>\n");
	}
	dlt_buf_puts(b, "</table>\n<h2>Evidence</h2>\n<dl>\n<dt>signed</dt><dd id=\"created\">");
	esc(b, bd->created);
	dlt_buf_puts(b, "</dd>\n<dt>run</dt><dd>");
	esc(b, str(run, "id"));
	dlt_buf_puts(b, ", ");
	esc(b, str(run, "started"));
	dlt_buf_puts(b, " to ");
	esc(b, str(run, "finished"));
	dlt_buf_printf(
		b, ", %d results</dd>\n<dt>runner</dt><dd>",
		cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(bd->results, "results")));
	esc(b, str(bd->suite, "runner"));
	dlt_buf_puts(b, "</dd>\n<dt>suite digest</dt><dd><code id=\"suite-digest\">");
	esc(b, str(bd->suite, "digest"));
	dlt_buf_printf(b, "</code> (%d files)</dd>\n<dt>roadmap</dt><dd>version ",
		       cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(bd->suite, "files")));
	esc(b, str(p, "roadmap_version"));
	dlt_buf_printf(b,
		       "</dd>\n<dt>signing key</dt><dd><code id=\"key-fingerprint\">%s"
		       "</code> (Ed25519)</dd>\n</dl>\n",
		       bd->fingerprint);
	dlt_buf_puts(
		b, "<p class=\"note\">This is a <b>self-certification</b>: the vendor ran "
		   "the suite and signed the results. The signature binds these results, this "
		   "profile verdict (re-derived from the results when the bundle was opened) and "
		   "the suite digest to the key above; check that the key is the vendor's, and "
		   "run <code>dlt-interop verify BUNDLE --pubkey KEY</code> to compare the digest "
		   "with your copy of the suite. It does not prove that the node was not tuned to "
		   "the suite, nor that the node tested is the one sold.</p>\n</main>\n"
		   "</body></html>\n");
}

int dlt_cmd_report_bundle(const char *path, const char *format, const char *out)
{
	char err[2048];
	if (format && strcmp(format, "html")) {
		fprintf(stderr,
			"dlt-interop report: %s is a signed bundle: its certificate is "
			"html (--format html)\n",
			path);
		return 2;
	}
	struct dlt_bundle *b = NULL;
	if (dlt_bundle_load(path, &b, err, sizeof err)) {
		fprintf(stderr, "dlt-interop report: refused: %s\n", err);
		return 2;
	}
	struct dlt_buf page = DLT_BUF_INIT;
	dlt_report_certificate(&page, b);
	int rc = 0;
	if (dlt_buf_write_file(&page, out, err, sizeof err)) {
		fprintf(stderr, "dlt-interop report: %s\n", err);
		rc = 2;
	}
	dlt_buf_free(&page);
	dlt_bundle_free(b);
	return rc;
}
