/*
 * summary.c: the end-of-run summary (see summary.h). Verdict counts come from the document's
 * summary, the table from its targets (in their order) and results, the pair matrix from its
 * matrix, the scores from results.json read back as `report` reads it (model/scores.c).
 * A target is listed apart as not started when a launch-error result names it in
 * launch_failed; the reason shown is that result's (the first line).
 */
#include "reports/summary.h"
#include "model/results.h"
#include "model/scores.h"
#include "common/mem.h"
#include "common/term.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLOWEST 5
#define REASON_MAX 160

static const char *const VERDICTS[] = { "pass",  "fail",  "skip",         "error", "inconclusive",
					"xfail", "xpass", "launch-error", NULL };

static int count_verdict(const cJSON *results, const char *target, const char *verdict)
{
	int n = 0;
	const cJSON *res;
	cJSON_ArrayForEach (res, results) {
		const char *v = dlt_json_str(res, "verdict");
		if (!v || strcmp(v, verdict))
			continue;
		const cJSON *t;
		cJSON_ArrayForEach (t, cJSON_GetObjectItemCaseSensitive(res, "targets"))
			if (cJSON_IsString(t) && !strcmp(t->valuestring, target)) {
				n++;
				break;
			}
	}
	return n;
}

/* The reason of the first launch-error result whose launch_failed names target, or NULL. */
static const cJSON *launch_failure(const cJSON *results, const char *target)
{
	const cJSON *res;
	cJSON_ArrayForEach (res, results) {
		const char *v = dlt_json_str(res, "verdict"),
			   *who = dlt_json_str(res, "launch_failed");
		if (v && who && !strcmp(v, "launch-error") && !strcmp(who, target))
			return res;
	}
	return NULL;
}

static int summary_count(const cJSON *summary, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(summary, key);
	return cJSON_IsNumber(v) ? v->valueint : 0;
}

static void print_table(FILE *out, const cJSON *doc)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(doc, "summary");
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "results");
	const cJSON *targets = cJSON_GetObjectItemCaseSensitive(doc, "targets"), *t;
	fprintf(out, "\ndlt-interop: %d results:", summary_count(s, "total"));
	for (size_t i = 0; VERDICTS[i]; i++)
		fprintf(out, "%s %d %s", i ? "," : "", summary_count(s, VERDICTS[i]), VERDICTS[i]);
	fputc('\n', out);
	fprintf(out, "\n  %-18s %-10s %5s %5s %5s %5s %5s %5s %5s %6s\n", "target", "version",
		"pass", "fail", "skip", "error", "inc", "xfail", "xpass", "launch");
	cJSON_ArrayForEach (t, targets) {
		const char *name = dlt_json_str(t, "name"), *v = dlt_json_str(t, "version");
		if (!name)
			continue;
		fprintf(out, "  %-18s %-10s", name, v && v[0] ? v : "-");
		for (size_t k = 0; VERDICTS[k]; k++)
			fprintf(out, VERDICTS[k + 1] ? " %5d" : " %6d",
				count_verdict(list, name, VERDICTS[k]));
		fputc('\n', out);
	}
	/* targets that could not be started, apart: their results did not run */
	cJSON_ArrayForEach (t, targets) {
		const char *name = dlt_json_str(t, "name");
		const cJSON *first = name ? launch_failure(list, name) : NULL;
		if (!first)
			continue;
		int le = count_verdict(list, name, "launch-error");
		const char *down = dlt_json_str(first, "reason");
		if (!down)
			down = "see the results' reasons";
		fprintf(out, "  launch-error: %s (%d results not run): %.*s\n", name, le,
			(int)strcspn(down, "\n"), down);
	}
}

static void print_matrix(FILE *out, const cJSON *doc)
{
	const cJSON *f;
	cJSON_ArrayForEach (f, cJSON_GetObjectItemCaseSensitive(doc, "matrix")) {
		const cJSON *agree = cJSON_GetObjectItemCaseSensitive(f, "agree");
		if (cJSON_GetArraySize(agree) == 0)
			continue;
		const cJSON *names = cJSON_GetObjectItemCaseSensitive(f, "targets");
		fprintf(out,
			"\n  pair matrix (%s): share of pair scenarios that agree, row = A, "
			"column = B\n  %-12s",
			f->string, "");
		const cJSON *a, *b;
		cJSON_ArrayForEach (b, names)
			fprintf(out, " %11.11s", cJSON_IsString(b) ? b->valuestring : "?");
		fputc('\n', out);
		cJSON_ArrayForEach (a, names) {
			if (!cJSON_IsString(a))
				continue;
			fprintf(out, "  %-12.12s", a->valuestring);
			const cJSON *row = cJSON_GetObjectItemCaseSensitive(agree, a->valuestring);
			cJSON_ArrayForEach (b, names) {
				const cJSON *x = row && cJSON_IsString(b)
							 ? cJSON_GetObjectItemCaseSensitive(
								   row, b->valuestring)
							 : NULL;
				if (cJSON_IsNumber(x))
					fprintf(out, " %10.0f%%", x->valuedouble * 100);
				else
					fprintf(out, " %11s", "-");
			}
			fputc('\n', out);
		}
	}
}

/* The id of the a-th area of the roadmap ("?" when it has none). */
static const char *area_id(const struct dlt_roadmap *roadmap, size_t a)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(dlt_roadmap_area_at(roadmap, a), "id");
	return cJSON_IsString(id) ? id->valuestring : NULL;
}

static void print_conformance(FILE *out, const cJSON *sc, const struct dlt_roadmap *roadmap)
{
	size_t nareas = dlt_roadmap_area_count(roadmap);
	fprintf(out,
		"\n  conformance (share of applicable results that pass; launch-error, skip and "
		"inconclusive do not count; * = every MUST passes; - = no score)\n"
		"  %-18s %6s",
		"target", "all");
	for (size_t a = 0; a < nareas; a++)
		fprintf(out, " %7.7s", area_id(roadmap, a) ? area_id(roadmap, a) : "?");
	fputc('\n', out);
	const cJSON *t;
	cJSON_ArrayForEach (t, cJSON_GetObjectItemCaseSensitive(sc, "conformance")) {
		const cJSON *score = cJSON_GetObjectItemCaseSensitive(t, "score");
		fprintf(out, "  %-18.18s", dlt_json_str(t, "target"));
		if (cJSON_IsNumber(score))
			fprintf(out, " %5.0f%%", score->valuedouble * 100);
		else
			fprintf(out, " %6s", "-");
		const cJSON *areas = cJSON_GetObjectItemCaseSensitive(t, "areas");
		for (size_t a = 0; a < nareas; a++) {
			const char *id = area_id(roadmap, a);
			const cJSON *e = id ? cJSON_GetObjectItemCaseSensitive(areas, id) : NULL;
			const cJSON *v = e ? cJSON_GetObjectItemCaseSensitive(e, "score") : NULL;
			const char *st = e ? dlt_json_str(e, "status") : NULL;
			if (cJSON_IsNumber(v))
				fprintf(out, " %5.0f%%%c", v->valuedouble * 100,
					st && !strcmp(st, "conforms") ? '*' : ' ');
			else
				fprintf(out, " %7s", "-");
		}
		fputc('\n', out);
	}
	cJSON_ArrayForEach (t, cJSON_GetObjectItemCaseSensitive(sc, "conformance")) {
		const char *why = dlt_json_str(t, "not_scored");
		if (why)
			fprintf(out, "  %s has no score: %s\n", dlt_json_str(t, "target"), why);
	}
	const cJSON *f;
	cJSON_ArrayForEach (f, cJSON_GetObjectItemCaseSensitive(sc, "interop")) {
		const cJSON *score = cJSON_GetObjectItemCaseSensitive(f, "score");
		const char *fam = dlt_json_str(f, "family");
		if (cJSON_IsNumber(score) && fam &&
		    cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(f, "targets")) > 1)
			fprintf(out, "  interop score (%s, minimum across its targets): %.0f%%\n",
				fam, score->valuedouble * 100);
	}
}

/* Conformance per target and area, and the interop score per family (docs/scores.md), read
 * back from the results.json written, so the table is what `report` would say. */
static void print_scores(FILE *out, const char *dir, const struct dlt_roadmap *roadmap)
{
	char *path = dlt_printf("%s/results.json", dir);
	char err[512];
	struct dlt_results *res = NULL;
	cJSON *sc = NULL;
	if (dlt_results_load(path, &res, err, sizeof err) == 0)
		sc = dlt_scores_compute(res, roadmap, err, sizeof err);
	free(path);
	if (!sc)
		fprintf(out, "dlt-interop: scores not computed: %s\n", err);
	else
		print_conformance(out, sc, roadmap);
	cJSON_Delete(sc);
	dlt_results_free(res);
}

/* Text from the results (a node's or a scenario's words) on one terminal line: control
 * characters (escape sequences, newlines) as \xNN so they cannot move the cursor or recolour
 * the terminal, at most max bytes (then "..."). */
static void put_clean(FILE *out, const char *s, size_t max)
{
	size_t n = 0;
	for (; s && *s; s++, n++) {
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

static const char *colour_of(const char *v)
{
	if (!strcmp(v, "fail") || !strcmp(v, "xpass"))
		return "\033[1;31m";
	if (!strcmp(v, "error") || !strcmp(v, "launch-error"))
		return "\033[1;35m";
	if (!strcmp(v, "inconclusive"))
		return "\033[1;33m";
	return "\033[1m";
}

/* "FILE:LINE" of a failing result: its first failed check's where, else the scenario's file
 * (a reason with a Lua error names its own line). */
static const char *result_where(const cJSON *scenarios, const cJSON *res)
{
	const cJSON *c;
	cJSON_ArrayForEach (c, cJSON_GetObjectItemCaseSensitive(res, "checks"))
		if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(c, "ok")) &&
		    dlt_json_str(c, "where"))
			return dlt_json_str(c, "where");
	const char *id = dlt_json_str(res, "scenario");
	const cJSON *sc = id ? dlt_json_find_named(scenarios, "id", id) : NULL;
	return sc ? dlt_json_str(sc, "file") : NULL;
}

/* The one-line reason of a failing result: its reason, else its first failed check's label
 * with the expected and actual values (brief). */
static void put_reason(FILE *out, const cJSON *res)
{
	const char *why = dlt_json_str(res, "reason");
	if (why) {
		char *line = dlt_printf("%.*s", (int)strcspn(why, "\n"), why);
		put_clean(out, line, REASON_MAX);
		free(line);
		return;
	}
	const cJSON *c;
	cJSON_ArrayForEach (c, cJSON_GetObjectItemCaseSensitive(res, "checks")) {
		if (!cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(c, "ok")))
			continue;
		fputs("check ", out);
		put_clean(out, dlt_json_str(c, "label") ? dlt_json_str(c, "label") : "?", 60);
		/* a diff names where the values differ: its first entry */
		const cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(c, "diff"), 0);
		if (d && dlt_json_str(d, "path") && strcmp(dlt_json_str(d, "path"), "$") != 0) {
			fputs(" differs at ", out);
			put_clean(out, dlt_json_str(d, "path"), 60);
			c = d;
		}
		char *e = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(c, "expected"));
		char *a = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(c, "actual"));
		if (e || a) {
			fputs(": expected ", out);
			put_clean(out, e ? e : "(absent)", 48);
			fputs(", got ", out);
			put_clean(out, a ? a : "(absent)", 48);
		}
		free(e);
		free(a);
		return;
	}
	fputs("(no reason recorded)", out);
}

static int is_failing(const char *v)
{
	return v && (!strcmp(v, "fail") || !strcmp(v, "error") || !strcmp(v, "inconclusive") ||
		     !strcmp(v, "xpass"));
}

static void put_result_line(FILE *out, const cJSON *scenarios, const cJSON *res)
{
	char *who = dlt_result_targets_label(res);
	put_clean(out, dlt_json_str(res, "scenario"), 120);
	fputs(" @ ", out);
	put_clean(out, who, 120);
	fputs(": ", out);
	put_reason(out, res);
	const char *where = result_where(scenarios, res);
	if (where) {
		fputs(" (", out);
		put_clean(out, where, 200);
		fputc(')', out);
	}
	free(who);
}

char *dlt_summary_result_line(const cJSON *scenarios, const cJSON *res)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return dlt_xstrdup("?");
	put_result_line(m, scenarios, res);
	fclose(m);
	return text;
}

/* Every fail, error, inconclusive and xpass: verdict, scenario @ targets, one-line reason,
 * file:line. */
static void print_failures(FILE *out, const cJSON *doc, int colour)
{
	const cJSON *res;
	int n = 0;
	cJSON_ArrayForEach (res, cJSON_GetObjectItemCaseSensitive(doc, "results"))
		n += is_failing(dlt_json_str(res, "verdict"));
	if (n == 0)
		return;
	fprintf(out, "\n  %d result%s did not pass (fail, error, inconclusive, xpass):\n", n,
		n == 1 ? "" : "s");
	cJSON_ArrayForEach (res, cJSON_GetObjectItemCaseSensitive(doc, "results")) {
		const char *v = dlt_json_str(res, "verdict");
		if (!is_failing(v))
			continue;
		fprintf(out, "  %s%-12s%s ", colour ? colour_of(v) : "", v,
			colour ? "\033[0m" : "");
		put_result_line(out, cJSON_GetObjectItemCaseSensitive(doc, "scenarios"), res);
		fputc('\n', out);
	}
}

/* Seconds since the epoch of an ISO 8601 UTC time ("2026-11-27T17:01:02Z"); -1 if not one. */
static double parse_utc(const char *s)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			 &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (double)timegm(&tm);
}

static void put_duration(FILE *out, double s)
{
	char t[48];
	dlt_term_duration(s, t, sizeof t);
	fputs(t, out);
}

/* The run's duration (run.started to run.finished) and its slowest results. */
static void print_timing(FILE *out, const cJSON *doc)
{
	const cJSON *run = cJSON_GetObjectItemCaseSensitive(doc, "run");
	double a = parse_utc(dlt_json_str(run, "started")),
	       b = parse_utc(dlt_json_str(run, "finished"));
	const cJSON *slow[SLOWEST] = { 0 }, *res;
	cJSON_ArrayForEach (res, cJSON_GetObjectItemCaseSensitive(doc, "results")) {
		const cJSON *d = cJSON_GetObjectItemCaseSensitive(res, "duration_ms");
		if (!cJSON_IsNumber(d))
			continue;
		for (int i = 0; i < SLOWEST; i++) {
			const cJSON *o =
				slow[i] ? cJSON_GetObjectItemCaseSensitive(slow[i], "duration_ms")
					: NULL;
			if (!o || d->valuedouble > o->valuedouble) {
				memmove(&slow[i + 1], &slow[i],
					(size_t)(SLOWEST - 1 - i) * sizeof slow[0]);
				slow[i] = res;
				break;
			}
		}
	}
	if (a >= 0 && b >= a) {
		fputs("\n  duration: ", out);
		put_duration(out, b - a);
		fputc('\n', out);
	}
	if (!slow[0])
		return;
	fputs("  slowest:", out);
	for (int i = 0; i < SLOWEST && slow[i]; i++) {
		char *who = dlt_result_targets_label(slow[i]);
		fputs(i ? ", " : " ", out);
		put_clean(out, dlt_json_str(slow[i], "scenario"), 80);
		fputs(" @ ", out);
		put_clean(out, who, 80);
		fputc(' ', out);
		put_duration(out,
			     cJSON_GetObjectItemCaseSensitive(slow[i], "duration_ms")->valuedouble /
				     1000);
		free(who);
	}
	fputc('\n', out);
}

void dlt_summary_print(FILE *out, const cJSON *doc, const char *dir,
		       const struct dlt_roadmap *roadmap, int colour)
{
	print_table(out, doc);
	print_failures(out, doc, colour);
	print_timing(out, doc);
	print_matrix(out, doc);
	if (roadmap)
		print_scores(out, dir, roadmap);
	fprintf(out, "\n  results: %s/results.json (events: %s/events.jsonl)\n", dir, dir);
}
