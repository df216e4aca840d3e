/*
 * tap.c: TAP output (see tap.h). Everything a node said is written as JSON strings inside the
 * YAML block (JSON is valid YAML flow syntax), so no node answer can break the TAP stream:
 * descriptions and directives are kept on one line and '#' in descriptions is escaped.
 */
#include "runner/tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dlt_tap_plan(FILE *out, size_t n)
{
	fprintf(out, "1..%zu\n", n);
	fflush(out);
}

/* Print s on one line: control characters become spaces; '#' (a TAP directive) becomes
 * "\#" when escape_hash is set. */
static void one_line(FILE *out, const char *s, int escape_hash)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f)
			fputc(' ', out);
		else if (c == '#' && escape_hash)
			fputs("\\#", out);
		else
			fputc(c, out);
	}
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A JSON value as YAML; long values are cut (results.json keeps them whole), and a cut value
 * is re-quoted so the YAML stays valid. */
static void yaml_json(FILE *out, const char *indent, const char *key, const cJSON *v)
{
	enum { MAX = 400 };
	char *s = v ? cJSON_PrintUnformatted(v) : NULL;
	if (s && strlen(s) > MAX) {
		s[MAX] = '\0';
		cJSON *cut = cJSON_CreateString(s);
		free(s);
		char *q = cJSON_PrintUnformatted(cut);
		cJSON_Delete(cut);
		fprintf(out, "%s%s: %s  # cut; see results.json\n", indent, key, q ? q : "null");
		free(q);
		return;
	}
	fprintf(out, "%s%s: %s\n", indent, key, s ? s : "null");
	free(s);
}

static void yaml_string(FILE *out, const char *indent, const char *key, const char *v)
{
	cJSON *j = cJSON_CreateString(v ? v : "");
	yaml_json(out, indent, key, j);
	cJSON_Delete(j);
}

void dlt_tap_point(FILE *out, size_t number, const cJSON *r)
{
	const char *verdict = str(r, "verdict");
	const char *scenario = str(r, "scenario");
	const char *reason = str(r, "reason");
	const cJSON *targets = cJSON_GetObjectItemCaseSensitive(r, "targets");
	int ok = !strcmp(verdict, "pass") || !strcmp(verdict, "skip") || !strcmp(verdict, "xpass");
	fprintf(out, "%s %zu - ", ok ? "ok" : "not ok", number);
	one_line(out, scenario, 1);
	fputs(" [", out);
	const cJSON *t;
	int first = 1;
	cJSON_ArrayForEach (t, targets) {
		if (!first)
			fputc(',', out);
		first = 0;
		one_line(out, cJSON_IsString(t) ? t->valuestring : "", 1);
	}
	fputc(']', out);
	if (!strcmp(verdict, "skip")) {
		fputs(" # SKIP ", out);
		one_line(out, reason ? reason : "not applicable", 0);
	} else if (!strcmp(verdict, "xfail") || !strcmp(verdict, "xpass")) {
		fputs(" # TODO ", out);
		fputs(!strcmp(verdict, "xfail") ? "expected failure: " : "unexpectedly passed: ",
		      out);
		one_line(out, reason ? reason : "", 0);
	}
	fputc('\n', out);
	if (!ok || !strcmp(verdict, "xfail")) {
		fputs("  ---\n", out);
		yaml_string(out, "  ", "verdict", verdict);
		if (reason)
			yaml_string(out, "  ", "reason", reason);
		const cJSON *checks = cJSON_GetObjectItemCaseSensitive(r, "checks");
		const cJSON *c;
		int shown = 0;
		cJSON_ArrayForEach (c, checks) {
			if (!cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(c, "ok")))
				continue;
			if (shown++ == 0)
				fputs("  failed:\n", out);
			if (shown > 10) {
				fputs("    - more: \"see results.json\"\n", out);
				break;
			}
			yaml_string(out, "    - ", "label", str(c, "label"));
			yaml_string(out, "      ", "where", str(c, "where"));
			if (str(c, "target"))
				yaml_string(out, "      ", "target", str(c, "target"));
			yaml_json(out, "      ", "expected",
				  cJSON_GetObjectItemCaseSensitive(c, "expected"));
			yaml_json(out, "      ", "actual",
				  cJSON_GetObjectItemCaseSensitive(c, "actual"));
			const cJSON *diff = cJSON_GetObjectItemCaseSensitive(c, "diff");
			if (cJSON_GetArraySize(diff) > 0)
				yaml_json(out, "      ", "diff", diff);
		}
		fputs("  ...\n", out);
	}
	fflush(out);
}

void dlt_tap_comment(FILE *out, const char *text)
{
	fputs("# ", out);
	one_line(out, text, 0);
	fputc('\n', out);
	fflush(out);
}
