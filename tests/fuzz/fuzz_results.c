/*
 * fuzz_results.c: fuzz target for results.json as `report`, `merge` and `diff` read it
 * (reports/results.c, reports/scores.c, the renderers, reports/diff.c). The input is read as a
 * results file through the file loader (from an in-memory file). A refused file gets a message
 * naming it. An accepted one is scored against the real roadmap, rendered in every report
 * format, merged with itself (which must succeed: every result agrees with itself; and list at
 * most DLT_SHARDS_MISSING_LISTED missing shards), and compared with itself by `diff` (nothing
 * may regress).
 */
#include "fuzz.h"
#include "model/results.h"
#include "model/merge.h"
#include "model/scores.h"
#include "reports/report.h"
#include "reports/commands.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static struct dlt_roadmap *roadmap(void)
{
	static struct dlt_roadmap *rm;
	char err[1024];
	if (!rm && dlt_roadmap_load(dlt_fuzz_source_path("roadmap/roadmap.json"), &rm, err,
				    sizeof err) != 0) {
		fprintf(stderr, "fuzz results: %s\n", err);
		abort();
	}
	return rm;
}

static void render_all(const struct dlt_results *res, const struct dlt_roadmap *rm)
{
	char err[1024];
	cJSON *scores = dlt_scores_compute(res, rm, err, sizeof err);
	DLT_FUZZ_ASSERT(scores != NULL);
	struct dlt_buf b;
	dlt_buf_init(&b);
	dlt_report_html(&b, res, rm, scores);
	dlt_report_md(&b, res, rm, scores);
	dlt_report_junit(&b, res);
	dlt_report_earl(&b, res, rm);
	dlt_report_json(&b, scores);
	dlt_buf_free(&b);
	cJSON_Delete(scores);
}

/* `dlt-interop diff FILE FILE` with its standard output thrown away; its exit status */
static int diff_self(const char *path)
{
	char *argv[] = { "diff", (char *)path, (char *)path, "--format", "md", NULL };
	fflush(stdout);
	int saved = dup(1), null = open("/dev/null", O_WRONLY);
	if (saved < 0 || null < 0) {
		if (saved >= 0)
			close(saved);
		if (null >= 0)
			close(null);
		return 0;
	}
	dup2(null, 1);
	close(null);
	int rc = dlt_cmd_diff(5, argv);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	return rc;
}

int dlt_fuzz_results(const uint8_t *data, size_t size)
{
	char path[64], err[1024] = "";
	struct dlt_results *res = NULL, *merged = NULL;
	struct dlt_roadmap *rm = roadmap();
	int fd = dlt_fuzz_file(data, size, path, sizeof path);
	if (fd < 0)
		return 0;
	if (dlt_results_load(path, &res, err, sizeof err) != 0) {
		DLT_FUZZ_ASSERT(res == NULL);
		return dlt_fuzz_refused(err, fd);
	}
	render_all(res, rm);
	struct dlt_results *twice[2] = { res, res };
	if (dlt_results_merge(twice, 2, &merged, err, sizeof err) != 0) {
		fprintf(stderr, "fuzz results: merging a file with itself failed: %s\n", err);
		DLT_FUZZ_ASSERT(!"a results file merges with itself");
	}
	DLT_FUZZ_ASSERT(cJSON_GetArraySize(merged->results) == cJSON_GetArraySize(res->results));
	/* what a merge lists does not grow with the shard count a file claims */
	DLT_FUZZ_ASSERT(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
				merged->run, "shards_missing")) <= DLT_SHARDS_MISSING_LISTED);
	render_all(merged, rm);
	dlt_results_free(merged);
	DLT_FUZZ_ASSERT(diff_self(path) == 0);
	dlt_results_free(res);
	dlt_fuzz_file_close(fd);
	return 0;
}

DLT_FUZZ_TARGET(results)
