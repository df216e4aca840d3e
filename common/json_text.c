/*
 * json_text.c: JSON values as short or indented text for people, and removal of credentials
 * from URLs in text and trees (see json_text.h).
 */
#include "common/json_text.h"
#include "common/json_bytes.h"
#include "common/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *dlt_json_brief(const cJSON *v, size_t max, int bare)
{
	char *s, *out;
	size_t n;

	if (!v)
		s = dlt_xstrdup("(absent)");
	else if (bare && cJSON_IsString(v))
		s = dlt_xstrdup(v->valuestring ? v->valuestring : "");
	else if (!(s = cJSON_PrintUnformatted(v))) /* not for lack of memory: an invalid item */
		s = dlt_xstrdup("(not printable)");
	n = strlen(s);
	if (n <= max)
		return s;
	/* cut on a UTF-8 boundary */
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	out = dlt_xmalloc(max + 4);
	memcpy(out, s, max);
	memcpy(out + max, "...", 4);
	free(s);
	return out;
}

/* A string that is not UTF-8 (or a member name) in the forms of docs/results.md, "Byte
 * strings", so that no JSON the reports write is invalid. */
static int pretty_bytes(struct dlt_buf *b, const char *s, int as_key)
{
	cJSON *o;
	char *t;

	if (!s || dlt_utf8_valid(s, strlen(s)))
		return 0;
	o = dlt_json_from_bytes(s, strlen(s));
	if (as_key) {
		dlt_buf_printf(
			b, "\"" DLT_JSON_BYTES_KEY ":%s\"",
			cJSON_GetObjectItemCaseSensitive(o, DLT_JSON_BYTES_KEY)->valuestring);
	} else {
		t = cJSON_PrintUnformatted(o);
		dlt_buf_puts(b, t ? t : "null");
		cJSON_free(t);
	}
	cJSON_Delete(o);
	return 1;
}

static void pretty(struct dlt_buf *b, const cJSON *v, int depth)
{
	const cJSON *c;
	int first = 1, scalars = 1;

	if (cJSON_IsString(v) && pretty_bytes(b, v->valuestring, 0))
		return;
	if (!cJSON_IsArray(v) && !cJSON_IsObject(v)) {
		char *s = cJSON_PrintUnformatted(v);

		dlt_buf_puts(b, s ? s : "null");
		cJSON_free(s);
		return;
	}
	if (!v->child) {
		dlt_buf_puts(b, cJSON_IsArray(v) ? "[]" : "{}");
		return;
	}
	/* short arrays of scalars stay on one line */
	if (cJSON_IsArray(v)) {
		int n = 0;

		cJSON_ArrayForEach (c, v) {
			if (cJSON_IsArray(c) || cJSON_IsObject(c) ||
			    (cJSON_IsString(c) && strlen(c->valuestring) > 40))
				scalars = 0;
			n++;
		}
		if (scalars && n <= 8) {
			dlt_buf_puts(b, "[");
			cJSON_ArrayForEach (c, v) {
				if (!first)
					dlt_buf_puts(b, ", ");
				first = 0;
				pretty(b, c, depth + 1);
			}
			dlt_buf_puts(b, "]");
			return;
		}
	}
	dlt_buf_puts(b, cJSON_IsArray(v) ? "[\n" : "{\n");
	cJSON_ArrayForEach (c, v) {
		if (!first)
			dlt_buf_puts(b, ",\n");
		first = 0;
		dlt_buf_printf(b, "%*s", 2 * (depth + 1), "");
		if (cJSON_IsObject(v) && pretty_bytes(b, c->string, 1)) {
			dlt_buf_puts(b, ": ");
		} else if (cJSON_IsObject(v)) {
			cJSON key = { 0 };
			char *k;

			key.type = cJSON_String;
			key.valuestring = c->string;
			k = cJSON_PrintUnformatted(&key);
			dlt_buf_puts(b, k ? k : "\"\"");
			dlt_buf_puts(b, ": ");
			cJSON_free(k);
		}
		pretty(b, c, depth + 1);
	}
	dlt_buf_printf(b, "\n%*s%s", 2 * depth, "", cJSON_IsArray(v) ? "]" : "}");
}

void dlt_json_pretty(struct dlt_buf *b, const cJSON *v)
{
	pretty(b, v, 0);
	dlt_buf_puts(b, "\n");
}

static int authority_end(char c)
{
	return c == '\0' || c == '/' || c == '?' || c == '#' || c == ' ' || c == '\t' ||
	       c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '<' || c == '>' ||
	       c == '`' || c == ',' || c == ';' || c == ')' || c == ']';
}

void dlt_redact_userinfo(char *s)
{
	char *p = s;

	if (!s)
		return;
	while ((p = strstr(p, "://"))) {
		char *start = p + 3, *q = start, *at = NULL;

		while (!authority_end(*q)) {
			if (*q == '@')
				at = q;
			q++;
		}
		if (at)
			memmove(start, at + 1, strlen(at + 1) + 1);
		p = start;
	}
}

void dlt_redact_tree(cJSON *v)
{
	for (; v; v = v->next) {
		if (v->string)
			dlt_redact_userinfo(v->string);
		if (cJSON_IsString(v))
			dlt_redact_userinfo(v->valuestring);
		if (v->child)
			dlt_redact_tree(v->child);
	}
}
