/*
 * resume.h: reading back what a run left in its results folder (docs/results.md, "Resuming"):
 * whether the folder holds nothing, a finished run or an unfinished one (checked before a new
 * run writes there), and, for `run --resume DIR`, the run's recorded options, plan, results and
 * sessions from DIR/events.jsonl (a torn last line is ignored).
 */
#ifndef DLT_RESUME_H
#define DLT_RESUME_H

#include <stddef.h>
#include <sys/types.h>
#include <cjson/cJSON.h>

enum dlt_results_state {
	DLT_RESULTS_NONE, /* no events.jsonl, no results.json */
	DLT_RESULTS_FINISHED, /* results.json written and events.jsonl ends with a finished run */
	DLT_RESULTS_UNFINISHED /* anything else: killed, stopped, out of disk space */
};

/* What DIR holds; what (may be NULL) gets a short description for messages. */
enum dlt_results_state dlt_results_dir_state(const char *dir, char *what, size_t whatlen);

struct dlt_resume {
	char *dir;
	cJSON *start; /* the run_start event */
	cJSON *results; /* every result event in order, without its "event" member */
	cJSON *sessions; /* [{"started","finished"|null,"results","argv"}], one per session */
	off_t valid_len; /* length of events.jsonl up to its last complete line */
	size_t torn; /* bytes of a torn last line, ignored */
	int finished; /* the last session ended with a run_end event saying not interrupted */
};

/* Read DIR/events.jsonl. Errors name the file and line (a line that is not a JSON event other
 * than a torn last one, a missing run_start, a run_start without the recorded options). */
int dlt_resume_load(const char *dir, struct dlt_resume **out, char *err, size_t errlen);
void dlt_resume_free(struct dlt_resume *r);

#endif
