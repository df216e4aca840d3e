/*
 * rbuf.c: growable text buffer and the escapers of the report renderers (see rbuf.h).
 * UTF-8 is decoded strictly (no overlongs, no surrogates); whatever is not valid becomes
 * U+FFFD so that XML parsers accept the output and readers still see that something was there.
 */
#include "rbuf.h"
#include "json_bytes.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void dlt_rbuf_init(struct dlt_rbuf *b)
{
	memset(b, 0, sizeof(*b));
}

void dlt_rbuf_free(struct dlt_rbuf *b)
{
	free(b->s);
	memset(b, 0, sizeof(*b));
}

const char *dlt_rbuf_str(const struct dlt_rbuf *b)
{
	return b->s ? b->s : "";
}

static int grow(struct dlt_rbuf *b, size_t need)
{
	size_t cap;
	char *ns;

	if (b->oom)
		return -1;
	if (b->len + need + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 1024;
	while (cap < b->len + need + 1)
		cap *= 2;
	ns = realloc(b->s, cap);
	if (!ns) {
		b->oom = 1;
		return -1;
	}
	b->s = ns;
	b->cap = cap;
	return 0;
}

void dlt_rbuf_addn(struct dlt_rbuf *b, const char *s, size_t n)
{
	if (!s || grow(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void dlt_rbuf_add(struct dlt_rbuf *b, const char *s)
{
	if (s)
		dlt_rbuf_addn(b, s, strlen(s));
}

void dlt_rbuf_printf(struct dlt_rbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Decode one UTF-8 sequence at s (n bytes available). Returns its length and sets *cp, or
 * returns 1 and sets *cp to -1 when the byte does not start a valid sequence. */
static size_t utf8_next(const unsigned char *s, size_t n, long *cp)
{
	long c;
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		*cp = -1;
		return 1;
	}
	if (n < len) {
		*cp = -1;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = -1;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff)) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return len;
}

static const char REPLACEMENT[] = "\xef\xbf\xbd";

void dlt_rbuf_xml_max(struct dlt_rbuf *b, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i = 0;

	if (!s)
		return;
	n = strlen(s);
	while (i < n) {
		long cp;
		size_t l;

		if (i >= max) {
			dlt_rbuf_add(b, "\xe2\x80\xa6");
			return;
		}
		l = utf8_next(p + i, n - i, &cp);
		if (cp < 0 || cp == 0xfffe || cp == 0xffff) {
			dlt_rbuf_add(b, REPLACEMENT);
		} else if (cp == '&') {
			dlt_rbuf_add(b, "&amp;");
		} else if (cp == '<') {
			dlt_rbuf_add(b, "&lt;");
		} else if (cp == '>') {
			dlt_rbuf_add(b, "&gt;");
		} else if (cp == '"') {
			dlt_rbuf_add(b, "&quot;");
		} else if (cp == '\'') {
			dlt_rbuf_add(b, "&#39;");
		} else if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7f && cp <= 0x9f)) {
			dlt_rbuf_printf(b, "\\x%02lx", cp);
		} else {
			dlt_rbuf_addn(b, s + i, l);
		}
		i += l;
	}
}

void dlt_rbuf_xml(struct dlt_rbuf *b, const char *s)
{
	dlt_rbuf_xml_max(b, s, (size_t)-1);
}

void dlt_rbuf_md(struct dlt_rbuf *b, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i = 0;

	if (!s)
		return;
	if (!max)
		max = (size_t)-1;
	n = strlen(s);
	while (i < n) {
		long cp;
		size_t l;

		if (i >= max) {
			dlt_rbuf_add(b, "\xe2\x80\xa6");
			return;
		}
		l = utf8_next(p + i, n - i, &cp);
		if (cp < 0) {
			dlt_rbuf_add(b, REPLACEMENT);
		} else if (cp == '&') {
			dlt_rbuf_add(b, "&amp;");
		} else if (cp == '<') {
			dlt_rbuf_add(b, "&lt;");
		} else if (cp == '>') {
			dlt_rbuf_add(b, "&gt;");
		} else if (cp == '\n' || cp == '\r' || cp == '\t') {
			dlt_rbuf_add(b, " ");
		} else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
			dlt_rbuf_printf(b, "\\\\x%02lx", cp);
		} else if (cp < 0x80 && strchr("\\`*_[]#!|~@", (int)cp)) {
			char e[3] = { '\\', (char)cp, 0 };

			dlt_rbuf_add(b, e);
		} else {
			dlt_rbuf_addn(b, s + i, l);
		}
		i += l;
	}
}

void dlt_rbuf_md_code(struct dlt_rbuf *b, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i = 0;

	if (!s)
		return;
	if (!max)
		max = (size_t)-1;
	n = strlen(s);
	while (i < n) {
		long cp;
		size_t l;

		if (i >= max) {
			dlt_rbuf_add(b, "...");
			return;
		}
		l = utf8_next(p + i, n - i, &cp);
		if (cp < 0)
			dlt_rbuf_add(b, REPLACEMENT);
		else if (cp == '`')
			dlt_rbuf_add(b, "'");
		else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			dlt_rbuf_add(b, " ");
		else
			dlt_rbuf_addn(b, s + i, l);
		i += l;
	}
}

int dlt_rbuf_write(const struct dlt_rbuf *b, const char *path, char *err, size_t errlen)
{
	char *tmp;
	FILE *f;
	size_t n;

	if (b->oom) {
		snprintf(err, errlen, "%s: out of memory while rendering", path ? path : "-");
		return -1;
	}
	if (!path || !strcmp(path, "-")) {
		if (fwrite(dlt_rbuf_str(b), 1, b->len, stdout) != b->len || fflush(stdout)) {
			snprintf(err, errlen, "stdout: write error: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	n = strlen(path) + 32;
	if (!(tmp = malloc(n))) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
	f = fopen(tmp, "wb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot write: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fwrite(dlt_rbuf_str(b), 1, b->len, f) != b->len || fclose(f)) {
		snprintf(err, errlen, "%s: write error: %s", tmp, strerror(errno));
		remove(tmp);
		free(tmp);
		return -1;
	}
	if (rename(tmp, path)) {
		snprintf(err, errlen, "%s: cannot rename to %s: %s", tmp, path, strerror(errno));
		remove(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

char *dlt_json_brief(const cJSON *v, size_t max, int bare)
{
	char *s, *out;
	size_t n;

	if (!v)
		s = strdup("(absent)");
	else if (bare && cJSON_IsString(v))
		s = strdup(v->valuestring ? v->valuestring : "");
	else
		s = cJSON_PrintUnformatted(v);
	if (!s)
		return NULL;
	n = strlen(s);
	if (n <= max)
		return s;
	/* cut on a UTF-8 boundary */
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	out = malloc(max + 4);
	if (out) {
		memcpy(out, s, max);
		memcpy(out + max, "...", 4);
	}
	free(s);
	return out;
}

/* A string that is not UTF-8 (or a member name) in the forms of docs/results.md, "Byte
 * strings", so that no JSON the reports write is invalid. */
static int pretty_bytes(struct dlt_rbuf *b, const char *s, int as_key)
{
	cJSON *o;
	char *t;

	if (!s || dlt_utf8_valid(s, strlen(s)))
		return 0;
	o = dlt_json_from_bytes(s, strlen(s));
	if (as_key) {
		dlt_rbuf_printf(b, "\"" DLT_JSON_BYTES_KEY ":%s\"",
				cJSON_GetObjectItemCaseSensitive(o, DLT_JSON_BYTES_KEY)->valuestring);
	} else {
		t = cJSON_PrintUnformatted(o);
		dlt_rbuf_add(b, t ? t : "null");
		cJSON_free(t);
	}
	cJSON_Delete(o);
	return 1;
}

static void pretty(struct dlt_rbuf *b, const cJSON *v, int depth)
{
	const cJSON *c;
	int first = 1, scalars = 1;

	if (cJSON_IsString(v) && pretty_bytes(b, v->valuestring, 0))
		return;
	if (!cJSON_IsArray(v) && !cJSON_IsObject(v)) {
		char *s = cJSON_PrintUnformatted(v);

		dlt_rbuf_add(b, s ? s : "null");
		cJSON_free(s);
		return;
	}
	if (!v->child) {
		dlt_rbuf_add(b, cJSON_IsArray(v) ? "[]" : "{}");
		return;
	}
	/* short arrays of scalars stay on one line */
	if (cJSON_IsArray(v)) {
		int n = 0;

		cJSON_ArrayForEach(c, v) {
			if (cJSON_IsArray(c) || cJSON_IsObject(c) ||
			    (cJSON_IsString(c) && strlen(c->valuestring) > 40))
				scalars = 0;
			n++;
		}
		if (scalars && n <= 8) {
			dlt_rbuf_add(b, "[");
			cJSON_ArrayForEach(c, v) {
				if (!first)
					dlt_rbuf_add(b, ", ");
				first = 0;
				pretty(b, c, depth + 1);
			}
			dlt_rbuf_add(b, "]");
			return;
		}
	}
	dlt_rbuf_add(b, cJSON_IsArray(v) ? "[\n" : "{\n");
	cJSON_ArrayForEach(c, v) {
		if (!first)
			dlt_rbuf_add(b, ",\n");
		first = 0;
		dlt_rbuf_printf(b, "%*s", 2 * (depth + 1), "");
		if (cJSON_IsObject(v) && pretty_bytes(b, c->string, 1)) {
			dlt_rbuf_add(b, ": ");
		} else if (cJSON_IsObject(v)) {
			cJSON key = { 0 };
			char *k;

			key.type = cJSON_String;
			key.valuestring = c->string;
			k = cJSON_PrintUnformatted(&key);
			dlt_rbuf_add(b, k ? k : "\"\"");
			dlt_rbuf_add(b, ": ");
			cJSON_free(k);
		}
		pretty(b, c, depth + 1);
	}
	dlt_rbuf_printf(b, "\n%*s%s", 2 * depth, "", cJSON_IsArray(v) ? "]" : "}");
}

void dlt_json_pretty(struct dlt_rbuf *b, const cJSON *v)
{
	pretty(b, v, 0);
	dlt_rbuf_add(b, "\n");
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
