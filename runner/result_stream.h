/*
 * result_stream.h: the result stream of a run (docs/results.md): events.jsonl, appended as each
 * verdict is reached, and results.json written at the end (atomically). Every write is checked:
 * after a failed write events.jsonl is cut back to its last complete line, nothing more is
 * written to it, and the stream reports the error so the run can stop. Every document goes
 * through dlt_json_make_utf8 first, so byte strings are written losslessly as valid JSON.
 * A stream can also continue an earlier run's events.jsonl (run --resume).
 */
#ifndef DLT_RESULT_STREAM_H
#define DLT_RESULT_STREAM_H

#include <stddef.h>
#include <cjson/cJSON.h>

struct dlt_stream;
struct dlt_resume;
struct dlt_feed;

/* Publish every event written from now on, once it is on disk, on the live feed (runner/feed.h;
 * NULL: none). Process-wide: set before the stream is opened, cleared before the feed closes. */
void dlt_stream_set_feed(struct dlt_feed *f);

/* Start a new run in DIR (created with its parents): an earlier run's results.json and
 * results.json.tmp are removed, events.jsonl is started afresh with the run_start event
 * ({"event":"run_start","run":..,"targets":..,"scenarios":..,"plan":planned} plus the members of
 * start_extra). run, targets, scenarios and start_extra are taken over. */
struct dlt_stream *dlt_stream_open(const char *dir, cJSON *run, cJSON *targets, cJSON *scenarios,
				   cJSON *start_extra, size_t planned, char *err, size_t errlen);
/* Continue the run read back from prev->dir (run --resume): a torn last line of events.jsonl is
 * cut off, a "resume" event naming this session (started now, argv taken over) is appended, and
 * the results so far are taken as the start of results.json. */
struct dlt_stream *dlt_stream_resume(const struct dlt_resume *prev, cJSON *argv, char *err,
				     size_t errlen);
/* The identity of a result ("scenario-id@target,target", as plan keys are made), from its
 * "scenario" and "targets" members (byte-string forms decoded). Malloc'd. */
char *dlt_stream_result_key(const cJSON *result);
/* Whether a result is final: not cut short by a signal (interrupted) and not launch-error (the
 * item did not run because its target could not start). --resume runs the others again. */
int dlt_stream_result_final(const cJSON *result);
/* Append one result (taken over) under its plan key: the event line is written whole or not at
 * all. A result for a key already held (one cut short by an interruption) replaces it.
 * Returns 0, or -1 with err naming the file and the error: the result is then dropped, the
 * stream is failed and every later add fails too. Not thread-safe: the caller serializes. */
int dlt_stream_add(struct dlt_stream *r, const char *key, cJSON *result, char *err, size_t errlen);
/* The first write error (a message naming the file), or NULL. */
const char *dlt_stream_error(const struct dlt_stream *r);
/* Count of results per verdict so far (every session of the run). */
const cJSON *dlt_stream_summary(struct dlt_stream *r);
/* Results without a verdict reached in full (not cut short by an interruption). */
size_t dlt_stream_done(const struct dlt_stream *r);
/* End the session: run.finished, run.planned, run.interrupted (set when interrupted is given or
 * fewer results than planned are complete) and run.sessions; the run_end event (unless the
 * stream failed); events.jsonl synced; results.json written to results.json.tmp, synced and
 * renamed, or, on any error, the temporary file removed and the old state left as it was.
 * matrix is taken over. Returns 0 or -1 with err. */
int dlt_stream_finish(struct dlt_stream *r, double finished_wall, cJSON *matrix, int interrupted,
		      char *err, size_t errlen);
/* The results.json document built so far (owned by r). */
const cJSON *dlt_stream_document(const struct dlt_stream *r);
const char *dlt_stream_dir(const struct dlt_stream *r);
/* All results so far (owned by r). */
const cJSON *dlt_stream_list(const struct dlt_stream *r);
void dlt_stream_free(struct dlt_stream *r);

#endif
