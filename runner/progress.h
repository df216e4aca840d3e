/*
 * progress.h: what a run says on stderr while it runs. On a terminal: one line redrawn in
 * place (done/total, the last scenario and target, failures, elapsed time), coloured unless
 * NO_COLOR. Not on a terminal (a CI log): a plain line every few seconds ("dlt-interop:
 * progress 12/40 done, 3 not passed, 1m05s elapsed"), so a log never goes silent between the
 * start and the summary. The interval is DLT_PROGRESS_SECONDS (default 5; 0: one line per
 * result). Nothing with -q.
 */
#ifndef DLT_PROGRESS_H
#define DLT_PROGRESS_H

#include <stddef.h>

struct dlt_progress;

/* Start reporting a session of total items (a thread ticks every interval). quiet: nothing
 * at all (NULL is returned, and every function takes NULL). */
struct dlt_progress *dlt_progress_start(size_t total, int quiet);
/* One more result: done so far, failures (results that did not pass) so far, the scenario
 * and its first target. */
void dlt_progress_result(struct dlt_progress *p, size_t done, int failures, const char *scenario,
			 const char *target);
/* Stop the thread; a terminal's progress line is cleared. */
void dlt_progress_stop(struct dlt_progress *p);
/* Whether stderr gets colour (a terminal, NO_COLOR unset). */
int dlt_progress_colour(const struct dlt_progress *p);

#endif
