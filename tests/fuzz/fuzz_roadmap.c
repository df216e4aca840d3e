/*
 * fuzz_roadmap.c: fuzz target for the roadmap (runner/roadmap.c) and the scores computed over
 * it (reports/scores.c, the renderers that read it). The input is read as a roadmap file
 * through the file loader (from an in-memory file). A refused file gets a message naming it;
 * an accepted one must find every requirement and area by its id, and a fixed real results
 * file (tests/data/results/run-full.json) is scored and rendered against it.
 */
#include "fuzz.h"
#include "model/roadmap.h"
#include "model/results.h"
#include "model/scores.h"
#include "reports/report.h"

#include <stdio.h>
#include <string.h>

static struct dlt_results *fixed_results(void)
{
	static struct dlt_results *res;
	char err[1024];
	if (!res && dlt_results_load(dlt_fuzz_source_path("tests/data/results/run-full.json"), &res,
				     err, sizeof err) != 0) {
		fprintf(stderr, "fuzz roadmap: %s\n", err);
		abort();
	}
	return res;
}

int dlt_fuzz_roadmap(const uint8_t *data, size_t size)
{
	char path[64], err[1024] = "";
	struct dlt_roadmap *rm = NULL;
	struct dlt_results *res = fixed_results();
	int fd = dlt_fuzz_file(data, size, path, sizeof path);
	if (fd < 0)
		return 0;
	if (dlt_roadmap_load(path, &rm, err, sizeof err) != 0) {
		DLT_FUZZ_ASSERT(rm == NULL);
		return dlt_fuzz_refused(err, fd);
	}
	for (size_t i = 0; i < dlt_roadmap_count(rm); i++) {
		const cJSON *req = dlt_roadmap_at(rm, i);
		DLT_FUZZ_ASSERT(dlt_roadmap_requirement(rm, dlt_req_id(req)) == req);
		DLT_FUZZ_ASSERT(dlt_roadmap_area(rm, dlt_req_area(req)) != NULL);
		(void)dlt_req_applies(req, "ethereum");
		(void)dlt_req_retired(req);
	}
	for (size_t i = 0; i < dlt_roadmap_area_count(rm); i++) {
		const cJSON *a = dlt_roadmap_area_at(rm, i);
		DLT_FUZZ_ASSERT(dlt_roadmap_area(rm, dlt_req_id(a)) == a);
	}
	cJSON *scores = dlt_scores_compute(res, rm, err, sizeof err);
	DLT_FUZZ_ASSERT(scores != NULL);
	struct dlt_buf b;
	dlt_buf_init(&b);
	dlt_report_html(&b, res, rm, scores);
	dlt_report_md(&b, res, rm, scores);
	dlt_report_earl(&b, res, rm);
	dlt_report_json(&b, scores);
	dlt_buf_free(&b);
	cJSON_Delete(scores);
	dlt_roadmap_free(rm);
	dlt_fuzz_file_close(fd);
	return 0;
}

DLT_FUZZ_TARGET(roadmap)
