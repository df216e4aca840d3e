/*
 * diff.c: `dlt-interop diff OLD NEW`: compares two results files per scenario x targets and
 * lists what regressed, what improved, what changed otherwise, and what is new or removed.
 * Verdicts are ranked pass/xpass > skip/inconclusive/launch-error (not settled: did not apply,
 * did not finish, could not start) > fail/error/xfail; a lower rank is a
 * regression, and so is an interop verdict going from agree to diverge. Exit 1 when anything
 * regressed, 0 otherwise, 2 on a usage or input error.
 */
#include "reports/commands.h"
#include "reports/cmdline.h"
#include "common/buf.h"
#include "common/json_text.h"
#include "reports/escape.h"
#include "model/results.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char DIFF_USAGE[] =
	"usage: dlt-interop diff OLD.json NEW.json [--format text|md|json] [-o FILE]\n"
	"\n"
	"Compares two results files per scenario x targets: regressed, improved, changed,\n"
	"new and removed results.\n"
	"\n"
	"  --format F      text (default), md (for a pull-request comment) or json\n"
	"  -o, --output F  where to write (default: standard output)\n"
	"  -h, --help      this text\n"
	"\nExit status: 0 no regression, 1 something regressed, 2 usage or input error.\n";

enum { REGRESSED, IMPROVED, CHANGED, ADDED, REMOVED, NCLASS };
static const char *const CLASS[] = { "regressed", "improved", "changed", "new", "removed" };

static int rank(const char *v)
{
	if (dlt_verdict_passed(v))
		return 2;
	if (!strcmp(v, "skip") || !strcmp(v, "inconclusive") || !strcmp(v, "launch-error"))
		return 1;
	return 0;
}

static const char *str(const cJSON *o, const char *k)
{
	const char *s = dlt_json_str(o, k);

	return s ? s : "";
}

static const cJSON *find(const struct dlt_results *r, const char *key)
{
	const cJSON *it;

	cJSON_ArrayForEach (it, r->results) {
		char *k = dlt_result_key(it);
		int eq = k && !strcmp(k, key);

		free(k);
		if (eq)
			return it;
	}
	return NULL;
}

static char *why(const cJSON *r)
{
	const cJSON *k;

	if (!r)
		return NULL;
	if (*str(r, "reason"))
		return dlt_json_brief(cJSON_GetObjectItemCaseSensitive(r, "reason"), 200, 1);
	cJSON_ArrayForEach (k, cJSON_GetObjectItemCaseSensitive(r, "checks"))
		if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(k, "ok"))) {
			struct dlt_buf b;
			char *e = dlt_json_brief(cJSON_GetObjectItemCaseSensitive(k, "expected"),
						 80, 0);
			char *a = dlt_json_brief(cJSON_GetObjectItemCaseSensitive(k, "actual"), 80,
						 0);

			dlt_buf_init(&b);
			dlt_buf_printf(&b, "check \"%s\": expected %s, actual %s", str(k, "label"),
				       e ? e : "", a ? a : "");
			free(e);
			free(a);
			return dlt_buf_take(&b);
		}
	if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, "divergences")))
		return strdup("divergences");
	return NULL;
}

static void add_entry(cJSON *list, const cJSON *o, const cJSON *n)
{
	const cJSON *any = n ? n : o;
	cJSON *e = cJSON_CreateObject();
	char *label = dlt_result_targets_label(any), *w = why(n ? n : o);

	cJSON_AddStringToObject(e, "scenario", str(any, "scenario"));
	cJSON_AddItemToObject(e, "targets",
			      cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(any, "targets"), 1));
	cJSON_AddStringToObject(e, "label", label ? label : "");
	if (o)
		cJSON_AddStringToObject(e, "old", str(o, "verdict"));
	else
		cJSON_AddNullToObject(e, "old");
	if (n)
		cJSON_AddStringToObject(e, "new", str(n, "verdict"));
	else
		cJSON_AddNullToObject(e, "new");
	if (o && *str(o, "interop_verdict"))
		cJSON_AddStringToObject(e, "old_interop", str(o, "interop_verdict"));
	if (n && *str(n, "interop_verdict"))
		cJSON_AddStringToObject(e, "new_interop", str(n, "interop_verdict"));
	if (w)
		cJSON_AddStringToObject(e, "why", w);
	free(w);
	free(label);
	cJSON_AddItemToArray(list, e);
}

static cJSON *compare(const struct dlt_results *a, const struct dlt_results *b, int *unchanged)
{
	cJSON *doc = cJSON_CreateObject(), *lists[NCLASS];
	const cJSON *o, *n;

	cJSON_AddStringToObject(doc, "old_file", a->path);
	cJSON_AddStringToObject(doc, "new_file", b->path);
	cJSON_AddBoolToObject(doc, "same_suite",
			      !strcmp(str(a->run, "suite_version"), str(b->run, "suite_version")));
	for (int i = 0; i < NCLASS; i++)
		lists[i] = cJSON_AddArrayToObject(doc, CLASS[i]);
	*unchanged = 0;
	cJSON_ArrayForEach (o, a->results) {
		char *key = dlt_result_key(o);
		const char *ov, *nv, *oi, *ni;
		int cls;

		n = key ? find(b, key) : NULL;
		free(key);
		if (!n) {
			add_entry(lists[REMOVED], o, NULL);
			continue;
		}
		ov = str(o, "verdict");
		nv = str(n, "verdict");
		oi = str(o, "interop_verdict");
		ni = str(n, "interop_verdict");
		if (rank(nv) < rank(ov) || (!strcmp(oi, "agree") && !strcmp(ni, "diverge")))
			cls = REGRESSED;
		else if (rank(nv) > rank(ov) || (!strcmp(oi, "diverge") && !strcmp(ni, "agree")))
			cls = IMPROVED;
		else if (strcmp(nv, ov) || strcmp(oi, ni))
			cls = CHANGED;
		else {
			(*unchanged)++;
			continue;
		}
		add_entry(lists[cls], o, n);
	}
	cJSON_ArrayForEach (n, b->results) {
		char *key = dlt_result_key(n);

		if (key && !find(a, key))
			add_entry(lists[ADDED], NULL, n);
		free(key);
	}
	cJSON_AddNumberToObject(doc, "unchanged", *unchanged);
	return doc;
}

static void render_text(struct dlt_buf *b, const cJSON *doc, int md)
{
	const cJSON *e;

	if (md)
		dlt_buf_puts(b, "### dlt-interop diff\n\n");
	if (md) {
		dlt_buf_puts(b, "`");
		dlt_esc_md_code(b, str(doc, "old_file"), 200);
		dlt_buf_puts(b, "` \xe2\x86\x92 `");
		dlt_esc_md_code(b, str(doc, "new_file"), 200);
		dlt_buf_puts(b, "`\n");
	} else {
		dlt_buf_printf(b, "diff %s -> %s\n", str(doc, "old_file"), str(doc, "new_file"));
	}
	if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "same_suite")))
		dlt_buf_puts(b, md ? "\n_Note: the two runs used different suite versions._\n"
				   : "note: the two runs used different suite versions\n");
	for (int i = 0; i < NCLASS; i++) {
		const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, CLASS[i]);
		int n = cJSON_GetArraySize(list);

		if (!n)
			continue;
		dlt_buf_printf(b, md ? "\n**%s** (%d)\n\n" : "\n%s (%d):\n", CLASS[i], n);
		cJSON_ArrayForEach (e, list) {
			const char *ov = str(e, "old"), *nv = str(e, "new");

			if (md) {
				dlt_buf_puts(b, "- `");
				dlt_esc_md_code(b, str(e, "scenario"), 100);
				dlt_buf_puts(b, "` on ");
				dlt_esc_md(b, str(e, "label"), 100);
				dlt_buf_printf(b, ": %s \xe2\x86\x92 %s", *ov ? ov : "\xe2\x80\x93",
					       *nv ? nv : "\xe2\x80\x93");
				if (*str(e, "why")) {
					dlt_buf_puts(b, " (");
					dlt_esc_md(b, str(e, "why"), 160);
					dlt_buf_puts(b, ")");
				}
			} else {
				/* plain text for a terminal: strip control characters */
				struct dlt_buf t;

				dlt_buf_init(&t);
				dlt_buf_printf(&t, "  %s on %s: %s -> %s", str(e, "scenario"),
					       str(e, "label"), *ov ? ov : "-", *nv ? nv : "-");
				if (*str(e, "old_interop") || *str(e, "new_interop"))
					dlt_buf_printf(
						&t, " [interop %s -> %s]",
						*str(e, "old_interop") ? str(e, "old_interop")
								       : "-",
						*str(e, "new_interop") ? str(e, "new_interop")
								       : "-");
				if (*str(e, "why"))
					dlt_buf_printf(&t, "  (%s)", str(e, "why"));
				for (size_t k = 0; k < t.len; k++)
					if (t.data[k] < 0x20 || t.data[k] == 0x7f)
						t.data[k] = '?';
				dlt_buf_puts(b, dlt_buf_str(&t));
				dlt_buf_free(&t);
			}
			dlt_buf_puts(b, "\n");
		}
	}
	dlt_buf_printf(b, md ? "\n%d unchanged.\n" : "\nunchanged: %d\n",
		       cJSON_GetObjectItemCaseSensitive(doc, "unchanged")->valueint);
}

int dlt_cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *files[2] = { NULL, NULL }, *format = "text", *out = NULL;
	struct dlt_results *a = NULL, *b = NULL;
	int nfiles, rc = 2, bad = 0, unchanged = 0, c;
	char err[1024];
	cJSON *doc = NULL;
	struct dlt_buf buf;

	dlt_cmd_getopt_start();
	while (!bad && (c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': format = optarg; break;
		case 'o': out = optarg; break;
		case 'h': fputs(DIFF_USAGE, stdout); return 0;
		default: dlt_cmd_option_error("diff", c, argv); bad = 1;
		}
	}
	nfiles = argc - optind;
	if (nfiles == 2) {
		files[0] = argv[optind];
		files[1] = argv[optind + 1];
	}
	dlt_buf_init(&buf);
	if (!bad && nfiles != 2) {
		fprintf(stderr, "dlt-interop diff: give exactly two results files (OLD NEW)\n");
		bad = 1;
	}
	if (!bad && strcmp(format, "text") && strcmp(format, "md") && strcmp(format, "json")) {
		fprintf(stderr, "dlt-interop diff: unknown format \"%s\" (text, md, json)\n",
			format);
		bad = 1;
	}
	if (bad) {
		fputs(DIFF_USAGE, stderr);
		return 2;
	}
	if (dlt_results_load(files[0], &a, err, sizeof(err)) ||
	    dlt_results_load(files[1], &b, err, sizeof(err))) {
		fprintf(stderr, "dlt-interop diff: %s\n", err);
		goto done;
	}
	doc = compare(a, b, &unchanged);
	if (!strcmp(format, "json")) {
		dlt_json_pretty(&buf, doc);
	} else {
		render_text(&buf, doc, !strcmp(format, "md"));
	}
	if (dlt_buf_write_file(&buf, out, err, sizeof(err))) {
		fprintf(stderr, "dlt-interop diff: %s\n", err);
		goto done;
	}
	rc = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "regressed")) ? 1 : 0;
done:
	cJSON_Delete(doc);
	dlt_buf_free(&buf);
	dlt_results_free(a);
	dlt_results_free(b);
	return rc;
}
