/*
 * result_stream.c: writing events.jsonl and results.json (see result_stream.h and
 * docs/results.md). events.jsonl is written with write(2) on a descriptor opened O_APPEND, one
 * whole line per call sequence; its length after the last complete line is kept, so a failed
 * write (a full disk, EFBIG) is undone with ftruncate and the file never ends in a torn line.
 * results.json is written to results.json.tmp, fsync'd, renamed, and the folder fsync'd.
 * Lines of events.jsonl are not fsync'd one by one: a killed process loses nothing the kernel
 * has, and what a power cut loses at the end is run again by --resume.
 */
#include "runner/result_stream.h"
#include "common/json_bytes.h"
#include "runner/resume.h"
#include "runner/feed.h"
#include "common/mem.h"
#include "common/strindex.h"
#include "common/file.h"
#include "common/clock.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct dlt_stream {
	char *dir;
	char *events_path;
	int fd;
	off_t good; /* length of events.jsonl after its last complete line */
	char *error; /* first write error; the stream is failed */
	cJSON *doc; /* the results.json document being built */
	cJSON *list; /* doc.results */
	cJSON *session; /* this session's entry in doc.run.sessions */
	char **keys; /* the plan key of each entry of list */
	size_t nkeys, capkeys;
	struct dlt_strindex key_index; /* key -> its entry + 1 */
	size_t planned;
	size_t added; /* results added in this session */
	cJSON *summary;
};

/* the live feed every written event goes to (run --events), or NULL */
static struct dlt_feed *stream_feed;

void dlt_stream_set_feed(struct dlt_feed *f)
{
	stream_feed = f;
}

static const char *const verdicts[] = { "pass",  "fail",  "skip",         "error", "inconclusive",
					"xfail", "xpass", "launch-error", NULL };

static int write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

static void fail(struct dlt_stream *r, const char *fmt, const char *what, int e)
{
	if (r->error)
		return;
	r->error = dlt_printf(fmt, what, strerror(e));
}

/* One event line, whole or not at all. */
static int write_event(struct dlt_stream *r, cJSON *ev)
{
	if (r->error)
		return -1;
	dlt_json_make_utf8(ev);
	char *line = cJSON_PrintUnformatted(ev);
	if (!line) {
		fail(r, "cannot write %s: %s (printing an event)", r->events_path, ENOMEM);
		return -1;
	}
	size_t n = strlen(line);
	line[n] = '\n'; /* cJSON's buffer holds n + 1 bytes: the NUL becomes the newline */
	int rc = write_all(r->fd, line, n + 1);
	int e = errno;
	if (rc == 0 && stream_feed)
		dlt_feed_publish(stream_feed, line, n);
	cJSON_free(line);
	if (rc != 0) {
		/* cut back to the last complete line; later writes are refused */
		if (ftruncate(r->fd, r->good) != 0)
			fail(r,
			     "cannot write %s: %s (and it could not be cut back to its last "
			     "complete line)",
			     r->events_path, e);
		fail(r, "cannot write %s: %s", r->events_path, e);
		return -1;
	}
	r->good += (off_t)(n + 1);
	return 0;
}

static void add_key(struct dlt_stream *r, const char *key)
{
	if (r->nkeys == r->capkeys) {
		r->capkeys = r->capkeys ? r->capkeys * 2 : 64;
		r->keys = dlt_xrealloc(r->keys, r->capkeys * sizeof *r->keys);
	}
	r->keys[r->nkeys++] = dlt_xstrdup(key);
	dlt_strindex_put(&r->key_index, r->keys[r->nkeys - 1], (void *)(uintptr_t)r->nkeys);
}

static struct dlt_stream *new_stream(const char *dir, int fd, off_t good)
{
	struct dlt_stream *r = dlt_xcalloc(1, sizeof *r);
	r->dir = dlt_xstrdup(dir);
	r->events_path = dlt_printf("%s/events.jsonl", dir);
	r->fd = fd;
	r->good = good;
	r->doc = cJSON_CreateObject();
	cJSON_AddStringToObject(r->doc, "format", "dlt-interop-results/1");
	return r;
}

static void remove_results(const char *dir)
{
	char *p = dlt_printf("%s/results.json", dir);
	unlink(p);
	free(p);
	p = dlt_printf("%s/results.json.tmp", dir);
	unlink(p);
	free(p);
}

static cJSON *new_session(const char *started, cJSON *argv)
{
	cJSON *s = cJSON_CreateObject();
	cJSON_AddStringToObject(s, "started", started);
	cJSON_AddNullToObject(s, "finished");
	cJSON_AddNumberToObject(s, "results", 0);
	cJSON_AddItemToObject(s, "argv", argv ? argv : cJSON_CreateArray());
	return s;
}

struct dlt_stream *dlt_stream_open(const char *dir, cJSON *run, cJSON *targets, cJSON *scenarios,
				   cJSON *start_extra, size_t planned, char *err, size_t errlen)
{
	struct dlt_stream *r = NULL;
	if (dlt_mkdir_p(dir, err, errlen))
		goto fail;
	remove_results(dir);
	char *path = dlt_printf("%s/events.jsonl", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		free(path);
		goto fail;
	}
	free(path);
	r = new_stream(dir, fd, 0);
	r->planned = planned;
	dlt_json_make_utf8(run);
	dlt_json_make_utf8(targets);
	dlt_json_make_utf8(scenarios);
	cJSON *ev = cJSON_CreateObject();
	cJSON_AddStringToObject(ev, "event", "run_start");
	cJSON_AddItemToObject(ev, "run", cJSON_Duplicate(run, 1));
	cJSON_AddItemToObject(ev, "targets", cJSON_Duplicate(targets, 1));
	cJSON_AddItemToObject(ev, "scenarios", cJSON_Duplicate(scenarios, 1));
	cJSON_AddNumberToObject(ev, "plan", (double)planned);
	if (start_extra) {
		cJSON *c;
		while ((c = start_extra->child)) {
			cJSON_DetachItemViaPointer(start_extra, c);
			cJSON_AddItemToObject(ev, c->string, c);
		}
		cJSON_Delete(start_extra);
		start_extra = NULL;
	}
	int rc = write_event(r, ev);
	cJSON_Delete(ev);
	if (rc != 0) {
		snprintf(err, errlen, "%s", r->error);
		dlt_stream_free(r);
		r = NULL;
		goto fail;
	}
	const cJSON *started = cJSON_GetObjectItemCaseSensitive(run, "started");
	const cJSON *argv = cJSON_GetObjectItemCaseSensitive(run, "argv");
	cJSON *sessions = cJSON_CreateArray();
	r->session = new_session(cJSON_IsString(started) ? started->valuestring : "",
				 cJSON_Duplicate(argv, 1));
	cJSON_AddItemToArray(sessions, r->session);
	cJSON_AddItemToObject(run, "sessions", sessions);
	cJSON_AddItemToObject(r->doc, "run", run);
	cJSON_AddItemToObject(r->doc, "targets", targets);
	cJSON_AddItemToObject(r->doc, "scenarios", scenarios);
	r->list = cJSON_AddArrayToObject(r->doc, "results");
	return r;
fail:
	cJSON_Delete(run);
	cJSON_Delete(targets);
	cJSON_Delete(scenarios);
	cJSON_Delete(start_extra);
	return NULL;
}

static char *text_of(const cJSON *v)
{
	char *b = dlt_json_bytes_decode(v, NULL);
	if (b)
		return b;
	return dlt_xstrdup(cJSON_IsString(v) ? v->valuestring : "");
}

char *dlt_stream_result_key(const cJSON *result)
{
	char *key = text_of(cJSON_GetObjectItemCaseSensitive(result, "scenario"));
	const cJSON *t;
	int first = 1;
	cJSON_ArrayForEach (t, cJSON_GetObjectItemCaseSensitive(result, "targets")) {
		char *name = text_of(t);
		char *k = dlt_printf("%s%s%s", key, first ? "@" : ",", name);
		free(name);
		free(key);
		key = k;
		first = 0;
	}
	return key;
}

static int interrupted_result(const cJSON *res)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(res, "interrupted"));
}

int dlt_stream_result_final(const cJSON *res)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(res, "verdict");
	return !interrupted_result(res) &&
	       !(cJSON_IsString(v) && !strcmp(v->valuestring, "launch-error"));
}

static long find_key(const struct dlt_stream *r, const char *key)
{
	/* by index (entry + 1): a search of the keys per result grew as the square of them */
	return (long)(uintptr_t)dlt_strindex_get(&r->key_index, key) - 1;
}

/* Keep res under key: a later result for a key replaces one that is not final (interrupted, or
 * launch-error: the item did not run). */
static void keep(struct dlt_stream *r, const char *key, cJSON *res)
{
	long i = find_key(r, key);
	if (i < 0) {
		cJSON_AddItemToArray(r->list, res);
		add_key(r, key);
	} else if (!dlt_stream_result_final(cJSON_GetArrayItem(r->list, (int)i)))
		cJSON_ReplaceItemInArray(r->list, (int)i, res);
	else
		cJSON_Delete(res); /* a complete verdict is never replaced */
}

struct dlt_stream *dlt_stream_resume(const struct dlt_resume *prev, cJSON *argv, char *err,
				     size_t errlen)
{
	char *path = dlt_printf("%s/events.jsonl", prev->dir);
	int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0 || ftruncate(fd, prev->valid_len) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(path);
		cJSON_Delete(argv);
		return NULL;
	}
	free(path);
	struct dlt_stream *r = new_stream(prev->dir, fd, prev->valid_len);
	const cJSON *plan = cJSON_GetObjectItemCaseSensitive(prev->start, "plan");
	r->planned = cJSON_IsNumber(plan) ? (size_t)plan->valuedouble : 0;
	dlt_json_make_utf8(argv);
	char iso[32];
	dlt_iso8601(dlt_wall(), iso);
	cJSON *ev = cJSON_CreateObject();
	cJSON_AddStringToObject(ev, "event", "resume");
	cJSON *s = cJSON_AddObjectToObject(ev, "session");
	cJSON_AddStringToObject(s, "started", iso);
	cJSON_AddItemToObject(s, "argv", cJSON_Duplicate(argv, 1));
	int rc = write_event(r, ev);
	cJSON_Delete(ev);
	if (rc != 0) {
		snprintf(err, errlen, "%s", r->error);
		cJSON_Delete(argv);
		dlt_stream_free(r);
		return NULL;
	}
	cJSON *run = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(prev->start, "run"), 1);
	cJSON *sessions = cJSON_Duplicate(prev->sessions, 1);
	r->session = new_session(iso, argv);
	cJSON_AddItemToArray(sessions, r->session);
	cJSON_DeleteItemFromObjectCaseSensitive(run, "sessions");
	cJSON_AddItemToObject(run, "sessions", sessions);
	cJSON_AddItemToObject(r->doc, "run", run);
	cJSON_AddItemToObject(
		r->doc, "targets",
		cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(prev->start, "targets"), 1));
	cJSON_AddItemToObject(
		r->doc, "scenarios",
		cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(prev->start, "scenarios"), 1));
	r->list = cJSON_AddArrayToObject(r->doc, "results");
	const cJSON *res;
	cJSON_ArrayForEach (res, prev->results) {
		char *key = dlt_stream_result_key(res);
		keep(r, key, cJSON_Duplicate(res, 1));
		free(key);
	}
	return r;
}

int dlt_stream_add(struct dlt_stream *r, const char *key, cJSON *result, char *err, size_t errlen)
{
	if (r->error) {
		cJSON_Delete(result);
		snprintf(err, errlen, "%s", r->error);
		return -1;
	}
	dlt_json_make_utf8(result);
	cJSON *ev = cJSON_CreateObject();
	cJSON_AddStringToObject(ev, "event", "result");
	cJSON *c;
	cJSON_ArrayForEach (c, result)
		cJSON_AddItemToObject(ev, c->string, cJSON_Duplicate(c, 1));
	int rc = write_event(r, ev);
	cJSON_Delete(ev);
	if (rc != 0) {
		cJSON_Delete(result);
		snprintf(err, errlen, "%s", r->error);
		return -1;
	}
	keep(r, key, result);
	r->added++;
	return 0;
}

const char *dlt_stream_error(const struct dlt_stream *r)
{
	return r->error;
}

static void bump(cJSON *summary, const char *key)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(summary, key);
	if (v)
		cJSON_SetNumberValue(v, v->valuedouble + 1);
	else
		cJSON_AddNumberToObject(summary, key, 1);
}

const cJSON *dlt_stream_summary(struct dlt_stream *r)
{
	cJSON_Delete(r->summary);
	r->summary = cJSON_CreateObject();
	cJSON_AddNumberToObject(r->summary, "total", 0);
	for (size_t i = 0; verdicts[i]; i++)
		cJSON_AddNumberToObject(r->summary, verdicts[i], 0);
	const cJSON *res;
	cJSON_ArrayForEach (res, r->list) {
		bump(r->summary, "total");
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(res, "verdict");
		if (cJSON_IsString(v))
			bump(r->summary, v->valuestring);
	}
	return r->summary;
}

size_t dlt_stream_done(const struct dlt_stream *r)
{
	size_t n = 0;
	const cJSON *res;
	cJSON_ArrayForEach (res, r->list)
		n += !interrupted_result(res);
	return n;
}

const cJSON *dlt_stream_list(const struct dlt_stream *r)
{
	return r->list;
}

const char *dlt_stream_dir(const struct dlt_stream *r)
{
	return r->dir;
}

const cJSON *dlt_stream_document(const struct dlt_stream *r)
{
	return r->doc;
}

static void set_member(cJSON *o, const char *key, cJSON *v)
{
	if (cJSON_GetObjectItemCaseSensitive(o, key))
		cJSON_ReplaceItemInObjectCaseSensitive(o, key, v);
	else
		cJSON_AddItemToObject(o, key, v);
}

/* The folder's own entry, so a rename survives a crash. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

static int write_results(struct dlt_stream *r, char *err, size_t errlen)
{
	char *tmp = dlt_printf("%s/results.json.tmp", r->dir);
	char *final = dlt_printf("%s/results.json", r->dir);
	dlt_json_make_utf8(r->doc);
	char *text = cJSON_Print(r->doc);
	int rc = -1, fd = -1;
	if (!text) {
		snprintf(err, errlen, "cannot write %s: out of memory printing the document",
			 final);
		goto out;
	}
	size_t n = strlen(text);
	text[n] = '\n';
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write_all(fd, text, n + 1) != 0 || fsync(fd) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		goto out;
	}
	int c = close(fd);
	fd = -1;
	if (c != 0) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		goto out;
	}
	if (rename(tmp, final) != 0) {
		snprintf(err, errlen, "cannot rename %s to %s: %s", tmp, final, strerror(errno));
		goto out;
	}
	sync_dir(r->dir);
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		unlink(tmp);
	cJSON_free(text);
	free(tmp);
	free(final);
	return rc;
}

int dlt_stream_finish(struct dlt_stream *r, double finished_wall, cJSON *matrix, int interrupted,
		      char *err, size_t errlen)
{
	char iso[32];
	dlt_iso8601(finished_wall, iso);
	size_t done = dlt_stream_done(r);
	interrupted = interrupted || done < r->planned || r->error;
	cJSON *run = cJSON_GetObjectItemCaseSensitive(r->doc, "run");
	set_member(run, "finished", cJSON_CreateString(iso));
	set_member(run, "planned", cJSON_CreateNumber((double)r->planned));
	set_member(run, "interrupted", cJSON_CreateBool(interrupted));
	set_member(r->session, "finished", cJSON_CreateString(iso));
	set_member(r->session, "results", cJSON_CreateNumber((double)r->added));
	set_member(r->doc, "summary", cJSON_Duplicate(dlt_stream_summary(r), 1));
	set_member(r->doc, "matrix", matrix ? matrix : cJSON_CreateObject());
	cJSON *ev = cJSON_CreateObject();
	cJSON_AddStringToObject(ev, "event", "run_end");
	cJSON_AddStringToObject(ev, "finished", iso);
	cJSON_AddNumberToObject(ev, "results", (double)r->added);
	cJSON_AddBoolToObject(ev, "interrupted", interrupted);
	cJSON_AddItemToObject(ev, "summary", cJSON_Duplicate(r->summary, 1));
	write_event(r, ev);
	cJSON_Delete(ev);
	if (!r->error && fsync(r->fd) != 0 && errno != EINVAL)
		fail(r, "cannot write %s: %s", r->events_path, errno);
	/* results.json holds exactly what events.jsonl holds, also after a write error there */
	if (write_results(r, err, errlen) != 0)
		return -1;
	if (r->error) {
		snprintf(err, errlen, "%s", r->error);
		return -1;
	}
	return 0;
}

void dlt_stream_free(struct dlt_stream *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	cJSON_Delete(r->doc);
	cJSON_Delete(r->summary);
	for (size_t i = 0; i < r->nkeys; i++)
		free(r->keys[i]);
	free(r->keys);
	dlt_strindex_free(&r->key_index);
	free(r->error);
	free(r->events_path);
	free(r->dir);
	free(r);
}
