/*
 * resume.c: reading back a results folder (see resume.h). events.jsonl is read whole; every
 * line ending in '\n' must be a JSON object with an "event" member; a last line without its
 * newline, or one that does not parse, is a line torn by a kill or a full disk and is ignored
 * (its bytes are cut off when the run goes on). Sessions are rebuilt from the run_start,
 * resume and run_end events.
 */
#include "runner/resume.h"
#include "common/mem.h"
#include "common/file.h"
#include "runner/home.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The last complete line of a file (at most 1 MiB of it), or NULL. */
static char *last_line(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	char *buf = NULL;
	if (fstat(fd, &st) == 0 && st.st_size > 0) {
		off_t want = st.st_size < (1 << 20) ? st.st_size : (1 << 20);
		buf = dlt_xmalloc((size_t)want + 1);
		ssize_t got = pread(fd, buf, (size_t)want, st.st_size - want);
		if (got <= 0) {
			free(buf);
			buf = NULL;
		} else {
			buf[got] = '\0';
			char *end = strrchr(buf, '\n');
			if (!end) {
				free(buf);
				buf = NULL;
			} else {
				*end = '\0';
				char *start = strrchr(buf, '\n');
				start = start ? start + 1 : buf;
				memmove(buf, start, strlen(start) + 1);
			}
		}
	}
	close(fd);
	return buf;
}

/* The run_start event (the first line, read up to 64 MiB), or NULL. */
static cJSON *first_event(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = dlt_xmalloc(cap);
	int c;
	while ((c = getc(f)) != EOF && c != '\n' && n < (64u << 20)) {
		if (n + 1 >= cap)
			buf = dlt_xrealloc(buf, cap *= 2);
		buf[n++] = (char)c;
	}
	buf[n] = '\0';
	fclose(f);
	cJSON *ev = c == '\n' ? cJSON_Parse(buf) : NULL;
	free(buf);
	return ev;
}

enum dlt_results_state dlt_results_dir_state(const char *dir, char *what, size_t whatlen)
{
	char *events = dlt_printf("%s/events.jsonl", dir);
	char *results = dlt_printf("%s/results.json", dir);
	int has_events = access(events, F_OK) == 0, has_results = dlt_is_file(results);
	enum dlt_results_state st = DLT_RESULTS_NONE;
	if (what && whatlen)
		what[0] = '\0';
	if (has_events) {
		char *line = last_line(events);
		cJSON *ev = line ? cJSON_Parse(line) : NULL;
		const cJSON *kind = cJSON_GetObjectItemCaseSensitive(ev, "event");
		const cJSON *intr = cJSON_GetObjectItemCaseSensitive(ev, "interrupted");
		/* a run_end without "interrupted" comes from a version without --resume */
		int finished = has_results && cJSON_IsString(kind) &&
			       !strcmp(kind->valuestring, "run_end") && !cJSON_IsTrue(intr);
		st = finished ? DLT_RESULTS_FINISHED : DLT_RESULTS_UNFINISHED;
		if (what) {
			cJSON *start = first_event(events);
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(
				cJSON_GetObjectItemCaseSensitive(start, "run"), "id");
			const cJSON *plan = cJSON_GetObjectItemCaseSensitive(start, "plan");
			char name[160] = "";
			if (cJSON_IsString(id) && cJSON_IsNumber(plan))
				snprintf(name, sizeof name, " (run %.64s, %.0f planned items)",
					 id->valuestring, plan->valuedouble);
			snprintf(what, whatlen, "%s%s",
				 finished ? "a finished run"
				 : !has_results
					 ? "an unfinished run: events.jsonl without results.json"
					 : "an unfinished run: it was interrupted",
				 name);
			cJSON_Delete(start);
		}
		cJSON_Delete(ev);
		free(line);
	} else if (has_results) {
		st = DLT_RESULTS_FINISHED;
		if (what)
			snprintf(what, whatlen, "the results.json of an earlier run");
	}
	free(events);
	free(results);
	return st;
}

static const char *event_kind(const cJSON *ev)
{
	const cJSON *k = cJSON_GetObjectItemCaseSensitive(ev, "event");
	return cJSON_IsString(k) ? k->valuestring : NULL;
}

static cJSON *session(const cJSON *started, const cJSON *argv)
{
	cJSON *s = cJSON_CreateObject();
	cJSON_AddItemToObject(s, "started",
			      started ? cJSON_Duplicate(started, 1) : cJSON_CreateNull());
	cJSON_AddNullToObject(s, "finished");
	cJSON_AddNumberToObject(s, "results", 0);
	cJSON_AddItemToObject(s, "argv", argv ? cJSON_Duplicate(argv, 1) : cJSON_CreateArray());
	return s;
}

static void count_result(cJSON *sessions)
{
	cJSON *cur = cJSON_GetArrayItem(sessions, cJSON_GetArraySize(sessions) - 1);
	cJSON *n = cJSON_GetObjectItemCaseSensitive(cur, "results");
	if (n)
		cJSON_SetNumberValue(n, n->valuedouble + 1);
}

/* Take one complete event line. Returns 0, or -1 with err. */
static int take_event(struct dlt_resume *r, cJSON *ev, const char *file, int lineno, char *err,
		      size_t errlen)
{
	const char *kind = event_kind(ev);
	if (!r->start) {
		if (!kind || strcmp(kind, "run_start")) {
			snprintf(err, errlen, "%s:%d: the first event is not run_start", file,
				 lineno);
			return -1;
		}
		const cJSON *run = cJSON_GetObjectItemCaseSensitive(ev, "run");
		if (!cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(run, "options")) ||
		    !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(ev, "plan_keys"))) {
			snprintf(err, errlen,
				 "%s:%d: run_start does not record the run's options "
				 "(written by a version without --resume); start a new run with "
				 "--overwrite",
				 file, lineno);
			return -1;
		}
		r->start = ev;
		cJSON_AddItemToArray(r->sessions,
				     session(cJSON_GetObjectItemCaseSensitive(run, "started"),
					     cJSON_GetObjectItemCaseSensitive(run, "argv")));
		return 0;
	}
	if (kind && !strcmp(kind, "result")) {
		cJSON_DeleteItemFromObjectCaseSensitive(ev, "event");
		cJSON_AddItemToArray(r->results, ev);
		count_result(r->sessions);
		r->finished = 0;
		return 0;
	}
	if (kind && !strcmp(kind, "resume")) {
		const cJSON *s = cJSON_GetObjectItemCaseSensitive(ev, "session");
		cJSON_AddItemToArray(r->sessions,
				     session(cJSON_GetObjectItemCaseSensitive(s, "started"),
					     cJSON_GetObjectItemCaseSensitive(s, "argv")));
		r->finished = 0;
	} else if (kind && !strcmp(kind, "run_end")) {
		cJSON *cur = cJSON_GetArrayItem(r->sessions, cJSON_GetArraySize(r->sessions) - 1);
		const cJSON *fin = cJSON_GetObjectItemCaseSensitive(ev, "finished");
		if (cJSON_IsString(fin)) {
			cJSON_DeleteItemFromObjectCaseSensitive(cur, "finished");
			cJSON_AddItemToObject(cur, "finished", cJSON_Duplicate(fin, 1));
		}
		r->finished = !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ev, "interrupted"));
	} else if (!kind) {
		snprintf(err, errlen, "%s:%d: an object without \"event\"", file, lineno);
		cJSON_Delete(ev);
		return -1;
	}
	cJSON_Delete(ev);
	return 0;
}

int dlt_resume_load(const char *dir, struct dlt_resume **out, char *err, size_t errlen)
{
	*out = NULL;
	char *path = dlt_printf("%s/events.jsonl", dir);
	size_t len = 0;
	char rerr[1024];
	char *text = dlt_read_file(path, &len, rerr, sizeof rerr);
	if (!text) {
		snprintf(err, errlen, "--resume %s: %s", dir, rerr);
		free(path);
		return -1;
	}
	const char *file = dlt_relpath(path);
	struct dlt_resume *r = dlt_xcalloc(1, sizeof *r);
	r->dir = dlt_xstrdup(dir);
	r->results = cJSON_CreateArray();
	r->sessions = cJSON_CreateArray();
	int rc = 0, lineno = 0;
	size_t pos = 0;
	while (pos < len && rc == 0) {
		char *nl = memchr(text + pos, '\n', len - pos);
		lineno++;
		size_t linelen = nl ? (size_t)(nl - (text + pos)) : len - pos;
		cJSON *ev = NULL;
		if (memchr(text + pos, '\0', linelen) == NULL) {
			char save = text[pos + linelen];
			text[pos + linelen] = '\0';
			ev = cJSON_Parse(text + pos);
			text[pos + linelen] = save;
		}
		if (!nl || (!cJSON_IsObject(ev) && pos + linelen + 1 == len)) {
			/* the last line, torn: ignored, cut off when the run goes on */
			cJSON_Delete(ev);
			r->torn = len - pos;
			break;
		}
		if (!cJSON_IsObject(ev)) {
			snprintf(err, errlen,
				 "%s:%d: not a JSON event (the file was changed after the "
				 "run wrote it?)",
				 file, lineno);
			cJSON_Delete(ev);
			rc = -1;
			break;
		}
		rc = take_event(r, ev, file, lineno, err, errlen);
		pos += linelen + 1;
		r->valid_len = (off_t)pos;
	}
	if (rc == 0 && !r->start) {
		snprintf(err, errlen,
			 "%s: no run_start event: the run wrote nothing to resume; start "
			 "it again with --overwrite",
			 file);
		rc = -1;
	}
	free(text);
	free(path);
	if (rc != 0) {
		dlt_resume_free(r);
		return -1;
	}
	*out = r;
	return 0;
}

void dlt_resume_free(struct dlt_resume *r)
{
	if (!r)
		return;
	cJSON_Delete(r->start);
	cJSON_Delete(r->results);
	cJSON_Delete(r->sessions);
	free(r->dir);
	free(r);
}
