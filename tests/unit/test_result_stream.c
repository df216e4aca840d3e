/*
 * test_result_stream.c: the result stream (runner/result_stream.c) and reading it back
 * (runner/resume.c) when writes fail. A file size limit (RLIMIT_FSIZE, SIGXFSZ ignored) makes
 * writes past it fail with EFBIG as a full disk would: events.jsonl must then end with its last
 * complete line, later results must be refused, results.json must be replaced whole or not at
 * all with no results.json.tmp left, and the resume reader must find every result written,
 * ignoring a torn last line and refusing garbage in the middle. Byte strings come out as valid
 * UTF-8 JSON.
 */
#include "common/json_bytes.h"
#include "runner/result_stream.h"
#include "runner/resume.h"
#include "common/mem.h"
#include "common/file.h"
#include "common/clock.h"
#include "tap.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

static char *path_of(const char *name)
{
	return dlt_printf("%s/%s", dir, name);
}

static long file_size(const char *name)
{
	char *p = path_of(name);
	struct stat st;
	long n = stat(p, &st) == 0 ? (long)st.st_size : -1;
	free(p);
	return n;
}

static char *slurp(const char *name, size_t *len)
{
	char *p = path_of(name), err[256];
	char *t = dlt_read_file(p, len, err, sizeof err);
	free(p);
	return t;
}

static void set_limit(rlim_t bytes)
{
	struct rlimit rl;
	getrlimit(RLIMIT_FSIZE, &rl);
	rl.rlim_cur = bytes;
	setrlimit(RLIMIT_FSIZE, &rl);
}

static cJSON *result(int i, size_t pad)
{
	cJSON *r = cJSON_CreateObject();
	char id[32];
	snprintf(id, sizeof id, "t.s%d", i);
	cJSON_AddStringToObject(r, "scenario", id);
	cJSON_AddItemToObject(r, "targets", cJSON_Parse("{\"node\":\"anvil\"}"));
	cJSON_AddStringToObject(r, "verdict", "pass");
	cJSON_AddNullToObject(r, "reason");
	cJSON *log = cJSON_AddArrayToObject(r, "log");
	char *text = dlt_xmalloc(pad + 1);
	memset(text, 'x', pad);
	text[pad] = '\0';
	text[0] = '\xff'; /* not UTF-8 */
	cJSON_AddItemToArray(log, cJSON_CreateString(text));
	free(text);
	return r;
}

static cJSON *run_object(void)
{
	cJSON *run = cJSON_CreateObject();
	cJSON_AddStringToObject(run, "id", "test-run");
	cJSON_AddStringToObject(run, "started", "2026-01-01T00:00:00Z");
	cJSON_AddItemToObject(run, "argv", cJSON_Parse("[\"run\",\"--suite\",\"s\\u00ff\"]"));
	cJSON_AddItemToObject(run, "options", cJSON_CreateObject());
	return run;
}

static cJSON *start_extra(int planned)
{
	cJSON *x = cJSON_CreateObject();
	cJSON *keys = cJSON_AddArrayToObject(x, "plan_keys");
	for (int i = 0; i < planned; i++) {
		char k[32];
		snprintf(k, sizeof k, "t.s%d@anvil", i);
		cJSON_AddItemToArray(keys, cJSON_CreateString(k));
	}
	return x;
}

/* Every line of events.jsonl ends with '\n' and parses; returns the number of lines or -1. */
static int whole_lines(void)
{
	size_t len;
	char *t = slurp("events.jsonl", &len);
	if (!t)
		return -1;
	int n = 0;
	if (len > 0 && t[len - 1] != '\n')
		n = -1;
	for (char *line = t; n >= 0 && *line; n++) {
		char *nl = strchr(line, '\n');
		*nl = '\0';
		cJSON *j = cJSON_Parse(line);
		if (!j || !dlt_utf8_valid(line, strlen(line)))
			n = -2;
		cJSON_Delete(j);
		line = nl + 1;
	}
	free(t);
	return n;
}

static int no_tmp(void)
{
	return file_size("results.json.tmp") < 0;
}

int main(void)
{
	signal(SIGXFSZ, SIG_IGN);
	snprintf(dir, sizeof dir, "%s/dlt-stream-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir)) {
		tap_ok(0, "mkdtemp: %s", strerror(errno));
		return tap_done();
	}
	char err[2048];
	enum { PLANNED = 40 };

	tap_ok(dlt_results_dir_state(dir, NULL, 0) == DLT_RESULTS_NONE,
	       "an empty folder holds no run");

	/* --- a first session that runs out of room in events.jsonl --- */
	struct dlt_stream *s =
		dlt_stream_open(dir, run_object(), cJSON_CreateArray(), cJSON_CreateArray(),
				start_extra(PLANNED), PLANNED, err, sizeof err);
	tap_ok(s != NULL, "stream opened");
	if (!s)
		return tap_done();
	tap_ok(whole_lines() == 1, "run_start is one whole line of valid UTF-8 JSON");
	tap_ok(dlt_results_dir_state(dir, NULL, 0) == DLT_RESULTS_UNFINISHED,
	       "events.jsonl without results.json is an unfinished run");
	long start = file_size("events.jsonl");
	set_limit((rlim_t)start + 5000);
	int added = 0, rc = 0;
	for (int i = 0; i < PLANNED && rc == 0; i++) {
		char key[32];
		snprintf(key, sizeof key, "t.s%d@anvil", i);
		rc = dlt_stream_add(s, key, result(i, 700), err, sizeof err);
		added += rc == 0;
	}
	tap_ok(rc == -1 && added > 0 && added < PLANNED,
	       "adding stops with an error after %d results", added);
	tap_ok(strstr(err, "events.jsonl") && strstr(err, strerror(EFBIG)),
	       "the error names the file and the cause: %s", err);
	tap_ok(whole_lines() == 1 + added, "events.jsonl holds run_start and the %d results, whole",
	       added);
	tap_ok(file_size("events.jsonl") <= start + 5000, "nothing past the limit");
	tap_ok(dlt_stream_add(s, "t.s39@anvil", result(39, 10), err, sizeof err) == -1,
	       "a small result after the failure is refused too");
	tap_ok(whole_lines() == 1 + added, "and not written");
	tap_ok(dlt_stream_error(s) != NULL, "the stream reports its error");
	/* finish reports the failure; results.json, when it fits, holds what events.jsonl holds */
	tap_ok(dlt_stream_finish(s, dlt_wall(), NULL, 0, err, sizeof err) == -1, "finish fails");
	tap_ok(no_tmp(), "no results.json.tmp is left");
	char *rj = path_of("results.json");
	cJSON *first = dlt_load_json_file(rj, err, sizeof err);
	free(rj);
	tap_ok(first &&
		       cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
			       cJSON_GetObjectItemCaseSensitive(first, "run"), "interrupted")) &&
		       cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(first, "results")) ==
			       added,
	       "results.json says interrupted and holds the %d results on disk", added);
	cJSON_Delete(first);
	dlt_stream_free(s);
	set_limit(RLIM_INFINITY);

	/* --- reading it back --- */
	struct dlt_resume *prev = NULL;
	tap_ok(dlt_resume_load(dir, &prev, err, sizeof err) == 0, "events.jsonl reads back: %s",
	       prev ? "ok" : err);
	if (!prev)
		return tap_done();
	tap_ok(cJSON_GetArraySize(prev->results) == added, "every written result is read back");
	tap_ok(prev->torn == 0 && prev->valid_len == file_size("events.jsonl"), "nothing torn");
	tap_ok(cJSON_GetArraySize(prev->sessions) == 1, "one session");
	char *k = dlt_stream_result_key(cJSON_GetArrayItem(prev->results, 0));
	tap_ok(!strcmp(k, "t.s0@anvil"), "a result's key: %s", k);
	free(k);
	const cJSON *log = cJSON_GetArrayItem(
		cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(prev->results, 0), "log"), 0);
	size_t blen = 0;
	char *bytes = dlt_json_bytes_decode(log, &blen);
	tap_ok(bytes && blen == 700 && bytes[0] == '\xff' && bytes[1] == 'x',
	       "a log line that is not UTF-8 comes back byte for byte");
	free(bytes);
	dlt_resume_free(prev);

	/* --- a torn last line (a kill in the middle of a write) is ignored, then cut off --- */
	char *ev = path_of("events.jsonl");
	FILE *f = fopen(ev, "a");
	fputs("{\"event\":\"result\",\"scenario\":\"t.s", f);
	fclose(f);
	tap_ok(dlt_resume_load(dir, &prev, err, sizeof err) == 0 && prev->torn > 0 &&
		       cJSON_GetArraySize(prev->results) == added,
	       "a torn last line is ignored");
	cJSON *argv = cJSON_Parse("[\"run\",\"--resume\",\"x\"]");
	s = prev ? dlt_stream_resume(prev, argv, err, sizeof err) : NULL;
	tap_ok(s != NULL, "the run goes on: %s", s ? "ok" : err);
	if (!s)
		return tap_done();
	tap_ok(whole_lines() == 2 + added, "the torn line is cut off, a resume event follows");
	for (int i = added; i < PLANNED; i++) {
		char key[32];
		snprintf(key, sizeof key, "t.s%d@anvil", i);
		dlt_stream_add(s, key, result(i, 100), err, sizeof err);
	}
	tap_ok(dlt_stream_finish(s, dlt_wall(), NULL, 0, err, sizeof err) == 0,
	       "the second session ends");
	dlt_stream_free(s);
	dlt_resume_free(prev);
	char *rp = path_of("results.json");
	cJSON *doc = dlt_load_json_file(rp, err, sizeof err);
	const cJSON *run = cJSON_GetObjectItemCaseSensitive(doc, "run");
	tap_ok(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "results")) == PLANNED,
	       "results.json holds all %d results", PLANNED);
	tap_ok(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(run, "interrupted")) &&
		       cJSON_GetObjectItemCaseSensitive(run, "planned")->valueint == PLANNED,
	       "planned %d, not interrupted", PLANNED);
	const cJSON *sessions = cJSON_GetObjectItemCaseSensitive(run, "sessions");
	tap_ok(cJSON_GetArraySize(sessions) == 2 &&
		       cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(
			       cJSON_GetArrayItem(sessions, 0), "finished")) &&
		       cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(sessions, 1), "results")
				       ->valueint == PLANNED - added,
	       "two sessions: the first without a finish, the second with %d results",
	       PLANNED - added);
	tap_ok(dlt_results_dir_state(dir, NULL, 0) == DLT_RESULTS_FINISHED,
	       "the folder holds a finished run");
	size_t len;
	char *before = slurp("results.json", &len);
	tap_ok(before && dlt_utf8_valid(before, len), "results.json is valid UTF-8");
	cJSON_Delete(doc);

	/* --- results.json is replaced whole or not at all --- */
	tap_ok(dlt_resume_load(dir, &prev, err, sizeof err) == 0 && prev->finished,
	       "read back as finished");
	s = prev ? dlt_stream_resume(prev, cJSON_CreateArray(), err, sizeof err) : NULL;
	if (s) {
		set_limit((rlim_t)file_size("events.jsonl") + 2000);
		/* a matrix only results.json holds: it cannot fit */
		cJSON *big = cJSON_CreateObject();
		char *huge = dlt_xmalloc(200000);
		memset(huge, 'm', 199999);
		huge[199999] = '\0';
		cJSON_AddStringToObject(big, "x", huge);
		free(huge);
		tap_ok(dlt_stream_finish(s, dlt_wall(), big, 0, err, sizeof err) == -1 &&
			       strstr(err, "results.json.tmp"),
		       "a results.json that cannot be written: %s", err);
		set_limit(RLIM_INFINITY);
		dlt_stream_free(s);
	}
	dlt_resume_free(prev);
	size_t len2;
	char *after = slurp("results.json", &len2);
	tap_ok(after && len2 == len && !memcmp(before, after, len),
	       "the old results.json is untouched");
	tap_ok(no_tmp(), "no results.json.tmp is left");
	tap_ok(whole_lines() > 0, "events.jsonl is whole lines");
	free(before);
	free(after);

	/* --- garbage in the middle is refused, naming file and line --- */
	f = fopen(ev, "r+");
	fseek(f, 0, SEEK_END);
	fputs("not json\n{\"event\":\"run_end\"}\n", f);
	fclose(f);
	tap_ok(dlt_resume_load(dir, &prev, err, sizeof err) == -1 && strstr(err, "events.jsonl:") &&
		       strstr(err, "not a JSON event"),
	       "a bad line in the middle: %s", err);
	free(ev);
	free(rp);
	dlt_rm_rf(dir);
	return tap_done();
}
