/*
 * board.c: the live board (see board.h). Per run: the run_start event (run, targets,
 * scenarios), the results so far (kept for the report), per target and area the verdict
 * counts; the run_end summary; the scores event. A multi-target result counts for each of its
 * targets with the verdict as that target sees it (model/results.h). A result counts under the
 * area of its scenario's first roadmap requirement ("other" without one).
 */
#include "live/board.h"
#include "model/results.h"
#include "model/roadmap.h"
#include "reports/summary.h"
#include "common/mem.h"
#include "common/clock.h"
#include "common/strlist.h"
#include "common/term.h"

#include <stdlib.h>
#include <string.h>

#define MAX_FAILURES 8
#define SCORES_WAIT 2.0 /* seconds a run_end waits for its scores event */

enum run_state { RUN_WAITING, RUN_RUNNING, RUN_FINISHED, RUN_LOST };

struct run {
	char *endpoint;
	enum run_state state;
	cJSON *start; /* run_start event */
	cJSON *results; /* array of result events (without "event") */
	cJSON *counts; /* target -> area -> verdict -> n */
	cJSON *summary; /* run_end summary, or NULL */
	cJSON *scores; /* scores event's scores, or NULL */
	int interrupted;
	double ended_at; /* dlt_now() at run_end */
	size_t planned, done, not_passed, bad_lines;
};

struct failure {
	size_t run;
	char *verdict, *text;
};

struct dlt_board {
	const struct dlt_roadmap *rm;
	struct run *runs;
	size_t n;
	struct dlt_strlist areas; /* in the order first seen */
	struct failure fail[MAX_FAILURES];
	size_t nfail; /* entries used (newest last) */
};

static const char *const VERDICTS[] = { "pass",  "fail",  "skip",         "error", "inconclusive",
					"xfail", "xpass", "launch-error", NULL };

struct dlt_board *dlt_board_new(char *const *endpoints, size_t n, const struct dlt_roadmap *rm)
{
	struct dlt_board *b = dlt_xcalloc(1, sizeof *b);
	b->rm = rm;
	b->n = n;
	b->runs = dlt_xcalloc(n + 1, sizeof *b->runs);
	for (size_t i = 0; i < n; i++) {
		b->runs[i].endpoint = dlt_xstrdup(endpoints[i]);
		b->runs[i].results = cJSON_CreateArray();
		b->runs[i].counts = cJSON_CreateObject();
	}
	return b;
}

static void reset_run(struct run *r)
{
	cJSON_Delete(r->start);
	cJSON_Delete(r->results);
	cJSON_Delete(r->counts);
	cJSON_Delete(r->summary);
	cJSON_Delete(r->scores);
	r->start = r->summary = r->scores = NULL;
	r->results = cJSON_CreateArray();
	r->counts = cJSON_CreateObject();
	r->done = r->not_passed = 0;
}

void dlt_board_free(struct dlt_board *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++) {
		reset_run(&b->runs[i]);
		cJSON_Delete(b->runs[i].results);
		cJSON_Delete(b->runs[i].counts);
		free(b->runs[i].endpoint);
	}
	for (size_t i = 0; i < b->nfail; i++) {
		free(b->fail[i].verdict);
		free(b->fail[i].text);
	}
	free(b->runs);
	dlt_strlist_free(&b->areas);
	free(b);
}

size_t dlt_board_count(const struct dlt_board *b)
{
	return b->n;
}

/* The area of a scenario of run r: its first roadmap requirement's. */
static char *scenario_area(const struct dlt_board *b, const struct run *r, const char *id)
{
	const cJSON *sc = dlt_json_find_named(
		cJSON_GetObjectItemCaseSensitive(r->start, "scenarios"), "id", id);
	const cJSON *req = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(sc, "roadmap"), 0);
	if (!cJSON_IsString(req))
		return dlt_xstrdup("other");
	const cJSON *def = b->rm ? dlt_roadmap_requirement(b->rm, req->valuestring) : NULL;
	const char *area = def ? dlt_req_area(def) : NULL;
	if (area)
		return dlt_xstrdup(area);
	const char *dash = strrchr(req->valuestring, '-');
	return dash && dash > req->valuestring
		       ? dlt_printf("%.*s", (int)(dash - req->valuestring), req->valuestring)
		       : dlt_xstrdup(req->valuestring);
}

static void bump(cJSON *counts, const char *target, const char *area, const char *verdict)
{
	cJSON *t = cJSON_GetObjectItemCaseSensitive(counts, target);
	if (!t)
		t = cJSON_AddObjectToObject(counts, target);
	cJSON *a = cJSON_GetObjectItemCaseSensitive(t, area);
	if (!a)
		a = cJSON_AddObjectToObject(t, area);
	cJSON *v = cJSON_GetObjectItemCaseSensitive(a, verdict);
	if (v)
		cJSON_SetNumberValue(v, v->valuedouble + 1);
	else
		cJSON_AddNumberToObject(a, verdict, 1);
}

static int failing(const char *v)
{
	return v && (!strcmp(v, "fail") || !strcmp(v, "error") || !strcmp(v, "inconclusive") ||
		     !strcmp(v, "xpass") || !strcmp(v, "launch-error"));
}

static void add_failure(struct dlt_board *b, size_t run, const char *verdict, char *text)
{
	if (b->nfail == MAX_FAILURES) {
		free(b->fail[0].verdict);
		free(b->fail[0].text);
		memmove(&b->fail[0], &b->fail[1], (MAX_FAILURES - 1) * sizeof b->fail[0]);
		b->nfail--;
	}
	b->fail[b->nfail].run = run;
	b->fail[b->nfail].verdict = dlt_xstrdup(verdict);
	b->fail[b->nfail].text = text;
	b->nfail++;
}

static void add_result(struct dlt_board *b, size_t i, cJSON *ev)
{
	struct run *r = &b->runs[i];
	cJSON_DeleteItemFromObjectCaseSensitive(ev, "event");
	const char *v = dlt_json_str(ev, "verdict"), *id = dlt_json_str(ev, "scenario");
	if (!v || !id) {
		r->bad_lines++;
		cJSON_Delete(ev);
		return;
	}
	char *area = scenario_area(b, r, id);
	if (!dlt_strlist_has(&b->areas, area))
		dlt_strlist_add(&b->areas, area);
	const cJSON *t;
	cJSON_ArrayForEach (t, cJSON_GetObjectItemCaseSensitive(ev, "targets"))
		if (cJSON_IsString(t))
			bump(r->counts, t->valuestring, area,
			     dlt_result_verdict_for(ev, t->valuestring));
	free(area);
	r->done++;
	if (failing(v)) {
		r->not_passed++;
		add_failure(b, i, v,
			    dlt_summary_result_line(
				    cJSON_GetObjectItemCaseSensitive(r->start, "scenarios"), ev));
	}
	cJSON_AddItemToArray(r->results, ev);
}

void dlt_board_event(struct dlt_board *b, size_t i, const char *line, size_t len)
{
	if (i >= b->n)
		return;
	struct run *r = &b->runs[i];
	cJSON *ev = cJSON_ParseWithLength(line, len);
	const char *kind = dlt_json_str(ev, "event");
	if (!cJSON_IsObject(ev) || !kind) {
		r->bad_lines++;
		cJSON_Delete(ev);
		return;
	}
	if (!strcmp(kind, "run_start")) {
		reset_run(r);
		r->state = RUN_RUNNING;
		const cJSON *plan = cJSON_GetObjectItemCaseSensitive(ev, "plan");
		r->planned = cJSON_IsNumber(plan) && plan->valuedouble >= 0
				     ? (size_t)plan->valuedouble
				     : 0;
		r->start = ev;
		return;
	}
	if (!strcmp(kind, "result") && r->start) {
		add_result(b, i, ev);
		return;
	}
	if (!strcmp(kind, "resume")) {
		r->state = RUN_RUNNING;
	} else if (!strcmp(kind, "run_end")) {
		r->state = RUN_FINISHED;
		r->ended_at = dlt_now();
		r->interrupted = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ev, "interrupted"));
		cJSON_Delete(r->summary);
		r->summary = cJSON_DetachItemFromObjectCaseSensitive(ev, "summary");
	} else if (!strcmp(kind, "scores")) {
		cJSON_Delete(r->scores);
		r->scores = cJSON_DetachItemFromObjectCaseSensitive(ev, "scores");
	}
	cJSON_Delete(ev);
}

void dlt_board_lost(struct dlt_board *b, size_t i)
{
	if (i < b->n && b->runs[i].state != RUN_FINISHED)
		b->runs[i].state = RUN_LOST;
}

int dlt_board_done(const struct dlt_board *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct run *r = &b->runs[i];
		if (r->state != RUN_FINISHED && r->state != RUN_LOST)
			return 0;
		/* the scores follow run_end: wait for them a little */
		if (r->state == RUN_FINISHED && !r->scores && dlt_now() - r->ended_at < SCORES_WAIT)
			return 0;
	}
	return 1;
}

static const char *state_name(enum run_state s)
{
	switch (s) {
	case RUN_WAITING: return "waiting";
	case RUN_RUNNING: return "running";
	case RUN_FINISHED: return "finished";
	default: return "lost";
	}
}

static void put_clean(FILE *out, const char *s, size_t max)
{
	for (size_t n = 0; s && *s; s++, n++) {
		unsigned char c = (unsigned char)*s;
		if (n >= max) {
			fputs("...", out);
			return;
		}
		if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
}

static int count(const cJSON *cell, const char *v)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(cell, v);
	return cJSON_IsNumber(x) ? x->valueint : 0;
}

static const char *run_id(const struct run *r)
{
	const char *id = dlt_json_str(cJSON_GetObjectItemCaseSensitive(r->start, "run"), "id");
	return id ? id : "?";
}

void dlt_board_print(const struct dlt_board *b, FILE *out, int colour)
{
	const char *red = colour ? "\033[1;31m" : "", *green = colour ? "\033[32m" : "";
	const char *dim = colour ? "\033[2m" : "", *bold = colour ? "\033[1m" : "";
	const char *off = colour ? "\033[0m" : "";
	size_t running = 0;
	for (size_t i = 0; i < b->n; i++)
		running += b->runs[i].state == RUN_RUNNING || b->runs[i].state == RUN_WAITING;
	fprintf(out,
		"%sdlt-interop watch%s: %zu run%s, %zu not finished "
		"(cells: passed/results per target and area, ! = did not pass)\n",
		bold, off, b->n, b->n == 1 ? "" : "s", running);
	for (size_t i = 0; i < b->n; i++) {
		const struct run *r = &b->runs[i];
		fprintf(out, "\n%srun %zu%s ", bold, i + 1, off);
		put_clean(out, r->start ? run_id(r) : "-", 40);
		fprintf(out, " (%s): %s, %zu/%zu done, %s%zu not passed%s\n", r->endpoint,
			state_name(r->state), r->done, r->planned, r->not_passed ? red : "",
			r->not_passed, off);
		if (!r->start)
			continue;
		fprintf(out, "  %-16s", "target");
		for (size_t a = 0; a < b->areas.n; a++)
			fprintf(out, " %9.9s", b->areas.v[a]);
		fputc('\n', out);
		const cJSON *t;
		cJSON_ArrayForEach (t, cJSON_GetObjectItemCaseSensitive(r->start, "targets")) {
			const char *name = dlt_json_str(t, "name");
			if (!name)
				continue;
			fputs("  ", out);
			char padded[17];
			snprintf(padded, sizeof padded, "%-16s", name);
			put_clean(out, padded, 16);
			const cJSON *row = cJSON_GetObjectItemCaseSensitive(r->counts, name);
			for (size_t a = 0; a < b->areas.n; a++) {
				const cJSON *cell =
					cJSON_GetObjectItemCaseSensitive(row, b->areas.v[a]);
				if (!cell) {
					fprintf(out, " %s%9s%s", dim, "-", off);
					continue;
				}
				int total = 0,
				    passed = count(cell, "pass") + count(cell, "xfail") +
					     count(cell, "skip"),
				    bad = 0;
				const cJSON *v;
				cJSON_ArrayForEach (v, cell)
					total += v->valueint;
				bad = total - passed;
				char txt[32];
				snprintf(txt, sizeof txt, "%d/%d%s", passed, total, bad ? "!" : "");
				fprintf(out, " %s%9s%s", bad ? red : green, txt, off);
			}
			fputc('\n', out);
		}
	}
	if (b->nfail) {
		fprintf(out, "\nlatest results that did not pass:\n");
		for (size_t k = 0; k < b->nfail; k++) {
			fprintf(out, "  %s%-12s%s run %zu: ", red, b->fail[k].verdict, off,
				b->fail[k].run + 1);
			fputs(b->fail[k].text, out); /* already clean */
			fputc('\n', out);
		}
	}
}

int dlt_board_summary(const struct dlt_board *b, FILE *out, int colour, const char *cmd)
{
	int status = 0;
	static const char *const bad[] = { "fail",  "error",        "inconclusive",
					   "xpass", "launch-error", NULL };
	fprintf(out, "\ndlt-interop %s: %zu run%s ended\n", cmd, b->n, b->n == 1 ? "" : "s");
	for (size_t i = 0; i < b->n; i++) {
		const struct run *r = &b->runs[i];
		fprintf(out, "  run %zu ", i + 1);
		put_clean(out, r->start ? run_id(r) : "-", 40);
		fprintf(out, " (%s): %s", r->endpoint,
			r->state == RUN_LOST ? "lost (no heartbeat)"
			: r->interrupted     ? "interrupted"
					     : state_name(r->state));
		if (r->state != RUN_FINISHED || r->interrupted)
			status = 1;
		fprintf(out, ", %zu/%zu results", r->done, r->planned);
		for (size_t k = 0, shown = 0; VERDICTS[k]; k++) {
			int n = 0;
			const cJSON *res;
			cJSON_ArrayForEach (res, r->results) {
				const char *v = dlt_json_str(res, "verdict");
				n += v && !strcmp(v, VERDICTS[k]);
			}
			if (n)
				fprintf(out, "%s %d %s", shown++ ? "," : ":", n, VERDICTS[k]);
			for (size_t q = 0; bad[q]; q++)
				if (n && !strcmp(bad[q], VERDICTS[k]))
					status = 1;
		}
		fputc('\n', out);
		if (r->done < r->planned)
			status = 1;
	}
	for (size_t i = 0; i < b->n; i++) {
		const struct run *r = &b->runs[i];
		const cJSON *res;
		cJSON_ArrayForEach (res, r->results) {
			const char *v = dlt_json_str(res, "verdict");
			if (!failing(v))
				continue;
			char *line = dlt_summary_result_line(
				cJSON_GetObjectItemCaseSensitive(r->start, "scenarios"), res);
			fprintf(out, "  %s%-12s%s run %zu: %s\n", colour ? "\033[1;31m" : "", v,
				colour ? "\033[0m" : "", i + 1, line);
			free(line);
		}
	}
	return status;
}

cJSON *dlt_board_json(const struct dlt_board *b)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *areas = cJSON_AddArrayToObject(o, "areas");
	for (size_t a = 0; a < b->areas.n; a++)
		cJSON_AddItemToArray(areas, cJSON_CreateString(b->areas.v[a]));
	cJSON *runs = cJSON_AddArrayToObject(o, "runs");
	for (size_t i = 0; i < b->n; i++) {
		const struct run *r = &b->runs[i];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "endpoint", r->endpoint);
		cJSON_AddStringToObject(j, "id", r->start ? run_id(r) : "");
		cJSON_AddStringToObject(j, "state", state_name(r->state));
		cJSON_AddBoolToObject(j, "interrupted", r->interrupted);
		cJSON_AddNumberToObject(j, "planned", (double)r->planned);
		cJSON_AddNumberToObject(j, "done", (double)r->done);
		cJSON_AddNumberToObject(j, "not_passed", (double)r->not_passed);
		cJSON *names = cJSON_AddArrayToObject(j, "targets");
		const cJSON *t;
		cJSON_ArrayForEach (t, cJSON_GetObjectItemCaseSensitive(r->start, "targets"))
			if (dlt_json_str(t, "name"))
				cJSON_AddItemToArray(names,
						     cJSON_CreateString(dlt_json_str(t, "name")));
		cJSON_AddItemToObject(j, "counts", cJSON_Duplicate(r->counts, 1));
		if (r->scores)
			cJSON_AddItemToObject(j, "scores", cJSON_Duplicate(r->scores, 1));
		cJSON_AddItemToArray(runs, j);
	}
	cJSON *f = cJSON_AddArrayToObject(o, "failures");
	for (size_t k = b->nfail; k-- > 0;) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddNumberToObject(e, "run", (double)b->fail[k].run + 1);
		cJSON_AddStringToObject(e, "verdict", b->fail[k].verdict);
		cJSON_AddStringToObject(e, "text", b->fail[k].text);
		cJSON_AddItemToArray(f, e);
	}
	cJSON_AddBoolToObject(o, "done", dlt_board_done(b));
	return o;
}

cJSON *dlt_board_results(const struct dlt_board *b, size_t i)
{
	if (i >= b->n || !b->runs[i].start)
		return NULL;
	const struct run *r = &b->runs[i];
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "format", DLT_RESULTS_FORMAT);
	static const char *const keep[] = { "run", "targets", "scenarios", NULL };
	for (size_t k = 0; keep[k]; k++)
		cJSON_AddItemToObject(
			doc, keep[k],
			cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(r->start, keep[k]), 1));
	cJSON_AddItemToObject(doc, "results", cJSON_Duplicate(r->results, 1));
	return doc;
}
