/*
 * commands.c: `dlt-interop report` and `dlt-interop merge` (docs/reports.md, docs/sharding.md).
 * Both read one or more results.json files; several are merged first (dlt_results_merge).
 * report computes the scores (scores.c) and renders one format; merge writes the merged
 * results.json. Exit codes: 0 ok, 2 usage or input error.
 */
#include "reports/commands.h"
#include "reports/cmdline.h"
#include "reports/report.h"
#include "reports/certificate.h"
#include "reports/trend.h"
#include "model/matrix.h"
#include "model/merge.h"
#include "model/scores.h"
#include "common/mem.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef DLT_DATA_DIR
#define DLT_DATA_DIR "/usr/local/share/dlt-interop"
#endif

#define ERRLEN 1024

static const char REPORT_USAGE[] =
	"usage: dlt-interop report RESULTS... [--roadmap FILE]\n"
	"                          [--format html|md|junit|earl|json] [-o FILE]\n"
	"       dlt-interop report BUNDLE [--format html] [-o FILE]\n"
	"\n"
	"Scores the results against the roadmap and writes one report. RESULTS: a results.json,\n"
	"or a results folder (run --results DIR) for the results.json in it. Several results\n"
	"(shards, or runs of several vendors with the same suite) are merged first; runs of a\n"
	"suite over time (results for the same scenario on the same targets, no shard) give the\n"
	"report of the newest with the trend of every target's score.\n"
	"Given one signed bundle (dlt-interop certify), writes its certificate: one printable\n"
	"HTML page, after checking the bundle's signature and its claimed verdict.\n"
	"\n"
	"  --roadmap FILE  the roadmap (default: $DLT_SOURCE_DIR/roadmap/roadmap.json, else the\n"
	"                  installed " DLT_DATA_DIR "/roadmap/roadmap.json)\n"
	"  --format F      html (one self-contained page), md (pull-request summary), junit (XML),\n"
	"                  earl (W3C EARL 1.0 in JSON-LD), json (scores and gap lists);\n"
	"                  default: from the extension of -o, else html\n"
	"  -o, --output F  where to write (default: standard output; '-' too)\n"
	"  -h, --help      this text\n"
	"\nExit status: 0 written, 2 usage or input error.\n";

static const char MERGE_USAGE[] =
	"usage: dlt-interop merge RESULTS.json... [-o FILE]\n"
	"       dlt-interop merge --verify KEYS_DIR BUNDLE... [--format html|json] [-o FILE]\n"
	"\n"
	"With --verify: intake of vendors' signed bundles into one matrix per profile (see\n"
	"dlt-interop merge --verify . --help). Without it:\n"
	"Joins shards of one run, or runs of several vendors, into one results.json. All inputs\n"
	"must share run.suite_version; a scenario x targets result present in several inputs\n"
	"must have the same verdicts (verdict, expected, interop and protocol verdicts; check\n"
	"labels and reasons may differ); summary and matrix are recomputed.\n"
	"\n"
	"  -o, --output F  where to write (default: standard output)\n"
	"  -h, --help      this text\n"
	"\nExit status: 0 merged, 2 usage or input error.\n";

static int readable(const char *path)
{
	return access(path, R_OK) == 0;
}

static char *default_roadmap(void)
{
	const char *env = getenv("DLT_SOURCE_DIR");
	const char *cands[3];
	int n = 0;
	static char buf[4096];

	if (env && *env) {
		snprintf(buf, sizeof(buf), "%s/roadmap/roadmap.json", env);
		if (readable(buf))
			return buf;
	}
	cands[n++] = DLT_DATA_DIR "/roadmap/roadmap.json";
#ifdef DLT_SOURCE_DIR
	cands[n++] = DLT_SOURCE_DIR "/roadmap/roadmap.json";
#endif
	for (int i = 0; i < n; i++)
		if (readable(cands[i])) {
			snprintf(buf, sizeof(buf), "%s", cands[i]);
			return buf;
		}
	return NULL;
}

/* Load and merge; NULL on error (printed). */
static struct dlt_results *load_all(const char *cmd, char **files, int n)
{
	struct dlt_results **in = dlt_xcalloc((size_t)n, sizeof(*in)), *out = NULL;
	char err[ERRLEN];
	int i;

	for (i = 0; i < n; i++) {
		/* a results folder (run --results DIR) stands for its results.json */
		struct stat st;
		char *path = stat(files[i], &st) == 0 && S_ISDIR(st.st_mode)
				     ? dlt_printf("%s/results.json", files[i])
				     : NULL;
		if (path && !readable(path)) {
			fprintf(stderr,
				"dlt-interop %s: %s is a folder without a readable results.json "
				"(a run writes it when it ends; an interrupted run is finished with: "
				"dlt-interop run --resume %s)\n",
				cmd, files[i], files[i]);
			free(path);
			goto done;
		}
		int bad = dlt_results_load(path ? path : files[i], &in[i], err, sizeof(err));
		free(path);
		if (bad) {
			fprintf(stderr, "dlt-interop %s: %s\n", cmd, err);
			goto done;
		}
	}
	if (n == 1) {
		out = in[0];
		in[0] = NULL;
	} else if (dlt_results_merge(in, (size_t)n, &out, err, sizeof(err))) {
		fprintf(stderr, "dlt-interop %s: %s\n", cmd, err);
		out = NULL;
	}
done:
	for (i = 0; i < n; i++)
		dlt_results_free(in[i]);
	free(in);
	if (out &&
	    cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(out->run, "shards_missing"))) {
		const cJSON *m;

		fprintf(stderr, "dlt-interop %s: warning: shards missing from the merge:", cmd);
		cJSON_ArrayForEach (m, cJSON_GetObjectItemCaseSensitive(out->run, "shards_missing"))
			fprintf(stderr, " %d", m->valueint);
		m = cJSON_GetObjectItemCaseSensitive(out->run, "shards_missing_count");
		if (cJSON_IsNumber(m))
			fprintf(stderr, " ... (%.0f in all)", m->valuedouble);
		fputc('\n', stderr);
	}
	return out;
}

static const char *format_from_name(const char *out)
{
	const char *dot = out ? strrchr(out, '.') : NULL;

	if (!dot)
		return "html";
	if (!strcmp(dot, ".md"))
		return "md";
	if (!strcmp(dot, ".xml"))
		return "junit";
	if (!strcmp(dot, ".jsonld"))
		return "earl";
	if (!strcmp(dot, ".json"))
		return "json";
	return "html";
}

int dlt_cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "roadmap", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *roadmap = NULL, *format = NULL, *out = NULL;
	char **files;
	int nfiles, rc = 2, bad = 0, c;
	struct dlt_results *res = NULL;
	struct dlt_roadmap *rm = NULL;
	cJSON *scores = NULL, *trend = NULL;
	struct dlt_buf b;
	char err[ERRLEN];

	dlt_cmd_getopt_start();
	while (!bad && (c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': roadmap = optarg; break;
		case 'f': format = optarg; break;
		case 'o': out = optarg; break;
		case 'h': fputs(REPORT_USAGE, stdout); return 0;
		default: dlt_cmd_option_error("report", c, argv); bad = 1;
		}
	}
	files = argv + optind;
	nfiles = argc - optind;
	dlt_buf_init(&b);
	if (!bad && !nfiles) {
		fprintf(stderr, "dlt-interop report: no results file given\n");
		bad = 1;
	}
	if (!bad && nfiles == 1 && dlt_bundle_sniff(files[0])) {
		/* a signed bundle: its certificate (reports/certificate.c) */
		dlt_buf_free(&b);
		return dlt_cmd_report_bundle(files[0], format, out);
	}
	if (!format)
		format = format_from_name(out);
	if (!bad && strcmp(format, "html") && strcmp(format, "md") && strcmp(format, "junit") &&
	    strcmp(format, "earl") && strcmp(format, "json")) {
		fprintf(stderr,
			"dlt-interop report: unknown format \"%s\" (html, md, junit, earl, json)\n",
			format);
		bad = 1;
	}
	if (bad) {
		fputs(REPORT_USAGE, stderr);
		goto done;
	}
	if (!roadmap && !(roadmap = default_roadmap())) {
		fprintf(stderr,
			"dlt-interop report: no roadmap found (looked in $DLT_SOURCE_DIR/roadmap "
			"and " DLT_DATA_DIR "/roadmap); name one with --roadmap FILE\n");
		goto done;
	}
	if (dlt_roadmap_load(roadmap, &rm, err, sizeof(err))) {
		fprintf(stderr, "dlt-interop report: %s\n", err);
		goto done;
	}
	/* one suite's runs over time: the newest reported, with the trend (reports/trend.h) */
	int newest = 0;
	trend = dlt_trend_detect(files, nfiles, rm, &newest);
	if (trend) {
		files += newest;
		nfiles = 1;
	}
	if (!(res = load_all("report", files, nfiles)))
		goto done;
	if (!(scores = dlt_scores_compute(res, rm, err, sizeof(err)))) {
		fprintf(stderr, "dlt-interop report: %s\n", err);
		goto done;
	}
	if (trend) {
		cJSON_AddItemToObject(scores, "trend", trend);
		trend = NULL;
	}
	{
		const cJSON *unk = cJSON_GetObjectItemCaseSensitive(
				    cJSON_GetObjectItemCaseSensitive(
					    cJSON_GetObjectItemCaseSensitive(scores, "gaps"),
					    "standardization"),
				    "unknown_requirements"),
			    *u;

		cJSON_ArrayForEach (u, unk)
			fprintf(stderr,
				"dlt-interop report: warning: scenario %s names requirement %s, "
				"which %s does not define\n",
				dlt_json_str(u, "scenario"), dlt_json_str(u, "requirement"),
				roadmap);
	}
	if (!strcmp(format, "html"))
		dlt_report_html(&b, res, rm, scores);
	else if (!strcmp(format, "md"))
		dlt_report_md(&b, res, rm, scores);
	else if (!strcmp(format, "junit"))
		dlt_report_junit(&b, res);
	else if (!strcmp(format, "earl"))
		dlt_report_earl(&b, res, rm);
	else
		dlt_report_json(&b, scores);
	if (dlt_buf_write_file(&b, out, err, sizeof(err))) {
		fprintf(stderr, "dlt-interop report: %s\n", err);
		goto done;
	}
	rc = 0;
done:
	dlt_buf_free(&b);
	cJSON_Delete(scores);
	cJSON_Delete(trend);
	dlt_results_free(res);
	dlt_roadmap_free(rm);
	return rc;
}

int dlt_cmd_merge(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL;
	char **files;
	int nfiles, rc = 2, bad = 0, c;
	struct dlt_results *res = NULL;
	char err[ERRLEN];
	struct dlt_buf b;

	dlt_cmd_getopt_start();
	while (!bad && (c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'h': fputs(MERGE_USAGE, stdout); return 0;
		default: dlt_cmd_option_error("merge", c, argv); bad = 1;
		}
	}
	files = argv + optind;
	nfiles = argc - optind;
	dlt_buf_init(&b);
	if (!bad && !nfiles) {
		fprintf(stderr, "dlt-interop merge: no results file given\n");
		bad = 1;
	}
	if (bad) {
		fputs(MERGE_USAGE, stderr);
		goto done;
	}
	if (!(res = load_all("merge", files, nfiles)))
		goto done;
	if (nfiles == 1) {
		/* a single input is normalised the same way: recomputed summary and matrix */
		cJSON *m = dlt_results_matrix(res);
		cJSON *old = cJSON_GetObjectItemCaseSensitive(res->json, "matrix"), *fam;

		cJSON_ArrayForEach (fam, old)
			if (m && fam->string && !cJSON_GetObjectItemCaseSensitive(m, fam->string))
				cJSON_AddItemToObject(m, fam->string, cJSON_Duplicate(fam, 1));
		cJSON_DeleteItemFromObjectCaseSensitive(res->json, "summary");
		cJSON_DeleteItemFromObjectCaseSensitive(res->json, "matrix");
		cJSON_AddItemToObject(res->json, "summary", dlt_results_summary(res));
		cJSON_AddItemToObject(res->json, "matrix", m);
	}
	dlt_json_pretty(&b, res->json);
	if (dlt_buf_write_file(&b, out, err, sizeof(err))) {
		fprintf(stderr, "dlt-interop merge: %s\n", err);
		goto done;
	}
	fprintf(stderr, "dlt-interop merge: %d file%s, %d targets, %d scenarios, %d results%s%s\n",
		nfiles, nfiles == 1 ? "" : "s", cJSON_GetArraySize(res->targets),
		cJSON_GetArraySize(res->scenarios), cJSON_GetArraySize(res->results),
		out && strcmp(out, "-") ? " -> " : "", out && strcmp(out, "-") ? out : "");
	rc = 0;
done:
	dlt_buf_free(&b);
	dlt_results_free(res);
	return rc;
}
