/*
 * intake.c: intake of many vendors' bundles into one report (see intake.h).
 */
#include "reports/intake.h"
#include "reports/cmdline.h"
#include "reports/escape.h"
#include "cert/bundle.h"
#include "cert/keys.h"
#include "cert/suite.h"
#include "model/profile.h"
#include "model/results.h"
#include "model/roadmap.h"
#include "common/file.h"
#include "common/json_text.h"
#include "common/mem.h"

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char INTAKE_USAGE[] =
	"usage: dlt-interop merge --verify KEYS_DIR BUNDLE... [--format html|json] [-o FILE]\n"
	"\n"
	"Intake of signed bundles (dlt-interop certify) from many vendors: each bundle is\n"
	"verified (signature, claimed verdict re-derived from its results) against the public\n"
	"keys in KEYS_DIR (VENDOR.pub files), and its suite digest compared with the suite\n"
	"here. One report: per profile, a matrix of implementations x requirements. A bundle\n"
	"that fails verification is refused (listed with the reason, in no matrix); one run\n"
	"with another suite or profile version is marked wherever it appears.\n"
	"\n"
	"  --verify DIR    the folder of vendors' public keys (*.pub)\n"
	"  --format F      html (default) or json; default from the extension of -o\n"
	"  -o, --output F  where to write (default: standard output)\n"
	"  -h, --help      this text\n"
	"\nExit status: 0 all bundles accepted and run with this suite; 1 a bundle was refused\n"
	"or marked; 2 usage error, or no readable key in KEYS_DIR.\n";

int dlt_cmd_is_intake(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return 0;
		if (!strcmp(argv[i], "--verify") || !strncmp(argv[i], "--verify=", 9))
			return 1;
	}
	return 0;
}

struct key {
	char *name;
	uint8_t pk[DLT_PUBKEY_BYTES];
};

static int load_keys(const char *dir, struct key **out, size_t *n)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "dlt-interop merge: --verify %s: not a folder of public keys\n",
			dir);
		return -1;
	}
	struct dirent *e;
	struct dlt_strlist names = { 0 };
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len > 4 && !strcmp(e->d_name + len - 4, ".pub") && e->d_name[0] != '.')
			dlt_strlist_add(&names, e->d_name);
	}
	closedir(d);
	*out = dlt_xcalloc(names.n ? names.n : 1, sizeof **out);
	*n = 0;
	int rc = 0;
	for (size_t i = 0; i < names.n; i++) {
		char *path = dlt_printf("%s/%s", dir, names.v[i]);
		char err[1024];
		struct key *k = &(*out)[*n];
		if (dlt_key_load_public(path, k->pk, err, sizeof err)) {
			fprintf(stderr, "dlt-interop merge: --verify: %s\n", err);
			rc = -1;
		} else {
			k->name = dlt_printf("%.*s", (int)(strlen(names.v[i]) - 4), names.v[i]);
			(*n)++;
		}
		free(path);
	}
	dlt_strlist_free(&names);
	if (!rc && !*n) {
		fprintf(stderr,
			"dlt-interop merge: --verify %s: no public key (VENDOR.pub, made by "
			"dlt-interop keygen) in the folder\n",
			dir);
		rc = -1;
	}
	return rc;
}

/* One bundle's entry of the intake document. */
static cJSON *bundle_entry(const char *path, const struct key *keys, size_t nkeys, const char *home,
			   const cJSON *ours, struct dlt_bundle **keep)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "file", path);
	char err[2048];
	struct dlt_bundle *b = NULL;
	*keep = NULL;
	if (dlt_bundle_load(path, &b, err, sizeof err)) {
		cJSON_AddStringToObject(o, "status", "refused");
		cJSON_AddStringToObject(o, "reason", err);
		return o;
	}
	cJSON_AddStringToObject(o, "fingerprint", b->fingerprint);
	const struct key *k = NULL;
	for (size_t i = 0; i < nkeys && !k; i++)
		if (!memcmp(keys[i].pk, b->pk, DLT_PUBKEY_BYTES))
			k = &keys[i];
	if (!k) {
		char *why = dlt_printf("%s: signed by the key %s, which is not in the keys folder",
				       path, b->fingerprint);
		cJSON_AddStringToObject(o, "status", "refused");
		cJSON_AddStringToObject(o, "reason", why);
		free(why);
		dlt_bundle_free(b);
		return o;
	}
	cJSON_AddStringToObject(o, "vendor", k->name);
	cJSON_AddStringToObject(o, "profile", dlt_json_str(b->profile, "name"));
	cJSON_AddStringToObject(o, "profile_version", dlt_json_str(b->profile, "version"));
	cJSON_AddStringToObject(o, "created", b->created);
	cJSON_AddStringToObject(o, "suite_digest", dlt_json_str(b->suite, "digest"));
	cJSON_AddStringToObject(o, "verdict", dlt_json_str(b->verdict, "verdict"));
	cJSON_AddItemToObject(o, "targets", cJSON_Duplicate(b->targets, 1));
	const char *status = "accepted";
	char *reason = NULL;
	if (strcmp(dlt_json_str(b->suite, "digest"), dlt_json_str(ours, "digest"))) {
		struct dlt_buf d = DLT_BUF_INIT;
		dlt_suite_differences(b->suite, ours, &d, 5);
		status = "other-suite";
		reason = dlt_printf("run with suite %s, not this suite (%s):\n%s",
				    dlt_json_str(b->suite, "digest"), dlt_json_str(ours, "digest"),
				    dlt_buf_str(&d));
		dlt_buf_free(&d);
	} else {
		char *ppath =
			dlt_printf("%s/profiles/%s.json", home, dlt_json_str(b->profile, "name"));
		char *rpath = dlt_printf("%s/roadmap/roadmap.json", home);
		struct dlt_roadmap *rm = NULL;
		cJSON *local = NULL;
		if (dlt_roadmap_load(rpath, &rm, err, sizeof err) ||
		    dlt_profile_load(ppath, rm, &local, err, sizeof err) ||
		    !cJSON_Compare(local, b->profile, 1)) {
			status = "other-profile";
			reason = dlt_printf("profile %s %s is not the one of this suite",
					    dlt_json_str(b->profile, "name"),
					    dlt_json_str(b->profile, "version"));
		}
		cJSON_Delete(local);
		dlt_roadmap_free(rm);
		free(ppath);
		free(rpath);
	}
	cJSON_AddStringToObject(o, "status", status);
	if (reason)
		cJSON_AddStringToObject(o, "reason", reason);
	free(reason);
	*keep = b;
	return o;
}

/* One matrix per profile name and version: the requirements of the first bundle of it. */
static cJSON *matrices(cJSON *entries, struct dlt_bundle **bundles, size_t n)
{
	cJSON *ms = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		if (!bundles[i])
			continue;
		const char *pn = dlt_json_str(bundles[i]->profile, "name");
		const char *pv = dlt_json_str(bundles[i]->profile, "version");
		cJSON *m = NULL, *it;
		cJSON_ArrayForEach (it, ms)
			if (!strcmp(dlt_json_str(it, "profile"), pn) &&
			    !strcmp(dlt_json_str(it, "version"), pv))
				m = it;
		if (!m) {
			m = cJSON_CreateObject();
			cJSON_AddStringToObject(m, "profile", pn);
			cJSON_AddStringToObject(m, "version", pv);
			cJSON_AddStringToObject(m, "title",
						dlt_json_str(bundles[i]->profile, "title")
							? dlt_json_str(bundles[i]->profile, "title")
							: "");
			cJSON_AddArrayToObject(m, "columns");
			cJSON *rows = cJSON_AddArrayToObject(m, "rows");
			const cJSON *r;
			cJSON_ArrayForEach (r, cJSON_GetObjectItemCaseSensitive(bundles[i]->profile,
										"requirements")) {
				cJSON *row = cJSON_CreateObject();
				cJSON_AddStringToObject(row, "id", dlt_json_str(r, "id"));
				cJSON_AddStringToObject(row, "level", dlt_json_str(r, "level"));
				cJSON_AddStringToObject(
					row, "title",
					dlt_json_str(r, "title") ? dlt_json_str(r, "title") : "");
				cJSON_AddArrayToObject(row, "verdicts");
				cJSON_AddItemToArray(rows, row);
			}
			cJSON_AddItemToArray(ms, m);
		}
		cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(m, "columns"),
				     cJSON_CreateNumber((double)i));
		cJSON *row;
		cJSON_ArrayForEach (row, cJSON_GetObjectItemCaseSensitive(m, "rows")) {
			const cJSON *r =
				dlt_json_find_named(cJSON_GetObjectItemCaseSensitive(
							    bundles[i]->verdict, "requirements"),
						    "id", dlt_json_str(row, "id"));
			cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(row, "verdicts"),
					     r ? cJSON_CreateString(dlt_json_str(r, "verdict"))
					       : cJSON_CreateNull());
		}
	}
	(void)entries;
	return ms;
}

static const char CSS[] =
	"body{font-family:system-ui,sans-serif;margin:1.5rem;color:#111}"
	"table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.85rem}"
	"th,td{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top}"
	"th{background:#e8edf3}.pass{color:#175c2a;font-weight:bold}"
	".fail{color:#8a1c1c;font-weight:bold}.inconclusive,.not-tested{color:#8a5a00}"
	".not-applicable{color:#777}tr.refused td{background:#fbe3e3}"
	"tr.other-suite td,tr.other-profile td,.marked{background:#fff3cd}"
	"code{font-size:.8rem}pre{white-space:pre-wrap;margin:0;font-size:.75rem}";

static void esc(struct dlt_buf *b, const char *s)
{
	dlt_esc_xml_max(b, s ? s : "", 2000);
}

static void implementation(struct dlt_buf *b, const cJSON *e)
{
	const cJSON *t;
	int first = 1;
	cJSON_ArrayForEach (t, cJSON_GetObjectItemCaseSensitive(e, "targets")) {
		if (!first)
			dlt_buf_puts(b, "<br>");
		first = 0;
		esc(b, dlt_json_str(t, "implementation"));
		dlt_buf_puts(b, " ");
		esc(b, dlt_json_str(t, "client_version") ? dlt_json_str(t, "client_version")
							 : dlt_json_str(t, "version"));
	}
}

static void render_html(struct dlt_buf *b, const cJSON *doc)
{
	const cJSON *e, *m;
	dlt_buf_printf(b,
		       "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		       "<title>Interop intake</title><style>%s</style></head><body>\n"
		       "<h1>Intake of signed bundles</h1>\n<p>Suite here: <code id=\"suite\">",
		       CSS);
	esc(b, dlt_json_str(doc, "suite_digest"));
	dlt_buf_puts(b, "</code> (");
	esc(b, dlt_json_str(doc, "runner"));
	dlt_buf_puts(b,
		     ")</p>\n<h2>Bundles</h2>\n<table id=\"bundles\"><tr><th>#</th><th>file"
		     "</th><th>status</th><th>vendor (key)</th><th>implementation</th><th>profile"
		     "</th><th>verdict</th><th>why</th></tr>\n");
	int i = 0;
	cJSON_ArrayForEach (e, cJSON_GetObjectItemCaseSensitive(doc, "bundles")) {
		const char *st = dlt_json_str(e, "status");
		dlt_buf_printf(b, "<tr class=\"%s\"><td>%d</td><td>", st, ++i);
		esc(b, dlt_json_str(e, "file"));
		dlt_buf_printf(b, "</td><td class=\"status\">%s</td><td>",
			       !strcmp(st, "accepted")      ? "accepted"
			       : !strcmp(st, "refused")     ? "REFUSED"
			       : !strcmp(st, "other-suite") ? "MARKED: other suite"
							    : "MARKED: other profile version");
		esc(b, dlt_json_str(e, "vendor"));
		dlt_buf_puts(b, "</td><td>");
		implementation(b, e);
		dlt_buf_puts(b, "</td><td>");
		esc(b, dlt_json_str(e, "profile"));
		dlt_buf_puts(b, " ");
		esc(b, dlt_json_str(e, "profile_version"));
		dlt_buf_puts(b, "</td><td class=\"");
		esc(b, dlt_json_str(e, "verdict"));
		dlt_buf_puts(b, "\">");
		esc(b, dlt_json_str(e, "verdict"));
		dlt_buf_puts(b, "</td><td><pre>");
		esc(b, dlt_json_str(e, "reason"));
		dlt_buf_puts(b, "</pre></td></tr>\n");
	}
	dlt_buf_puts(b, "</table>\n");
	cJSON_ArrayForEach (m, cJSON_GetObjectItemCaseSensitive(doc, "matrices")) {
		dlt_buf_puts(b, "<h2>Profile ");
		esc(b, dlt_json_str(m, "profile"));
		dlt_buf_puts(b, " ");
		esc(b, dlt_json_str(m, "version"));
		dlt_buf_puts(b, ": ");
		esc(b, dlt_json_str(m, "title"));
		dlt_buf_puts(b, "</h2>\n<table class=\"matrix\"><tr><th>requirement</th><th>level"
				"</th>");
		const cJSON *c;
		cJSON_ArrayForEach (c, cJSON_GetObjectItemCaseSensitive(m, "columns")) {
			const cJSON *be = cJSON_GetArrayItem(
				cJSON_GetObjectItemCaseSensitive(doc, "bundles"), c->valueint);
			int marked = strcmp(dlt_json_str(be, "status"), "accepted") != 0;
			dlt_buf_printf(b, "<th%s>#%d ", marked ? " class=\"marked\"" : "",
				       c->valueint + 1);
			esc(b, dlt_json_str(be, "vendor"));
			dlt_buf_puts(b, "<br>");
			implementation(b, be);
			if (marked)
				dlt_buf_puts(b, "<br><b>MARKED</b>");
			dlt_buf_puts(b, "</th>");
		}
		dlt_buf_puts(b, "</tr>\n");
		const cJSON *row, *v;
		cJSON_ArrayForEach (row, cJSON_GetObjectItemCaseSensitive(m, "rows")) {
			dlt_buf_puts(b, "<tr><td>");
			esc(b, dlt_json_str(row, "id"));
			dlt_buf_puts(b, " ");
			esc(b, dlt_json_str(row, "title"));
			dlt_buf_puts(b, "</td><td>");
			esc(b, dlt_json_str(row, "level"));
			dlt_buf_puts(b, "</td>");
			int k = 0;
			cJSON_ArrayForEach (v, cJSON_GetObjectItemCaseSensitive(row, "verdicts")) {
				const cJSON *col = cJSON_GetArrayItem(
					cJSON_GetObjectItemCaseSensitive(m, "columns"), k++);
				const cJSON *be = cJSON_GetArrayItem(
					cJSON_GetObjectItemCaseSensitive(doc, "bundles"),
					col ? col->valueint : -1);
				int marked = strcmp(dlt_json_str(be, "status"), "accepted") != 0;
				const char *s = cJSON_IsString(v) ? v->valuestring : "-";
				dlt_buf_printf(b, "<td class=\"%s", marked ? "marked " : "");
				esc(b, s);
				dlt_buf_puts(b, "\">");
				esc(b, s);
				if (marked)
					dlt_buf_puts(b, " (marked)");
				dlt_buf_puts(b, "</td>");
			}
			dlt_buf_puts(b, "</tr>\n");
		}
		dlt_buf_puts(b, "</table>\n");
	}
	dlt_buf_puts(b, "</body></html>\n");
}

int dlt_cmd_intake(int argc, char **argv, const char *home, const char *runner)
{
	static const struct option longopts[] = {
		{ "verify", required_argument, NULL, 'v' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *keys_dir = NULL, *format = NULL, *out = NULL;
	int c;
	dlt_cmd_getopt_start();
	while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'v': keys_dir = optarg; break;
		case 'f': format = optarg; break;
		case 'o': out = optarg; break;
		case 'h': fputs(INTAKE_USAGE, stdout); return 0;
		default:
			dlt_cmd_option_error("merge", c, argv);
			fputs(INTAKE_USAGE, stderr);
			return 2;
		}
	}
	if (!format)
		format = out && strlen(out) > 5 && !strcmp(out + strlen(out) - 5, ".json") ? "json"
											   : "html";
	if (!keys_dir || optind >= argc || (strcmp(format, "html") && strcmp(format, "json"))) {
		fprintf(stderr, "dlt-interop merge: %s\n%s",
			optind >= argc ? "no bundle given"
			: !keys_dir    ? "--verify KEYS_DIR needed"
				       : "--format: html or json",
			INTAKE_USAGE);
		return 2;
	}
	struct key *keys = NULL;
	size_t nkeys = 0;
	int rc = 2;
	char err[2048];
	cJSON *doc = NULL, *ours = NULL;
	size_t n = (size_t)(argc - optind);
	struct dlt_bundle **bundles = dlt_xcalloc(n, sizeof *bundles);
	struct dlt_buf b = DLT_BUF_INIT;
	if (load_keys(keys_dir, &keys, &nkeys))
		goto done;
	if (!(ours = dlt_suite_manifest(home, runner, err, sizeof err))) {
		fprintf(stderr, "dlt-interop merge: the digest of the suite here: %s\n", err);
		goto done;
	}
	doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "format", "dlt-interop-intake/1");
	cJSON_AddStringToObject(doc, "runner", runner);
	cJSON_AddStringToObject(doc, "suite_digest", dlt_json_str(ours, "digest"));
	cJSON *entries = cJSON_AddArrayToObject(doc, "bundles");
	int accepted = 0, refused = 0, marked = 0;
	for (size_t i = 0; i < n; i++) {
		cJSON *e =
			bundle_entry(argv[optind + (int)i], keys, nkeys, home, ours, &bundles[i]);
		const char *st = dlt_json_str(e, "status");
		if (!strcmp(st, "accepted"))
			accepted++;
		else if (!strcmp(st, "refused"))
			refused++;
		else
			marked++;
		if (strcmp(st, "accepted"))
			fprintf(stderr, "dlt-interop merge: %s: %s: %s\n", argv[optind + (int)i],
				!strcmp(st, "refused") ? "REFUSED" : "MARKED",
				dlt_json_str(e, "reason"));
		cJSON_AddItemToArray(entries, e);
	}
	cJSON_AddItemToObject(doc, "matrices", matrices(entries, bundles, n));
	if (!strcmp(format, "json"))
		dlt_json_pretty(&b, doc);
	else
		render_html(&b, doc);
	if (dlt_buf_write_file(&b, out, err, sizeof err)) {
		fprintf(stderr, "dlt-interop merge: %s\n", err);
		goto done;
	}
	fprintf(stderr,
		"dlt-interop merge: %zu bundles: %d accepted, %d marked (other suite or "
		"profile), %d refused\n",
		n, accepted, marked, refused);
	rc = refused || marked ? 1 : 0;
done:
	for (size_t i = 0; i < n; i++)
		dlt_bundle_free(bundles[i]);
	free(bundles);
	for (size_t i = 0; i < nkeys; i++)
		free(keys[i].name);
	free(keys);
	cJSON_Delete(doc);
	cJSON_Delete(ours);
	dlt_buf_free(&b);
	return rc;
}
