/*
 * result_stream.c: writing events.jsonl and results.json (see result_stream.h and docs/results.md).
 */
#include "result_stream.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct dlt_stream {
	char *dir;
	FILE *events;
	cJSON *doc;       /* the results.json document being built */
	cJSON *list;      /* doc.results */
	cJSON *summary;
};

static const char *const verdicts[] = {"pass", "fail", "skip", "error", "inconclusive",
	"xfail", "xpass", "launch-error", NULL};

static void write_event(struct dlt_stream *r, cJSON *ev)
{
	char *line = cJSON_PrintUnformatted(ev);
	if (line) {
		fputs(line, r->events);
		fputc('\n', r->events);
		fflush(r->events);
		free(line);
	}
}

struct dlt_stream *dlt_stream_open(const char *dir, cJSON *run, cJSON *targets,
				     cJSON *scenarios, size_t planned, char *err, size_t errlen)
{
	if (dlt_mkdir_p(dir, err, errlen)) {
		cJSON_Delete(run);
		cJSON_Delete(targets);
		cJSON_Delete(scenarios);
		return NULL;
	}
	char *path = dlt_printf("%s/events.jsonl", dir);
	FILE *f = fopen(path, "w");
	if (!f) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		free(path);
		cJSON_Delete(run);
		cJSON_Delete(targets);
		cJSON_Delete(scenarios);
		return NULL;
	}
	free(path);
	struct dlt_stream *r = dlt_xcalloc(1, sizeof *r);
	r->dir = dlt_xstrdup(dir);
	r->events = f;
	r->doc = cJSON_CreateObject();
	cJSON_AddStringToObject(r->doc, "format", "dlt-interop-results/1");
	cJSON_AddItemToObject(r->doc, "run", run);
	cJSON_AddItemToObject(r->doc, "targets", targets);
	cJSON_AddItemToObject(r->doc, "scenarios", scenarios);
	r->list = cJSON_AddArrayToObject(r->doc, "results");
	r->summary = cJSON_CreateObject();
	cJSON_AddNumberToObject(r->summary, "total", 0);
	for (size_t i = 0; verdicts[i]; i++)
		cJSON_AddNumberToObject(r->summary, verdicts[i], 0);
	cJSON *ev = cJSON_CreateObject();
	cJSON_AddStringToObject(ev, "event", "run_start");
	cJSON_AddItemToObject(ev, "run", cJSON_Duplicate(run, 1));
	cJSON_AddItemToObject(ev, "targets", cJSON_Duplicate(targets, 1));
	cJSON_AddNumberToObject(ev, "plan", (double)planned);
	write_event(r, ev);
	cJSON_Delete(ev);
	return r;
}

static void bump(cJSON *summary, const char *key)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(summary, key);
	if (v)
		cJSON_SetNumberValue(v, v->valuedouble + 1);
}

size_t dlt_stream_add(struct dlt_stream *r, cJSON *result)
{
	cJSON *ev = cJSON_CreateObject();
	cJSON_AddStringToObject(ev, "event", "result");
	cJSON *c;
	cJSON_ArrayForEach(c, result)
		cJSON_AddItemToObject(ev, c->string, cJSON_Duplicate(c, 1));
	write_event(r, ev);
	cJSON_Delete(ev);
	bump(r->summary, "total");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(result, "verdict");
	if (cJSON_IsString(v))
		bump(r->summary, v->valuestring);
	cJSON_AddItemToArray(r->list, result);
	return (size_t)cJSON_GetArraySize(r->list);
}

const cJSON *dlt_stream_summary(const struct dlt_stream *r)
{
	return r->summary;
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

int dlt_stream_finish(struct dlt_stream *r, double finished_wall, cJSON *matrix, char *err,
		      size_t errlen)
{
	char iso[32];
	dlt_iso8601(finished_wall, iso);
	cJSON *run = cJSON_GetObjectItemCaseSensitive(r->doc, "run");
	cJSON_DeleteItemFromObject(run, "finished");
	cJSON_AddStringToObject(run, "finished", iso);
	cJSON_DeleteItemFromObject(r->doc, "summary");
	cJSON_AddItemToObject(r->doc, "summary", cJSON_Duplicate(r->summary, 1));
	cJSON_DeleteItemFromObject(r->doc, "matrix");
	cJSON_AddItemToObject(r->doc, "matrix", matrix ? matrix : cJSON_CreateObject());
	cJSON *ev = cJSON_CreateObject();
	cJSON_AddStringToObject(ev, "event", "run_end");
	cJSON_AddItemToObject(ev, "summary", cJSON_Duplicate(r->summary, 1));
	write_event(r, ev);
	cJSON_Delete(ev);

	char *tmp = dlt_printf("%s/results.json.tmp", r->dir);
	char *final = dlt_printf("%s/results.json", r->dir);
	char *text = cJSON_Print(r->doc);
	FILE *f = fopen(tmp, "w");
	int rc = 0;
	if (!f || !text || fputs(text, f) < 0 || fputc('\n', f) == EOF) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		rc = -1;
	}
	if (f && fclose(f) != 0 && rc == 0) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && rename(tmp, final) != 0) {
		snprintf(err, errlen, "cannot rename %s to %s: %s", tmp, final, strerror(errno));
		rc = -1;
	}
	free(text);
	free(tmp);
	free(final);
	return rc;
}

void dlt_stream_free(struct dlt_stream *r)
{
	if (!r)
		return;
	if (r->events)
		fclose(r->events);
	cJSON_Delete(r->doc);
	cJSON_Delete(r->summary);
	free(r->dir);
	free(r);
}
