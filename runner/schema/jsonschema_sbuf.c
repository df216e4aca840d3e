/*
 * jsonschema_sbuf.c: the validator's growable text buffer (jsonschema_sbuf.h).
 */
#include "jsonschema_sbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dlt_schema_sb_putn(struct dlt_schema_sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t ncap = b->cap ? b->cap : 64;
		while (ncap < b->len + n + 1)
			ncap *= 2;
		char *np = realloc(b->p, ncap);
		if (!np) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = ncap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void dlt_schema_sb_puts(struct dlt_schema_sbuf *b, const char *s)
{
	dlt_schema_sb_putn(b, s, strlen(s));
}

void dlt_schema_sb_printf(struct dlt_schema_sbuf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof tmp) {
		dlt_schema_sb_putn(b, tmp, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (!big) {
		b->oom = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	dlt_schema_sb_putn(b, big, (size_t)n);
	free(big);
}

char *dlt_schema_sb_take(struct dlt_schema_sbuf *b)
{
	if (b->oom) {
		free(b->p);
		return NULL;
	}
	if (!b->p)
		return strdup("");
	return b->p;
}

/* Append a JSON value, compact, cut to about max bytes. */
void dlt_schema_sb_json(struct dlt_schema_sbuf *b, const cJSON *v, size_t max)
{
	char *s = cJSON_PrintUnformatted(v);
	if (!s) {
		dlt_schema_sb_puts(b, "?");
		return;
	}
	size_t n = strlen(s);
	if (n > max) {
		/* do not cut inside a UTF-8 sequence */
		while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
			max--;
		dlt_schema_sb_putn(b, s, max);
		dlt_schema_sb_puts(b, "...");
	} else {
		dlt_schema_sb_putn(b, s, n);
	}
	free(s);
}

void dlt_schema_sb_json_string(struct dlt_schema_sbuf *b, const char *str, size_t max)
{
	cJSON tmp;
	memset(&tmp, 0, sizeof tmp);
	tmp.type = cJSON_String;
	tmp.valuestring = (char *)str;
	dlt_schema_sb_json(b, &tmp, max);
}
