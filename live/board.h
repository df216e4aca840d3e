/*
 * board.h: the live board that `watch` and `serve` show (docs/live.md): for each subscribed
 * run, its state (waiting, running, finished, lost), done/planned, and for each of its targets
 * and each roadmap area the count of results per verdict; the latest results that did not pass
 * across all runs; each run's summary and scores once it ends. Built from the events of the
 * live feed only (runner/feed.h), never from a runner's structures.
 */
#ifndef DLT_LIVE_BOARD_H
#define DLT_LIVE_BOARD_H

#include <stdio.h>
#include <cjson/cJSON.h>

struct dlt_board;
struct dlt_roadmap;

/* n runs, named by their endpoints; rm (may be NULL) gives the area of a requirement (else
 * the requirement id up to its last '-'). */
struct dlt_board *dlt_board_new(char *const *endpoints, size_t n, const struct dlt_roadmap *rm);
void dlt_board_free(struct dlt_board *b);
/* One event of run i (a JSON line of events.jsonl, or the feed's scores). A line that is not a
 * JSON object is counted as bad and otherwise ignored. */
void dlt_board_event(struct dlt_board *b, size_t i, const char *line, size_t len);
/* Run i went silent (no heartbeat for the watch's limit): lost, counted as finished. */
void dlt_board_lost(struct dlt_board *b, size_t i);
/* 1 when every run has ended (run_end and its scores, or 2 s after run_end; or lost). */
int dlt_board_done(const struct dlt_board *b);
/* The board on a terminal (colour: ANSI colours), every text from runs shown with control
 * characters as \xNN. */
void dlt_board_print(const struct dlt_board *b, FILE *out, int colour);
/* The combined summary once runs ended ("dlt-interop CMD: N runs ended"): per run, its verdict counts; then the results that did
 * not pass. Returns the exit status: 0 every run passed, 1 otherwise (or a run lost). */
int dlt_board_summary(const struct dlt_board *b, FILE *out, int colour, const char *cmd);
/* The board as JSON for the web view (serve): {"runs":[...],"areas":[...],"failures":[...],
 * "done":bool}. New object. */
cJSON *dlt_board_json(const struct dlt_board *b);
/* The results document of run i rebuilt from its events (run, targets, scenarios, results,
 * summary), for the report once it ended; NULL before run_start. New object. */
cJSON *dlt_board_results(const struct dlt_board *b, size_t i);
size_t dlt_board_count(const struct dlt_board *b);

#endif
