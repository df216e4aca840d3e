/*
 * result_stream.h: the result stream of a run (docs/results.md): events.jsonl, appended and
 * flushed as each verdict is reached, and results.json written at the end (atomically).
 */
#ifndef DLT_RESULT_STREAM_H
#define DLT_RESULT_STREAM_H

#include <stdio.h>
#include <cjson/cJSON.h>

struct dlt_stream;

/* Create DIR (and parents), start events.jsonl with a run_start event. run, targets and
 * scenarios are taken over. */
struct dlt_stream *dlt_stream_open(const char *dir, cJSON *run, cJSON *targets,
				     cJSON *scenarios, size_t planned, char *err, size_t errlen);
/* Append one result (taken over): event line written and flushed. Not thread-safe: the
 * caller serializes. Returns the number of results so far. */
size_t dlt_stream_add(struct dlt_stream *r, cJSON *result);
/* Count of results per verdict so far. */
const cJSON *dlt_stream_summary(const struct dlt_stream *r);
/* Write results.json (with the summary and the given pair matrix, taken over), the run_end
 * event, close. */
int dlt_stream_finish(struct dlt_stream *r, double finished_wall, cJSON *matrix, char *err,
		      size_t errlen);
/* The results.json document built so far (owned by r). */
const cJSON *dlt_stream_document(const struct dlt_stream *r);
const char *dlt_stream_dir(const struct dlt_stream *r);
/* All results so far (owned by r). */
const cJSON *dlt_stream_list(const struct dlt_stream *r);
void dlt_stream_free(struct dlt_stream *r);

#endif
